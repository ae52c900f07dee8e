#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An identifier from the input — a `school_id`, `zone_id`, `student_id`, `family_id`, `address_id`,
/// primary-school id, `district` value or stage name — as the byte string SPEC §2 says it is.
///
/// Swift's `String` compares and hashes by Unicode canonical equivalence, so `"é"` (U+00E9) and
/// `"e\u{301}"` are one `String` key; they are two students, two schools or two districts here.
/// Every comparison, ordering and hash of an `Identifier` is by its UTF-8 bytes, and its text is kept
/// exactly as read.
public struct Identifier: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The identifier's text, byte for byte as it appeared in the input.
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public init(stringLiteral text: String) {
        self.text = text
    }

    /// The identifier whose UTF-8 bytes are `bytes` (which must be valid UTF-8: the readers check it).
    public init(bytes: some Collection<UInt8>) {
        text = String(decoding: bytes, as: UTF8.self)
    }

    /// The identifier whose UTF-8 bytes are `bytes` (valid UTF-8, as the readers check).
    package init(span bytes: Span<UInt8>) {
        text = bytes.isEmpty ? "" : bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether `a` and `b` hold the same bytes.
    @inline(__always)
    package static func equal(_ a: Span<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { a in
            // Most ids are a few bytes: compared in place, without a call.
            if b.count <= 16 {
                for i in 0..<b.count where a[i] != b[i] { return false }
                return true
            }
            return memcmp(a.baseAddress!, b.baseAddress!, b.count) == 0
        }
    }

    public var utf8: String.UTF8View { text.utf8 }
    public var isEmpty: Bool { text.utf8.isEmpty }
    public var description: String { text }

    public static func == (a: Identifier, b: Identifier) -> Bool {
        a.withBytes { x in b.withBytes { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }

    public func hash(into hasher: inout Hasher) {
        withBytes { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    public static func < (a: Identifier, b: Identifier) -> Bool {
        a.withBytes { x in
            b.withBytes { y in
                // memcmp orders bytes as unsigned, as lexicographicallyPrecedes would.
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    /// Whether this identifier comes before the byte string `key` (as `<` orders identifiers).
    package func precedes(_ key: Span<UInt8>) -> Bool {
        withBytes { x in
            key.withUnsafeBufferPointer { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    /// Calls `body` with the UTF-8 bytes in place (native strings are contiguous; a bridged one is
    /// copied once), so that comparisons run over a buffer rather than through `String.UTF8View`.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Whether the bytes begin with `prefix`'s bytes (`String.hasPrefix` compares characters, which a
    /// combining mark after the prefix would change).
    public func hasBytePrefix(_ prefix: String) -> Bool {
        var prefix = prefix
        return prefix.withUTF8 { p in
            withBytes { b in b.count >= p.count && (p.isEmpty || memcmp(b.baseAddress!, p.baseAddress!, p.count) == 0) }
        }
    }

    /// This identifier's bytes followed by `other`'s (labels are built this way, SPEC §4).
    public static func + (a: Identifier, b: Identifier) -> Identifier {
        Identifier(a.text + b.text)
    }
}

/// UTF-8 byte order: the order every id is sorted and every tie broken by (SPEC §2).
@inline(__always)
package func utf8Less(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
