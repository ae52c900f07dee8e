import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei lottery-number`: one student's number in one lottery, from the published seed alone.
enum LotteryNumberCommand {
    static let help = """
    Usage: paiwei lottery-number --seed HEX --label LABEL --student ID [--family F]

    Computes the student's number in the lottery LABEL (as written in placements.csv, e.g.
    'multi-zone/Z03' or 'private/M017') from the published seed, without the dataset. Twins and
    other siblings of one cohort draw as their family: give --family with the family_id.
    Smaller numbers come first; compare yours with the cutoff in schools.csv.
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["seed", "label", "student", "family"])
        let hex = try arguments.required("seed")
        guard let seed = LotterySeed(hex: hex) else { throw UsageError("--seed must be 64 hexadecimal digits") }
        let label = try arguments.required("label")
        let student = try arguments.required("student")
        let family = try arguments.value("family") ?? ""
        Console.out(formatLotteryNumber(lotteryNumber(seed: seed, label: label, studentID: student, familyID: family)))
        return .ok
    }
}
