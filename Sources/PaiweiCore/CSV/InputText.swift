/// The text of an input file as SPEC §2 reads its bytes: UTF-8, with or without a byte-order mark;
/// else, when the bytes are not UTF-8 but are GB18030 (GBK, GB2312), GB18030 decoded to UTF-8.
///
/// - A byte-order mark says UTF-8, full stop: a byte that is not UTF-8 after it is refused there.
/// - Valid UTF-8 is read as it is, without a copy (ASCII is both, and is UTF-8).
/// - Otherwise the bytes are decoded as GB18030 (``GB18030Decoding``); if that fails too, the file is
///   refused at the later of the two places where the decodings stopped, as line and byte (both
///   1-based, bytes counted as stored): the place a person is most likely to find the damage, since
///   everything before it decodes one way or the other.
///
/// Digests are always taken over the raw bytes; this only decides how they are read.
struct InputText: Sendable {
    /// UTF-8 bytes of the text (the file's own bytes when it is UTF-8).
    let bytes: [UInt8]
    /// Where the text starts (3 past a byte-order mark).
    let start: Int
    let encoding: InputEncoding

    /// Reads `raw`, or returns the problem that stops it from being read.
    static func decode(_ raw: [UInt8], file: String) -> Result<InputText, InputProblem> {
        if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
            // A byte-order mark says UTF-8, full stop.
            if let (line, byte, _) = UTF8Validation.firstInvalid(raw, from: 3) {
                return .failure(InputProblem(file: file, line: line, byte: byte, column: "", message: Message(
                    "this byte is not UTF-8, though the file begins with UTF-8's byte-order mark: the file is damaged, or was joined from files in different encodings; save it again as \"CSV UTF-8\"",
                    "此字节不是 UTF-8 编码，而文件以 UTF-8 的字节顺序标记（BOM）开头：文件已损坏，或由不同编码的文件拼接而成；请重新另存为“CSV UTF-8”")))
            }
            return .success(InputText(bytes: raw, start: 3, encoding: .utf8))
        }
        guard let utf8Failure = UTF8Validation.firstInvalid(raw, from: 0) else {
            return .success(InputText(bytes: raw, start: 0, encoding: .utf8))
        }
        switch GB18030Decoding.decode(raw) {
        case .success(let decoded):
            return .success(InputText(bytes: decoded, start: 0, encoding: .gb18030))
        case .failure(.invalid(let offset)):
            let (line, byte) = offset > utf8Failure.offset ? LineLocation.of(offset, in: raw) : (utf8Failure.line, utf8Failure.byte)
            return .failure(InputProblem(file: file, line: line, byte: byte, column: "", message: Message(
                "this byte is neither UTF-8 nor GB18030 (GBK): the file is in another encoding, or damaged; save it as \"CSV UTF-8\" (or, from Excel or WPS on Chinese Windows, as plain \"CSV\")",
                "此字节既不是 UTF-8 也不是 GB18030（GBK）编码：文件是其他编码，或已损坏；请另存为“CSV UTF-8”（中文 Windows 下的 Excel 或 WPS 也可另存为普通“CSV”）")))
        case .failure(.unavailable):
            return .failure(InputProblem(file: file, line: utf8Failure.line, byte: utf8Failure.byte, column: "", message: Message(
                "this byte is not UTF-8, and this system's iconv cannot decode GB18030 (GBK) to try that instead: convert the file with `iconv -f GB18030 -t UTF-8 \(file) > \(file).utf8` elsewhere, or save it as \"CSV UTF-8\"",
                "此字节不是 UTF-8 编码，而本机的 iconv 无法解码 GB18030（GBK）：请在其他机器上用 `iconv -f GB18030 -t UTF-8 \(file) > \(file).utf8` 转换，或另存为“CSV UTF-8”")))
        }
    }
}

/// How an input file's bytes were read, as `audit.json` records it (`"encoding"` of each input).
public enum InputEncoding: String, Sendable, Equatable, CaseIterable {
    case utf8 = "UTF-8"
    /// Not UTF-8, and decoded as GB18030 (GBK and GB2312 are parts of it).
    case gb18030 = "GB18030"
    /// An Excel workbook (its text is the UTF-8 of its XML parts), read by its first worksheet.
    case workbook = "xlsx"

    /// What the run says on stderr about a file read this way; nil for plain UTF-8, which needs no word.
    public func notice(file: String) -> Message? {
        switch self {
        case .utf8: nil
        case .gb18030: Message(
            "\(file) is not UTF-8: read as GB18030 (GBK), as Excel and WPS save CSV on Chinese Windows",
            "\(file) 不是 UTF-8 编码：已按 GB18030（GBK）读取（中文 Windows 下的 Excel 和 WPS 这样保存 CSV）")
        case .workbook: Message(
            "\(file): read as an Excel workbook, from its first worksheet",
            "\(file)：已按 Excel 工作簿读取（第一个工作表）")
        }
    }
}

/// Line and byte of an offset in a file's raw bytes, counted as the CSV reader counts lines (LF, CRLF
/// or a lone CR) and bytes as stored (a byte-order mark is part of line 1).
enum LineLocation {
    /// (1-based line, 1-based byte within the line) of byte `offset`.
    /// - Complexity: O(`offset`).
    static func of(_ offset: Int, in bytes: [UInt8]) -> (line: Int, byte: Int) {
        var line = 1, lineStart = 0, i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let c = bytes[i]
            if c == 0x0A || (c == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, offset - lineStart + 1)
    }
}

/// Finds the first byte sequence that is not well-formed UTF-8 (Unicode §3.9, table 3-7: no overlong
/// forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// (line, 1-based byte within the line, offset in the file) of the first ill-formed byte, or nil.
    /// Lines end at LF, CRLF or a lone CR, as the CSV reader counts them (``LineLocation``, only once a
    /// byte is found: a sound file is never counted).
    /// - Complexity: O(*b*), sixteen ASCII bytes at a time.
    static func firstInvalid(_ bytes: [UInt8], from start: Int) -> (line: Int, byte: Int, offset: Int)? {
        let invalid: Int? = bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = start
            while i < n {
                // Sixteen, then eight, bytes without a high bit need nothing but a skip. (Loads only
                // where that many bytes remain: no read leaves the buffer.)
                if let raw = UnsafeRawPointer(b.baseAddress) {
                    while i + 16 <= n {
                        let words = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                        if words & 0x8080_8080_8080_8080 != 0 { break }
                        i += 16
                    }
                    if i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                guard i < n else { break }
                if b[i] < 0x80 {
                    i += 1
                    continue
                }
                let length = sequenceLength(b, at: i)
                if length == 0 { return i }
                i += length
            }
            return nil
        }
        guard let invalid else { return nil }
        // Bytes are counted as stored: a byte-order mark is part of line 1.
        let (line, byte) = LineLocation.of(invalid, in: bytes)
        return (line, byte, invalid)
    }

    /// The length of the well-formed sequence at `i` (lead byte ≥ 0x80), or 0.
    @inline(__always)
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = b.count, c = b[i]
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < n && b[i + k] >= low && b[i + k] <= high
        }
        switch c {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
