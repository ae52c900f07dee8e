import Testing
@testable import PaiweiCore
import PaiweiTestSupport

@Suite("XML scanner")
struct WorkbookXMLTests {
    /// The events of `xml` as strings: "<name a=v …>", "</name>", "'text'".
    static func events(_ xml: String, attributes names: [String] = []) throws -> [String] {
        var scanner = try XMLScanner(Array(xml.utf8))
        var out: [String] = []
        while true {
            switch try scanner.next() {
            case .start:
                var tag = "<"
                for name in ["worksheet", "row", "c", "v", "t", "is", "a", "b", "x"] where scanner.isNamed(name) { tag += name }
                for name in names { if let value = try scanner.attribute(name) { tag += " \(name)=\(value)" } }
                out.append(tag + ">")
            case .end:
                var tag = "</"
                for name in ["worksheet", "row", "c", "v", "t", "is", "a", "b", "x"] where scanner.isNamed(name) { tag += name }
                out.append(tag + ">")
            case .text:
                out.append("'\(try scanner.text())'")
            case .endOfDocument:
                return out
            }
        }
    }

    @Test func elementsAttributesAndText() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment -->
        <x:worksheet xmlns:x="urn:x"><row r = '7' spans="1:2"><c r="B7" t="s"/><c><v>85.5</v></c></row></x:worksheet>
        """
        #expect(try Self.events(xml, attributes: ["r", "t", "spans"]) == [
            "'\n'", "'\n'", "<worksheet>", "<row r=7 spans=1:2>", "<c r=B7 t=s>", "</c>", "<c>", "<v>", "'85.5'", "</v>", "</c>", "</row>", "</worksheet>",
        ])
    }

    @Test func entitiesAndReferences() throws {
        let xml = "<t a=\"&quot;&apos;&#9;x\">&amp;&lt;&gt;&quot;&apos; &#65;&#x42;&#x4e2d;&#x20000;&#13;</t>"
        #expect(try Self.events(xml, attributes: ["a"]) == ["<t a=\"'\tx>", "'&<>\"' AB中𠀀\r'", "</t>"])
    }

    @Test func lineEndsAreNormalized() throws {
        #expect(try Self.events("<t a=\"1\r\n2\n3\">a\r\nb\rc\nd</t>", attributes: ["a"]) == ["<t a=1 2 3>", "'a\nb\nc\nd'", "</t>"])
    }

    @Test func cdataCommentsAndInstructions() throws {
        #expect(try Self.events("<t><![CDATA[<b>&amp;</b>]]><!-- <x/> --><?pi stuff?></t>") == ["<t>", "'<b>&amp;</b>'", "</t>"])
    }

    @Test func skipElement() throws {
        var scanner = try XMLScanner(Array("<a><b><x/><x>t</x></b><x/></a>".utf8))
        #expect(try scanner.next() == .start)
        #expect(try scanner.next() == .start && scanner.isNamed("b"))
        try scanner.skipElement()
        #expect(try scanner.next() == .start && scanner.isNamed("x"))
        #expect(try scanner.next() == .end)
        #expect(try scanner.next() == .end && scanner.isNamed("a"))
        #expect(try scanner.next() == .endOfDocument)
    }

    @Test(arguments: [
        "<a><b></a></b>", "<a>", "</a>", "<a b=c/>", "<a b></a>", "<a b=\"1></a>", "<a>&unknown;</a>", "<a>&amp</a>",
        "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>&#x110000;</a>", "<a>&#xFFFE;</a>", "<a>&#;</a>", "<a>&#x;</a>", "<a>&#12a;</a>",
        "<a><!-- never closed</a>", "<a><![CDATA[ never closed</a>", "<", "<a b=\"<\"/>", "<a/ >", "<a><!x></a>", "< a/>",
        "<a x=\"&bad;\"/>",
    ])
    func malformedIsRefused(xml: String) {
        #expect(throws: XMLError.self, "\(xml)") { try Self.events(xml, attributes: ["b", "x"]) }
    }

    @Test func unsupportedIsRefused() {
        #expect(throws: XMLError.unsupported("a document type declaration", offset: 0)) {
            try Self.events("<!DOCTYPE lol [<!ENTITY lol \"lol\">]><a>&lol;</a>")
        }
        #expect(throws: XMLError.self) { try XMLScanner([0xFF, 0xFE, 0x3C, 0x00]) }
        #expect(throws: XMLError.self) { try Self.events(String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)) }
        // Bytes that are not UTF-8 in text.
        #expect(throws: XMLError.self) {
            var scanner = try XMLScanner([0x3C, 0x74, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x74, 0x3E])
            _ = try scanner.next()
            _ = try scanner.next()
            _ = try scanner.text()
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        var scanner = try XMLScanner([0xEF, 0xBB, 0xBF] + Array("<a/>".utf8))
        #expect(try scanner.next() == .start)
    }
}
