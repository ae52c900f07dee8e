/// The 32-byte seed every lottery of a run derives from (SPEC §4).
///
/// Written as 64 hexadecimal digits; or derived in a public ceremony from contributions
/// (numbers drawn by parents' representatives, say), so nobody chooses it alone.
public struct LotterySeed: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 hex digits; nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = bytesFromHex(hex) else { return nil }
        self.bytes = bytes
    }

    /// Seed v1: `SHA-256("paiwei-seed-v1" ‖ 0x0A ‖ c1 ‖ 0x0A ‖ c2 ‖ …)`.
    /// - Throws: ``CeremonyError`` when there is no contribution, or one is empty or holds a line break.
    public init(ceremony contributions: [String]) throws(CeremonyError) {
        self.bytes = try Self.ceremonyDigest(["paiwei-seed-v1"], contributions)
    }

    /// Seed v2, bound to a commitment (SPEC §4):
    /// `SHA-256("paiwei-seed-v2" ‖ 0x0A ‖ commitment as 64 lowercase hex ‖ 0x0A ‖ c1 ‖ 0x0A ‖ c2 ‖ …)`.
    /// Nobody can know it before the data are fixed, and it changes with any committed byte.
    /// - Throws: ``CeremonyError`` when the commitment is not 64 lowercase hex digits, or the contributions
    ///   are not usable (as for seed v1).
    public init(ceremony contributions: [String], commitment: String) throws(CeremonyError) {
        guard Commitment.isDigest(commitment) else { throw .commitment(commitment) }
        self.bytes = try Self.ceremonyDigest(["paiwei-seed-v2", commitment], contributions)
    }

    /// SHA-256 of the lines `head` then each contribution, joined by line feeds.
    private static func ceremonyDigest(_ head: [String], _ contributions: [String]) throws(CeremonyError) -> [UInt8] {
        guard !contributions.isEmpty else { throw .noContribution }
        var message = Array(head.joined(separator: "\n").utf8)
        for (index, contribution) in contributions.enumerated() {
            if contribution.isEmpty { throw .emptyContribution(index: index + 1) }
            if contribution.contains(where: { $0.isNewline }) { throw .lineBreak(index: index + 1) }
            message.append(0x0A)
            message.append(contentsOf: contribution.utf8)
        }
        return SHA256.hash(message)
    }

    /// The seed of the `index`-th use of `tag`: `SHA-256(seed ‖ tag ‖ index as 8 bytes little-endian)` —
    /// the one way a seed gives others (replications, candidate runs, forecast years).
    public func derived(_ tag: String, _ index: UInt64) -> LotterySeed {
        var hasher = SHA256()
        hasher.update(bytes)
        hasher.update(tag.utf8)
        withUnsafeBytes(of: index.littleEndian) { hasher.update($0) }
        return LotterySeed(bytes: hasher.finalize())!
    }

    /// The seed of replication `r` of a simulation (SPEC §4): `derived("replication", r)`.
    public func replication(_ r: UInt64) -> LotterySeed {
        derived("replication", r)
    }

    /// The Philox key of the lottery with this label: the first two little-endian words of `SHA-256(seed ‖ label)`.
    public func key(label: String) -> Philox4x32.Key {
        var hasher = SHA256()
        hasher.update(bytes)
        hasher.update(label.utf8)
        let digest = hasher.finalizeDigest()
        return (digest.littleEndianWord(0), digest.littleEndianWord(1))
    }

    public var hex: String { bytes.hexString }
    public var description: String { hex }
}

public enum CeremonyError: BilingualError, Equatable, CustomStringConvertible {
    case noContribution
    case emptyContribution(index: Int)
    case lineBreak(index: Int)
    /// A seed v2 needs the commitment as 64 lowercase hex digits.
    case commitment(String)

    public var message: Message {
        switch self {
        case .noContribution:
            Message("a ceremony needs at least one contribution", "派位仪式至少需要一个公开输入")
        case .emptyContribution(let index):
            Message("ceremony contribution \(index) is empty", "第 \(index) 个公开输入为空")
        case .lineBreak(let index):
            Message("ceremony contribution \(index) holds a line break", "第 \(index) 个公开输入含有换行")
        case .commitment(let text):
            Message("the commitment '\(text)' is not 64 lowercase hexadecimal digits",
                    "承诺值“\(text)”不是 64 位小写十六进制数字")
        }
    }

    public var description: String { message.english }
}
