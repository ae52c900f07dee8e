/// The text of an input file as SPEC §2 reads its bytes: UTF-8, with or without a byte-order mark.
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
                return .failure(notText(file, line, byte, raw, byteOrderMark: true))
            }
            return .success(InputText(bytes: raw, start: 3, encoding: .utf8))
        }
        guard let (line, byte, _) = UTF8Validation.firstInvalid(raw, from: 0) else {
            return .success(InputText(bytes: raw, start: 0, encoding: .utf8))
        }
        return .failure(notText(file, line, byte, raw, byteOrderMark: false))
    }

    private static func notText(_ file: String, _ line: Int, _ byte: Int, _ raw: [UInt8], byteOrderMark: Bool) -> InputProblem {
        let message = Message(
            "this byte is not UTF-8; the file may be GBK-encoded (as Excel saves it in Chinese Windows): convert it with `iconv -f GBK -t UTF-8 \(file) > \(file).utf8` or save it as \"CSV UTF-8\"",
            "此字节不是 UTF-8 编码；文件可能是 GBK 编码（中文 Windows 下的 Excel 这样保存）：请用 `iconv -f GBK -t UTF-8 \(file) > \(file).utf8` 转换，或另存为“CSV UTF-8”")
        return InputProblem(file: file, line: line, byte: byte, column: "", message: message)
    }
}

/// How an input file's bytes were read, as `audit.json` records it.
public enum InputEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
}

/// Finds the first byte sequence that is not well-formed UTF-8 (Unicode §3.9, table 3-7: no overlong
/// forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// (line, 1-based byte within the line, offset in the file) of the first ill-formed byte, or nil.
    /// Lines end at LF, CRLF or a lone CR, as the CSV reader counts them.
    /// - Complexity: O(*b*), eight ASCII bytes at a time.
    static func firstInvalid(_ bytes: [UInt8], from start: Int) -> (line: Int, byte: Int, offset: Int)? {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = start
            // Bytes are counted as stored: a byte-order mark is part of line 1.
            var line = 1, lineStart = 0
            while i < n {
                // Eight bytes without a high bit and without CR or LF need nothing but a skip.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 && !containsLineBreak(word) {
                        i += 8
                        continue
                    }
                }
                let c = b[i]
                if c < 0x80 {
                    if c == 0x0A || (c == 0x0D && !(i + 1 < n && b[i + 1] == 0x0A)) {
                        line += 1
                        lineStart = i + 1
                    }
                    i += 1
                    continue
                }
                let length = sequenceLength(b, at: i)
                if length == 0 { return (line, i - lineStart + 1, i) }
                i += length
            }
            return nil
        }
    }

    /// Whether any byte of `word` is LF (0x0A) or CR (0x0D).
    @inline(__always)
    private static func containsLineBreak(_ word: UInt64) -> Bool {
        func hasZeroByte(_ v: UInt64) -> Bool { (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 != 0 }
        return hasZeroByte(word ^ 0x0A0A_0A0A_0A0A_0A0A) || hasZeroByte(word ^ 0x0D0D_0D0D_0D0D_0D0D)
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
