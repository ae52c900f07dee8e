/// What is wrong with a zip archive, or with one of its entries.
public enum ZipError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No end-of-central-directory record: not a zip at all (or cut short).
    case notAZip
    /// An archive split over several disks (files).
    case multiDisk
    /// A record reaching past the end of the file, or overlapping what follows it.
    case truncated(String)
    /// A record without its signature where the directory says it starts.
    case badSignature(String, offset: Int)
    /// An entry encrypted with a password (traditional PKWARE or AES).
    case encrypted(entry: String)
    /// An entry compressed with a method other than stored (0) and deflate (8).
    case unsupportedMethod(entry: String, method: Int)
    /// An entry larger than the caller allows (a zip bomb, or simply too big).
    case entryTooLarge(entry: String, size: Int, limit: Int)
    /// An entry whose data does not inflate.
    case damaged(entry: String, InflateError)
    /// An entry whose data inflates to another size than the directory declares.
    case sizeMismatch(entry: String)
    /// An entry whose data does not have the CRC-32 the directory declares.
    case checksumMismatch(entry: String)
    /// Two entries with the same name.
    case duplicateEntry(String)
    /// More than a writer can put in a zip without ZIP64 (4 GiB, 65,535 entries, 64 KiB names).
    case tooLargeToWrite(String)

    /// The English half of ``text`` (WorkbookProblem.swift holds both languages).
    public var description: String { text.english }
}

/// A zip archive read from memory (APPNOTE.TXT 6.3): its central directory, and each entry's
/// contents on demand.
///
/// What is read: the end-of-central-directory record (found behind an archive comment of up to
/// 64 KiB), ZIP64 end records and extra fields (so sizes and offsets may be 64-bit), the central
/// directory, each entry's local header (whose sizes may be zero: the directory's are used, as with
/// a data descriptor), methods 0 (stored) and 8 (deflate). Names are taken as UTF-8 whatever the
/// language flag says (invalid bytes become U+FFFD); every name an Office package holds is ASCII.
///
/// Refused, each with its ``ZipError``: multi-disk archives, encrypted entries, other methods,
/// records that run past the end, entries over the caller's size limit, data whose size or CRC-32
/// differs from the directory's, and two entries with one name (which reader would win is
/// undefined, so neither does).
///
/// - Complexity: opening is O(*e*) in the entries plus a scan of at most 64 KiB for the end record;
///   ``contents(of:limit:)`` is O(size) and allocates only the output.
public struct ZipArchive: Sendable {
    public enum Method: Sendable, Hashable {
        case stored
        case deflated
        case other(Int)
    }

    public struct Entry: Sendable, Hashable {
        public let name: String
        public let method: Method
        public let crc32: UInt32
        public let compressedSize: Int
        /// The size of the contents, as the central directory declares it.
        public let size: Int
        let flags: UInt16
        let localHeaderOffset: Int
    }

    /// The entries in central-directory order.
    public let entries: [Entry]
    public let comment: [UInt8]
    private let bytes: [UInt8]
    private let index: [String: Int]

