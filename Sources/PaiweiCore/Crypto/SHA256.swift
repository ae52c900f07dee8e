/// SHA-256 (FIPS 180-4), written here so that the lottery depends on nothing outside the toolchain.
///
/// Streaming: feed bytes with `update(_:)` (a raw buffer, `[UInt8]`, or any byte sequence; contiguous ones
/// are read in place) and read the digest with ``finalize()``; `hash(_:)` does both for one message in one
/// pass, without buffering. The `digest(_:)` variants and ``finalizeDigest()`` return a ``Digest`` value
/// instead of a `[UInt8]` and so allocate nothing at all: what the per-student and per-label hashes of a
/// placement use.
///
/// The hasher is a fixed-size value (no heap storage): copies are independent, and creating one is free.
///
/// Unsafe code is confined to this type: raw loads from the caller's buffer within its `count`, and raw
/// access to the fixed-size tuples that hold the partial block and the padding; each site says why it stays
/// in bounds. Nothing escapes the `withUnsafe…` closures.
///
/// - Complexity: O(*n*) in the message length: 64 rounds per 64-byte block, about 49 x86-64 instructions a byte
///   (3,130 a block; `sha256sum` of GNU coreutils 9.1 takes 53 a byte).
public struct SHA256: Sendable {
    public static let digestByteCount = 32

    /// H0…H7 so far.
    private var state = Digest.initial
    /// The bytes not yet compressed, `buffered` of them (0…63), at the start of 64 bytes of inline storage.
    private var block: Block = (0, 0, 0, 0, 0, 0, 0, 0)
    private var buffered = 0
    private var messageLength: UInt64 = 0

    /// 64 bytes of inline storage (eight words; accessed only through `withUnsafe[Mutable]Bytes(of:)`).
    private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    /// Two blocks, for the padding of a message whose tail leaves no room for the length.
    private typealias TwoBlocks = (Block, Block)

    public init() {}

    // MARK: Streaming

