/// What a bureau publishes before the draw (SPEC §4, revision of 2026-12-01): the digest of the policy
/// and of every dataset file a placement reads, bound together in one digest, the *commitment*.
///
/// A ceremony bound to it derives its seed from the commitment and the contributions (seed v2,
/// ``LotterySeed/init(ceremony:commitment:)``): nobody can know the seed before the data are fixed, and
/// no input byte can change after the draw without changing the commitment, hence the seed and every number.
///
///     commitment = SHA-256( "paiwei-commitment-v1" LF
///                           "policy " policy_sha256 LF
///                           name SP sha256 LF   … for each file, in UTF-8 byte order of names )
///
/// every digest as 64 lowercase hexadecimal digits. The file format, `commitment.json`, with the policy
/// text in full, is `CommitmentFile` (PaiweiRuns).
///
/// - Complexity: O(*f*) for *f* files, plus the hashing of the files' bytes when built from them.
public struct Commitment: Sendable, Equatable {
    /// One committed file: its name in the dataset folder and the SHA-256 of its raw bytes.
    public struct File: Sendable, Equatable {
        public var name: String
        public var sha256: String

        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }
    }

    /// The first line of the committed text: the version of this format.
    public static let version = "paiwei-commitment-v1"

    /// SHA-256 (64 lowercase hex digits) of the policy text exactly as used.
    public let policySHA256: String
    /// Every committed file, in UTF-8 byte order of names.
    public let files: [File]

    /// - Parameter files: in any order; they are kept in UTF-8 byte order of names.
    public init(policySHA256: String, files: [File]) {
        self.policySHA256 = policySHA256
        self.files = files.sorted { utf8Less($0.name, $1.name) }
    }

    /// The commitment to `policyText` (the bytes of the policy file, or what `paiwei policy show` prints
    /// for a preset) and to the raw bytes of each dataset file.
    public init(policyText: [UInt8], files: [String: [UInt8]]) {
        self.init(policySHA256: SHA256.hash(policyText).hexString,
                  files: files.map { File(name: $0.key, sha256: SHA256.hash($0.value).hexString) })
    }

    /// The text whose SHA-256 is the commitment.
    public var committedText: String {
        var text = Self.version + "\npolicy " + policySHA256 + "\n"
        for file in files {
            text += file.name + " " + file.sha256 + "\n"
        }
        return text
    }

    /// The commitment: SHA-256 of ``committedText``, 64 lowercase hex digits.
    public var digest: String {
        SHA256.hash(committedText).hexString
    }

    /// Whether `text` is a digest as the commitment writes it: 64 lowercase hexadecimal digits.
    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// Whether `name` can stand in the committed text: not empty, no space, no control character.
    public static func isFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
    }
}
