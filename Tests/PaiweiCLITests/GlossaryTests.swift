import Foundation
import Testing

/// docs/glossary.md holds the policy documents' words; every `Message("English", "中文")` literal in
/// Sources (and the workbook codecs' `BilingualText(english:chinese:)`) must use them: where the English
/// names a term, the Chinese holds that term's Chinese.
@Suite struct GlossaryTests {
    struct Term {
        let english: String
        let chinese: String
        /// The English term as a word, in the singular or plural, a space also matching a hyphen.
        let pattern: NSRegularExpression
    }

    /// One `Message("…", "…")` of the sources, interpolations replaced by `•`.
    struct Literal: CustomStringConvertible {
        let file: String
        let line: Int
        let english: String
        let chinese: String
        var description: String { "\(file):\(line)" }
    }

    static let repository = OutputDigestTests.repository

    /// The rows of the glossary's table, longest English term first (so that *multi zone* is matched
    /// before *zone*).
    static func glossary() throws -> [Term] {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/glossary.md"), encoding: .utf8)
        var terms: [Term] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0] != "English", !cells[0].hasPrefix("---") else { continue }
            let words = NSRegularExpression.escapedPattern(for: cells[0]).replacingOccurrences(of: " ", with: "[ -]")
            terms.append(Term(english: cells[0], chinese: cells[1],
                              pattern: try NSRegularExpression(pattern: "\\b\(words)(s|es)?\\b", options: [.caseInsensitive])))
        }
        return terms.sorted { $0.english.count > $1.english.count }
    }

    /// Every message literal pair in Sources.
    static func literals() throws -> [Literal] {
        let sources = repository.appendingPathComponent("Sources")
        var found: [Literal] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
        for file in files {
            let text = Array(try String(contentsOf: file, encoding: .utf8))
            var scanner = LiteralScanner(text: text)
            for (offset, english, chinese) in scanner.messages() {
                let line = text[..<offset].filter { $0 == "\n" }.count + 1
                found.append(Literal(file: String(file.path.dropFirst(repository.path.count + 1)), line: line, english: english, chinese: chinese))
            }
        }
        return found
    }

    /// What is not a word of the language in an English message: quoted data, options, column and
    /// field names, file names, interpolated values.
    static let notWords = try! NSRegularExpression(pattern: [
        #"(?<=^|[\s(\[])'[^'\n]*'(?=$|[\s).,;:?\]])"#,   // 'quoted data'
        #""[^"\n]*""#,                                     // "quoted" JSON
        #"--?[A-Za-z][\w-]*"#,                            // --options
        #"\S*[_=•/]\S*"#,                                 // column_names, key=value, paths, values
        #"(?<=one of: )[^)\n]*"#,                         // the values a field may take
        #"\S+\.(csv|json|xlsx|html|txt|md)\b"#,           // file names
    ].joined(separator: "|"))

    @Test func theGlossaryIsReadable() throws {
        let terms = try Self.glossary()
        #expect(terms.count >= 30)
        for word in ["placement", "overflow", "multi zone", "single zone", "feeder", "seat", "lottery", "lottery number", "preference", "zone", "private", "boarding"] {
            #expect(terms.contains { $0.english == word }, "\(word)")
        }
        #expect(Set(terms.map(\.english)).count == terms.count, "a term is listed twice")
    }

    @Test func scannerFindsTheMessages() throws {
        var scanner = LiteralScanner(text: Array(#"""
        x = Message("a \(b.joined(separator: ", ")) 'c'", "甲\(d("e"))乙")
        y = Message("""
            multi
            line
            """, """
            多行
            """)
        z = Message(verbatim: "no")
        w = BilingualText(english: "the zip", chinese: "zip 文件")
        """#))
        let found = scanner.messages().map { [$0.1, $0.2] }
        #expect(found == [["a • 'c'", "甲•乙"], ["multi\nline\n", "多行\n"], ["the zip", "zip 文件"]])
        let all = try Self.literals()
        #expect(all.count > 300)
        #expect(all.filter { $0.file.hasSuffix("WorkbookProblem.swift") }.count > 20)
        #expect(all.contains { $0.file.hasSuffix("Command.swift") && $0.english.hasPrefix("Usage: paiwei place") })
    }

    @Test func chineseMessagesUseTheGlossarysTerms() throws {
        let terms = try Self.glossary()
        var wrong: [String] = []
        for literal in try Self.literals() {
            // A value spliced into a word (`contribution\(plural)`) leaves the word whole.
            var english = literal.english.replacingOccurrences(of: "•", with: " • ") as NSString
            english = Self.notWords.stringByReplacingMatches(in: english as String, range: NSRange(location: 0, length: english.length), withTemplate: " ") as NSString
            for term in terms {
                let range = NSRange(location: 0, length: english.length)
                guard term.pattern.firstMatch(in: english as String, range: range) != nil else { continue }
                if !literal.chinese.contains(term.chinese) {
                    wrong.append("\(literal): '\(term.english)' is \(term.chinese): \(literal.english.prefix(80)) | \(literal.chinese.prefix(60))")
                }
                // The shorter terms inside this one are not looked for again.
                english = term.pattern.stringByReplacingMatches(in: english as String, range: range, withTemplate: " ") as NSString
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) messages:\n\(wrong.joined(separator: "\n"))")
    }
}

/// Finds `Message("…", "…")` in Swift source: both arguments string literals (single or multi-line),
/// interpolations skipped whole, however many parentheses and strings they hold.
struct LiteralScanner {
    let text: [Character]
    var position = 0

    init(text: [Character]) { self.text = text }

    mutating func messages() -> [(Int, String, String)] {
        var found: [(Int, String, String)] = []
        let openings = [(Array("Message("), "", ""), (Array("BilingualText("), "english:", "chinese:")]
        while position < text.count {
            guard let (opening, first, second) = openings.first(where: { starts(String($0.0)) }),
                  position == 0 || !(text[position - 1].isLetter || text[position - 1].isNumber) else {
                position += 1
                continue
            }
            let start = position
            position += opening.count
            guard label(first), let english = literal() else { continue }
            skipSpace()
            guard position < text.count, text[position] == "," else { continue }
            position += 1
            guard label(second), let chinese = literal() else { continue }
            found.append((start, english, chinese))
        }
        return found
    }

    /// Skips the argument label `name` (nothing when empty); false when another stands there.
    private mutating func label(_ name: String) -> Bool {
        guard !name.isEmpty else { return true }
        skipSpace()
        guard starts(name) else { return false }
        position += name.count
        return true
    }

    private mutating func skipSpace() {
        while position < text.count, text[position].isWhitespace { position += 1 }
    }

    private func starts(_ word: String) -> Bool {
        let chars = Array(word)
        return position + chars.count <= text.count && text[position..<position + chars.count].elementsEqual(chars)
    }

    /// The literal at the position (after spaces), its interpolations as `•`; nil if there is none.
    private mutating func literal() -> String? {
        skipSpace()
        let multiline = starts("\"\"\"")
        guard multiline || starts("\"") else { return nil }
        position += multiline ? 3 : 1
        if multiline {
            while position < text.count, text[position] != "\n" { position += 1 }
            position += 1
        }
        var value = ""
        var lineStart = multiline
        while position < text.count {
            let c = text[position]
            if lineStart {
                // The indentation of a multi-line literal is not part of it.
                while position < text.count, text[position] == " " { position += 1 }
                lineStart = false
                continue
            }
            if multiline ? starts("\"\"\"") : c == "\"" {
                position += multiline ? 3 : 1
                return value
            }
            if c == "\\" && position + 1 < text.count {
                let next = text[position + 1]
                position += 2
                switch next {
                case "(": skipInterpolation(); value.append("•")
                case "n": value.append("\n")
                case "\n": lineStart = true
                default: value.append(next)
                }
                continue
            }
            value.append(c)
            if c == "\n" { lineStart = multiline }
            position += 1
        }
        return nil
    }

    private mutating func skipInterpolation() {
        var depth = 1
        while position < text.count, depth > 0 {
            switch text[position] {
            case "(": depth += 1; position += 1
            case ")": depth -= 1; position += 1
            case "\"": _ = literal()
            default: position += 1
            }
        }
    }
}
