/// A student's place in a school's deciding order (SPEC §3): round (immediate acceptance and the parallel
/// mechanism only), then priority tier, then points, more first (stages with `order: points_then_lottery`
/// only), then lottery number, then `student_id` by UTF-8 bytes (the student's index, since students are
/// sorted by id). Smaller comes first.
public struct AdmissionKey: Sendable, Hashable, Comparable {
    // Stored with the number first, so that the four 32-bit fields pack behind it: 24 bytes, not the 32
    // that declaration order gives (the key is in every application a replication makes and checks).
    public var number: UInt64
    /// 0-based round of immediate acceptance in which the student applied; 0 elsewhere.
    public var round: Int32
    /// 0-based index of the first priority rule met; the number of rules when none is.
    public var tier: Int32
    /// The student's points in hundredths where the stage orders by points; 0 elsewhere, so that a
    /// lottery stage's keys compare as they always have.
    public var points: UInt32
    public var student: Int32

    public init(round: Int32 = 0, tier: Int32, points: UInt32 = 0, number: UInt64, student: Int32) {
        self.round = round
        self.tier = tier
        self.points = points
        self.number = number
        self.student = student
    }

    @inline(__always)
    public static func < (a: AdmissionKey, b: AdmissionKey) -> Bool {
        if a.round != b.round { return a.round < b.round }
        if a.tier != b.tier { return a.tier < b.tier }
        if a.points != b.points { return a.points > b.points }
        if a.number != b.number { return a.number < b.number }
        return a.student < b.student
    }

    /// The key as one integer that orders like it: round and tier in 16 bits each (far more than any policy
    /// has), then the number, then the student. Points do not fit: this orders like the key only where
    /// points are 0 (stages ordering by lottery); a stage ordering by points compares whole keys.
    @inline(__always)
    package var packed: UInt128 {
        assert(points == 0, "a packed key cannot hold points")
        return UInt128(UInt16(truncatingIfNeeded: round)) << 112 | UInt128(UInt16(truncatingIfNeeded: tier)) << 96
            | UInt128(number) << 32 | UInt128(UInt32(bitPattern: student))
    }
}
