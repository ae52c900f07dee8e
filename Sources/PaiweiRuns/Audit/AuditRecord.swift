import PaiweiCore
/// `audit.json`: everything needed to re-run a placement and to check that nothing was changed
/// (SPEC §5): the product version, the policy in full with its SHA-256, the SHA-256 of every input and
/// output file, and how the seed came about.
///
/// Every byte of it follows from the inputs, the policy and the seed draw, so `paiwei verify` can
/// rebuild it and compare byte for byte.
public struct AuditRecord: Sendable, Equatable {
    public var product: String
    public var version: String
    /// Input file name → SHA-256 (hex) and how its bytes were read (UTF-8, GB18030 or a workbook),
    /// in name order.
    public var inputs: [FileDigest]
    public var policy: Policy
    public var seedDraw: SeedDraw
    /// The commitment the inputs were held to and the seed (v2) is bound to (SPEC §4); nil without one.
    public var commitment: Commitment?
    /// Output file name → SHA-256 (hex), in the order written (audit.json itself excluded).
    public var outputs: [FileDigest]

    public static let fileName = "audit.json"
    /// Where copies of the input files are kept in an output folder.
    public static let inputsFolder = "inputs"

    public init(inputs: [FileDigest], policy: Policy, seedDraw: SeedDraw, commitment: Commitment? = nil, outputs: [FileDigest],
                product: String = Product.name, version: String = Product.version) {
        self.product = product
        self.version = version
        self.inputs = inputs
        self.policy = policy
        self.seedDraw = seedDraw
        self.commitment = commitment
        self.outputs = outputs
    }

    public var json: JSONValue {
        var seed: [(String, JSONValue)] = [("seed", .string(seedDraw.standing.hex))]
        if !seedDraw.ceremony.isEmpty {
            if seedDraw.commitment != nil { seed.append(("derivation", .string("paiwei-seed-v2"))) }
            seed.append(("ceremony", .array(seedDraw.ceremony.map { .string($0) })))
            seed.append(("ceremony_seed", .string(seedDraw.base.hex)))
        } else if seedDraw.candidateRuns > 0 {
            seed.append(("base_seed", .string(seedDraw.base.hex)))
        }
        if seedDraw.candidateRuns > 0 {
            seed.append(("candidate_runs", .int(seedDraw.candidateRuns)))
            seed.append(("drawn_index", .int(seedDraw.drawnIndex)))
            seed.append(("candidate_seeds", .array((1...seedDraw.candidateRuns).map { .string(seedDraw.candidate($0).hex) })))
        }
        var members: [(String, JSONValue)] = [
            ("product", .string(product)),
            ("version", .string(version)),
            ("inputs", .object(inputs.map { input in
                var members: [(String, JSONValue)] = [("sha256", .string(input.sha256))]
                if let encoding = input.encoding { members.append(("encoding", .string(encoding.rawValue))) }
                return (input.name, .object(members))
            })),
            ("policy_sha256", .string(policy.sha256)),
            ("policy", policy.json),
        ]
        if let commitment {
            // The digest as recorded is what the seed derives from; the verifier recomputes it from the rest.
            members.append(("commitment", .object([
                ("commitment", .string(seedDraw.commitment ?? commitment.digest)),
                ("policy_sha256", .string(commitment.policySHA256)),
                ("files", .object(commitment.files.map { ($0.name, .string($0.sha256)) })),
            ])))
        }
        members.append(("seed", .object(seed)))
        members.append(("outputs", .object(outputs.map { ($0.name, .string($0.sha256)) })))
        return .object(members)
    }

    public var bytes: [UInt8] { Array(json.rendered().utf8) }
}

public struct FileDigest: Sendable, Equatable {
    public var name: String
    public var sha256: String
    /// For an input: how its bytes were read (SPEC §2), recorded as `"encoding"`; nil for an output.
    public var encoding: InputEncoding?

    public init(name: String, sha256: String, encoding: InputEncoding? = nil) {
        self.name = name
        self.sha256 = sha256
        self.encoding = encoding
    }

    public init(name: String, bytes: [UInt8], encoding: InputEncoding? = nil) {
        self.init(name: name, sha256: SHA256.hash(bytes).hexString, encoding: encoding)
    }
}

extension AuditRecord {
    /// What an audit file records, read back; the recorded policy digest is returned beside it, for
    /// the verifier to compare with the digest of the recorded policy.
    public struct Parsed: Sendable {
        public var record: AuditRecord
        public var recordedPolicyDigest: String
        public var recordedSeed: String
        public var recordedCeremonySeed: String?
        public var recordedCandidateSeeds: [String]
        /// The commitment digest as recorded (what the seed was derived from), when there is one.
        public var recordedCommitment: String?
    }