    /// Reads the directory of the archive in `bytes`.
    public init(_ bytes: [UInt8]) throws(ZipError) {
        self.bytes = bytes
        let reader = ZipFieldReader(bytes)
        let end = try Self.findEndRecord(bytes)
        let diskNumber = reader.u16(end + 4)
        let directoryDisk = reader.u16(end + 6)
        var count = Int(reader.u16(end + 10))
        var directorySize = Int(reader.u32(end + 12))
        var directoryOffset = Int(reader.u32(end + 16))
        let commentLength = Int(reader.u16(end + 20))
        comment = Array(bytes[(end + 22)..<min(bytes.count, end + 22 + commentLength)])
        var directoryEnd = end
        if diskNumber != 0 || directoryDisk != 0 { throw .multiDisk }

        // ZIP64: a locator just before the end record points to a 64-bit end record.
        if end >= 20 && reader.u32(end - 20) == 0x0706_4B50 {
            let recordOffset = reader.u64(end - 12)
            guard recordOffset >= 0, recordOffset <= end - 20 - 56 else { throw .truncated("ZIP64 end record") }
            guard reader.u32(recordOffset) == 0x0606_4B50 else { throw .badSignature("ZIP64 end record", offset: recordOffset) }
            if reader.u32(recordOffset + 16) != 0 || reader.u32(recordOffset + 20) != 0 { throw .multiDisk }
            count = reader.u64(recordOffset + 32)
            directorySize = reader.u64(recordOffset + 40)
            directoryOffset = reader.u64(recordOffset + 48)
            directoryEnd = recordOffset
        }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset <= directoryEnd,
              directorySize <= directoryEnd - directoryOffset else { throw .truncated("central directory") }
        // Each directory record takes at least 46 bytes: a count beyond that is a lie.
        guard count >= 0, count <= directorySize / 46 else { throw .truncated("central directory") }

        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var index: [String: Int] = [:]
        var at = directoryOffset
        let limit = directoryOffset + directorySize
        for _ in 0..<count {
            guard at + 46 <= limit else { throw .truncated("central directory") }
            guard reader.u32(at) == 0x0201_4B50 else { throw .badSignature("central directory record", offset: at) }
            let flags = reader.u16(at + 8)
            let methodCode = Int(reader.u16(at + 10))
            let crc = UInt32(reader.u32(at + 16))
            var compressedSize = Int(reader.u32(at + 20))
            var size = Int(reader.u32(at + 24))
            let nameLength = Int(reader.u16(at + 28))
            let extraLength = Int(reader.u16(at + 30))
            let entryCommentLength = Int(reader.u16(at + 32))
            let startDisk = Int(reader.u16(at + 34))
            var localOffset = Int(reader.u32(at + 42))
            let nameStart = at + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + entryCommentLength
            guard next <= limit else { throw .truncated("central directory") }
            let name = String(decoding: bytes[nameStart..<extraStart], as: UTF8.self)

            // ZIP64 extra field (0x0001): the 64-bit values of the fields saturated above, in order.
            if size == 0xFFFF_FFFF || compressedSize == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                var field = extraStart
                var found = false
                while field + 4 <= extraStart + extraLength {
                    let id = reader.u16(field)
                    let length = Int(reader.u16(field + 2))
                    let body = field + 4
                    guard body + length <= extraStart + extraLength else { break }
                    if id == 0x0001 {
                        var value = body
                        func take() throws(ZipError) -> Int {
                            guard value + 8 <= body + length else { throw .truncated("ZIP64 extra field of \(name)") }
                            defer { value += 8 }
                            return reader.u64(value)
                        }
                        if size == 0xFFFF_FFFF { size = try take() }
                        if compressedSize == 0xFFFF_FFFF { compressedSize = try take() }
                        if localOffset == 0xFFFF_FFFF { localOffset = try take() }
                        found = true
                        break
                    }
                    field = body + length
                }
                if !found { throw .truncated("ZIP64 extra field of \(name)") }
            }
            if startDisk != 0 && startDisk != 0xFFFF { throw .multiDisk }
            guard size >= 0, compressedSize >= 0, localOffset >= 0 else { throw .truncated("sizes of \(name)") }

            let method: Method = switch methodCode {
            case 0: .stored
            case 8: .deflated
            default: .other(methodCode)
            }
            if index[name] != nil { throw .duplicateEntry(name) }
            index[name] = entries.count
            entries.append(Entry(name: name, method: method, crc32: crc, compressedSize: compressedSize, size: size,
                                 flags: flags, localHeaderOffset: localOffset))
            at = next
        }
        self.entries = entries
        self.index = index
    }

    /// The entry with this name; OPC part names ignore ASCII case, so that is the fallback.
    public func entry(named name: String) -> Entry? {
        if let i = index[name] { return entries[i] }
        let lowered = name.lowercased()
        return entries.first { $0.name.lowercased() == lowered }
    }

    /// The contents of `entry`, checked against its declared size and CRC-32.
    ///
    /// - Parameter limit: the largest size accepted; an entry declaring more is refused before
    ///   anything is inflated, and inflating stops at the declared size, whatever the data says.
    public func contents(of entry: Entry, limit: Int) throws(ZipError) -> [UInt8] {
        if entry.flags & 0x41 != 0 { throw .encrypted(entry: entry.name) }   // bit 0: encrypted; bit 6: strong encryption
        if entry.size > limit { throw .entryTooLarge(entry: entry.name, size: entry.size, limit: limit) }
        let reader = ZipFieldReader(bytes)
        let header = entry.localHeaderOffset
        guard header <= bytes.count - 30 else { throw .truncated("local header of \(entry.name)") }
        guard reader.u32(header) == 0x0403_4B50 else { throw .badSignature("local header of \(entry.name)", offset: header) }
        if reader.u16(header + 6) & 0x41 != 0 { throw .encrypted(entry: entry.name) }
        // The local name and extra field may differ in length from the directory's.
        let dataStart = header + 30 + Int(reader.u16(header + 26)) + Int(reader.u16(header + 28))
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw .truncated("data of \(entry.name)")
        }
        let data = bytes.span.extracting(dataStart..<(dataStart + entry.compressedSize))
        let output: [UInt8]
        switch entry.method {
        case .stored:
            if entry.compressedSize != entry.size { throw .sizeMismatch(entry: entry.name) }
            output = Array(bytes[dataStart..<(dataStart + entry.size)])
        case .deflated:
            do {
                output = try Inflate.decompress(data, limit: entry.size, expectedCount: entry.size)
            } catch .outputLimitExceeded {
                throw .sizeMismatch(entry: entry.name)
            } catch {
                throw .damaged(entry: entry.name, error)
            }
            if output.count != entry.size { throw .sizeMismatch(entry: entry.name) }
        case .other(let code):
            throw .unsupportedMethod(entry: entry.name, method: code)
        }
        if CRC32.checksum(output) != entry.crc32 { throw .checksumMismatch(entry: entry.name) }
        return output
    }

    /// The contents of the entry named `name` (see ``entry(named:)``), or nil if there is none.
    public func contents(named name: String, limit: Int) throws(ZipError) -> [UInt8]? {
        guard let entry = entry(named: name) else { return nil }
        return try contents(of: entry, limit: limit)
    }

    /// The offset of the end-of-central-directory record: the last one whose comment ends the
    /// file exactly, else the last one whose comment fits (some writers leave bytes after it).
    private static func findEndRecord(_ bytes: [UInt8]) throws(ZipError) -> Int {
        guard bytes.count >= 22 else { throw .notAZip }
        let reader = ZipFieldReader(bytes)
        var fallback: Int?
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while at >= lowest {
            if bytes[at] == 0x50 && reader.u32(at) == 0x0605_4B50 {
                let commentLength = Int(reader.u16(at + 20))
                if at + 22 + commentLength == bytes.count { return at }
                if fallback == nil && at + 22 + commentLength <= bytes.count { fallback = at }
            }
            at -= 1
        }
        if let fallback { return fallback }
        throw .notAZip
    }
}

/// Little-endian fields of a zip archive. Every read is bounds-checked: a field past the end
/// reads as zero bytes, which every caller then refuses through its own range check.
private struct ZipFieldReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func byte(_ i: Int) -> Int {
        i >= 0 && i < bytes.count ? Int(bytes[i]) : 0
    }

    func u16(_ i: Int) -> UInt16 {
        UInt16(byte(i) | byte(i + 1) << 8)
    }

    func u32(_ i: Int) -> Int {
        byte(i) | byte(i + 1) << 8 | byte(i + 2) << 16 | byte(i + 3) << 24
    }

    /// A 64-bit field; values beyond Int.max (which no real archive has) come back negative.
    func u64(_ i: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(u32(i)) | UInt64(u32(i + 4)) << 32)
    }
}
