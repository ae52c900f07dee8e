import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// The notarized run: audit record, verification of every file, ceremony candidates, explanations.
@Suite struct AuditTests {
    static func inputs() -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: DistrictGenerator(preset: .chaoyang, students: 300, seed: 11).makeFiles().map { ($0.name, $0.bytes) })
    }

    static func writePlacement(_ draw: SeedDraw, in folder: URL) throws -> FinalPlacement {
        let inputs = Self.inputs()
        let instance = try PlacementInstance(dataset: Dataset.parse(files: inputs), policy: PolicyPreset.chaoyang2023Middle.policy)
        let final = try FinalPlacement(instance: instance, inputs: inputs, draw: draw)
        try OutputFolder.write(PlacementFolder(final).files(), to: folder)
        return final
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-audit-\(UUID().uuidString)")
    }

    @Test func aPlacementVerifiesFromItsFolder() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.writePlacement(SeedDraw(seed: testSeed), in: folder)
        let report = try Verification.run(folder: folder)
        #expect(report.verified, "\(report.files.filter { !$0.matches })")
        #expect(report.files.map(\.file).contains("inputs/students.csv"))
        #expect(report.files.map(\.file).contains("placements.csv"))
    }

    /// Any changed byte in any input or output file makes verification fail and names that file.
    @Test func everyChangedByteIsFoundAndNamed() throws {
        let original = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: original) }
        _ = try Self.writePlacement(SeedDraw(ceremony: ["3", "14"], candidateRuns: 2, drawnIndex: 2), in: original)
        let names = Verification.filesBelow(original)
        #expect(names.count >= 12)
        for name in names {
            for position in [0.1, 0.5, 0.97] {
                let copy = Self.temporaryFolder()
                defer { try? FileManager.default.removeItem(at: copy) }
                try FileManager.default.copyItem(at: original, to: copy)
                let url = copy.appendingPathComponent(name)
                var bytes = Array(try Data(contentsOf: url))
                let at = Int(Double(bytes.count - 1) * position)
                // A digit or letter becomes another one, so the file stays well-formed where it can.
                bytes[at] = bytes[at] == UInt8(ascii: "1") ? UInt8(ascii: "2") : (bytes[at] ^ 0x01)
                try Data(bytes).write(to: url)
                do {
                    let report = try Verification.run(folder: copy)
                    #expect(!report.verified, "\(name) byte \(at) changed, yet verified")
                    #expect(report.mismatched.contains(name), "\(name) byte \(at) changed; named: \(report.mismatched)")
                } catch {
                    // Only an audit record that no longer parses may stop verification; the message names it.
                    #expect(name == AuditRecord.fileName && error.description.contains(AuditRecord.fileName), "\(name): \(error)")
                }
            }
        }
    }

    @Test func verifiesAgainstTheOriginalDatasetFolder() throws {
        let folder = Self.temporaryFolder(), data = Self.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: data)
        }
        _ = try Self.writePlacement(SeedDraw(seed: testSeed), in: folder)
        try OutputFolder.write(DistrictGenerator(preset: .chaoyang, students: 300, seed: 11).makeFiles(), to: data)
        #expect(try Verification.run(folder: folder, data: data).verified)
        // A dataset with one student more is not the recorded one.
        let students = data.appendingPathComponent("students.csv")
        try (String(contentsOf: students, encoding: .utf8) + "EXTRA,Z01\n").write(to: students, atomically: true, encoding: .utf8)
        let report = try Verification.run(folder: folder, data: data)
        #expect(report.mismatched == [students.path])
        #expect(report.notes.contains { $0.english.contains("not re-run") })
    }

    @Test func candidateRunsAreRecordedAndTheDrawnOneStands() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draw = try SeedDraw(ceremony: ["7", "21", "9"], candidateRuns: 3, drawnIndex: 3)
        let final = try Self.writePlacement(draw, in: folder)
        #expect(final.result.seed == draw.candidate(3))
        #expect(Set((1...3).map { draw.candidate($0) }).count == 3)
        let standing = try Data(contentsOf: folder.appendingPathComponent("placements.csv"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("candidates/3/placements.csv")) == standing)
        #expect(try Data(contentsOf: folder.appendingPathComponent("candidates/1/placements.csv")) != standing)
        let audit = try String(contentsOf: folder.appendingPathComponent("audit.json"), encoding: .utf8)
        #expect(audit.contains("\"drawn_index\": 3") && audit.contains("\"ceremony\": [\"7\", \"21\", \"9\"]"))
        // Candidate k's seed is SHA-256(ceremony seed ‖ "candidate" ‖ k as 8 bytes little-endian).
        var message = try LotterySeed(ceremony: ["7", "21", "9"]).bytes + Array("candidate".utf8)
        message += [2, 0, 0, 0, 0, 0, 0, 0]
        #expect(draw.candidate(2).bytes == SHA256.hash(message))
        #expect(throws: SeedDrawError.drawnIndex(4, of: 3)) { try SeedDraw(ceremony: ["7"], candidateRuns: 3, drawnIndex: 4) }
    }

    @Test func auditRecordReadsBackAsWritten() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let final = try Self.writePlacement(SeedDraw(ceremony: ["a", "b"]), in: folder)
        let text = try String(contentsOf: folder.appendingPathComponent("audit.json"), encoding: .utf8)
        let parsed = try AuditRecord.parse(text)
        #expect(parsed.record.policy == PolicyPreset.chaoyang2023Middle.policy)
        #expect(parsed.record.seedDraw == final.draw)
        #expect(parsed.record.bytes == Array(text.utf8))
        #expect(parsed.record.inputs.map(\.name) == ["address_usage.csv", "schools.csv", "students.csv", "zones.csv"])
    }

    /// A family computes its own number from the published seed; it is the one in placements.csv.
    @Test func familyNumberEqualsThePublishedOne() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let final = try Self.writePlacement(SeedDraw(seed: testSeed), in: folder)
        let rows = try String(contentsOf: folder.appendingPathComponent("placements.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        var checked = 0
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !fields[5].isEmpty else { continue }
            let student = final.instance.dataset.students.first { $0.id == Identifier(fields[0]) }!
            #expect(formatLotteryNumber(lotteryNumber(seed: testSeed, label: fields[5], studentID: fields[0], familyID: student.familyID.text)) == fields[6])
            checked += 1
        }
        #expect(checked > 250)
    }

    @Test func explanationNamesTheStagesTheCutoffAndTheOutcome() throws {
        let placed = try HandMadeCaseTests.multiZone.place(HandMadeCaseTests.multiZonePolicy("immediate_acceptance"))
        let text = try #require(Explanation(instance: placed.instance, result: placed.result, studentID: "s1")).text()
        #expect(text.contains("Outcome: admitted to C in stage 'multi-zone'."))
        #expect(text.contains("Applied to A: round 1, lottery multi-zone/M, no priority"))
        #expect(text.contains("→ Not admitted: the cutoff is round 1, priority 'disabled'"))
        #expect(text.contains("Applied to C: round 3"))
        #expect(text.contains("申请 A：第1轮"))
        #expect(Explanation(instance: placed.instance, result: placed.result, studentID: "nobody") == nil)
    }
}
