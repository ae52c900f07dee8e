import PaiweiCore
import PaiweiRuns
/// Small helpers for the self-contained HTML pages of a placement (`report.html`, `rosters.html`).
///
/// The pages are published next to the CSV files and may be opened offline, archived or printed for a
/// notary, so they reference nothing outside themselves: styles are inline, charts are inline SVG, and
/// there are no scripts, web fonts or images. Their bytes depend only on the placement (no dates, no
/// random ids), so that two runs of the same placement publish identical files.
enum HTML {
    /// Escapes text content: `&`, `<` and `>`.
    static func escape(_ text: String) -> String {
        escaped(text, attribute: false)
    }

    /// Escapes an attribute value (always written in double quotes): also `"` and `'`.
    static func escapeAttribute(_ text: String) -> String {
        escaped(text, attribute: true)
    }

    /// Whether `byte` must be replaced by an entity.
    @inline(__always)
    fileprivate static func needsEscape(_ byte: UInt8, attribute: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): true
        case UInt8(ascii: "\""), UInt8(ascii: "'"): attribute
        default: false
        }
    }

    fileprivate static func entity(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
    }

    private static func escaped(_ text: String, attribute: Bool) -> String {
        // Almost every id and name needs nothing; return it as is rather than rebuilding it.
        guard text.utf8.contains(where: { needsEscape($0, attribute: attribute) }) else { return text }
        var builder = HTMLBuilder(capacity: text.utf8.count + 16)
        builder.appendEscaped(text, attribute: attribute)
        return builder.output
    }

    /// Font stacks: the platform's UI font, then CJK fonts so that Chinese renders on every system.
    static let sansFonts = #"system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif"#
    static let monoFonts = #"ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace"#

    /// Styles shared by both pages; each page appends its own.
    static let baseStyle = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { font-family: \(sansFonts); color: #1a1a1a; background: #fff; margin: 0 auto; padding: 24px 28px 48px;
           max-width: 1000px; font-size: 15px; line-height: 1.45; }
    h1 { font-size: 24px; margin: 0 0 8px; }
    h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #4e79a7; break-after: avoid; }
    h3 { font-size: 16px; margin: 18px 0 8px; break-after: avoid; }
    .en { color: #555; font-weight: normal; }
    h1 .en, h2 .en, h3 .en { margin-left: 0.3em; }
    .mono { font-family: \(monoFonts); font-size: 0.92em; }
    .seed { word-break: break-all; }
    .note { color: #555; font-size: 13px; }
    table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
    th, td { border: 1px solid #c8c8c8; padding: 3px 8px; text-align: left; vertical-align: baseline; }
    td.mono, td.nowrap { white-space: nowrap; }
    th { background: #eef2f7; font-weight: 600; }
    /* Column names in two lines, Chinese over English, so that bilingual headers do not widen the columns. */
    thead th > .en { display: block; margin-left: 0; font-size: 0.88em; }
    td.num, th.num { text-align: right; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 16px; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    svg.chart { display: block; width: 100%; max-width: 960px; height: auto; margin: 8px 0 4px; }
    svg.chart text { font-family: \(sansFonts); fill: #1a1a1a; }
    svg.chart text.v { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
    @media print {
      body { max-width: none; padding: 0; font-size: 11pt; }
      h2 { margin-top: 18px; }
      svg.chart, table, dl.facts { break-inside: avoid; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; }
    }
    """

    /// A whole document: doctype, `<head>` with charset, viewport, title and inline style, then `body`.
    /// - Parameter capacity: expected size in bytes, reserved once so that appending never re-copies much.
    static func document(title: String, style: String, capacity: Int = 1 << 16, body: (inout HTMLBuilder) -> Void) -> String {
        String(decoding: documentBytes(title: title, style: style, capacity: capacity, body: body), as: UTF8.self)
    }

    /// The same document as UTF-8 bytes, as it is written to a file.
    static func documentBytes(title: String, style: String, capacity: Int = 1 << 16, body: (inout HTMLBuilder) -> Void) -> [UInt8] {
        var page = HTMLBuilder(capacity: capacity)
        document(title: title, style: style, into: &page, body: body)
        return page.bytes
    }

    /// The same document handed to `segment` a piece at a time (pieces of about `segmentBytes`, cut where
    /// the body calls ``HTMLBuilder/endSegmentIfFull()``): a page of a million rows is never whole in memory.
    static func documentSegments(title: String, style: String, capacity: Int, segmentBytes: Int, body: (inout HTMLBuilder) -> Void,
                                 segment: @escaping ([UInt8]) -> Void) {
        var page = HTMLBuilder(capacity: segmentBytes < capacity ? segmentBytes + (1 << 16) : capacity)
        page.segments = (segmentBytes, segment)
        document(title: title, style: style, into: &page, body: body)
        segment(page.bytes)
    }

    private static func document(title: String, style: String, into page: inout HTMLBuilder, body: (inout HTMLBuilder) -> Void) {
        page.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.raw("<meta name=\"generator\" content=\"\(Product.name) \(Product.version)\">\n")
        page.raw("<title>")
        page.text(title)
        page.raw("</title>\n<style>\n")
        page.raw(baseStyle)
        page.raw("\n")
        page.raw(style)
        page.raw("\n</style>\n</head>\n<body>\n")
        body(&page)
        page.raw("</body>\n</html>\n")
    }
}

/// One growing output buffer: every page is appended piece by piece into one byte array, which keeps
/// rendering linear in the output size and spares `String`'s per-append bookkeeping (a roster has a
/// dozen appends per student).
struct HTMLBuilder {
    private(set) var bytes: [UInt8] = []
    /// Where a document written in segments goes (``HTML/documentSegments``), and from what size.
    fileprivate var segments: (bytes: Int, take: ([UInt8]) -> Void)?

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// In a document written in segments, hands what has been appended on once it reaches the segment
    /// size and starts the next segment; elsewhere nothing.
    mutating func endSegmentIfFull() {
        guard let segments, bytes.count >= segments.bytes else { return }
        segments.take(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// What has been appended, as text.
    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends markup as is.
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Appends text content, escaped.
    mutating func text(_ text: String) {
        appendEscaped(text, attribute: false)
    }

    /// Appends an attribute value, escaped for double quotes.
    mutating func attribute(_ text: String) {
        appendEscaped(text, attribute: true)
    }

    /// Appends a decimal integer.
    mutating func int(_ value: Int) {
        FixedDecimal.append(value, to: &bytes)
    }

    /// Appends a lottery number: 16 lowercase hex digits (SPEC §4).
    mutating func lotteryNumber(_ number: UInt64) {
        appendLotteryNumber(number, to: &bytes)
    }

    /// `中文 <span class="en" lang="en">English</span>`: the bilingual label used by every heading.
    mutating func bilingual(_ chinese: String, _ english: String) {
        text(chinese)
        raw(" <span class=\"en\" lang=\"en\">")
        text(english)
        raw("</span>")
    }

    /// `<tag>` + bilingual text + `</tag>`.
    mutating func heading(_ tag: String, _ chinese: String, _ english: String, id: String? = nil) {
        raw("<\(tag)")
        if let id {
            raw(" id=\"")
            attribute(id)
            raw("\"")
        }
        raw(">")
        bilingual(chinese, english)
        raw("</\(tag)>\n")
    }

    /// A table cell holding an escaped text value.
    mutating func cell(_ value: String, className: String? = nil) {
        raw(className.map { "<td class=\"\($0)\">" } ?? "<td>")
        text(value)
        raw("</td>")
    }

    /// A right-aligned table cell holding an integer with grouped digits.
    mutating func numberCell(_ value: Int, data: String? = nil) {
        raw("<td class=\"num\"")
        if let data {
            // A machine-readable copy of the value, for checks that read the page back.
            raw(" \(data)=\"\(value)\"")
        }
        raw(">")
        raw(NumberText.grouped(value))
        raw("</td>")
    }

    /// A `<thead>` of bilingual column names; `numeric` columns are right-aligned. With `opened`, the
    /// caller has already written `<thead>` and rows of its own above the column names.
    mutating func headerRow(_ columns: [(zh: String, en: String, numeric: Bool)], opened: Bool = false) {
        raw(opened ? "<tr>" : "<thead><tr>")
        for column in columns {
            raw(column.numeric ? "<th class=\"num\">" : "<th>")
            bilingual(column.zh, column.en)
            raw("</th>")
        }
        raw("</tr></thead>\n")
    }

    mutating func appendEscaped(_ text: String, attribute: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            // Copy the runs between special bytes whole.
            var start = 0
            for i in utf8.indices where HTML.needsEscape(utf8[i], attribute: attribute) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                bytes.append(contentsOf: HTML.entity(utf8[i]).utf8)
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}
