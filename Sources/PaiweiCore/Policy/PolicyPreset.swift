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
