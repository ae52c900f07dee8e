/// Writes a zip archive in memory: stored or deflated entries, in the order added.
///
/// The bytes depend only on the entries — their names, contents, methods and order: every entry
/// carries the same timestamp (1980-01-01 00:00, the earliest DOS date), no extra fields, no
/// attributes of the machine that wrote it — so the same rows give byte-identical workbooks, and a
/// digest of an output file means something.
///
/// A deflated entry that would come out larger than its contents is stored instead, as zip tools do.
/// No ZIP64: entries and the archive are limited to 4 GiB, names to 64 KiB, and the archive to
/// 65,535 entries, each refused with ``ZipError/tooLargeToWrite(_:)``.
///
/// - Complexity: O(*n*) in the contents for stored entries; deflate costs what ``Deflate`` does.
public struct ZipWriter: Sendable {
    public enum Method: Sendable, Hashable {
        case stored
        case deflated(Deflate.Effort)

        public static let deflated = Method.deflated(.default)
    }

    /// The archive so far, after the ``handedOver`` bytes already handed to an output.
    private var bytes: [UInt8] = []
    private var handedOver = 0
    private var directory: [UInt8] = []
    private var names: Set<String> = []
    private var count = 0

    public init() {}

    /// Room for `bytes` of entries, so that adding large ones copies each once (a stored
    /// worksheet of tens of megabytes, say).
    public mutating func reserveCapacity(_ bytes: Int) {
        self.bytes.reserveCapacity(bytes)
    }

    /// Appends an entry named `name` (use `/` between folders) holding `contents`.
    public mutating func add(_ name: String, _ contents: [UInt8], method: Method) throws(ZipError) {
        let nameBytes = try newEntry(name, size: contents.count)

        var data = contents
        var methodCode: UInt16 = 0
        if case .deflated(let effort) = method {
            let compressed = Deflate.compress(contents, effort: effort)
            if compressed.count < contents.count {
                data = compressed
                methodCode = 8
            }
        }
        try append(name, nameBytes, data: data, methodCode: methodCode, crc: CRC32.checksum(contents), size: contents.count)
    }

    /// Appends an entry whose contents were deflated already (``Deflate``'s segments, say): `deflated`
    /// the raw deflate stream of `size` bytes whose CRC-32 is `crc`.
    public mutating func add(_ name: String, deflated: [UInt8], crc: UInt32, size: Int) throws(ZipError) {
        let nameBytes = try newEntry(name, size: max(size, deflated.count))
        try append(name, nameBytes, data: deflated, methodCode: 8, crc: crc, size: size)
    }

    /// The same, with the archive so far and then `deflated` itself handed to `output` rather than
    /// copied into the archive: a worksheet of a million rows (tens of megabytes deflated) is written
    /// out as it is. ``finish()`` then returns the rest of the archive; the bytes are the same.
    public mutating func add(_ name: String, deflated: [UInt8], crc: UInt32, size: Int, handingTo output: ([UInt8]) -> Void) throws(ZipError) {
        let nameBytes = try newEntry(name, size: max(size, deflated.count))
        try append(name, nameBytes, data: [], dataCount: deflated.count, methodCode: 8, crc: crc, size: size)
        output(bytes)
        output(deflated)
        handedOver += bytes.count + deflated.count
        bytes.removeAll(keepingCapacity: true)
    }

    /// The checks every entry passes before it is added (zip's 16- and 32-bit fields, one name once):
    /// the name's bytes.
    private mutating func newEntry(_ name: String, size: Int) throws(ZipError) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= 0xFFFF else { throw .tooLargeToWrite("a name of \(nameBytes.count) bytes") }
        guard size <= 0xFFFF_FFFE else { throw .tooLargeToWrite("\(name) (\(size) bytes)") }
        guard count < 0xFFFF else { throw .tooLargeToWrite("more than 65,535 entries") }
        guard names.insert(name).inserted else { throw .duplicateEntry(name) }
        return nameBytes
    }

    /// Appends an entry's local header and `data` to the archive, and its record to the directory;
    /// `dataCount` the data's size where the caller writes the data itself.
    private mutating func append(_ name: String, _ nameBytes: [UInt8], data: [UInt8], dataCount: Int? = nil, methodCode: UInt16, crc: UInt32, size: Int) throws(ZipError) {
        let offset = handedOver + bytes.count, dataCount = dataCount ?? data.count
        guard offset + 30 + nameBytes.count + dataCount <= 0xFFFF_FFFE else { throw .tooLargeToWrite("an archive over 4 GiB") }
        // Bit 11: the name is UTF-8 (only said when it is not plain ASCII, as zip tools do).
        let flags: UInt16 = nameBytes.contains { $0 >= 0x80 } ? 0x0800 : 0
        let version: UInt16 = methodCode == 8 ? 20 : 10

        Self.put32(&bytes, 0x0403_4B50)
        Self.put16(&bytes, version)
        Self.put16(&bytes, flags)
        Self.put16(&bytes, methodCode)
        Self.put16(&bytes, Self.dosTime)
        Self.put16(&bytes, Self.dosDate)
        Self.put32(&bytes, crc)
        Self.put32(&bytes, UInt32(dataCount))
        Self.put32(&bytes, UInt32(size))
        Self.put16(&bytes, UInt16(nameBytes.count))
        Self.put16(&bytes, 0)
        bytes.append(contentsOf: nameBytes)
        bytes.append(contentsOf: data)

        Self.put32(&directory, 0x0201_4B50)
        Self.put16(&directory, 20)                  // made by: MS-DOS (no Unix permissions), version 2.0
        Self.put16(&directory, version)
        Self.put16(&directory, flags)
        Self.put16(&directory, methodCode)
        Self.put16(&directory, Self.dosTime)
        Self.put16(&directory, Self.dosDate)
        Self.put32(&directory, crc)
        Self.put32(&directory, UInt32(dataCount))
        Self.put32(&directory, UInt32(size))
        Self.put16(&directory, UInt16(nameBytes.count))
        Self.put16(&directory, 0)                   // extra field
        Self.put16(&directory, 0)                   // comment
        Self.put16(&directory, 0)                   // disk
        Self.put16(&directory, 0)                   // internal attributes
        Self.put32(&directory, 0)                   // external attributes
        Self.put32(&directory, UInt32(offset))
        directory.append(contentsOf: nameBytes)
        count += 1
    }

    /// The archive — the entries, the central directory and the end record — or, where entries were
    /// handed to an output, the rest of it.
    public consuming func finish() throws(ZipError) -> [UInt8] {
        // The entries' own array, not a copy of it: a large archive is not copied at its end.
        var archive: [UInt8] = []
        swap(&archive, &bytes)
        let directoryOffset = handedOver + archive.count
        guard directoryOffset + directory.count <= 0xFFFF_FFFE else { throw .tooLargeToWrite("an archive over 4 GiB") }
        archive.reserveCapacity(archive.count + directory.count + 22)
        archive.append(contentsOf: directory)
        Self.put32(&archive, 0x0605_4B50)
        Self.put16(&archive, 0)
        Self.put16(&archive, 0)
        Self.put16(&archive, UInt16(count))
        Self.put16(&archive, UInt16(count))
        Self.put32(&archive, UInt32(directory.count))
        Self.put32(&archive, UInt32(directoryOffset))
        Self.put16(&archive, 0)
        return archive
    }

    /// 00:00:00 on 1980-01-01: DOS time 0, DOS date (year − 1980) << 9 | month << 5 | day.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = 0 << 9 | 1 << 5 | 1

    private static func put16(_ out: inout [UInt8], _ value: UInt16) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    private static func put32(_ out: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
