import Foundation
import PaiweiCore

/// `commitment.json` (SPEC §4, revision of 2026-12-01): what a bureau publishes before the ceremony —
/// on its website, in the notary's file — so that nobody can change a student's data after seeing the seed.
///
/// It holds the policy in full (`policy_text`: the bytes of the policy file, or what `paiwei policy show`
/// prints for a preset), its SHA-256, the name and SHA-256 of every dataset file a placement reads, and
/// the ``Commitment`` digest over them, which the ceremony's seed v2 depends on.
///
/// ```json
/// {
///   "format": "paiwei-commitment-v1",
///   "commitment": "…64 hex…",
///   "policy_sha256": "…",
///   "files": [{"name": "schools.csv", "sha256": "…"}, …],
///   "policy_text": "{\n  \"name\": …"
/// }
/// ```
public struct CommitmentFile: Sendable, Equatable {
    public static let fileName = "commitment.json"

    /// The policy exactly as committed.
    public let policyText: String
    public let commitment: Commitment
    /// The file's bytes: as `paiwei commit` writes them, or as read (copied into a placement's folder).
    public let bytes: [UInt8]

    /// The commitment to `policyText` and the raw bytes of the dataset files `files` (name → bytes).
    public init(policyText: String, files: [String: [UInt8]]) {
        self.policyText = policyText
        commitment = Commitment(policyText: Array(policyText.utf8), files: files)
        bytes = Array(Self.json(policyText: policyText, commitment: commitment).rendered().utf8)
    }

    private init(policyText: String, commitment: Commitment, bytes: [UInt8]) {
        self.policyText = policyText
        self.commitment = commitment
        self.bytes = bytes
    }

    /// The commitment digest, 64 lowercase hex digits.
    public var digest: String { commitment.digest }

    static func json(policyText: String, commitment: Commitment) -> JSONValue {
        .object([
            ("format", .string(Commitment.version)),
            ("commitment", .string(commitment.digest)),
            ("policy_sha256", .string(commitment.policySHA256)),
            ("files", .array(commitment.files.map { .object([("name", .string($0.name)), ("sha256", .string($0.sha256))]) })),
            ("policy_text", .string(policyText)),
        ])
    }
}

// MARK: Making and reading

extension CommitmentFile {
    /// What `paiwei commit` writes: the dataset in `data` and the policy `policy` (a preset name or a
    /// file), read and checked exactly as `place` would, so that nobody commits to data that cannot be placed.
    /// - Throws: ``InputProblems`` with every problem of the files and of the policy at once.
    public static func make(data: URL, policy: String, workers: Int = 1) throws(InputProblems) -> CommitmentFile {
        var fileProblems = ProblemList()
        let files = Dataset.readFiles(from: data, problems: &fileProblems)
        let reading = Policy.text(named: policy)
        guard let text = reading.text else {
            throw InputProblems((fileProblems.problems + reading.problems).sorted())
        }
        let inputs = try PlacementInputs.check(files: files, fileProblems: fileProblems.problems, policy: Policy.read(text, file: policy))
        // What only the prepared instance finds (the policy's own rules) is refused here too.
        _ = try PlacementInstance(dataset: inputs.dataset, policy: inputs.policy, workers: workers)
        return CommitmentFile(policyText: text, files: inputs.files)
    }

