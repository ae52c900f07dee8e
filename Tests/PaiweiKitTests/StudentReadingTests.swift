import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
import PaiweiTestSupport

/// `students.csv` read through the fast path (unquoted cells found eight bytes at a time, ids interned from
/// bytes, numbers, dates and keywords parsed from byte ranges) gives the same students and the same
/// located problems whatever the file's form: every cell quoted, CRLF or lone CR line ends, a byte-order
/// mark, White_Space of every kind around cells, whitespace-only lines, non-ASCII ids.
@Suite struct StudentReadingTests {
    /// A generated Chaoyang-shaped district: its files, and students.csv as rows of cells after the header.
    static func district(students: Int = 400) -> (files: [String: [UInt8]], header: [String], rows: [[String]]) {
        var files: [String: [UInt8]] = [:]
        for (name, bytes) in DistrictGenerator(preset: .chaoyang, students: students, seed: 7).makeFiles() { files[name] = bytes }
        let lines = String(decoding: files["students.csv"]!, as: UTF8.self).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Ids that are not ASCII, two of them the same text written two ways (different ids).
        let id = header.firstIndex(of: "student_id")!
        rows[3][id] = "学生\(rows[3][id])"
        rows[5][id] = "S\u{E9}"
        rows[6][id] = "Se\u{301}"
        return (files, header, rows)
    }

    /// How a file is written out.
    struct Form {
        var quoteEverything = false
        var lineEnd = "\n"
        var byteOrderMark = false
        var padding: [String] = []
        /// A whitespace-only line after every this many rows (0: none): later lines move down.
        var blankEvery = 0
    }