    /// Adds the bytes in `buffer` to the message, read in place.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var input = buffer.baseAddress, buffer.count > 0 else { return }
        var count = buffer.count
        messageLength &+= UInt64(count)
        // Top up a partial block first; then whole blocks straight from the input; keep the rest.
        if buffered > 0 {
            let take = min(64 - buffered, count)
            let offset = buffered
            withUnsafeMutableBytes(of: &block) { block in
                // Sound: offset + take ≤ 64, the size of `block`, and the input holds `take` bytes at `input`.
                block.baseAddress!.advanced(by: offset).copyMemory(from: input, byteCount: take)
            }
            buffered += take
            input += take
            count -= take
            guard buffered == 64 else { return }
            withUnsafeBytes(of: &block) { Self.compress(&state, $0.baseAddress!, blocks: 1) }
            buffered = 0
        }
        let blocks = count / 64
        if blocks > 0 {
            Self.compress(&state, input, blocks: blocks)
            input += 64 * blocks
            count -= 64 * blocks
        }
        if count > 0 {
            withUnsafeMutableBytes(of: &block) { block in
                // Sound: count < 64 here.
                block.baseAddress!.copyMemory(from: input, byteCount: count)
            }
            buffered = count
        }
    }

    /// Adds `bytes` to the message (read in place).
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds `bytes` to the message. Contiguous collections (`ArraySlice`, `Data`, `String.UTF8View`,
    /// `UnsafeBufferPointer`, `ContiguousArray`…) are read in place; any other sequence a byte at a time.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) != nil { return }
        for byte in bytes {
            let offset = buffered
            // Sound: buffered < 64 between calls.
            withUnsafeMutableBytes(of: &block) { $0[offset] = byte }
            buffered += 1
            messageLength &+= 1
            if buffered == 64 {
                withUnsafeBytes(of: &block) { Self.compress(&state, $0.baseAddress!, blocks: 1) }
                buffered = 0
            }
        }
    }

    /// The 32-byte digest of the message so far. The hasher itself is left as it was, so more bytes may follow
    /// (then the digest is that of the longer message); `mutating` only so that existing callers keep compiling
    /// without warnings.
    public mutating func finalize() -> [UInt8] {
        finalizeDigest().bytes
    }

    /// The digest of the message so far as a ``Digest`` value (no allocation); the hasher is left as it was.
    public func finalizeDigest() -> Digest {
        var digest = state
        withUnsafeBytes(of: block) { Self.finish(&digest, tail: $0.baseAddress!, count: buffered, messageLength: messageLength) }
        return digest
    }

    // MARK: One message

    /// The digest of the bytes in `buffer`, read in place.
    public static func hash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        digest(buffer).bytes
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { digest($0) }.bytes
    }

    /// The digest of the UTF-8 encoding of `text`.
    public static func hash(_ text: String) -> [UInt8] {
        digest(text).bytes
    }

    /// The digest of `bytes`; contiguous collections are read in place (as by the generic `update(_:)`).
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        digest(bytes).bytes
    }

    /// The digest of the bytes in `buffer` as a ``Digest``: one pass over the input, the last block or two
    /// padded on the stack, no allocation. A message under 56 bytes is a single compression.
    public static func digest(_ buffer: UnsafeRawBufferPointer) -> Digest {
        var digest = Digest.initial
        guard let base = buffer.baseAddress else {
            withUnsafeBytes(of: UInt64(0)) { finish(&digest, tail: $0.baseAddress!, count: 0, messageLength: 0) }
            return digest
        }
        let blocks = buffer.count / 64
        if blocks > 0 { compress(&digest, base, blocks: blocks) }
        finish(&digest, tail: base + 64 * blocks, count: buffer.count - 64 * blocks, messageLength: UInt64(buffer.count))
        return digest
    }

    /// The digest of `bytes` as a ``Digest``.
    public static func digest(_ bytes: [UInt8]) -> Digest {
        bytes.withUnsafeBytes { digest($0) }
    }

    /// The digest of the UTF-8 encoding of `text` as a ``Digest``, read in place when the string is native
    /// (small strings included).
    public static func digest(_ text: String) -> Digest {
        text.utf8.withContiguousStorageIfAvailable { digest(UnsafeRawBufferPointer($0)) } ?? digest(Array(text.utf8))
    }

    /// The digest of `bytes` as a ``Digest``; contiguous collections are read in place.
    public static func digest<Bytes: Sequence>(_ bytes: Bytes) -> Digest where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ digest(UnsafeRawBufferPointer($0)) }) { return digest }
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeDigest()
    }

    // MARK: Padding and compression

    /// Pads the last `count` (< 64) bytes of a message of `messageLength` bytes at `tail` and compresses
    /// the one or two final blocks into `digest`.
    private static func finish(_ digest: inout Digest, tail: UnsafeRawPointer, count: Int, messageLength: UInt64) {
        // The final blocks on the stack: the tail, 0x80, zeros, the length in bits as a big-endian UInt64.
        var last: TwoBlocks = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
        withUnsafeMutableBytes(of: &last) { last in
            // Sound: count < 64, so the tail, the 0x80 and the length fit in the 128 bytes of `last`, and
            // `blocks * 64 - 8` is a multiple of 8 inside them.
            let blocks = count < 56 ? 1 : 2
            last.baseAddress!.copyMemory(from: tail, byteCount: count)
            last[count] = 0x80
            last.storeBytes(of: (messageLength &* 8).bigEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
            compress(&digest, last.baseAddress!, blocks: blocks)
        }
    }

    /// Compresses `blocks` 64-byte blocks at `input` into `digest`.
    ///
    /// The eight working variables and the sixteen schedule words are locals, so they live in registers
    /// (or at fixed stack slots): no array, no bounds check, no allocation. Each line below is one of the
    /// 64 rounds; instead of moving a…h along after each round, the names rotate by one from line to line.
    /// The schedule is a rolling window: from round 16 on, w(t mod 16) is overwritten with W[t].
    private static func compress(_ digest: inout Digest, _ input: UnsafeRawPointer, blocks: Int) {
        var (a, b, c, d, e, f, g, h) = (digest.h0, digest.h1, digest.h2, digest.h3, digest.h4, digest.h5, digest.h6, digest.h7)
        var p = input
        for _ in 0..<blocks {
            // Sound: the caller guarantees 64 · blocks readable bytes at `input`; loadUnaligned needs no alignment.
            var w0 = p.loadUnaligned(fromByteOffset: 0, as: UInt32.self).bigEndian
            var w1 = p.loadUnaligned(fromByteOffset: 4, as: UInt32.self).bigEndian
            var w2 = p.loadUnaligned(fromByteOffset: 8, as: UInt32.self).bigEndian
            var w3 = p.loadUnaligned(fromByteOffset: 12, as: UInt32.self).bigEndian
            var w4 = p.loadUnaligned(fromByteOffset: 16, as: UInt32.self).bigEndian
            var w5 = p.loadUnaligned(fromByteOffset: 20, as: UInt32.self).bigEndian
            var w6 = p.loadUnaligned(fromByteOffset: 24, as: UInt32.self).bigEndian
            var w7 = p.loadUnaligned(fromByteOffset: 28, as: UInt32.self).bigEndian
            var w8 = p.loadUnaligned(fromByteOffset: 32, as: UInt32.self).bigEndian
            var w9 = p.loadUnaligned(fromByteOffset: 36, as: UInt32.self).bigEndian
            var w10 = p.loadUnaligned(fromByteOffset: 40, as: UInt32.self).bigEndian
            var w11 = p.loadUnaligned(fromByteOffset: 44, as: UInt32.self).bigEndian
            var w12 = p.loadUnaligned(fromByteOffset: 48, as: UInt32.self).bigEndian
            var w13 = p.loadUnaligned(fromByteOffset: 52, as: UInt32.self).bigEndian
            var w14 = p.loadUnaligned(fromByteOffset: 56, as: UInt32.self).bigEndian
            var w15 = p.loadUnaligned(fromByteOffset: 60, as: UInt32.self).bigEndian
            p += 64

            round(a, b, c, &d, e, f, g, &h, 0x428a_2f98, w0)
            round(h, a, b, &c, d, e, f, &g, 0x7137_4491, w1)
            round(g, h, a, &b, c, d, e, &f, 0xb5c0_fbcf, w2)
            round(f, g, h, &a, b, c, d, &e, 0xe9b5_dba5, w3)
            round(e, f, g, &h, a, b, c, &d, 0x3956_c25b, w4)
            round(d, e, f, &g, h, a, b, &c, 0x59f1_11f1, w5)
            round(c, d, e, &f, g, h, a, &b, 0x923f_82a4, w6)
            round(b, c, d, &e, f, g, h, &a, 0xab1c_5ed5, w7)
            round(a, b, c, &d, e, f, g, &h, 0xd807_aa98, w8)
            round(h, a, b, &c, d, e, f, &g, 0x1283_5b01, w9)
            round(g, h, a, &b, c, d, e, &f, 0x2431_85be, w10)
            round(f, g, h, &a, b, c, d, &e, 0x550c_7dc3, w11)
            round(e, f, g, &h, a, b, c, &d, 0x72be_5d74, w12)
            round(d, e, f, &g, h, a, b, &c, 0x80de_b1fe, w13)
            round(c, d, e, &f, g, h, a, &b, 0x9bdc_06a7, w14)
            round(b, c, d, &e, f, g, h, &a, 0xc19b_f174, w15)

            schedule(&w0, w1, w9, w14); round(a, b, c, &d, e, f, g, &h, 0xe49b_69c1, w0)
            schedule(&w1, w2, w10, w15); round(h, a, b, &c, d, e, f, &g, 0xefbe_4786, w1)
            schedule(&w2, w3, w11, w0); round(g, h, a, &b, c, d, e, &f, 0x0fc1_9dc6, w2)
            schedule(&w3, w4, w12, w1); round(f, g, h, &a, b, c, d, &e, 0x240c_a1cc, w3)
            schedule(&w4, w5, w13, w2); round(e, f, g, &h, a, b, c, &d, 0x2de9_2c6f, w4)
            schedule(&w5, w6, w14, w3); round(d, e, f, &g, h, a, b, &c, 0x4a74_84aa, w5)
            schedule(&w6, w7, w15, w4); round(c, d, e, &f, g, h, a, &b, 0x5cb0_a9dc, w6)
            schedule(&w7, w8, w0, w5); round(b, c, d, &e, f, g, h, &a, 0x76f9_88da, w7)
            schedule(&w8, w9, w1, w6); round(a, b, c, &d, e, f, g, &h, 0x983e_5152, w8)
            schedule(&w9, w10, w2, w7); round(h, a, b, &c, d, e, f, &g, 0xa831_c66d, w9)
            schedule(&w10, w11, w3, w8); round(g, h, a, &b, c, d, e, &f, 0xb003_27c8, w10)
            schedule(&w11, w12, w4, w9); round(f, g, h, &a, b, c, d, &e, 0xbf59_7fc7, w11)
            schedule(&w12, w13, w5, w10); round(e, f, g, &h, a, b, c, &d, 0xc6e0_0bf3, w12)
            schedule(&w13, w14, w6, w11); round(d, e, f, &g, h, a, b, &c, 0xd5a7_9147, w13)
            schedule(&w14, w15, w7, w12); round(c, d, e, &f, g, h, a, &b, 0x06ca_6351, w14)
            schedule(&w15, w0, w8, w13); round(b, c, d, &e, f, g, h, &a, 0x1429_2967, w15)

            schedule(&w0, w1, w9, w14); round(a, b, c, &d, e, f, g, &h, 0x27b7_0a85, w0)
            schedule(&w1, w2, w10, w15); round(h, a, b, &c, d, e, f, &g, 0x2e1b_2138, w1)
            schedule(&w2, w3, w11, w0); round(g, h, a, &b, c, d, e, &f, 0x4d2c_6dfc, w2)
            schedule(&w3, w4, w12, w1); round(f, g, h, &a, b, c, d, &e, 0x5338_0d13, w3)
            schedule(&w4, w5, w13, w2); round(e, f, g, &h, a, b, c, &d, 0x650a_7354, w4)
            schedule(&w5, w6, w14, w3); round(d, e, f, &g, h, a, b, &c, 0x766a_0abb, w5)
            schedule(&w6, w7, w15, w4); round(c, d, e, &f, g, h, a, &b, 0x81c2_c92e, w6)
            schedule(&w7, w8, w0, w5); round(b, c, d, &e, f, g, h, &a, 0x9272_2c85, w7)
            schedule(&w8, w9, w1, w6); round(a, b, c, &d, e, f, g, &h, 0xa2bf_e8a1, w8)
            schedule(&w9, w10, w2, w7); round(h, a, b, &c, d, e, f, &g, 0xa81a_664b, w9)
            schedule(&w10, w11, w3, w8); round(g, h, a, &b, c, d, e, &f, 0xc24b_8b70, w10)
            schedule(&w11, w12, w4, w9); round(f, g, h, &a, b, c, d, &e, 0xc76c_51a3, w11)
            schedule(&w12, w13, w5, w10); round(e, f, g, &h, a, b, c, &d, 0xd192_e819, w12)
            schedule(&w13, w14, w6, w11); round(d, e, f, &g, h, a, b, &c, 0xd699_0624, w13)
            schedule(&w14, w15, w7, w12); round(c, d, e, &f, g, h, a, &b, 0xf40e_3585, w14)
            schedule(&w15, w0, w8, w13); round(b, c, d, &e, f, g, h, &a, 0x106a_a070, w15)

            schedule(&w0, w1, w9, w14); round(a, b, c, &d, e, f, g, &h, 0x19a4_c116, w0)
            schedule(&w1, w2, w10, w15); round(h, a, b, &c, d, e, f, &g, 0x1e37_6c08, w1)
            schedule(&w2, w3, w11, w0); round(g, h, a, &b, c, d, e, &f, 0x2748_774c, w2)
            schedule(&w3, w4, w12, w1); round(f, g, h, &a, b, c, d, &e, 0x34b0_bcb5, w3)
            schedule(&w4, w5, w13, w2); round(e, f, g, &h, a, b, c, &d, 0x391c_0cb3, w4)
            schedule(&w5, w6, w14, w3); round(d, e, f, &g, h, a, b, &c, 0x4ed8_aa4a, w5)
            schedule(&w6, w7, w15, w4); round(c, d, e, &f, g, h, a, &b, 0x5b9c_ca4f, w6)
            schedule(&w7, w8, w0, w5); round(b, c, d, &e, f, g, h, &a, 0x682e_6ff3, w7)
            schedule(&w8, w9, w1, w6); round(a, b, c, &d, e, f, g, &h, 0x748f_82ee, w8)
            schedule(&w9, w10, w2, w7); round(h, a, b, &c, d, e, f, &g, 0x78a5_636f, w9)
            schedule(&w10, w11, w3, w8); round(g, h, a, &b, c, d, e, &f, 0x84c8_7814, w10)
            schedule(&w11, w12, w4, w9); round(f, g, h, &a, b, c, d, &e, 0x8cc7_0208, w11)
            schedule(&w12, w13, w5, w10); round(e, f, g, &h, a, b, c, &d, 0x90be_fffa, w12)
            schedule(&w13, w14, w6, w11); round(d, e, f, &g, h, a, b, &c, 0xa450_6ceb, w13)
            schedule(&w14, w15, w7, w12); round(c, d, e, &f, g, h, a, &b, 0xbef9_a3f7, w14)
            schedule(&w15, w0, w8, w13); round(b, c, d, &e, f, g, h, &a, 0xc671_78f2, w15)

            a &+= digest.h0; b &+= digest.h1; c &+= digest.h2; d &+= digest.h3
            e &+= digest.h4; f &+= digest.h5; g &+= digest.h6; h &+= digest.h7
            digest = Digest(h0: a, h1: b, h2: c, h3: d, h4: e, h5: f, h6: g, h7: h)
        }
    }

    /// One round: `d += T1`, `h = T1 + T2` (FIPS 180-4 §6.2.2 step 3, with the renaming left to the caller).
    /// `h + k + w` comes first, as it does not wait for the previous round.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
        _ k: UInt32, _ w: UInt32
    ) {
        // Σ1 and Σ0 as three independent rotations: e and a are on the critical path from round to round. The
        // nested form used for σ0 and σ1 below has fewer instructions but a longer chain, and measured 10% slower here.
        let t1 = h &+ k &+ w &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g)))
        // Maj(a, b, c) as b ^ ((a ^ b) & (b ^ c)): this round's b ^ c is the previous round's a ^ b.
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ (b ^ ((a ^ b) & (b ^ c)))
        d &+= t1
        h = t1 &+ t2
    }

    /// W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16], in place of W[t−16].
    /// σ0(x) = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3) is written rotr(x ^ rotr(x, 11), 7) ^ (x >> 3), and σ1 likewise:
    /// one copy of x fewer each, and the schedule runs ahead of the rounds, so its longer chain costs nothing.
    @inline(__always)
    private static func schedule(_ w16: inout UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) {
        w16 &+= (rotr(w15 ^ rotr(w15, 11), 7) ^ (w15 &>> 3)) &+ w7 &+ (rotr(w2 ^ rotr(w2, 2), 17) ^ (w2 &>> 10))
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x &>> n) | (x &<< (32 &- n))
    }
}

