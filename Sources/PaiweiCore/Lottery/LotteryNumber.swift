/// A student's side of the lottery: the Philox counter derived from who they are (SPEC §4).
///
/// Twins and other siblings of one cohort share a `family_id`, hence one counter and one
/// number in every lottery; ties between them fall to `student_id`.
public struct StudentCounter: Sendable, Hashable {
    public let h0: UInt32
    public let h1: UInt32

    /// `SHA-256(UTF-8(d))` with `d` = `family:<family_id>` when the family id is not empty, else the student id.
    public init(studentID: String, familyID: String = "") {
        // Hashed in place, without building the string or a digest array: one per student when preparing.
        let digest: SHA256.Digest
        if familyID.isEmpty {
            digest = SHA256.digest(studentID)
        } else {
            var hasher = SHA256()
            hasher.update("family:".utf8)
            hasher.update(familyID.utf8)
            digest = hasher.finalizeDigest()
        }
        h0 = digest.littleEndianWord(0)
        h1 = digest.littleEndianWord(1)
    }

    /// The student's number in the lottery whose key is `key`: `r1 · 2³² + r0` of `Philox4x32-10((h0, h1, 0, 0), key)`.
    /// Smaller is better.
    @inlinable
    public func number(key: Philox4x32.Key) -> UInt64 {
        let r = Philox4x32.block(counter: (h0, h1, 0, 0), key: key)
        return UInt64(r.1) << 32 | UInt64(r.0)
    }
}

/// One student's number in one labelled lottery, computed without any dataset
/// (what a family or a journalist does to check a published result).
public func lotteryNumber(seed: LotterySeed, label: String, studentID: String, familyID: String = "") -> UInt64 {
    StudentCounter(studentID: studentID, familyID: familyID).number(key: seed.key(label: label))
}

/// 16 lowercase hex digits, as published in `placements.csv`.
public func formatLotteryNumber(_ number: UInt64) -> String {
    var bytes: [UInt8] = []
    appendLotteryNumber(number, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends the 16 lowercase hex digits of `number` (what ``formatLotteryNumber(_:)`` returns) to `bytes`.
package func appendLotteryNumber(_ number: UInt64, to bytes: inout [UInt8]) {
    let digits: StaticString = "0123456789abcdef"
    for shift in stride(from: 60, through: 0, by: -4) {
        bytes.append(digits.utf8Start[Int(number >> UInt64(shift) & 0xF)])
    }
}
