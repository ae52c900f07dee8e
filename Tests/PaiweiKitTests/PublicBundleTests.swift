import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports

/// `paiwei publish` (SPEC §5): only from a folder that verifies; results.csv with exactly its columns;
/// cutoffs that agree with schools.csv; a page that holds nothing else about a student and stays small.
@Suite struct PublicBundleTests {
    static func file(_ files: [(name: String, bytes: [UInt8])], _ name: String) -> String {
        String(decoding: files.first { $0.name == name }!.bytes, as: UTF8.self)
    }

    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The embedded data of a page, parsed as the page's script parses it.
    static func pageData(_ html: String) throws -> [String: Any] {
        let open = "<script type=\"application/json\" id=\"paiwei-data\">"
        let start = try #require(html.range(of: open)).upperBound
        let end = try #require(html.range(of: "</script>", range: start..<html.endIndex)).lowerBound
        return try #require(try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as? [String: Any])
    }

    @Test func bundleOfAVerifiedFolder() throws {
        let data = try CommitmentTests.district(), folder = CommitmentTests.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: data)
            try? FileManager.default.removeItem(at: folder)
        }
        let final = try CommitmentTests.placeCommitted(in: folder, data: data, candidateRuns: 2, drawnIndex: 1)
        let bundle = try PublicBundle.make(from: folder)
        let files = bundle.files()
        #expect(files.map(\.name) == ["results.csv", "cutoffs.csv", "audit.json", "commitment.json", "index.html"])
        #expect(files[2].bytes == Array(try Data(contentsOf: folder.appendingPathComponent("audit.json"))))
        #expect(files[3].bytes == final.commitment!.bytes)

        // results.csv: exactly SPEC §5's columns, placements.csv's rows without preference_rank and reason.
        let results = Self.rows(Self.file(files, "results.csv"))
        #expect(results[0] == ["student_id", "outcome", "school_id", "stage", "lottery_label", "lottery_number"])
        let placements = Self.rows(try String(contentsOf: folder.appendingPathComponent("placements.csv"), encoding: .utf8))
        #expect(results.count == placements.count && results.count == 301)
        #expect(results.dropFirst().elementsEqual(placements.dropFirst().map { [$0[0], $0[1], $0[2], $0[3], $0[5], $0[6]] }))
        #expect(Set(results.dropFirst().map { $0[1] }).isSuperset(of: ["placed", "ineligible"]))

        // cutoffs.csv: the same figures as the stage columns of schools.csv.
        let cutoffs = Self.rows(Self.file(files, "cutoffs.csv"))
        #expect(cutoffs[0] == PublicBundle.cutoffsHeader)
        let schools = Self.rows(try String(contentsOf: folder.appendingPathComponent("schools.csv"), encoding: .utf8))
        let header = schools[0]
        var oversubscribed = 0
        for row in cutoffs.dropFirst() {
            let school = try #require(schools.first { $0[0] == row[1] })
            func column(_ name: String) -> String { school[header.firstIndex(of: row[0] + "." + name)!] }
            #expect(row[3] == column("applicants") && row[4] == column("admitted"), "\(row)")
            #expect(row[6] == column("cutoff_tier") && row[7] == column("cutoff_number"), "\(row)")
            if header.contains(row[0] + ".cutoff_round") { #expect(row[5] == column("cutoff_round")) } else { #expect(row[5].isEmpty) }
            #expect(Int(row[4])! <= Int(row[2])!, "admitted more than the seats: \(row)")
            if !row[7].isEmpty {
                oversubscribed += 1
                #expect(row[4] == row[2] || Int(row[3])! > Int(row[4])!, "\(row)")
            }
        }
        #expect(oversubscribed > 0 && cutoffs.count > oversubscribed)

        // The page: the data are results.csv's columns, and nothing else about any student.
        let html = Self.file(files, "index.html")
        let page = try Self.pageData(html)
        #expect(Set(page.keys) == ["policy", "seed", "draw", "files", "stages", "schools", "labels", "cutoffs",
                                   "ids", "outcome", "school", "stage", "label", "number"])
        let ids = try #require(page["ids"] as? [String])
        #expect(ids == results.dropFirst().map { $0[0] })
        let numbers = try #require(page["number"] as? String)
        #expect(numbers.count == 16 * ids.count)
        let labels = try #require(page["labels"] as? [String]), label = try #require(page["label"] as? [Int])
        for (i, row) in results.dropFirst().enumerated() {
            let number = String(numbers.dropFirst(16 * i).prefix(16))
            #expect(row[5].isEmpty ? number == "----------------" : number == row[5])
            #expect(row[4] == (label[i] >= 0 ? labels[label[i]] : ""))
        }
        #expect((page["seed"] as? String) == final.draw.standing.hex)
        let draw = try #require(page["draw"] as? [String: Any])
        #expect((draw["commitment"] as? String) == final.commitment!.digest && (draw["kind"] as? String) == "v2")
        #expect(!html.contains("preference_rank") && !html.contains("family_id\":"))
        // No student's family id, preference or reason is in the page.
        let students = final.instance.dataset.students
        for student in students where !student.familyID.text.isEmpty {
            #expect(!html.contains(student.familyID.text), "family id \(student.familyID) is published")
        }
        #expect(!html.contains("nonlocal_not_reviewed") && !html.contains("housing_"))
        // Self-contained: no address of anything outside the page.
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))

        // Publishing twice gives the same bytes.
        #expect(try PublicBundle.make(from: folder).files().map(\.bytes) == files.map(\.bytes))
    }

    @Test func aFolderThatDoesNotVerifyIsNotPublished() throws {
        let data = try CommitmentTests.district(students: 120), folder = CommitmentTests.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: data)
            try? FileManager.default.removeItem(at: folder)
        }
        _ = try CommitmentTests.placeCommitted(in: folder, data: data)
        _ = try PublicBundle.make(from: folder)
        for (file, edit) in [("placements.csv", { (s: String) in s.replacingOccurrences(of: ",placed,", with: ",unplaced,") }),
                             ("audit.json", { (s: String) in s.replacingOccurrences(of: "\"17\"", with: "\"71\"") }),
                             ("commitment.json", { (s: String) in s.replacingOccurrences(of: "\"format\"", with: "\"note\": \"x\",\n  \"format\"") })] {
            let copy = try CommitmentTests.edited(folder, file, edit)
            defer { try? FileManager.default.removeItem(at: copy) }
            #expect {
                _ = try PublicBundle.make(from: copy)
            } throws: { error in
                guard case PublishError.notVerified(let files) = error else { return false }
                return files.contains(file)
            }
        }
        let nothing = CommitmentTests.temporaryFolder()
        #expect(throws: InputProblems.self) { _ = try PublicBundle.make(from: nothing) }
    }

    /// About 39 bytes a student: a city's 150,000 students stay well under 15 MB (docs/outputs.md has the
    /// measured figure). Here: 4,000 students, scaled.
    @Test func thePageStaysSmall() throws {
        let files = Dictionary(uniqueKeysWithValues: DistrictGenerator(preset: .chaoyang, students: 4_000, seed: 5).makeFiles().map { ($0.name, $0.bytes) })
        let instance = try PlacementInstance(dataset: Dataset.parse(files: files), policy: PolicyPreset.chaoyang2023Middle.policy, workers: 2)
        let final = try FinalPlacement(instance: instance, inputs: files, draw: SeedDraw(seed: testSeed))
        let page = PublicBundle(placement: final, audit: []).files().first { $0.name == PublicBundle.pageFile }!.bytes
        // A seed given as hex: nothing for the page to recompute about it.
        #expect(!String(decoding: page, as: UTF8.self).contains("data-check=\"standing\""))
        let perStudent = Double(page.count) / 4_000
        #expect(perStudent < 80, "\(page.count) bytes for 4,000 students")
        #expect(page.count * 150_000 / 4_000 < 15_000_000, "\(page.count) bytes for 4,000 students")
    }

    /// Nothing in a name or an id can end the data's `<script>` element or open a comment.
    @Test func embeddedTextCannotEscapeItsScript() throws {
        var json = PageJSON()
        let nasty = "</script><script>alert(1)</script><!-- \u{2028}\u{2029}\"\\\n\t\u{1}&é派"
        json.strings([nasty, "plain"])
        #expect(!json.output.contains("<") && !json.output.contains(">") && !json.output.contains("&"))
        #expect(!json.output.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" || $0.value < 0x20 })
        let back = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String]
        #expect(back == [nasty, "plain"])
    }
}
