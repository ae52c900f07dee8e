/// What is wrong with an XML part; offsets are 0-based bytes into the part.
public enum XMLError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String, offset: Int)
    /// Well-formed XML that this scanner does not read: a document type declaration (entity
    /// definitions are how "billion laughs" attacks work; no Office part has one), UTF-16.
    case unsupported(String, offset: Int)

    /// The English half of ``text`` (WorkbookProblem.swift holds both languages).
    public var description: String { text.english }
}

/// A pull scanner over the bytes of an XML 1.0 document in UTF-8, enough for SpreadsheetML and
/// the package parts around it.
///
/// ``next()`` steps from event to event: a start tag (a self-closing tag gives a start and an end),
/// an end tag, or a run of text (character data between tags, or a CDATA section). Names are
/// matched by their local part, whatever the prefix (`x:row` is `row`), which is how
/// spreadsheet readers treat namespaces in practice. Attribute values and text are decoded only
/// when asked for: the five predefined entities, decimal and hexadecimal character references,
/// XML's line-end normalization (CR LF and lone CR are LF), attribute-value normalization
/// (whitespace characters become spaces).
///
/// Guarantees: tags must nest and match, attribute values be quoted, entities be known and
/// references be characters XML allows, text be valid UTF-8; anything else throws ``XMLError``
/// with its byte offset. Comments and processing instructions are skipped. A document type
/// declaration is refused (no entity can be defined, so none can expand). Nesting is limited
/// (``maxDepth``) so that a hostile part cannot make the tag stack grow without bound.
///
/// - Complexity: each byte is looked at a constant number of times; a start tag's attributes are
///   found by a linear search of its (few) attributes.
struct XMLScanner {
    enum Event: Equatable {
        case start
        case end
        case text
        case endOfDocument
    }

    static let maxDepth = 256

    private let bytes: [UInt8]
    private var position = 0
    /// Qualified name of the current start or end tag, and where its local part begins.
    private var nameStart = 0
    private var nameEnd = 0
    private var localStart = 0
    /// Attributes of the current start tag: (local name start, name end, value start, value end) each.
    private var attributes: [Int] = []
    private var attributeCount = 0
    private var textStart = 0
    private var textEnd = 0
    private var textIsCDATA = false
    private var textNeedsDecoding = false
    /// The tag just read closed itself (`<c/>`): its end event comes next.
    private var selfClosing = false
    /// Qualified-name ranges of the open elements.
    private var stack: [Int] = []

