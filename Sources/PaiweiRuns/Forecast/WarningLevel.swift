import PaiweiCore
/// The level of a seat-shortage warning (学位预警) for a school or zone in one year.
public enum WarningLevel: String, Sendable, CaseIterable, Comparable {
    /// Demand below the yellow threshold.
    case green
    /// 学位紧张: demand from the yellow threshold (90% of seats by default).
    case yellow
    /// 学位不足: demand reaching the red threshold (100% of seats by default).
    case red

    var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: WarningLevel, b: WarningLevel) -> Bool { a.rank < b.rank }

    public var chinese: String {
        switch self {
        case .green: "绿色"
        case .yellow: "黄色预警"
        case .red: "红色预警"
        }
    }
}

/// Where yellow and red begin, as shares of the seats: by default the Zhejiang standard, red when
/// demand reaches 100% of the seats and yellow from 90%.
///
/// Kept in basis points (1/10 000) so that a level is decided by exact integer arithmetic: a school
/// exactly at its threshold is at it on every machine.
public struct WarningThresholds: Sendable, Equatable, CustomStringConvertible {
    /// In basis points of the seats: 9000 is 90%.
    public let yellow: Int
    public let red: Int

    public static let zhejiang = WarningThresholds(uncheckedYellow: 9000, red: 10000)

    init(uncheckedYellow yellow: Int, red: Int) {
        self.yellow = yellow
        self.red = red
    }

    /// Parses `yellow=0.9,red=1.0` (shares of the seats, at most four decimals, or percentages such as
    /// `yellow=85%`); a level not named keeps its default. Needs 0 < yellow ≤ red.
    public init(parsing text: String) throws(ThresholdError) {
        var yellow = Self.zhejiang.yellow, red = Self.zhejiang.red
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
            guard parts.count == 2 else { throw ThresholdError(Message("'\(item)' is not level=share (e.g. yellow=0.9)", "“\(item)”不是 等级=比例 的形式（例如 yellow=0.9）")) }
            guard let value = Self.basisPoints(parts[1]) else {
                throw ThresholdError(Message("'\(parts[1])' is not a share of the seats (write e.g. 0.9 or 90%)", "“\(parts[1])”不是占学位的比例（请写 0.9 或 90% 等）"))
            }
            switch parts[0] {
            case "yellow": yellow = value
            case "red": red = value
            default: throw ThresholdError(Message("unknown level '\(parts[0])' (yellow or red)", "未知的预警等级“\(parts[0])”（yellow 或 red）"))
            }
        }
        guard yellow > 0 else { throw ThresholdError(Message("the yellow threshold must be above 0", "黄色预警阈值必须大于 0")) }
        guard yellow <= red else {
            throw ThresholdError(Message("the yellow threshold (\(Self.share(yellow))) must not be above the red one (\(Self.share(red)))",
                                         "黄色预警阈值（\(Self.share(yellow))）不能高于红色预警阈值（\(Self.share(red))）"))
        }
        self.yellow = yellow
        self.red = red
    }

    /// `0.9` → 9000, `90%` → 9000; nil for anything else or more precision than a basis point.
    static func basisPoints(_ text: String) -> Int? {
        var digits = text
        var scale = 4   // decimals of a share that make basis points
        if digits.hasSuffix("%") {
            digits.removeLast()
            scale = 2
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              !parts[0].isEmpty || (parts.count == 2 && !parts[1].isEmpty) else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= scale, parts[0].count <= 6 else { return nil }
        let whole = Int(parts[0]) ?? 0
        let padded = fraction + String(repeating: "0", count: scale - fraction.count)
        var multiplier = 1
        for _ in 0..<scale { multiplier *= 10 }
        return whole * multiplier + (Int(padded) ?? 0)
    }

    /// Basis points as a share: 9000 → `0.9`, 10000 → `1`.
    static func share(_ basisPoints: Int) -> String {
        let whole = basisPoints / 10000
        var fraction = String(basisPoints % 10000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    }

    /// Basis points as a percentage: 9000 → `90%`, 8750 → `87.5%`.
    package static func percent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100
        var fraction = String(basisPoints % 100)
        fraction = String(repeating: "0", count: 2 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)%" : "\(whole).\(fraction)%"
    }

    /// The level of `demand` against `seats`, both summed over the same replications. No seats and some
    /// demand is red; no seats and no demand is green.
    public func level(demand: Int, seats: Int) -> WarningLevel {
        if seats <= 0 { return demand > 0 ? .red : .green }
        if demand * 10000 >= red * seats { return .red }
        if demand * 10000 >= yellow * seats { return .yellow }
        return .green
    }

    /// `yellow=0.9,red=1`: the form `--thresholds` takes.
    public var description: String { "yellow=\(Self.share(yellow)),red=\(Self.share(red))" }
}

public struct ThresholdError: BilingualError, CustomStringConvertible {
    public let message: Message
    init(_ message: Message) { self.message = message }
    public var description: String { message.english }
}
