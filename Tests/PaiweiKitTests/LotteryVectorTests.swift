import Foundation
import Testing
@testable import PaiweiCore

/// The published test vectors of docs/lottery-protocol.md §9 (computed with Python's hashlib by
/// scripts/lottery-vectors.py), parsed from the document and checked against Paiwei's own code: the
/// table a third party implements against is the table the code satisfies.
@Suite struct LotteryVectorTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/lottery-protocol.md")

    /// Every Markdown table of a section (§9 unless told), as (header, rows); each cell the list of its
    /// backticked texts.
    static func tables(section heading: String = "## 9. Test vectors") throws -> [(header: [String], rows: [[[String]]])] {
        let text = try String(contentsOf: document, encoding: .utf8)
        let section = try #require(text.range(of: heading))
        var tables: [(header: [String], rows: [[[String]]])] = []
        var current: (header: [String], rows: [[[String]]])?
        for line in text[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { break }
            guard line.hasPrefix("|") else {
                if let table = current { tables.append(table) }
                current = nil
                continue
            }
            let cells = line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if current == nil {
                current = (cells, [])
            } else if !cells.allSatisfy({ $0.allSatisfy { $0 == "-" } }) {
                current!.rows.append(cells.map(Self.codes))
            }
        }
        if let table = current { tables.append(table) }
        return tables
    }

    /// The texts between backticks of a cell: `17` `42` → ["17", "42"]; an empty cell → [].
    static func codes(_ cell: String) -> [String] {
        var out: [String] = []
        var rest = Substring(cell)
        while let open = rest.firstIndex(of: "`") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "`") else { break }
            out.append(String(rest[after..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    static func table(_ header: [String], section: String = "## 9. Test vectors") throws -> [[[String]]] {
        try #require(try tables(section: section).first { $0.header == header }, "no table \(header) in \(section)").rows
    }

    static func seed(_ hex: String) throws -> LotterySeed { try #require(LotterySeed(hex: hex)) }

    @Test func numbers() throws {
        let rows = try Self.table(["seed", "label", "student_id", "family_id", "number"])
        #expect(rows.count >= 8)
        for row in rows {
            let number = lotteryNumber(seed: try Self.seed(row[0][0]), label: row[1].first ?? "", studentID: row[2].first ?? "", familyID: row[3].first ?? "")
            #expect(formatLotteryNumber(number) == row[4][0], "\(row)")
        }
    }

    @Test func seedV1() throws {
        let rows = try Self.table(["contributions", "seed v1"])
        #expect(rows.count >= 3)
        for row in rows {
            #expect(try LotterySeed(ceremony: row[0]).hex == row[1][0], "\(row)")
        }
    }

    @Test func commitment() throws {
        let rows = try Self.table(["policy_sha256", "files", "commitment"])
        #expect(rows.count >= 2)
        for row in rows {
            let files = row[1].map { item -> Commitment.File in
                let parts = item.split(separator: " ")
                return Commitment.File(name: String(parts[0]), sha256: String(parts[1]))
            }
            #expect(Commitment(policySHA256: row[0][0], files: files).digest == row[2][0], "\(row)")
        }
    }

    @Test func seedV2() throws {
        let rows = try Self.table(["commitment", "contributions", "seed v2"])
        #expect(rows.count >= 3)
        for row in rows {
            #expect(try LotterySeed(ceremony: row[1], commitment: row[0][0]).hex == row[2][0], "\(row)")
        }
    }

    @Test func derivedSeeds() throws {
        let rows = try Self.table(["seed", "tag", "index", "derived seed"])
        #expect(rows.contains { $0[1] == ["replication"] } && rows.contains { $0[1] == ["candidate"] })
        for row in rows {
            let seed = try Self.seed(row[0][0]), index = try #require(UInt64(row[2][0]))
            #expect(seed.derived(row[1][0], index).hex == row[3][0], "\(row)")
            switch row[1][0] {
            case "replication": #expect(seed.replication(index).hex == row[3][0])
            case "candidate": #expect(try SeedDraw(seed: seed, candidateRuns: 3, drawnIndex: 1).candidate(Int(index)).hex == row[3][0])
            default: Issue.record("unknown tag \(row[1])")
            }
        }
    }

    /// The Philox4x32-10 known answers of §6 (SPEC §4's).
    @Test func philoxKnownAnswers() throws {
        let rows = try Self.table(["counter", "key", "output"], section: "## 6. Philox4x32-10")
        #expect(rows.count == 3)
        func words(_ cell: [String]) -> [UInt32] { cell[0].split(separator: " ").map { UInt32($0, radix: 16)! } }
        for row in rows {
            let c = words(row[0]), k = words(row[1])
            let r = Philox4x32.block(counter: (c[0], c[1], c[2], c[3]), key: (k[0], k[1]))
            #expect([r.0, r.1, r.2, r.3] == words(row[2]), "\(row)")
        }
    }
}