    static func render(_ header: [String], _ rows: [[String]], _ form: Form, random: inout TestRandom) -> (bytes: [UInt8], lineOfRow: [Int]) {
        func cell(_ text: String) -> String {
            var text = text
            // Padding inside the quotes: White_Space outside them would be text around a quoted field.
            if !form.padding.isEmpty {
                text = random.pick(form.padding) + text + random.pick(form.padding)
            }
            if form.quoteEverything { text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            return text
        }
        var out = form.byteOrderMark ? "\u{FEFF}" : ""
        out += header.map(cell).joined(separator: ",") + form.lineEnd
        var line = 2
        var lineOfRow: [Int] = []
        for (k, row) in rows.enumerated() {
            if form.blankEvery > 0 && k % form.blankEvery == 0 {
                out += random.pick([" ", "\t", "\u{3000}", "\u{00A0} ", ""]) + form.lineEnd
                line += 1
            }
            lineOfRow.append(line)
            out += row.map(cell).joined(separator: ",") + form.lineEnd
            line += 1
        }
        return (Array(out.utf8), lineOfRow)
    }

    static let forms: [(String, Form)] = [
        ("quoted", Form(quoteEverything: true)),
        ("crlf", Form(lineEnd: "\r\n")),
        ("cr", Form(lineEnd: "\r")),
        ("bom", Form(byteOrderMark: true)),
        ("padded", Form(padding: ["", " ", "\t", "\u{00A0}", "\u{3000}", "\u{2003}\u{205F}", " \u{3000} "])),
        ("quoted, padded, CRLF, BOM, blank lines", Form(quoteEverything: true, lineEnd: "\r\n", byteOrderMark: true,
                                                        padding: ["", " ", "\u{3000}"], blankEvery: 7)),
        ("blank lines", Form(blankEvery: 3)),
    ]

    /// What a student was read as, every field, with its line given as the row it came from.
    static func summary(_ student: Student, rowOfLine: [Int: Int]) -> String {
        let choices = ChoiceColumn.allCases.map { student.choice($0).map(String.init) ?? "-" }.joined(separator: "/")
        return [student.id.text, student.district.text, String(student.zone), student.primarySchool.text,
                student.location.map { "\($0.latitude),\($0.longitude)" } ?? "-", student.hukou.rawValue, String(student.reviewPassed),
                student.housing.rawValue, student.propertyDate.map { "\($0)" } ?? "-", student.addressID.text, String(student.siblingExempt),
                student.birthDate.map { "\($0)" } ?? "-", String(student.disabled), String(student.care), choices,
                student.preferences.map(String.init).joined(separator: ";"), String(student.acceptFeeder), student.familyID.text,
                String(rowOfLine[student.line] ?? -1)].joined(separator: "|")
    }

    static func read(_ files: [String: [UInt8]], students: [UInt8]) -> DatasetReading {
        var files = files
        files["students.csv"] = students
        return Dataset.read(files: files)
    }

    @Test func everyFormReadsTheSameStudents() {
        let (files, header, rows) = Self.district()
        var random = TestRandom(state: 1)
        let plain = Self.render(header, rows, Form(), random: &random)
        let expected = Self.read(files, students: plain.bytes)
        #expect(expected.problems.isEmpty)
        #expect(expected.dataset.students.count == rows.count)
        let plainRows = Dictionary(uniqueKeysWithValues: plain.lineOfRow.enumerated().map { ($1, $0) })
        let want = expected.dataset.students.map { Self.summary($0, rowOfLine: plainRows) }
        for (name, form) in Self.forms {
            let written = Self.render(header, rows, form, random: &random)
            let reading = Self.read(files, students: written.bytes)
            #expect(reading.problems.isEmpty, "\(name): \(Array(reading.problems.prefix(3)))")
            let rowOfLine = Dictionary(uniqueKeysWithValues: written.lineOfRow.enumerated().map { ($1, $0) })
            let got = reading.dataset.students.map { Self.summary($0, rowOfLine: rowOfLine) }
            #expect(got == want, "\(name): \(zip(got, want).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "counts \(got.count) ≠ \(want.count)")")
        }
    }

    /// Bad cells of every kind, and the same problems at the same rows and columns in every form.
    @Test func everyFormReportsTheSameProblems() {
        let district = Self.district()
        let files = district.files, header = district.header
        var rows = district.rows
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        rows[10][column("birth_date")] = "2010-02-30"
        rows[11][column("review_passed")] = "maybe"
        rows[12][column("lat")] = "91.5"
        rows[13][column("lon")] = "116.4x"
        rows[14][column("hukou")] = "foreign"
        rows[15][column("housing")] = "tent"
        rows[16][column("care")] = "martyr; nobody"
        rows[17][column("preferences")] = "M999;M022"
        rows[18][column("zone_id")] = "Z99"
        rows[19][column("student_id")] = rows[2][column("student_id")]
        rows[20][column("student_id")] = "family:twins"
        rows[21][column("zone_id")] = ""
        rows[22][column("student_id")] = "\u{3000}"
        rows[23][column("private_choice")] = "学校"
        rows[24][column("property_date")] = "2019-1-05"
        rows[25][column("accept_feeder")] = "TRUE"      // fine: any ASCII case
        rows[26][column("lat")] = ""                    // lon given without lat
        var random = TestRandom(state: 2)
        let plain = Self.render(header, rows, Form(), random: &random)
        let expected = Self.read(files, students: plain.bytes)
        func located(_ problems: [InputProblem], _ lineOfRow: [Int]) -> [String] {
            let rowOfLine = Dictionary(uniqueKeysWithValues: lineOfRow.enumerated().map { ($1, $0) })
            // A message naming another line ("already used on line 5") names it as its row, too.
            func asRows(_ text: String) -> String {
                text.replacing(/line (\d+)/) { "row \(rowOfLine[Int($0.1)!] ?? -1)" }
                    .replacing(/第 (\d+) 行/) { "第 \(rowOfLine[Int($0.1)!] ?? -1) 条" }
            }
            return problems.map { "\($0.file) row \($0.line.flatMap { rowOfLine[$0] } ?? -1) \($0.column): \(asRows($0.text.english)) / \(asRows($0.text.chinese ?? ""))" }
        }
        let want = located(expected.problems, plain.lineOfRow)
        #expect(want.count == 17, "\(want)")
        for (name, form) in Self.forms {
            let written = Self.render(header, rows, form, random: &random)
            let got = located(Self.read(files, students: written.bytes).problems, written.lineOfRow)
            #expect(got == want, "\(name)")
        }
    }

    /// Syntax problems at the same line and the same field, whatever ends the lines.
    @Test func syntaxProblemsAtTheSameLineInEveryLineEnd() {
        let (files, header, rows) = Self.district(students: 60)
        for lineEnd in ["\n", "\r\n", "\r"] {
            var text = header.joined(separator: ",") + lineEnd
            for (k, row) in rows.enumerated() {
                var cells = row
                if k == 4 { cells[2] = "Z\"01" }
                if k == 9 { cells[1] = "\"chao\"yang" }
                if k == 14 { cells[5] = "\"116.4\nmore\"" }
                text += cells.joined(separator: ",") + lineEnd
                if k == 20 { text += "only,three,fields" + lineEnd }
            }
            text += "S999,\"never closed" + lineEnd + "S1000,chaoyang" + lineEnd
            let problems = Self.read(files, students: Array(text.utf8)).problems
            let lines = problems.map { "\($0.line ?? -1) \($0.column): \($0.text.english)" }
            #expect(lines.contains("6 : the row has a quote inside an unquoted field (field 3)") || lines.contains { $0.hasPrefix("6 : ") && $0.contains("field 3") },
                    "\(lineEnd.debugDescription): \(lines)")
            #expect(lines.contains { $0.hasPrefix("11 : ") && $0.contains("field 2") }, "\(lineEnd.debugDescription): \(lines)")
            #expect(lines.contains { $0.hasPrefix("24 : ") && $0.contains("fields") }, "\(lineEnd.debugDescription): \(lines)")
            #expect(lines.contains { $0.hasPrefix("\(rows.count + 4) : ") && $0.lowercased().contains("quote") }, "\(lineEnd.debugDescription): \(lines)")
            #expect(problems.allSatisfy { $0.file == "students.csv" })
        }
    }

