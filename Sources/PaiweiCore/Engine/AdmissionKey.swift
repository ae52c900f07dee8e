/// A student's place in a school's deciding order (SPEC §3): round (immediate acceptance only),
/// then priority tier, then lottery number, then `student_id` by UTF-8 bytes (the student's index,
/// since students are sorted by id). Smaller comes first.
public struct AdmissionKey: Sendable, Hashable, Comparable {
    /// 0-based round of immediate acceptance in which the student applied; 0 elsewhere.
    public var round: Int32
    /// 0-based index of the first priority rule met; the number of rules when none is.
    public var tier: Int32
    public var number: UInt64
    public var student: Int32

    public init(round: Int32 = 0, tier: Int32, number: UInt64, student: Int32) {
        self.round = round
        self.tier = tier
        self.number = number
        self.student = student
    }

    @inline(__always)
    public static func < (a: AdmissionKey, b: AdmissionKey) -> Bool {
        if a.round != b.round { return a.round < b.round }
        if a.tier != b.tier { return a.tier < b.tier }
        if a.number != b.number { return a.number < b.number }
        return a.student < b.student
    }

    /// The key as one integer that orders like it: round and tier in 16 bits each (far more than any policy
    /// has), then the number, then the student.
    @inline(__always)
    package var packed: UInt128 {
        UInt128(UInt16(truncatingIfNeeded: round)) << 112 | UInt128(UInt16(truncatingIfNeeded: tier)) << 96
            | UInt128(number) << 32 | UInt128(UInt32(bitPattern: student))
    }
}