    init(_ bytes: [UInt8]) throws(XMLError) {
        self.bytes = bytes
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw .unsupported("UTF-16 (only UTF-8 is read)", offset: 0)
        }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
    }

    /// How many elements are open (the current start tag's included).
    var depth: Int { stack.count / 2 }

    /// The byte offset where the scanner stands, for messages.
    var offset: Int { position }

    mutating func next() throws(XMLError) -> Event {
        if selfClosing {
            selfClosing = false
            stack.removeLast(2)
            return .end
        }
        let n = bytes.count
        while true {
            if position >= n {
                if !stack.isEmpty { throw .malformed("the document ends inside an element", offset: position) }
                return .endOfDocument
            }
            if bytes[position] != UInt8(ascii: "<") {
                textStart = position
                textIsCDATA = false
                textNeedsDecoding = false
                while position < n && bytes[position] != UInt8(ascii: "<") {
                    let b = bytes[position]
                    if b == UInt8(ascii: "&") || b == 0x0D { textNeedsDecoding = true }
                    position += 1
                }
                textEnd = position
                return .text
            }
            guard position + 1 < n else { throw .malformed("a lone '<' at the end", offset: position) }
            switch bytes[position + 1] {
            case UInt8(ascii: "/"):
                let at = position
                position += 2
                readName()
                skipSpace()
                guard position < n, bytes[position] == UInt8(ascii: ">") else { throw .malformed("an end tag without '>'", offset: position) }
                position += 1
                guard stack.count >= 2 else { throw .malformed("an end tag with no element open", offset: at) }
                let openStart = stack[stack.count - 2]
                let openEnd = stack[stack.count - 1]
                guard bytes[openStart..<openEnd].elementsEqual(bytes[nameStart..<nameEnd]) else {
                    throw .malformed("the end tag does not match the start tag at byte \(openStart)", offset: at)
                }
                stack.removeLast(2)
                return .end
            case UInt8(ascii: "?"):
                try skip(past: [UInt8(ascii: "?"), UInt8(ascii: ">")], what: "a processing instruction")
            case UInt8(ascii: "!"):
                if matches("<!--") {
                    try skip(past: Array("-->".utf8), what: "a comment")
                } else if matches("<![CDATA[") {
                    position += 9
                    textStart = position
                    try skip(past: Array("]]>".utf8), what: "a CDATA section")
                    textEnd = position - 3
                    textIsCDATA = true
                    textNeedsDecoding = false
                    return .text
                } else if matches("<!DOCTYPE") {
                    throw .unsupported("a document type declaration", offset: position)
                } else {
                    throw .malformed("'<!' that starts no comment or CDATA section", offset: position)
                }
            default:
                try readStartTag()
                return .start
            }
        }
    }

    /// True if the current tag's local name is `name`.
    func isNamed(_ name: String) -> Bool {
        Self.equal(name, bytes, localStart, nameEnd)
    }

    /// `name`'s UTF-8 equals `bytes[start..<end]`; the length is compared first, which settles
    /// almost every comparison of one tag name with another.
    @inline(__always)
    private static func equal(_ name: String, _ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let utf8 = name.utf8
        guard utf8.count == end - start else { return false }
        var i = start
        for b in utf8 {
            if bytes[i] != b { return false }
            i += 1
        }
        return true
    }

    /// The decoded value of the current start tag's attribute with local name `name`, if present.
    func attribute(_ name: String) throws(XMLError) -> String? {
        var i = 0
        while i < attributeCount {
            let base = i * 4
            if Self.equal(name, bytes, attributes[base], attributes[base + 1]) {
                guard let value = decode(attributes[base + 2], attributes[base + 3], inAttribute: true) else {
                    throw .malformed("an attribute value with an unknown entity, a character XML does not allow, or bytes that are not UTF-8", offset: attributes[base + 2])
                }
                return value
            }
            i += 1
        }
        return nil
    }

    /// The decoded current text event.
    func text() throws(XMLError) -> String {
        if textIsCDATA || !textNeedsDecoding {
            guard let text = Self.string(bytes, textStart, textEnd) else {
                throw .malformed("text that is not UTF-8", offset: textStart)
            }
            return text
        }
        guard let text = decode(textStart, textEnd, inAttribute: false) else {
            throw .malformed("an unknown entity or a character reference XML does not allow", offset: textStart)
        }
        return text
    }

    /// Reads on to the end of the element whose start tag was just read, skipping everything in it.
    mutating func skipElement() throws(XMLError) {
        let target = depth - 1
        while depth > target {
            if try next() == .endOfDocument { return }
        }
    }

    // MARK: Tags

    private mutating func readStartTag() throws(XMLError) {
        let at = position
        position += 1
        readName()
        guard nameEnd > nameStart else { throw .malformed("a tag without a name", offset: at) }
        guard stack.count / 2 < Self.maxDepth else { throw .unsupported("elements nested more than \(Self.maxDepth) deep", offset: at) }
        stack.append(nameStart)
        stack.append(nameEnd)
        let tagNameStart = nameStart
        let tagNameEnd = nameEnd
        let tagLocalStart = localStart
        attributeCount = 0
        let n = bytes.count
        while true {
            skipSpace()
            guard position < n else { throw .malformed("the document ends inside a tag", offset: at) }
            let b = bytes[position]
            if b == UInt8(ascii: ">") {
                position += 1
                break
            }
            if b == UInt8(ascii: "/") {
                guard position + 1 < n, bytes[position + 1] == UInt8(ascii: ">") else { throw .malformed("'/' inside a tag", offset: position) }
                position += 2
                selfClosing = true
                break
            }
            readName()
            guard nameEnd > nameStart else { throw .malformed("an attribute without a name", offset: position) }
            let attributeLocal = localStart
            let attributeEnd = nameEnd
            skipSpace()
            guard position < n, bytes[position] == UInt8(ascii: "=") else { throw .malformed("an attribute without '='", offset: position) }
            position += 1
            skipSpace()
            guard position < n, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw .malformed("an attribute value without quotes", offset: position)
            }
            let quote = bytes[position]
            position += 1
            let valueStart = position
            while position < n && bytes[position] != quote {
                if bytes[position] == UInt8(ascii: "<") { throw .malformed("'<' inside an attribute value", offset: position) }
                position += 1
            }
            guard position < n else { throw .malformed("an attribute value that is never closed", offset: valueStart) }
            let base = attributeCount * 4
            if attributes.count < base + 4 { attributes.append(contentsOf: [0, 0, 0, 0]) }
            attributes[base] = attributeLocal
            attributes[base + 1] = attributeEnd
            attributes[base + 2] = valueStart
            attributes[base + 3] = position
            attributeCount += 1
            position += 1
        }
        nameStart = tagNameStart
        nameEnd = tagNameEnd
        localStart = tagLocalStart
    }

    /// Reads a name up to whitespace, `/`, `>` or `=`; `localStart` is after its last colon.
    private mutating func readName() {
        nameStart = position
        localStart = position
        let n = bytes.count
        while position < n {
            let b = bytes[position]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") || b == UInt8(ascii: "=") { break }
            if b == UInt8(ascii: ":") { localStart = position + 1 }
            position += 1
        }
        nameEnd = position
    }

    private mutating func skipSpace() {
        while position < bytes.count {
            let b = bytes[position]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
            position += 1
        }
    }

    private func matches(_ literal: String) -> Bool {
        let utf8 = literal.utf8
        return position + utf8.count <= bytes.count && utf8.elementsEqual(bytes[position..<(position + utf8.count)])
    }

    private mutating func skip(past terminator: [UInt8], what: String) throws(XMLError) {
        let start = position
        let n = bytes.count
        while position + terminator.count <= n {
            if bytes[position] == terminator[0] && bytes[position..<(position + terminator.count)].elementsEqual(terminator) {
                position += terminator.count
                return
            }
            position += 1
        }
        throw .malformed("\(what) that is never closed", offset: start)
    }

    // MARK: Decoding

    /// Decodes `bytes[start..<end]`: entities, character references, line ends (and, in attribute
    /// values, whitespace to spaces). Nil if an entity is unknown or a reference is not a character
    /// XML allows, or if the bytes are not UTF-8.
    private func decode(_ start: Int, _ end: Int, inAttribute: Bool) -> String? {
        // Most values hold nothing to decode: make the string straight from the bytes.
        var plain = true
        for i in start..<end {
            let b = bytes[i]
            if b == UInt8(ascii: "&") || b == 0x0D || inAttribute && (b == 0x09 || b == 0x0A) {
                plain = false
                break
            }
        }
        if plain { return Self.string(bytes, start, end) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 0x0D {
                // CR LF and a lone CR are both one LF (XML 1.0 §2.11).
                out.append(inAttribute ? 0x20 : 0x0A)
                i += i + 1 < end && bytes[i + 1] == 0x0A ? 2 : 1
                continue
            }
            if inAttribute && (b == 0x09 || b == 0x0A) {
                out.append(0x20)
                i += 1
                continue
            }
            guard b == UInt8(ascii: "&") else {
                out.append(b)
                i += 1
                continue
            }
            var semicolon = i + 1
            while semicolon < end && semicolon - i <= 12 && bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < end, bytes[semicolon] == UInt8(ascii: ";") else { return nil }
            let name = bytes[(i + 1)..<semicolon]
            if name.first == UInt8(ascii: "#") {
                var scalar: UInt32 = 0
                var digits = name.dropFirst()
                let hex = digits.first == UInt8(ascii: "x")
                if hex { digits = digits.dropFirst() }
                guard !digits.isEmpty else { return nil }
                for d in digits {
                    let value: UInt32
                    switch d {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(d - UInt8(ascii: "0"))
                    case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: value = UInt32(d - UInt8(ascii: "a") + 10)
                    case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: value = UInt32(d - UInt8(ascii: "A") + 10)
                    default: return nil
                    }
                    scalar = scalar * (hex ? 16 : 10) + value
                    if scalar > 0x10FFFF { return nil }
                }
                guard Self.isXMLCharacter(scalar) else { return nil }
                Self.appendUTF8(scalar, to: &out)
            } else if name.elementsEqual("amp".utf8) {
                out.append(UInt8(ascii: "&"))
            } else if name.elementsEqual("lt".utf8) {
                out.append(UInt8(ascii: "<"))
            } else if name.elementsEqual("gt".utf8) {
                out.append(UInt8(ascii: ">"))
            } else if name.elementsEqual("quot".utf8) {
                out.append(UInt8(ascii: "\""))
            } else if name.elementsEqual("apos".utf8) {
                out.append(UInt8(ascii: "'"))
            } else {
                return nil
            }
            i = semicolon + 1
        }
        return Self.string(out, 0, out.count)
    }

    /// `bytes[start..<end]` as a string, nil if it is not UTF-8. Through `UTF8Span`, which is not
    /// generic: `String(validating:as:)` over an array slice instantiates generic metadata on
    /// every call, which cost a tenth of the reading time of a large sheet.
    @inline(__always)
    static func string(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String? {
        guard let span = try? UTF8Span(validating: bytes.span.extracting(start..<end)) else { return nil }
        return String(copying: span)
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// XML 1.0 §2.2: the characters a document may hold.
    static func isXMLCharacter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
