import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports

/// The commitment of SPEC §4: its digest, seed v2, `commitment.json`, `place --commitment` refusing
/// changed data, and `verify` recomputing commitment and seed.
@Suite struct CommitmentTests {
    static let policy = PolicyPreset.chaoyang2023Middle

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-commitment-\(UUID().uuidString)")
    }

    /// A generated district written to a new folder.
    static func district(students: Int = 300) throws -> URL {
        let folder = temporaryFolder()
        try OutputFolder.write(DistrictGenerator(preset: .chaoyang, students: students, seed: 11).makeFiles(), to: folder)
        return folder
    }

    // MARK: The digest and seed v2, known answers computed with Python's hashlib

    /// `hashlib.sha256(b"paiwei-commitment-v1\npolicy " + sha(policy) + b"\nschools.csv " + … ).hexdigest()`,
    /// the files named in byte order whatever order they are given in.
    @Test func commitmentDigestKnownAnswer() throws {
        let files: [String: [UInt8]] = [
            "students.csv": Array("student_id,zone_id\ns1,Z\n".utf8),
            "zones.csv": Array("zone_id,kind,schools\nZ,single,A\n".utf8),
            "schools.csv": Array("school_id,capacity\nA,1\n".utf8),
        ]
        let commitment = Commitment(policyText: Array("{\"name\": \"tiny\"}\n".utf8), files: files)
        #expect(commitment.policySHA256 == "96f2c7bcf9569aec646bd61bc106f04e89062d5e1b28a19d6542fe643b9d57a7")
        #expect(commitment.files.map(\.name) == ["schools.csv", "students.csv", "zones.csv"])
        #expect(commitment.committedText == """
            paiwei-commitment-v1
            policy 96f2c7bcf9569aec646bd61bc106f04e89062d5e1b28a19d6542fe643b9d57a7
            schools.csv 4c80e58f03fc8f670bf9c38005e1e886046e107acc5e460a26add01f38a74f43
            students.csv 46a8ed325bfa70bcb4d62126d6f04743e1394a14ee0cef7af1fda74382cbf253
            zones.csv 371fb26c77e52f74e5a893491bdc9c1d5c82a0a82ff901ab47d6c92abc54220f

            """)
        #expect(commitment.digest == "b58b806fd5589ba18d47013a53e1c840ac4a0acd5be3c26c056dee9eb0b3b3f6")
    }

    /// `hashlib.sha256("\n".join(["paiwei-seed-v2", commitment, "17", "42", "8"]).encode()).hexdigest()`.
    @Test func seedV2KnownAnswer() throws {
        let commitment = "b58b806fd5589ba18d47013a53e1c840ac4a0acd5be3c26c056dee9eb0b3b3f6"
        let seed = try LotterySeed(ceremony: ["17", "42", "8"], commitment: commitment)
        #expect(seed.hex == "65265036c6e5efaa1ca9a935d05ba14dcba903443c6932c944c3a518e598306b")
        #expect(seed != (try LotterySeed(ceremony: ["17", "42", "8"])))
        // One byte of the commitment, or of a contribution, changes the seed.
        #expect(try LotterySeed(ceremony: ["17", "42", "8"], commitment: "c" + commitment.dropFirst()) != seed)
        #expect(try LotterySeed(ceremony: ["17", "42", "9"], commitment: commitment) != seed)
        #expect(throws: CeremonyError.commitment("B58B")) { try LotterySeed(ceremony: ["1"], commitment: "B58B") }
        #expect(throws: CeremonyError.commitment(commitment.uppercased())) { try LotterySeed(ceremony: ["1"], commitment: commitment.uppercased()) }
        #expect(throws: CeremonyError.noContribution) { try LotterySeed(ceremony: [], commitment: commitment) }
        #expect(throws: CeremonyError.lineBreak(index: 2)) { try LotterySeed(ceremony: ["1", "2\n3"], commitment: commitment) }
        // Candidate runs derive from the seed v2 as from any ceremony seed.
        let draw = try SeedDraw(ceremony: ["17", "42", "8"], commitment: commitment, candidateRuns: 3, drawnIndex: 2)
        #expect(draw.base == seed && draw.standing == seed.derived("candidate", 2) && draw.commitment == commitment)
    }

    @Test func everyMessageIsInBothLanguages() {
        let errors: [SeedDrawError] = [.ceremony(.noContribution), .ceremony(.emptyContribution(index: 1)), .ceremony(.lineBreak(index: 1)),
                                       .ceremony(.commitment("x")), .candidateRuns(0), .drawnIndex(4, of: 3), .indexWithoutRuns]
        for error in errors {
            #expect(error.message.chinese?.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } == true, "\(error)")
        }
    }

    // MARK: commitment.json

    @Test func commitmentFileReadsBackAndChecksItself() throws {
        let data = try Self.district()
        defer { try? FileManager.default.removeItem(at: data) }
        let file = try CommitmentFile.make(data: data, policy: Self.policy.rawValue)
        #expect(file.policyText == Self.policy.policy.json.rendered())
        #expect(file.commitment.policySHA256 == Self.policy.policy.sha256)
        #expect(file.commitment.files.map(\.name) == ["address_usage.csv", "schools.csv", "students.csv", "zones.csv"])
        let read = try CommitmentFile.parse(file.bytes, file: "c.json")
        #expect(read == file)
        let text = String(decoding: file.bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\": \"paiwei-commitment-v1\",\n  \"commitment\": \"\(file.digest)\""))

        // A changed policy text no longer has its digest; a changed file digest no longer gives the commitment.
        let policyChanged = text.replacingOccurrences(of: "\\\"year\\\": 2023", with: "\\\"year\\\": 2024")
        #expect(policyChanged != text)
        let problems = Self.problems { try CommitmentFile.parse(Array(policyChanged.utf8), file: "c.json") }
        #expect(problems.map(\.column) == ["policy_sha256"], "\(problems)")
        let digest = file.commitment.files[2].sha256
        let fileChanged = text.replacingOccurrences(of: digest, with: String(digest.reversed()))
        #expect(Self.problems { try CommitmentFile.parse(Array(fileChanged.utf8), file: "c.json") }.map(\.column) == ["commitment"])
        // Every problem at once, located.
        let broken = text.replacingOccurrences(of: "\"format\": \"paiwei-commitment-v1\"", with: "\"format\": \"v9\"")
            .replacingOccurrences(of: file.digest, with: "XYZ")
            .replacingOccurrences(of: "\"name\": \"zones.csv\"", with: "\"name\": \"schools.csv\"")
        let all = Self.problems { try CommitmentFile.parse(Array(broken.utf8), file: "c.json") }
        #expect(Set(all.map(\.column)) == ["format", "commitment", "files[3].name"], "\(all)")
        #expect(all.allSatisfy { $0.file == "c.json" && $0.line != nil && $0.text.chinese != nil })
    }

    /// The problems `body` throws; none when it returns.
    static func problems(_ body: () throws -> some Any) -> [InputProblem] {
        do {
            _ = try body()
            return []
        } catch let error as InputProblems {
            return error.problems
        } catch {
            Issue.record("not InputProblems: \(error)")
            return []
        }
    }

    // MARK: place --commitment

    /// One byte changed in any input after `commit`: the data are refused, and the problem names that file.
    @Test func aChangedByteInAnyInputIsRefusedAndNamed() throws {
        let data = try Self.district()
        defer { try? FileManager.default.removeItem(at: data) }
        let commitment = try CommitmentFile.make(data: data, policy: Self.policy.rawValue)
        _ = try PlacementInputs.load(data: data, commitment: commitment, policy: nil)
        _ = try PlacementInputs.load(data: data, commitment: commitment, policy: Self.policy.rawValue)
        for name in commitment.commitment.files.map(\.name) {
            for position in [0.0, 0.5, 1.0] {
                let copy = Self.temporaryFolder()
                defer { try? FileManager.default.removeItem(at: copy) }
                try FileManager.default.copyItem(at: data, to: copy)
                let url = copy.appendingPathComponent(name)
                var bytes = Array(try Data(contentsOf: url))
                let at = Int(Double(bytes.count - 1) * position)
                // A digit becomes another digit, a letter another letter: the file may still read.
                bytes[at] = bytes[at] == UInt8(ascii: "1") ? UInt8(ascii: "2") : bytes[at] ^ 0x01
                try Data(bytes).write(to: url)
                let problems = Self.problems { try PlacementInputs.load(data: copy, commitment: commitment, policy: nil) }
                let named = problems.filter { $0.file == name && $0.line == nil && $0.message.contains("differs from the committed file") }
                #expect(named.count == 1, "\(name) byte \(at): \(problems)")
                #expect(problems.allSatisfy { $0.file == name }, "\(name) byte \(at): only \(name) is named: \(problems)")
            }
        }
        // A committed file missing, a file not committed, a policy with other bytes.
        let copy = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: data, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("address_usage.csv"))
        let without = try CommitmentFile.make(data: copy, policy: Self.policy.rawValue)
        #expect(Self.problems { try PlacementInputs.load(data: copy, commitment: commitment, policy: nil) }.map(\.file) == ["address_usage.csv"])
        #expect(Self.problems { try PlacementInputs.load(data: data, commitment: without, policy: nil) }
            .map { "\($0.file): \($0.message)" } == ["address_usage.csv: is in the dataset but not in commitment.json: it was not committed"])
        let policyFile = copy.appendingPathComponent("policy.json")
        try Data((Self.policy.policy.json.rendered() + " ").utf8).write(to: policyFile)
        let policyProblems = Self.problems { try PlacementInputs.load(data: data, commitment: commitment, policy: policyFile.path) }
        #expect(policyProblems.map(\.file) == [policyFile.path] && policyProblems[0].message.hasPrefix("is not the committed policy"))
    }

    // MARK: verify

    static func placeCommitted(in folder: URL, data: URL, ceremony: [String] = ["17", "drand:quicknet:4000006:8f3c"],
                               candidateRuns: Int = 0, drawnIndex: Int = 0) throws -> FinalPlacement {
        let commitment = try CommitmentFile.make(data: data, policy: policy.rawValue)
        let session = try PlacementSession.prepare(data: data, commitment: commitment, policy: nil, workers: 2)
        let draw = try SeedDraw(ceremony: ceremony, commitment: commitment.digest, candidateRuns: candidateRuns, drawnIndex: drawnIndex)
        let final = try FinalPlacement(instance: session.instance, inputs: session.inputs.files, draw: draw, commitment: commitment)
        try OutputFolder.write(PlacementFolder(final).files(), to: folder)
        return final
    }

    static func edited(_ folder: URL, _ file: String, _ change: (String) -> String) throws -> URL {
        let copy = temporaryFolder()
        try FileManager.default.copyItem(at: folder, to: copy)
        let url = copy.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit of \(file) changed nothing")
        try Data(changed.utf8).write(to: url)
        return copy
    }

    @Test func verifyRecomputesTheCommitmentAndTheSeed() throws {
        let data = try Self.district(), folder = Self.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: data)
            try? FileManager.default.removeItem(at: folder)
        }
        let final = try Self.placeCommitted(in: folder, data: data, candidateRuns: 3, drawnIndex: 2)
        let digest = final.commitment!.digest
        // Held to the commitment as published before the ceremony (here: the same bytes).
        let published = Self.temporaryFolder().appendingPathExtension("json")
        defer { try? FileManager.default.removeItem(at: published) }
        try Data(final.commitment!.bytes).write(to: published)
        let report = try Verification.run(folder: folder, commitment: published)
        #expect(report.verified, "\(report.files.filter { !$0.matches })")
        #expect(report.commitment == digest)
        let audit = try String(contentsOf: folder.appendingPathComponent("audit.json"), encoding: .utf8)
        #expect(audit.contains("\"commitment\": {\n    \"commitment\": \"\(digest)\""))
        #expect(audit.contains("\"derivation\": \"paiwei-seed-v2\""))
        #expect(audit.contains("\"ceremony_seed\": \"\(try LotterySeed(ceremony: ["17", "drand:quicknet:4000006:8f3c"], commitment: digest).hex)\""))
        let parsed = try AuditRecord.parse(audit)
        #expect(parsed.record.commitment == final.commitment!.commitment && parsed.record.seedDraw == final.draw)

        // A changed commitment, a changed contribution, a changed committed file digest, in audit.json.
        let flipped = digest.first == "a" ? "b" + digest.dropFirst() : "a" + digest.dropFirst()
        let fileDigest = final.commitment!.commitment.files[1].sha256
        let edits: [(String, (String) -> String)] = [
            ("commitment", { $0.replacingOccurrences(of: "\"commitment\": \"\(digest)\"", with: "\"commitment\": \"\(flipped)\"") }),
            ("contribution", { $0.replacingOccurrences(of: "\"17\"", with: "\"18\"") }),
            ("file digest", { text in
                // The digest as listed under "commitment" (its second occurrence; the first is under "inputs").
                let range = text.range(of: fileDigest, range: text.range(of: "\"commitment\": {")!.upperBound..<text.endIndex)!
                return text.replacingCharacters(in: range, with: String(fileDigest.reversed()))
            }),
            ("derivation", { $0.replacingOccurrences(of: "\"derivation\": \"paiwei-seed-v2\",\n", with: "") }),
        ]
        for (what, edit) in edits {
            let copy = try Self.edited(folder, "audit.json", edit)
            defer { try? FileManager.default.removeItem(at: copy) }
            let report = try Verification.run(folder: copy)
            #expect(!report.verified, "\(what) changed in audit.json, yet verified")
            #expect(report.mismatched.contains("audit.json"), "\(what): \(report.mismatched)")
        }
        // The folder's commitment.json replaced by another commitment (another policy's), and the
        // published commitment not the folder's.
        let other = try CommitmentFile.make(data: data, policy: PolicyPreset.chaoyang2023Primary.rawValue)
        let copy = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: folder, to: copy)
        try Data(other.bytes).write(to: copy.appendingPathComponent("commitment.json"))
        let replaced = try Verification.run(folder: copy)
        #expect(!replaced.verified && replaced.mismatched.contains("commitment.json"))
        try Data(other.bytes).write(to: published)
        let against = try Verification.run(folder: folder, commitment: published)
        #expect(!against.verified && against.mismatched == ["commitment.json"], "\(against.mismatched)")
    }

    /// Every file of a committed placement's folder: one changed byte anywhere is found and named.
    @Test func everyChangedByteOfACommittedFolderIsNamed() throws {
        let data = try Self.district(students: 120), folder = Self.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: data)
            try? FileManager.default.removeItem(at: folder)
        }
        _ = try Self.placeCommitted(in: folder, data: data)
        for name in Verification.filesBelow(folder) {
            let copy = Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: copy) }
            try FileManager.default.copyItem(at: folder, to: copy)
            let url = copy.appendingPathComponent(name)
            var bytes = Array(try Data(contentsOf: url))
            let at = bytes.count / 2
            bytes[at] = bytes[at] == UInt8(ascii: "1") ? UInt8(ascii: "2") : bytes[at] ^ 0x01
            try Data(bytes).write(to: url)
            do {
                let report = try Verification.run(folder: copy)
                #expect(!report.verified && report.mismatched.contains(name), "\(name) byte \(at): \(report.mismatched)")
            } catch {
                #expect(name == AuditRecord.fileName, "\(name): \(error)")
            }
        }
    }
}
