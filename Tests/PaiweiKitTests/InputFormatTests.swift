import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// The forms a dataset's files may take (SPEC §2): UTF-8 CSV, GBK and GB18030 CSV, Excel workbooks.
/// The fixtures are one district in each form (scripts/make-dataset-fixtures.py): the GBK and
/// GB18030 files made by `iconv`, the workbooks by openpyxl and saved again by LibreOffice.
@Suite struct InputFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let tables = ["schools", "zones", "students", "address_usage"]
    static let policy = PolicyPreset.chaoyang2023Middle.policy

    /// The files of a fixture folder, name → bytes.
    static func files(_ folder: String, only names: [String]? = nil) throws -> [String: [UInt8]] {
        let url = fixtures.appendingPathComponent(folder)
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where names?.contains(name) ?? true {
            files[name] = [UInt8](try Data(contentsOf: url.appendingPathComponent(name)))
        }
        return files
    }

    static var utf8: [String: [UInt8]] { get throws { try files("datasets/utf8") } }

    /// The placement's files as `paiwei place` writes them.
    static func place(_ files: [String: [UInt8]], draw: SeedDraw = SeedDraw(seed: testSeed)) throws -> (FinalPlacement, [String: [UInt8]]) {
        let inputs = try PlacementInputs.check(files: files, policy: (policy, []))
        let instance = try PlacementInstance(dataset: inputs.dataset, policy: inputs.policy)
        let final = try FinalPlacement(instance: instance, inputs: files, draw: draw)
        return (final, Dictionary(uniqueKeysWithValues: try PlacementFolder(final).files().map { ($0.name, $0.bytes) }))
    }

    // MARK: Twins place alike

    @Test func everyFormPlacesToTheSamePlacements() throws {
        let (_, reference) = try Self.place(Self.utf8)
        let placements = try #require(reference["placements.csv"])
        // The school whose id holds four-byte GB18030 characters places students, so the ids travel.
        #expect(String(decoding: placements, as: UTF8.self).contains(",placed,𠮷M007,"))

        var gbk = try Self.utf8
        gbk.merge(try Self.files("datasets/gbk")) { _, new in new }
        let mixed = try Self.utf8.filter { $0.key != "students.csv" }.merging(try Self.files("workbooks/dataset", only: ["students.xlsx"])) { a, _ in a }
        let twins: [(String, [String: [UInt8]], [String: InputEncoding])] = [
            ("GBK students.csv", gbk, ["students.csv": .gb18030, "schools.csv": .utf8]),
            ("GB18030 files", try Self.files("datasets/gb18030"), ["students.csv": .gb18030, "schools.csv": .gb18030, "zones.csv": .gb18030]),
            ("workbooks saved by LibreOffice", try Self.files("workbooks/dataset"),
             ["students.xlsx": .workbook, "schools.xlsx": .workbook, "zones.xlsx": .workbook, "address_usage.xlsx": .workbook]),
            ("students.xlsx beside CSV files", mixed, ["students.xlsx": .workbook, "zones.csv": .utf8]),
        ]
        for (name, files, encodings) in twins {
            let (final, placed) = try Self.place(files)
            #expect(placed["placements.csv"] == placements, "\(name): placements.csv differs from the UTF-8 CSV twin's")
            #expect(placed["schools.csv"] == reference["schools.csv"], "\(name): schools.csv differs")
            #expect(placed["summary.json"] == reference["summary.json"], "\(name): summary.json differs")
            for (file, encoding) in encodings {
                #expect(final.instance.dataset.fileEncodings[file] == encoding, "\(name): \(file)")
            }
        }
    }

    @Test func theFixturesAreWhatTheySayTheyAre() throws {
        let utf8 = try Self.utf8, gbk = try Self.files("datasets/gbk"), gb18030 = try Self.files("datasets/gb18030")
        // Not UTF-8, so the fallback is what reads them.
        #expect(String(validating: gbk["students.csv"]!, as: UTF8.self) == nil)
        #expect(String(validating: gb18030["schools.csv"]!, as: UTF8.self) == nil)
        // 𠮷 (U+20BB7) and 㐀 (U+3400) as GB18030's four-byte sequences, in the id and the name.
        let schools = gb18030["schools.csv"]!
        for sequence: [UInt8] in [[0x95, 0x34, 0xB2, 0x35], [0x81, 0x39, 0xEE, 0x39]] {
            #expect(schools.indices.contains { schools[$0...].starts(with: sequence) })
        }
        // Decoded, they are the UTF-8 files' bytes.
        for (name, raw) in gb18030 {
            guard case .success(let text) = InputText.decode(raw, file: name) else {
                Issue.record("\(name) does not decode")
                continue
            }
            #expect(Array(text.bytes[text.start...]) == utf8[name], "\(name)")
        }
    }

    // MARK: The audit record and verify

    @Test func theAuditRecordsEachInputsEncodingAndVerifyAcceptsIt() throws {
        var files = try Self.files("datasets/gbk")
        files.merge(try Self.files("workbooks/dataset", only: ["schools.xlsx", "zones.xlsx"])) { a, _ in a }
        files["address_usage.csv"] = try Self.utf8["address_usage.csv"]
        let (_, placed) = try Self.place(files)
        let audit = String(decoding: try #require(placed[AuditRecord.fileName]), as: UTF8.self)
        #expect(audit.contains("""
            "students.csv": {
                  "sha256": "\(SHA256.hash(files["students.csv"]!).hexString)",
                  "encoding": "GB18030"
                }
            """) || audit.contains("\"encoding\": \"GB18030\""))
        let parsed = try AuditRecord.parse(audit).record
        #expect(parsed.inputs.map(\.name) == ["address_usage.csv", "schools.xlsx", "students.csv", "zones.xlsx"])
        #expect(parsed.inputs.map(\.encoding) == [.utf8, .workbook, .gb18030, .workbook])
        #expect(parsed.inputs.map(\.sha256) == parsed.inputs.map { SHA256.hash(files[$0.name]!).hexString })
        #expect(placed.keys.contains("inputs/schools.xlsx") && placed.keys.contains(PlacementFiles.workbookName))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-formats-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try OutputFolder.write(placed.map { (name: $0.key, bytes: $0.value) }.sorted { $0.name < $1.name }, to: folder)
        let report = try Verification.run(folder: folder)
        #expect(report.verified, "\(report.files.filter { !$0.matches })")
        #expect(report.files.map(\.file).contains("inputs/schools.xlsx"))
        #expect(report.files.map(\.file).contains(PlacementFiles.workbookName))
    }

    @Test func anAuditRecordWithoutEncodingsStillParses() throws {
        let (_, placed) = try Self.place(try Self.utf8)
        var text = String(decoding: placed[AuditRecord.fileName]!, as: UTF8.self)
        let record = try AuditRecord.parse(text).record
        // The form before encodings were recorded: a bare digest per input.
        for input in record.inputs {
            text = text.replacingOccurrences(of: """
                {
                      "sha256": "\(input.sha256)",
                      "encoding": "UTF-8"
                    }
                """, with: "\"\(input.sha256)\"")
        }
        let old = try AuditRecord.parse(text).record
        #expect(old.inputs.map(\.sha256) == record.inputs.map(\.sha256))
    }

    // MARK: Workbooks

    @Test func bothFormsOfOneFileAreRefused() throws {
        var files = try Self.utf8
        files["students.xlsx"] = try Self.files("workbooks/dataset")["students.xlsx"]
        files["cohorts.csv"] = nil
        let found = Dataset.read(files: files).problems
        #expect(found.map(\.description) == [
            "students.xlsx: the folder holds both students.csv and students.xlsx: keep only the one that is meant, so that nobody has to guess which was placed",
        ])
        #expect(found.first?.text.chinese?.contains("同时有 students.csv 和 students.xlsx") == true)
    }

    @Test func aFolderWithBothFormsIsRefusedWhenLoading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-both-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var files = try Self.utf8
        files["zones.xlsx"] = try Self.files("workbooks/dataset")["zones.xlsx"]
        try OutputFolder.write(files.map { (name: $0.key, bytes: $0.value) }, to: folder)
        #expect(throws: InputProblems.self) { try PlacementInputs.load(data: folder, policy: Self.policy.name) }
        do {
            _ = try PlacementInputs.load(data: folder, policy: Self.policy.name)
        } catch {
            // Only the conflict: zones unknown is not also reported for every student.
            #expect(error.problems.map(\.file) == ["zones.xlsx"])
        }
    }

    /// A workbook built by hand: inline and shared strings, numbers, a date, an error value in an
    /// ignored column, a time of day, a value outside the header, an unknown zone.
    @Test func workbookProblemsAreLocatedByRowAndColumn() throws {
        let students = try WorkbookReaderTests.package(sheet: """
            <row r="1"><c r="A1" t="inlineStr"><is><t>student_id</t></is></c><c r="B1" t="s"><v>0</v></c>\
            <c r="C1" t="inlineStr"><is><t>birth_date</t></is></c><c r="D1" t="inlineStr"><is><t>notes</t></is></c>\
            <c r="E1" t="inlineStr"><is><t>lat</t></is></c><c r="F1" t="inlineStr"><is><t>lon</t></is></c></row>\
            <row r="2"><c r="A2" t="inlineStr"><is><t> 007 </t></is></c><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><v>40704</v></c>\
            <c r="D2" t="e"><v>#N/A</v></c><c r="E2"><v>39.9</v></c><c r="F2"><v>116.4</v></c></row>\
            <row r="4"><c r="A4" t="inlineStr"><is><t>S2</t></is></c><c r="B4" t="inlineStr"><is><t>Q</t></is></c>\
            <c r="C4" s="2"><v>0.5</v></c><c r="E4"><v>39.9</v></c><c r="F4"><v>116.4</v></c></row>\
            <row r="5"><c r="A5" t="inlineStr"><is><t>S3</t></is></c><c r="B5" t="s"><v>1</v></c>\
            <c r="E5"><v>39.9</v></c><c r="F5"><v>116.4</v></c><c r="H5" t="inlineStr"><is><t>stray</t></is></c></row>
            """, sharedStrings: ["<si><t>zone_id</t></si>", "<si><t>ZA</t></si>"],
            styles: """
            <numFmts count="1"><numFmt numFmtId="164" formatCode="h:mm"/></numFmts>\
            <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>
            """)
        let files: [String: [UInt8]] = [
            "schools.csv": Array("school_id,capacity,lat,lon\nA,2,39.9,116.4\n".utf8),
            "zones.csv": Array("zone_id,kind,schools\nZA,single,A\n".utf8),
            "students.xlsx": students,
        ]
        let reading = Dataset.read(files: files)
        #expect(reading.problems.map(\.description) == [
            "students.xlsx:4: birth_date: a time of day is not a date (format the cell as a date without a time)",
            "students.xlsx:5: cell H5 holds a value, but the header names no column there",
        ])
        // Row 4 could not be read (its date is a time), so its unknown zone is not reported on top.
        #expect(reading.dataset.students.map(\.id.text) == ["007", "S3"])
        #expect(reading.dataset.students.first?.birthDate == CalendarDate("2011-06-10"))
        #expect(reading.dataset.students.map(\.line) == [2, 5])
        #expect(reading.dataset.fileEncodings["students.xlsx"] == .workbook)

        // Without the bad cells, the unknown zone is found, located in the workbook, naming zones.csv.
        let clean = try WorkbookReaderTests.package(sheet: """
            <row r="1"><c r="A1" t="inlineStr"><is><t>student_id</t></is></c><c r="B1" t="inlineStr"><is><t>zone_id</t></is></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>S2</t></is></c><c r="B3" t="inlineStr"><is><t>Q</t></is></c></row>
            """)
        let more = Dataset.read(files: files.merging(["students.xlsx": clean]) { _, new in new }).problems
        #expect(more.map(\.description) == ["students.xlsx:3: zone_id: unknown zone 'Q' (not in zones.csv)"])
    }

    @Test func aWorkbookThatIsNoWorkbookIsOneProblem() {
        let found = Dataset.read(files: [
            "schools.xlsx": Array("school_id,capacity\nA,1\n".utf8),
            "zones.csv": Array("zone_id,kind,schools\nZA,single,A\n".utf8),
            "students.csv": Array("student_id,zone_id\nS1,ZA\n".utf8),
        ]).problems
        // The schools cannot be read, so zones.csv's reference to A is not reported as unknown.
        #expect(found.count == 1)
        #expect(found.first?.file == "schools.xlsx" && found.first?.line == nil)
        #expect(found.first?.message.hasPrefix("the workbook cannot be read") == true)
    }

    @Test func forecastFilesMayBeWorkbooks() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("datasets/forecast-sample")
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: sample.path) where name.hasSuffix(".csv") {
            files[name] = [UInt8](try Data(contentsOf: sample.appendingPathComponent(name)))
        }
        let fromCSV = try ForecastInputs.parse(files: files)
        var writer = WorkbookWriter()
        let table = try CSVTable.parse(files["cohorts.csv"]!, file: "cohorts.csv")
        try writer.addSheet(named: "cohorts", header: table.header, fields: table.rows.map(\.fields), numberColumns: [1, 2])
        files["cohorts.csv"] = nil
        files["cohorts.xlsx"] = try writer.workbook()
        let fromWorkbook = try ForecastInputs.parse(files: files)
        #expect(fromWorkbook.cohorts.entries == fromCSV.cohorts.entries)
        #expect(!fromCSV.cohorts.entries.isEmpty)
    }

    // MARK: results.xlsx

    /// Every cell of every sheet reads back as the CSV file's, the header row bilingual.
    @Test func resultsWorkbookHoldsTheCSVFilesCells() throws {
        let (_, placed) = try Self.place(try Self.utf8)
        let workbook = try #require(placed[PlacementFiles.workbookName])
        for (index, name) in ["placements.csv", "schools.csv", "warnings.csv"].enumerated() {
            let csv = try CSVTable.parse(placed[name]!, file: name)
            let sheet = try WorkbookReader.worksheet(at: index, of: workbook, file: PlacementFiles.workbookName)
            let table = try sheet.table()
            #expect(table.header.count == csv.header.count)
            for (bilingual, english) in zip(table.header, csv.header) {
                #expect(bilingual.hasSuffix(" " + english) && bilingual.count > english.count + 1, "\(name): \(bilingual)")
            }
            #expect(table.rows.map(\.fields) == csv.rows.map(\.fields), "\(name)")
        }
        // Lottery numbers stay text with all 16 hex digits (a number cell would lose them).
        let sheet = try WorkbookReader.worksheet(at: 0, of: workbook, file: PlacementFiles.workbookName)
        #expect(sheet.rows.dropFirst().contains { $0.cells.count > 6 && $0.cells[6].count == 16 })
    }

    @Test func idsWithLeadingZerosStayText() throws {
        let files: [String: [UInt8]] = [
            "schools.csv": Array("school_id,capacity\n0012,2\n".utf8),
            "zones.csv": Array("zone_id,kind,schools\n001,single,0012\n".utf8),
            "students.csv": Array("student_id,zone_id\n007,001\n0100,001\n".utf8),
        ]
        let policy = try Policy.parse("""
            {"year": 2023, "stages": [{"kind": "single_zone", "name": "single-zone"}]}
            """, file: "policy.json")
        let instance = try PlacementInstance(dataset: Dataset.parse(files: files), policy: policy)
        let rendered = PlacementFiles(instance: instance, result: try instance.place(seed: testSeed)).render()
        let workbook = try #require(rendered.first { $0.name == PlacementFiles.workbookName }?.bytes)
        let rows = try WorkbookReader.worksheet(at: 0, of: workbook, file: "results.xlsx").rows
        #expect(rows.dropFirst().map { Array($0.cells.prefix(3)) } == [["007", "placed", "0012"], ["0100", "placed", "0012"]])
    }
}