    /// Reads a commitment file and checks what it says of itself: `policy_sha256` is the SHA-256 of
    /// `policy_text`, and `commitment` is the digest of the policy and file digests.
    /// - Parameter file: the name problems are located by (the path given on the command line).
    /// - Throws: ``InputProblems``, each as `file:line: field: what is wrong`, all at once.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputProblems) -> CommitmentFile {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputProblems([InputProblem(file: file, line: nil, column: "", message: Message("is not UTF-8 text", "不是 UTF-8 文本"))])
        }
        let document = try ParsedJSON.parse(text, file: file)
        var problems = ProblemList()
        func string(_ field: String) -> (String, line: Int)? {
            guard let value = document[field] else {
                problems.add(file, document.line, field, Message("missing", "缺少此项"))
                return nil
            }
            guard let s = value.stringValue else {
                problems.add(file, value.line, field, Message("must be a string", "必须是字符串"))
                return nil
            }
            return (s, value.line)
        }
        func digest(_ field: String) -> (String, line: Int)? {
            guard let (s, line) = string(field) else { return nil }
            guard Commitment.isDigest(s) else {
                problems.add(file, line, field, Message("'\(s)' is not 64 lowercase hexadecimal digits", "“\(s)”不是 64 位小写十六进制数字"))
                return nil
            }
            return (s, line)
        }
        if let format = string("format"), format.0 != Commitment.version {
            problems.add(file, format.line, "format", Message("is '\(format.0)'; this version of Paiwei reads '\(Commitment.version)'",
                                                              "为“\(format.0)”；本版本的 Paiwei 只读取“\(Commitment.version)”"))
        }
        let policyText = string("policy_text")
        let policyDigest = digest("policy_sha256")
        let recorded = digest("commitment")
        var files: [Commitment.File] = []
        var complete = true
        if let list = document["files"] {
            if case .array(let items, _) = list, !items.isEmpty {
                for (n, item) in items.enumerated() {
                    let field = "files[\(n)]"
                    guard let name = item["name"]?.stringValue, Commitment.isFileName(name) else {
                        problems.add(file, item.line, field + ".name", Message("missing, or not a file name (no spaces or control characters)",
                                                                              "缺少此项，或不是文件名（不得含空格或控制字符）"))
                        complete = false
                        continue
                    }
                    guard let sha = item["sha256"]?.stringValue, Commitment.isDigest(sha) else {
                        problems.add(file, item.line, field + ".sha256", Message("missing, or not 64 lowercase hexadecimal digits", "缺少此项，或不是 64 位小写十六进制数字"))
                        complete = false
                        continue
                    }
                    if files.contains(where: { $0.name.utf8.elementsEqual(name.utf8) }) {
                        problems.add(file, item.line, field + ".name", Message("'\(name)' is listed twice", "“\(name)”重复列出"))
                        complete = false
                    }
                    files.append(Commitment.File(name: name, sha256: sha))
                }
            } else {
                problems.add(file, list.line, "files", Message("must be a non-empty list of {\"name\", \"sha256\"}", "必须是非空的 {\"name\", \"sha256\"} 列表"))
                complete = false
            }
        } else {
            problems.add(file, document.line, "files", Message("missing", "缺少此项"))
            complete = false
        }
        if let (text, _) = policyText, let (sha, line) = policyDigest {
            let actual = SHA256.hash(Array(text.utf8)).hexString
            if actual != sha {
                problems.add(file, line, "policy_sha256", Message("is not the SHA-256 of policy_text, which is \(actual)",
                                                                  "不是 policy_text 的 SHA-256（应为 \(actual)）"))
            }
        }
        if let policyDigest, let (sha, line) = recorded, complete {
            let actual = Commitment(policySHA256: policyDigest.0, files: files).digest
            if actual != sha {
                problems.add(file, line, "commitment", Message("is not the digest of policy_sha256 and the files, which is \(actual)",
                                                               "不是 policy_sha256 与各文件摘要的承诺值（应为 \(actual)）"))
            }
        }
        try problems.throwIfAny()
        return CommitmentFile(policyText: policyText!.0, commitment: Commitment(policySHA256: policyDigest!.0, files: files), bytes: bytes)
    }

    /// Reads and checks the commitment file at `path`.
    /// - Throws: ``InputProblems`` when it is missing, unreadable or does not hold together.
    public static func read(path: String) throws(InputProblems) -> CommitmentFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputProblems([InputProblem(file: path, line: nil, column: "", message: Message("cannot be read: no such file", "无法读取：文件不存在"))])
        }
        return try parse(Array(data), file: path)
    }
}

// MARK: Holding the data to it

extension CommitmentFile {
    /// What differs between the committed files and the dataset files `files` (name → bytes): one problem
    /// per file changed, missing or not committed, each naming the file as the dataset's other problems do
    /// (SPEC §4: `place --commitment` refuses, naming each file that differs).
    public func problems(files: [String: [UInt8]]) -> [InputProblem] {
        var problems = ProblemList()
        for committed in commitment.files {
            guard let bytes = files[committed.name] else {
                problems.add(committed.name, nil, "", Message("is committed in \(Self.fileName) but missing from the dataset",
                                                                     "已登记在 \(Self.fileName) 中，但数据文件夹中没有此文件"))
                continue
            }
            let actual = SHA256.hash(bytes).hexString
            if actual != committed.sha256 {
                problems.add(committed.name, nil, "", Message(
                    "differs from the committed file: its SHA-256 is \(actual), \(Self.fileName) says \(committed.sha256)",
                    "与承诺时的文件不一致：其 SHA-256 为 \(actual)，\(Self.fileName) 登记的是 \(committed.sha256)"))
            }
        }
        for name in files.keys.sorted(by: utf8Less) where !commitment.files.contains(where: { $0.name.utf8.elementsEqual(name.utf8) }) {
            problems.add(name, nil, "", Message("is in the dataset but not in \(Self.fileName): it was not committed",
                                                      "在数据文件夹中，但未登记在 \(Self.fileName) 中（未经承诺）"))
        }
        return problems.problems.sorted()
    }
}