extension SHA256 {
    /// A SHA-256 digest as a value: the eight words H0…H7 of FIPS 180-4, stored inline (no heap storage).
    /// The 32 digest bytes are the words in order, each big-endian.
    public struct Digest: Sendable, Hashable, CustomStringConvertible {
        fileprivate var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

        fileprivate static let initial = Digest(
            h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
            h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19
        )

        /// H`index` (0…7): digest bytes `4·index ..< 4·index + 4` read big-endian.
        public func word(_ index: Int) -> UInt32 {
            switch index {
            case 0: h0
            case 1: h1
            case 2: h2
            case 3: h3
            case 4: h4
            case 5: h5
            case 6: h6
            case 7: h7
            default: preconditionFailure("a SHA-256 digest has words 0…7, not \(index)")
            }
        }

        /// Digest bytes `4·index ..< 4·index + 4` read little-endian (the Philox keys and counters of SPEC §4).
        public func littleEndianWord(_ index: Int) -> UInt32 {
            word(index).byteSwapped
        }

        /// The 32 bytes.
        public var bytes: [UInt8] {
            // A homogeneous tuple is laid out contiguously, so these are the 32 digest bytes in order.
            // (Copying from it is cheaper than `Array(unsafeUninitializedCapacity:)`, which is not specialized here.)
            var words = (h0.bigEndian, h1.bigEndian, h2.bigEndian, h3.bigEndian, h4.bigEndian, h5.bigEndian, h6.bigEndian, h7.bigEndian)
            return withUnsafeBytes(of: &words) { Array($0) }
        }

        /// Lowercase hexadecimal, 64 digits.
        public var hexString: String { bytes.hexString }

        public var description: String { hexString }
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits a byte.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Parses hexadecimal text (either case) into bytes; nil unless every character is a hex digit and the count is even.
public func bytesFromHex(_ text: String) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count % 2 == 0 else { return nil }
    func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count / 2)
    var i = 0
    while i < utf8.count {
        guard let hi = value(utf8[i]), let lo = value(utf8[i + 1]) else { return nil }
        out.append(hi << 4 | lo)
        i += 2
    }
    return out
}
