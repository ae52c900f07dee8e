/// A JSON document with object keys kept in the order written, so that the files Paiwei writes
/// (policies, summaries, audit records) are byte-stable, and policy errors can name a line.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.double(x), .double(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}

// MARK: Writing

extension JSONValue {
    /// Pretty-printed with two-space indents and a final newline; keys in their stored order.
    public func rendered() -> String {
        var out = ""
        render(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private func render(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let v): out += v ? "true" : "false"
        case .int(let v): out += String(v)
        case .double(let v):
            if v.isFinite && v == v.rounded() && abs(v) < 1e15 {
                out += String(Int(v))
            } else {
                out += v.isFinite ? "\(v)" : "null"
            }
        case .string(let v): out += Self.quoted(v)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            // Short arrays of scalars stay on one line: easier to read and to edit.
            if items.count <= 12, items.allSatisfy(\.isScalar) {
                out += "[" + items.map { item in var s = ""; item.render(into: &s, indent: 0); return s }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.render(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += pad + Self.quoted(key) + ": "
                value.render(into: &out, indent: indent + 1)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

// MARK: Reading

/// A JSON value as parsed, with the line each value starts on (for error messages).
public indirect enum ParsedJSON: Sendable {
    case null(line: Int)
    case bool(Bool, line: Int)
    case number(String, line: Int)
    case string(String, line: Int)
    case array([ParsedJSON], line: Int)
    case object([(key: String, value: ParsedJSON)], line: Int)

    public var line: Int {
        switch self {
        case .null(let l), .bool(_, let l), .number(_, let l), .string(_, let l), .array(_, let l), .object(_, let l): l
        }
    }

    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// ``typeName`` in Chinese, for the messages that name it.
    public var chineseTypeName: String {
        switch self {
        case .null: "null（空值）"
        case .bool: "布尔值"
        case .number: "数字"
        case .string: "字符串"
        case .array: "数组"
        case .object: "对象"
        }
    }

    /// Parses a whole document (RFC 8259).
    public static func parse(_ text: String, file: String) throws(InputProblems) -> ParsedJSON {
        var parser = JSONParser(bytes: Array(text.utf8), file: file)
        // A byte-order mark, as Windows editors write it, is not part of the document.
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        do throws(InputProblem) {
            parser.skipSpace()
            let value = try parser.value()
            parser.skipSpace()
            if parser.position < parser.bytes.count {
                throw parser.problem(Message("unexpected text after the JSON value", "JSON 值之后还有多余的文本"))
            }
            return value
        } catch {
            throw InputProblems([error])
        }
    }
}

private struct JSONParser {
    let bytes: [UInt8]
    let file: String
    var position = 0
    var line = 1
    /// How many values enclose the one being read, itself included.
    var depth = 0

    /// How deep values may nest. The parser recurses once per level, so without a limit a few thousand
    /// `[` overflowed the stack (found by fuzzing, #11); a policy or an audit record nests six deep at
    /// most, and RFC 8259 §9 lets a parser limit the depth.
    static let maximumDepth = 100

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    func problem(_ message: Message) -> InputProblem {
        InputProblem(file: file, line: line, column: "", message: Message("not valid JSON: ", "不是有效的 JSON：") + message)
    }

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x0A: line += 1; position += 1
            case 0x20, 0x09, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func value() throws(InputProblem) -> ParsedJSON {
        guard position < bytes.count else { throw problem(Message("the document ends where a value was expected", "文档在应有值的地方结束")) }
        guard depth < Self.maximumDepth else { throw problem(Message("values nest more than \(Self.maximumDepth) deep", "值的嵌套超过 \(Self.maximumDepth) 层")) }
        depth += 1
        defer { depth -= 1 }
        let startLine = line
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(key: String, value: ParsedJSON)] = []
            skipSpace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members, line: startLine) }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw problem(Message("expected a quoted key", "此处应为带引号的键")) }
                let key = try string()
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw problem(Message("expected ':' after the key \"\(key)\"", "键 \"\(key)\" 之后应为 ':'")) }
                position += 1
                skipSpace()
                if members.contains(where: { $0.key.utf8.elementsEqual(key.utf8) }) { throw problem(Message("the key \"\(key)\" appears twice in one object", "键 \"\(key)\" 在同一对象中出现两次")) }
                members.append((key, try value()))
                skipSpace()
                guard position < bytes.count else { throw problem(Message("the object opened on line \(startLine) is never closed", "第 \(startLine) 行开始的对象没有结束")) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members, line: startLine) }
                throw problem(Message("expected ',' or '}' in the object opened on line \(startLine)", "第 \(startLine) 行开始的对象中此处应为 ',' 或 '}'"))
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [ParsedJSON] = []
            skipSpace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items, line: startLine) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard position < bytes.count else { throw problem(Message("the array opened on line \(startLine) is never closed", "第 \(startLine) 行开始的数组没有结束")) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items, line: startLine) }
                throw problem(Message("expected ',' or ']' in the array opened on line \(startLine)", "第 \(startLine) 行开始的数组中此处应为 ',' 或 ']'"))
            }
        case UInt8(ascii: "\""):
            return .string(try string(), line: startLine)
        case UInt8(ascii: "t"): try literal("true"); return .bool(true, line: startLine)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false, line: startLine)
        case UInt8(ascii: "n"): try literal("null"); return .null(line: startLine)
        default:
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            guard !text.isEmpty, Double(text) != nil else { throw problem(Message("unexpected character '\(String(decoding: [bytes[start]], as: UTF8.self))'", "意外的字符 '\(String(decoding: [bytes[start]], as: UTF8.self))'")) }
            return .number(text, line: startLine)
        }
    }

    mutating func literal(_ word: String) throws(InputProblem) {
        let w = Array(word.utf8)
        guard position + w.count <= bytes.count, Array(bytes[position..<(position + w.count)]) == w else {
            throw problem(Message("unexpected word (expected \(word))", "意外的单词（应为 \(word)）"))
        }
        position += w.count
    }

    mutating func string() throws(InputProblem) -> String {
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") { position += 1; return String(decoding: out, as: UTF8.self) }
            if b == 0x0A { throw problem(Message("a string is not closed before the end of the line", "字符串在行末之前没有结束")) }
            if b == UInt8(ascii: "\\") {
                position += 1
                guard position < bytes.count else { break }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""): out.append(e)
                case UInt8(ascii: "\\"): out.append(e)
                case UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code), position + 1 < bytes.count,
                       bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = try hex4()
                        // Only a low surrogate completes the pair: `low - 0xDC00` trapped below DC00 (#11).
                        guard (0xDC00...0xDFFF).contains(low) else { throw problem(Message("bad \\u escape", "错误的 \\u 转义")) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw problem(Message("bad \\u escape", "错误的 \\u 转义")) }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw problem(Message("bad escape '\\\(String(decoding: [e], as: UTF8.self))'", "错误的转义 '\\\(String(decoding: [e], as: UTF8.self))'"))
                }
                continue
            }
            out.append(b)
            position += 1
        }
        throw problem(Message("a string is never closed", "字符串没有结束"))
    }

    mutating func hex4() throws(InputProblem) -> UInt32 {
        guard position + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16) else {
            throw problem(Message("bad \\u escape", "错误的 \\u 转义"))
        }
        position += 4
        return v
    }
}

extension ParsedJSON {
    /// The value without line numbers, for writing back out; numbers stay whole when they are.
    public var value: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b, _): .bool(b)
        case .number(let text, _): Int(text).map { .int($0) } ?? .double(Double(text) ?? 0)
        case .string(let s, _): .string(s)
        case .array(let items, _): .array(items.map(\.value))
        case .object(let members, _): .object(members.map { ($0.key, $0.value.value) })
        }
    }

    public subscript(key: String) -> ParsedJSON? {
        guard case .object(let members, _) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let s, _) = self { return s }
        return nil
    }

    public var intValue: Int? {
        if case .number(let text, _) = self { return Int(text) }
        return nil
    }
}
