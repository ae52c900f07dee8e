import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei lottery-number`: one student's number in one lottery, from the published seed alone.
enum LotteryNumberCommand {
    static let help = Message("""
    Usage: paiwei lottery-number --seed HEX --label LABEL --student ID [--family F]

    Computes the student's number in the lottery LABEL (as written in placements.csv, e.g.
    'multi-zone/Z03' or 'private/M017') from the published seed, without the dataset. Twins and
    other siblings entering in the same year draw as their family: give --family with the family_id.
    Smaller numbers come first; compare yours with the cutoff in schools.csv.
    """, """
    用法：paiwei lottery-number --seed HEX --label LABEL --student ID [--family F]

    不需要数据，仅由公布的随机种子计算该学生在摇号标签为 LABEL 的摇号（写法与 placements.csv 相同，例如
    'multi-zone/Z03' 或 'private/M017'）中的随机号。双胞胎等同批次入学的兄弟姐妹以家庭为单位
    摇号：请用 --family 给出 family_id（家庭编号）。
    随机号小的排在前面；请与 schools.csv 中的录取线比较。
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["seed", "label", "student", "family"])
        let hex = try arguments.required("seed")
        guard let seed = LotterySeed(hex: hex) else { throw UsageError(.seedDigits(hex)) }
        let label = try arguments.required("label")
        let student = try arguments.required("student")
        let family = try arguments.value("family") ?? ""
        Console.out(verbatim: formatLotteryNumber(lotteryNumber(seed: seed, label: label, studentID: student, familyID: family)))
        return .ok
    }
}
