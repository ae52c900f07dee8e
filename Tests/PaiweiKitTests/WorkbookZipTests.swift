import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// The zip reader on archives from Python's zipfile (and LibreOffice, in the workbook tests), the
/// writer's archives read back, and damaged archives refused.
@Suite("Zip")
struct WorkbookZipTests {
    static let limit = 1 << 24

    @Test func pythonArchive() throws {
        let archive = try ZipArchive(WorkbookFixtures.bytes("zip/python.zip"))
        #expect(archive.entries.map(\.name) == ["stored.txt", "folder/deflated.xml", "empty.txt", "中文名.txt"])
        #expect(archive.entries.map(\.method) == [.stored, .deflated, .deflated, .deflated])
        #expect(String(decoding: archive.comment, as: UTF8.self) == "an archive comment")
        #expect(try archive.contents(named: "stored.txt", limit: Self.limit) == Array("stored entry\n".utf8))
        let xml = try Inflate.decompress(WorkbookFixtures.bytes("deflate/xml.level9.deflate"), limit: Self.limit)
        #expect(try archive.contents(named: "folder/deflated.xml", limit: Self.limit) == xml)
        #expect(try archive.contents(named: "empty.txt", limit: Self.limit) == [])
        #expect(try archive.contents(named: "中文名.txt", limit: Self.limit) == Array("学生 student\n".utf8))
        #expect(try archive.contents(named: "FOLDER/Deflated.XML", limit: Self.limit) == xml, "names ignore ASCII case")
        #expect(try archive.contents(named: "missing.txt", limit: Self.limit) == nil)
        let entry = try #require(archive.entry(named: "folder/deflated.xml"))
        #expect(throws: ZipError.entryTooLarge(entry: entry.name, size: xml.count, limit: 100)) {
            try archive.contents(of: entry, limit: 100)
        }
    }

    /// LibreOffice's zips: every entry deflated, every CRC right.
    @Test func libreOfficeArchives() throws {
        for name in try WorkbookFixtures.names(in: "workbooks", suffix: ".xlsx") {
            let archive = try ZipArchive(WorkbookFixtures.bytes("workbooks/\(name)"))
            #expect(archive.entry(named: "[Content_Types].xml") != nil, "\(name)")
            #expect(archive.entry(named: "xl/workbook.xml") != nil, "\(name)")
            for entry in archive.entries {
                #expect(try archive.contents(of: entry, limit: Self.limit).count == entry.size, "\(name): \(entry.name)")
            }
        }
    }

    @Test func dataDescriptor() throws {
        let archive = try ZipArchive(WorkbookFixtures.bytes("zip/descriptor.zip"))
        let entry = try #require(archive.entries.first)
        #expect(entry.flags & 8 == 8, "sizes and CRC come after the data")
        #expect(try archive.contents(of: entry, limit: Self.limit) == WorkbookFixtures.bytes("deflate/text.txt"))
    }

    @Test func zip64LocalHeader() throws {
        let archive = try ZipArchive(WorkbookFixtures.bytes("zip/zip64.zip"))
        #expect(try archive.contents(named: "big.txt", limit: Self.limit) == Array(String(repeating: "small content behind ZIP64 fields\n", count: 10).utf8))
    }

    /// A ZIP64 archive in full: directory sizes and offset in the extra field, a ZIP64 end record
    /// and its locator, and an end record with every field saturated.
    @Test func zip64EndRecord() throws {
        let content = Array("sixty-four".utf8)
        let name = Array("a.txt".utf8)
        var z: [UInt8] = []
        func u16(_ v: Int) { z += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) { for s in [0, 8, 16, 24] { z.append(UInt8(v >> s & 0xFF)) } }
        func u64(_ v: Int) { u32(v & 0xFFFF_FFFF); u32(v >> 32) }
        let crc = Int(CRC32.checksum(content))
        u32(0x0403_4B50); u16(45); u16(0); u16(0); u16(0); u16(0x21); u32(crc); u32(content.count); u32(content.count)
        u16(name.count); u16(0); z += name; z += content
        let directory = z.count
        u32(0x0201_4B50); u16(45); u16(45); u16(0); u16(0); u16(0); u16(0x21); u32(crc)
        u32(0xFFFF_FFFF); u32(0xFFFF_FFFF); u16(name.count); u16(28); u16(0); u16(0); u16(0); u32(0); u32(0xFFFF_FFFF)
        z += name
        u16(1); u16(24); u64(content.count); u64(content.count); u64(0)
        let directorySize = z.count - directory
        let record = z.count
        u32(0x0606_4B50); u64(44); u16(45); u16(45); u32(0); u32(0); u64(1); u64(1); u64(directorySize); u64(directory)
        u32(0x0706_4B50); u32(0); u64(record); u32(1)
        u32(0x0605_4B50); u16(0); u16(0); u16(0xFFFF); u16(0xFFFF); u32(0xFFFF_FFFF); u32(0xFFFF_FFFF); u16(0)
        let archive = try ZipArchive(z)
        #expect(archive.entries.map(\.size) == [content.count])
        #expect(try archive.contents(named: "a.txt", limit: 100) == content)
    }

    @Test func writerRoundTrip() throws {
        var writer = ZipWriter()
        let xml = Array(String(repeating: "<row><c><v>1</v></c></row>", count: 500).utf8)
        try writer.add("[Content_Types].xml", Array("<Types/>".utf8), method: .deflated)
        try writer.add("xl/worksheets/sheet1.xml", xml, method: .deflated)
        try writer.add("stored.bin", [0, 1, 2], method: .stored)
        try writer.add("空.txt", [], method: .deflated(.fast))
        let bytes = try writer.finish()
        let archive = try ZipArchive(bytes)
        #expect(archive.entries.map(\.name) == ["[Content_Types].xml", "xl/worksheets/sheet1.xml", "stored.bin", "空.txt"])
        #expect(archive.entries.map(\.method) == [.stored, .deflated, .stored, .stored], "deflate only where it saves bytes")
        #expect(try archive.contents(named: "xl/worksheets/sheet1.xml", limit: Self.limit) == xml)
        #expect(try archive.contents(named: "stored.bin", limit: Self.limit) == [0, 1, 2])
        #expect(try archive.contents(named: "空.txt", limit: Self.limit) == [])
        #expect(archive.entries[1].compressedSize < xml.count / 10)

        // Deterministic: the same entries give the same bytes.
        var again = ZipWriter()
        try again.add("[Content_Types].xml", Array("<Types/>".utf8), method: .deflated)
        try again.add("xl/worksheets/sheet1.xml", xml, method: .deflated)
        try again.add("stored.bin", [0, 1, 2], method: .stored)
        try again.add("空.txt", [], method: .deflated(.fast))
        #expect(try again.finish() == bytes)
        #expect(throws: ZipError.duplicateEntry("stored.bin")) { try again.add("stored.bin", [], method: .stored) }
    }

    /// An entry deflated already and handed to an output (with the archive before it) makes the same
    /// archive as one copied in: the output's pieces and then the rest from finish().
    @Test func entriesHandedOverMakeTheSameArchive() throws {
        let xml = Array(String(repeating: "<row><c><v>2</v></c></row>", count: 700).utf8)
        let deflated = Deflate.compress(xml, effort: .fast)
        func archive(handingOver: Bool) throws -> [UInt8] {
            var writer = ZipWriter(), handed: [UInt8] = []
            try writer.add("[Content_Types].xml", Array("<Types/>".utf8), method: .deflated)
            if handingOver {
                try writer.add("xl/worksheets/sheet1.xml", deflated: deflated, crc: CRC32.checksum(xml), size: xml.count) { handed += $0 }
                try writer.add("xl/worksheets/sheet2.xml", deflated: deflated, crc: CRC32.checksum(xml), size: xml.count) { handed += $0 }
            } else {
                try writer.add("xl/worksheets/sheet1.xml", deflated: deflated, crc: CRC32.checksum(xml), size: xml.count)
                try writer.add("xl/worksheets/sheet2.xml", deflated: deflated, crc: CRC32.checksum(xml), size: xml.count)
            }
            try writer.add("stored.bin", [0, 1, 2], method: .stored)
            if handingOver { #expect(handed.count > 2 * deflated.count) } else { #expect(handed.isEmpty) }
            return handed + (try writer.finish())
        }
        let whole = try archive(handingOver: false)
        #expect(try archive(handingOver: true) == whole)
        let read = try ZipArchive(whole)
        #expect(read.entries.map(\.name) == ["[Content_Types].xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "stored.bin"])
        #expect(try read.contents(named: "xl/worksheets/sheet2.xml", limit: Self.limit) == xml)
    }

    // MARK: Damaged archives

    static func small() throws -> [UInt8] {
        var writer = ZipWriter()
        try writer.add("a.txt", Array("hello hello hello hello".utf8), method: .deflated)
        try writer.add("b.txt", Array("stored".utf8), method: .stored)
        return try writer.finish()
    }

    @Test func badChecksum() throws {
        var bytes = try Self.small()
        let at = try #require(bytes.firstRange(of: Array("stored".utf8))).lowerBound
        bytes[at] = UInt8(ascii: "S")
        let archive = try ZipArchive(bytes)
        #expect(throws: ZipError.checksumMismatch(entry: "b.txt")) { try archive.contents(named: "b.txt", limit: 100) }
    }

    @Test func encryptedAndUnsupportedEntries() throws {
        let bytes = try Self.small()
        let directory = try #require(bytes.firstRange(of: [0x50, 0x4B, 0x01, 0x02])).lowerBound
        var encrypted = bytes
        encrypted[directory + 8] |= 1
        #expect(throws: ZipError.encrypted(entry: "a.txt")) { try ZipArchive(encrypted).contents(named: "a.txt", limit: 100) }
        var bzip2 = bytes
        bzip2[directory + 10] = 12
        #expect(throws: ZipError.unsupportedMethod(entry: "a.txt", method: 12)) { try ZipArchive(bzip2).contents(named: "a.txt", limit: 100) }
        var duplicate = bytes
        let second = try #require(duplicate[(directory + 4)...].firstRange(of: [0x50, 0x4B, 0x01, 0x02])).lowerBound
        duplicate[second + 46] = UInt8(ascii: "a")
        #expect(throws: ZipError.duplicateEntry("a.txt")) { try ZipArchive(duplicate) }
    }

    @Test func notZips() {
        #expect(throws: ZipError.notAZip) { try ZipArchive([]) }
        #expect(throws: ZipError.notAZip) { try ZipArchive(Array("student_id,zone_id\nS1,Z1\n".utf8)) }
        // An encrypted Office file (or an old .xls) is an OLE compound file, not a zip.
        #expect(throws: ZipError.notAZip) { try ZipArchive([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)) }
    }

    /// Cut anywhere, an archive is refused or reads with the entries still whole (never a crash).
    @Test func everyTruncationIsRefused() throws {
        let bytes = try Self.small()
        for count in 0..<bytes.count {
            #expect(throws: ZipError.self, "cut to \(count) bytes") {
                let archive = try ZipArchive(Array(bytes[0..<count]))
                for entry in archive.entries { _ = try archive.contents(of: entry, limit: 100) }
            }
        }
    }

    @Test func corruptBytesNeverCrash() throws {
        let original = try WorkbookFixtures.bytes("zip/python.zip")
        var rng = TestRandom(state: 5)
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<(1 + rng.int(4)) {
                bytes[rng.int(bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
            }
            guard let archive = try? ZipArchive(bytes) else { continue }
            for entry in archive.entries { _ = try? archive.contents(of: entry, limit: 1 << 20) }
        }
    }
}