    /// Reads an audit file; every problem is located as `audit.json:line: field: message`.
    public static func parse(_ text: String, file: String = fileName) throws(InputProblems) -> Parsed {
        let document = try ParsedJSON.parse(text, file: file)
        var problems = ProblemList()
        func string(_ value: ParsedJSON?, _ field: String) -> String {
            guard let s = value?.stringValue else {
                problems.add(file, value?.line ?? document.line, field, Message("missing or not a string", "缺失或不是字符串"))
                return ""
            }
            return s
        }
        func digests(_ value: ParsedJSON?, _ field: String) -> [FileDigest] {
            guard case .object(let members, _)? = value else {
                problems.add(file, value?.line ?? document.line, field, Message("missing or not an object of file digests", "缺失或不是文件摘要对象"))
                return []
            }
            return members.map { FileDigest(name: $0.key, sha256: string($0.value, field + "." + $0.key)) }
        }
        let product = string(document["product"], "product")
        let version = string(document["version"], "version")
        // Each input is {"sha256": …, "encoding": …}; a bare digest string is the form before encodings were recorded.
        var inputs: [FileDigest] = []
        if case .object(let members, _)? = document["inputs"] {
            for member in members {
                let field = "inputs." + member.key
                if member.value.stringValue != nil {
                    inputs.append(FileDigest(name: member.key, sha256: string(member.value, field)))
                    continue
                }
                let sha256 = string(member.value["sha256"], field + ".sha256")
                var encoding: InputEncoding?
                if let text = member.value["encoding"]?.stringValue {
                    encoding = InputEncoding(rawValue: text)
                    if encoding == nil {
                        problems.add(file, member.value["encoding"]?.line ?? member.value.line, field + ".encoding", Message(
                            "'\(text)' is not an encoding Paiwei reads (\(InputEncoding.allCases.map(\.rawValue).joined(separator: ", ")))",
                            "“\(text)”不是 Paiwei 能读取的编码（\(InputEncoding.allCases.map(\.rawValue).joined(separator: "、"))）"))
                    }
                } else if member.value["encoding"] != nil {
                    problems.add(file, member.value.line, field + ".encoding", Message("not a string", "不是字符串"))
                }
                inputs.append(FileDigest(name: member.key, sha256: sha256, encoding: encoding))
            }
        } else {
            problems.add(file, document["inputs"]?.line ?? document.line, "inputs", Message("missing or not an object of input files", "缺失或不是输入文件对象"))
        }
        let outputs = digests(document["outputs"], "outputs")
        let policyDigest = string(document["policy_sha256"], "policy_sha256")
        var policy: Policy?
        if let policyValue = document["policy"] {
            do {
                // Re-read from the rendered value: the policy's own reader reports its problems.
                policy = try Policy.parse(policyValue.value.rendered(), file: file + " (policy)")
            } catch {
                problems.add(contentsOf: error.problems)
            }
        } else {
            problems.add(file, document.line, "policy", Message("missing", "缺失"))
        }
        var commitment: Commitment?
        var recordedCommitment: String?
        if let value = document["commitment"] {
            recordedCommitment = string(value["commitment"], "commitment.commitment")
            let policySHA256 = string(value["policy_sha256"], "commitment.policy_sha256")
            commitment = Commitment(policySHA256: policySHA256, files: digests(value["files"], "commitment.files").map { Commitment.File(name: $0.name, sha256: $0.sha256) })
        }
        let seedObject = document["seed"]
        let seedHex = string(seedObject?["seed"], "seed.seed")
        var ceremony: [String] = []
        if case .array(let items, _)? = seedObject?["ceremony"] {
            ceremony = items.map { string($0, "seed.ceremony") }
        }
        let ceremonySeed = seedObject?["ceremony_seed"]?.stringValue
        let baseSeedHex = seedObject?["base_seed"]?.stringValue
        let runs = seedObject?["candidate_runs"]?.intValue ?? 0
        let index = seedObject?["drawn_index"]?.intValue ?? 0
        var candidateSeeds: [String] = []
        if case .array(let items, _)? = seedObject?["candidate_seeds"] {
            candidateSeeds = items.map { string($0, "seed.candidate_seeds") }
        }
        try problems.throwIfAny()

        if recordedCommitment != nil && ceremony.isEmpty {
            throw InputProblems([InputProblem(file: file, line: seedObject?.line, column: "seed.ceremony",
                                              message: Message("a placement bound to a commitment has ceremony contributions; none are recorded",
                                                               "与承诺绑定的派位必有公开输入，但此处没有记录"))])
        }
        var base: LotterySeed?
        if ceremony.isEmpty {
            let baseHex = runs > 0 ? (baseSeedHex ?? "") : seedHex
            base = LotterySeed(hex: baseHex)
            if base == nil {
                throw InputProblems([InputProblem(file: file, line: seedObject?.line, column: "seed", message: Message("'\(baseHex)' is not 64 hexadecimal digits", "“\(baseHex)”不是 64 位十六进制数字"))])
            }
        }
        let draw: SeedDraw
        do throws(SeedDrawError) {
            if let base {
                draw = runs > 0 ? try SeedDraw(seed: base, candidateRuns: runs, drawnIndex: index) : SeedDraw(seed: base)
            } else {
                draw = try SeedDraw(ceremony: ceremony, commitment: recordedCommitment, candidateRuns: runs, drawnIndex: index)
            }
        } catch {
            throw InputProblems([InputProblem(file: file, line: seedObject?.line, column: "seed", message: error.message)])
        }
        return Parsed(
            record: AuditRecord(inputs: inputs, policy: policy!, seedDraw: draw, commitment: commitment, outputs: outputs, product: product, version: version),
            recordedPolicyDigest: policyDigest, recordedSeed: seedHex, recordedCeremonySeed: ceremonySeed, recordedCandidateSeeds: candidateSeeds,
            recordedCommitment: recordedCommitment)
    }
}