    /// The short-decimal fast path gives what `Double(text)` (strtod) gives, or leaves the text to it.
    @Test func decimalsAsStrtodReadsThem() {
        var random = TestRandom(state: 3)
        let pieces = ["0", "1", "5", "9", "39", "116", ".", "-", "+", "e", "E", "00", "983014", "123456789012345", "9"]
        for _ in 0..<50_000 {
            var text = ""
            for _ in 0..<(1 + random.int(6)) { text += random.pick(pieces) }
            let bytes = Array(text.utf8)
            let parsed = CellSyntax.decimal(bytes.span)
            let expected = Double(text).flatMap { $0.isFinite ? $0 : nil }
            #expect(parsed?.bitPattern == expected?.bitPattern, "\(text)")
        }
        for text in ["39.983014", "-0.5", "116.", ".25", "0", "-0", "123456789012345", "1234567890123456", "1.2.3", "", "-", "."] {
            let parsed = CellSyntax.decimal(Array(text.utf8).span)
            #expect(parsed?.bitPattern == Double(text).flatMap { $0.isFinite ? $0 : nil }?.bitPattern, "\(text)")
        }
    }

    /// Ids in ascending order need no table; the first one out of order brings it in, with the same
    /// refusals as a table from the start.
    @Test func idsUsedTwiceAreRefusedInOrderOrNot() {
        let files: [String: [UInt8]] = [
            "schools.csv": Array("school_id,capacity\nS1,10\n".utf8),
            "zones.csv": Array("zone_id,kind,schools\nZ1,single,S1\n".utf8),
        ]
        for (ids, refused) in [
            (["A", "B", "C", "D"], [String]()),
            (["A", "B", "B", "C"], ["4 'B' line 3"]),
            (["A", "B", "C", "C", "B", "D", "A"], ["5 'C' line 4", "6 'B' line 3", "8 'A' line 2"]),
            (["D", "C", "B", "A", "D"], ["6 'D' line 2"]),
            (["A", "AB", "A", "ABC", "AB"], ["4 'A' line 2", "6 'AB' line 3"]),
        ] {
            let text = "student_id,zone_id\n" + ids.map { "\($0),Z1\n" }.joined()
            let reading = Self.read(files, students: Array(text.utf8))
            let got = reading.problems.map { "\($0.line ?? -1) \($0.text.english.split(separator: " ").first ?? "") line \($0.text.english.split(separator: " ").last ?? "")" }
            #expect(got == refused, "\(ids)")
            #expect(reading.dataset.students.map(\.id.text) == Array(Set(ids)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }, "\(ids)")
        }
    }

    /// The switches that give a care category its bit and a choice column its position follow `allCases`.
    @Test func careBitsAndChoicePositionsFollowAllCases() {
        for (k, category) in CareCategory.allCases.enumerated() { #expect(category.bit == UInt8(1) << UInt8(k)) }
        for (k, column) in ChoiceColumn.allCases.enumerated() { #expect(column.index == k) }
    }

    /// Booleans in any ASCII case, and nothing else: against lowering the letters and comparing words.
    @Test func booleansInAnyCaseAndNothingElse() {
        func reference(_ bytes: [UInt8]) -> Bool? {
            let lowered = String(decoding: bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
            switch lowered {
            case "yes", "true", "1": return true
            case "no", "false", "0": return false
            default: return nil
            }
        }
        var random = TestRandom(state: 5)
        let alphabet = Array("yYeEsSnNoOtTrRuUfFaAlL10@`.Nn2 \u{7F}".utf8) + [0x0E, 0x4E | 0x80, 0xD9, 0xCF]
        for _ in 0..<200_000 {
            let word = (0..<(1 + random.int(6))).map { _ in random.pick(alphabet) }
            #expect(CellSyntax.boolean(word.span) == reference(word), "\(word)")
        }
        for word in ["yes", "YES", "Yes", "no", "No", "true", "TRUE", "False", "1", "0", "y", "n", "yess", "nO"] {
            #expect(CellSyntax.boolean(Array(word.utf8).span) == reference(Array(word.utf8)), "\(word)")
        }
    }
}
