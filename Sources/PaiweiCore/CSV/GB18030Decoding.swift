#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 (which contains GBK and GB2312) to UTF-8, as the C library's `iconv` maps it (SPEC §2):
/// what Excel and WPS on Chinese Windows write when they "save as CSV".
///
/// `iconv` is given the whole file and an output buffer that grows when it is full (`E2BIG`), so a
/// file of any size decodes in a few calls; where it stops on an invalid sequence (`EILSEQ`) or on
/// one cut short by the end of the file (`EINVAL`), its input pointer is at the sequence's first
/// byte, which is the byte reported. A conversion descriptor is opened per file, so decoding
/// shares no state between threads.
///
/// In GB18030 every byte below 0x80 is ASCII and never the second or fourth byte of a sequence (those
/// are 0x30–0x39 and 0x40–0xFE), so line breaks, commas and quotes are where they are in the raw
/// bytes: the decoded text has the same lines.
///
/// - Complexity: O(*b*) for *b* bytes; the output is at most 3/2 of the input (a two-byte character
///   becomes three UTF-8 bytes, a four-byte one three or four).
enum GB18030Decoding {
    enum Failure: Error, Equatable {
        /// The 0-based offset of the first byte of the first sequence that is not GB18030.
        case invalid(offset: Int)
        /// This C library has no GB18030 converter (its gconv modules are not installed).
        case unavailable
    }

    static func decode(_ raw: [UInt8]) -> Result<[UInt8], Failure> {
        let descriptor = iconv_open("UTF-8", "GB18030")
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return .failure(.unavailable) }
        defer { iconv_close(descriptor) }
        if raw.isEmpty { return .success([]) }

        var output = [UInt8](repeating: 0, count: raw.count + raw.count / 2 + 16)
        var written = 0
        return raw.withUnsafeBufferPointer { input -> Result<[UInt8], Failure> in
            // iconv's prototype takes `char **` for the input, though it never writes through it.
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = input.count
            while true {
                let (result, failed) = output.withUnsafeMutableBufferPointer { out -> (Int, Int32) in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress! + written)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = out.count - written
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failed = result == -1 ? errno : 0
                    written = out.count - outLeft
                    return (result, failed)
                }
                if result != -1 && inLeft == 0 { break }
                switch failed {
                case E2BIG:
                    output.append(contentsOf: repeatElement(0, count: max(inLeft * 2, 64)))
                case EILSEQ, EINVAL:
                    return .failure(.invalid(offset: input.count - inLeft))
                default:
                    // Not expected of a conversion between two encodings it knows; say where it stopped.
                    return .failure(.invalid(offset: input.count - inLeft))
                }
            }
            output.removeLast(output.count - written)
            return .success(output)
        }
    }
}
