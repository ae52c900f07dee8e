/// The policies Paiwei ships, selectable by name, each written the way a user would write a policy file.
public enum PolicyPreset: String, Sendable, CaseIterable {
    case chaoyang2023Middle = "chaoyang-2023-middle"
    case chaoyang2023Primary = "chaoyang-2023-primary"
    case chaoyang2021Middle = "chaoyang-2021-middle"
    case chaoyang2021Primary = "chaoyang-2021-primary"
    case chaoyang2020Middle = "chaoyang-2020-middle"
    case chaoyang2020Primary = "chaoyang-2020-primary"
    case yanqing2023Middle = "yanqing-2023-middle"
    case yanqing2023Primary = "yanqing-2023-primary"
    case jilin2023Primary = "jilin-2023-primary"
    case jilin2023Middle = "jilin-2023-middle"

    /// One line for `paiwei policy list`.
    public var summary: String {
        switch self {
        case .chaoyang2023Middle:
            "Beijing Chaoyang 2023, primary to middle: private, boarding, group-one and group-two lotteries, nine-year feeders, zones, coordination"
        case .chaoyang2023Primary:
            "Beijing Chaoyang 2023, primary entry: age cutoff 2017-08-31, one seat per address for 6 years, late or rented homes to the area lottery"
        case .chaoyang2021Middle:
            "Beijing Chaoyang 2021, primary to middle: ① district-wide and ② general public middle schools as the two first-batch choices"
        case .chaoyang2021Primary:
            "Beijing Chaoyang 2021, primary entry: age cutoff 2015-08-31, one seat per address for 6 years, late or rented homes to the area lottery"
        case .chaoyang2020Middle:
            "Beijing Chaoyang 2020, primary to middle: as 2021, children of front-line medical workers first in their zone"
        case .chaoyang2020Primary:
            "Beijing Chaoyang 2020, primary entry: age cutoff 2014-08-31, children of front-line medical workers first in their zone"
        case .yanqing2023Middle:
            "Beijing Yanqing 2023, primary to middle: township graduates straight up, city zones, non-local students placed by the bureau"
        case .yanqing2023Primary:
            "Beijing Yanqing 2023, primary entry: zones, multi-school zones where seats are short, non-local children placed by the bureau"
        case .jilin2023Primary:
            "Jilin city 2023, primary entry: public or private, not both; homes registered after 2020-08-31 give no zone right; the rest coordinated"
        case .jilin2023Middle:
            "Jilin city 2023, primary to middle: public or private, not both; in-region first in the private lottery; the rest coordinated"
        }
    }

    public var policy: Policy {
        // The texts are fixed and tested; a failure here is a programming error.
        do {
            return try Policy.parse(source, file: "preset \(rawValue)")
        } catch {
            preconditionFailure("preset \(rawValue) does not parse: \(error)")
        }
    }

    /// The preset as JSON, in the form of SPEC §3 (defaults left implicit), as the district's document says it.
    /// docs/presets.md quotes the sentence behind each rule.
    public var source: String {
        switch self {
        case .chaoyang2023Middle: Self.chaoyang2023MiddleSource
        case .chaoyang2023Primary: Self.chaoyang2023PrimarySource
        case .chaoyang2021Middle: Self.chaoyang2021MiddleSource
        case .chaoyang2021Primary: Self.chaoyang2021PrimarySource
        case .chaoyang2020Middle: Self.chaoyang2020MiddleSource
        case .chaoyang2020Primary: Self.chaoyang2020PrimarySource
        case .yanqing2023Middle: Self.yanqing2023MiddleSource
        case .yanqing2023Primary: Self.yanqing2023PrimarySource
        case .jilin2023Primary: Self.jilin2023PrimarySource
        case .jilin2023Middle: Self.jilin2023MiddleSource
        }
    }
}

extension PolicyPreset {
    /// ``summary`` in Chinese, in the documents' words (docs/glossary.md).
    public var chineseSummary: String {
        switch self {
        case .chaoyang2023Middle:
            "北京市朝阳区 2023 年小升初：民办、寄宿、一批次第一组和第二组摇号、九年一贯对口直升、划片入学、统筹安排"
        case .chaoyang2023Primary:
            "北京市朝阳区 2023 年小学入学：2017-08-31 以前出生，同一地址 6 年内只占一个学位，晚登记或租住的家庭参加片区摇号"
        case .chaoyang2021Middle:
            "北京市朝阳区 2021 年小升初：一批次的两个志愿为 ① 全区范围公办初中和 ② 一般公办初中"
        case .chaoyang2021Primary:
            "北京市朝阳区 2021 年小学入学：2015-08-31 以前出生，同一地址 6 年内只占一个学位，晚登记或租住的家庭参加片区摇号"
        case .chaoyang2020Middle:
            "北京市朝阳区 2020 年小升初：同 2021 年，一线医务人员子女在本片区优先"
        case .chaoyang2020Primary:
            "北京市朝阳区 2020 年小学入学：2014-08-31 以前出生，一线医务人员子女在本片区优先"
        case .yanqing2023Middle:
            "北京市延庆区 2023 年小升初：乡镇小学毕业生对口直升，城区划片，非本市户籍学生由区教委统筹安排"
        case .yanqing2023Primary:
            "北京市延庆区 2023 年小学入学：划片入学，学位紧张处多校划片，非本市户籍儿童由区教委统筹安排"
        case .jilin2023Primary:
            "吉林市 2023 年小学入学：公办、民办不可兼报；2020-08-31 以后登记的住房不享有片区入学资格；其余统筹安排"
        case .jilin2023Middle:
            "吉林市 2023 年小升初：公办、民办不可兼报；民办摇号中本区域学生优先；其余统筹安排"
        }
    }
}
