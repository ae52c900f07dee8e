/// A raw deflate (RFC 1951) compressor: LZ77 with hash chains, then per block the cheapest of a
/// dynamic-Huffman, fixed-Huffman or stored encoding.
///
/// Matching is over a 32 KiB window; candidates come from a hash of the next three bytes and are
/// followed along a chain of bounded length. The default effort adds one step of lazy evaluation
/// (zlib's "lazy match": a match is deferred when the next position has a longer one); the fast
/// effort is greedy and, like zlib's level 1, does not index the inside of long matches. Blocks end every
/// `blockSymbols` symbols; each is encoded the three ways by size and the smallest is written, so
/// incompressible data costs at most five bytes per 64 KiB over its size.
///
/// Guarantees: the output is a valid raw deflate stream that any inflater (zlib, Excel's,
/// LibreOffice's, ``Inflate``) decodes to the input; it depends only on the input bytes and the
/// effort, never on timing or memory layout, so equal inputs give byte-identical streams.
///
/// - Complexity: O(*n* · `chainLength`) in the worst case (highly repetitive input), about O(*n*)
///   on text; memory is the output plus 256 KiB of tables.
public enum Deflate {
    /// How hard to look for matches: the longest hash chain followed per position.
    public struct Effort: Sendable, Hashable {
        public let chainLength: Int
        /// A match at least this long is taken without looking further (or lazily deferring).
        public let goodEnough: Int
        /// Lazy evaluation (zlib's levels 4–9) or greedy matching (levels 1–3).
        public let lazy: Bool
        /// Greedy matching only: the positions inside a match are indexed when it is at most this
        /// long (zlib's `max_insert_length`); longer matches are skipped over.
        public let insertLimit: Int

        public init(chainLength: Int, goodEnough: Int, lazy: Bool = true, insertLimit: Int = 258) {
            self.chainLength = max(1, chainLength)
            self.goodEnough = max(3, min(258, goodEnough))
            self.lazy = lazy
            self.insertLimit = max(3, min(258, insertLimit))
        }

        /// Greedy, short chains, long matches not indexed: results.xlsx of every placement.
        /// Measured by `paiwei-benchmarks --suite xlsx` (Benchmarks/results/results-xlsx.json).
        public static let fast = Effort(chainLength: 4, goodEnough: 16, lazy: false, insertLimit: 6)
        /// Lazy, longer chains: 14.9% of 36 MB of worksheet XML at about 64 MB/s (zlib's level 9:
        /// 14.8% at 21 MB/s).
        public static let `default` = Effort(chainLength: 32, goodEnough: 128)
    }

    /// The raw deflate stream of `input`.
    public static func compress(_ input: [UInt8], effort: Effort = .default) -> [UInt8] {
        compress(input.span, effort: effort)
    }

    /// The raw deflate stream of `input`. With `final` false the stream is a segment: it ends with an
    /// empty stored block on a byte boundary (zlib's sync flush) instead of a final block, so that the
    /// next segment's bytes — each compressed on its own, `final` on the last — follow it and the whole
    /// is one stream. A large part can so be compressed as it is written, never whole in memory.
    public static func compress(_ input: Span<UInt8>, effort: Effort = .default, final: Bool = true) -> [UInt8] {
        effort.lazy ? compressLazily(input, effort: effort, final: final) : compressGreedily(input, effort: effort, final: final)
    }

    /// Greedy matching (zlib's deflate_fast): each position takes the longest match its chain
    /// offers, or is a literal.
    private static func compressGreedily(_ input: Span<UInt8>, effort: Effort, final: Bool) -> [UInt8] {
        var encoder = DeflateBlockWriter()
        encoder.out.reserveCapacity(input.count / 4 + 64)
        var tokens: [UInt32] = []
        tokens.reserveCapacity(blockSymbols + 2)
        var blockStart = 0
        var position = 0
        let n = input.count
        let matcher = Matcher()
        defer { matcher.deallocate() }
        input.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            while position < n {
                var length = 0
                var distance = 0
                if n - position >= 3 {
                    let hash = Matcher.hash(base, position)
                    (length, distance) = matcher.longestMatch(base, n, at: position, hash: hash, chainLength: effort.chainLength, atLeast: 2)
                    // zlib's TOO_FAR: a three-byte match far back costs about what three literals do.
                    if length == 3 && distance > 4096 { length = 0 }
                    matcher.insert(position, hash: hash)
                }
                if length >= 3 {
                    tokens.append(Self.matchToken(length: length, distance: distance))
                    let end = position + length
                    position += 1
                    if length <= effort.insertLimit {
                        while position < end {
                            if n - position >= 3 { matcher.insert(position, hash: Matcher.hash(base, position)) }
                            position += 1
                        }
                    } else {
                        position = end
                    }
                } else {
                    tokens.append(UInt32(base[position]))
                    position += 1
                }
                if tokens.count >= blockSymbols {
                    encoder.writeBlock(tokens: tokens, raw: input.extracting(blockStart..<position), final: false)
                    tokens.removeAll(keepingCapacity: true)
                    blockStart = position
                }
            }
        }
        encoder.writeBlock(tokens: tokens, raw: input.extracting(blockStart..<n), final: final)
        if !final { encoder.writeEmptyStoredBlock() }
        return encoder.finish()
    }

    /// Greedy matching with one step of lazy evaluation (zlib's deflate_slow).
    private static func compressLazily(_ input: Span<UInt8>, effort: Effort, final: Bool) -> [UInt8] {
        var encoder = DeflateBlockWriter()
        encoder.out.reserveCapacity(input.count / 4 + 64)
        let matcher = Matcher()
        defer { matcher.deallocate() }
        var tokens: [UInt32] = []
        tokens.reserveCapacity(blockSymbols + 2)
        var blockStart = 0
        var position = 0
        let n = input.count
        // Lazy evaluation (zlib's deflate_slow): the byte at `position - 1` is undecided while
        // `pending`; `pendingLength` is the match found there (0 if none). It is emitted as that
        // match unless `position` has a longer one, in which case it becomes a literal.
        var pending = false
        var pendingLength = 0
        var pendingDistance = 0
        input.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            while position < n {
                var length = 0
                var distance = 0
                if n - position >= 3 {
                    let hash = Matcher.hash(base, position)
                    if pendingLength < effort.goodEnough {
                        (length, distance) = matcher.longestMatch(base, n, at: position, hash: hash, chainLength: effort.chainLength, atLeast: max(pendingLength, 2))
                        // zlib's TOO_FAR: a three-byte match far back costs about what three literals do.
                        if length == 3 && distance > 4096 { length = 0 }
                    }
                    matcher.insert(position, hash: hash)
                }
                if pending && pendingLength >= 3 && length <= pendingLength {
                    tokens.append(Self.matchToken(length: pendingLength, distance: pendingDistance))
                    let end = position - 1 + pendingLength
                    position += 1
                    while position < end {
                        if n - position >= 3 { matcher.insert(position, hash: Matcher.hash(base, position)) }
                        position += 1
                    }
                    pending = false
                    pendingLength = 0
                } else {
                    if pending { tokens.append(UInt32(base[position - 1])) }
                    pending = true
                    pendingLength = length
                    pendingDistance = distance
                    position += 1
                }
                if tokens.count >= blockSymbols {
                    let end = pending ? position - 1 : position
                    encoder.writeBlock(tokens: tokens, raw: input.extracting(blockStart..<end), final: false)
                    tokens.removeAll(keepingCapacity: true)
                    blockStart = end
                }
            }
        }
        // The last byte cannot start a match (three are needed), so a pending byte is a literal.
        if pending { tokens.append(UInt32(input[n - 1])) }
        encoder.writeBlock(tokens: tokens, raw: input.extracting(blockStart..<n), final: final)
        if !final { encoder.writeEmptyStoredBlock() }
        return encoder.finish()
    }

    /// Symbols per block: large enough that a dynamic header (~60–100 bytes) is amortized, small
    /// enough that the code follows changes in the data.
    static let blockSymbols = 1 << 15

    /// A token: a literal byte (< 256), or bit 31 set with the length in bits 16–24 and the distance
    /// in bits 0–15.
    @inline(__always)
    static func matchToken(length: Int, distance: Int) -> UInt32 {
        1 << 31 | UInt32(length) << 16 | UInt32(distance)
    }
}

/// The hash chains of ``Deflate``: for each 3-byte hash the latest position, and for each position of
/// the window the previous one with the same hash. Over raw memory, since both paths ask it once per
/// input byte (results.xlsx of every placement): no bounds or uniqueness check per access, and each
/// match extended eight bytes at a time.
private struct Matcher {
    static let hashBits = 15
    static let windowSize = 1 << 15
    static let windowMask = windowSize - 1
    static let maxMatch = 258

    let head: UnsafeMutablePointer<Int32>
    let previous: UnsafeMutablePointer<Int32>

    init() {
        head = .allocate(capacity: 1 << Self.hashBits)
        head.initialize(repeating: -1, count: 1 << Self.hashBits)
        previous = .allocate(capacity: Self.windowSize)
        previous.initialize(repeating: -1, count: Self.windowSize)
    }

    func deallocate() {
        head.deallocate()
        previous.deallocate()
    }

    @inline(__always)
    static func hash(_ input: UnsafePointer<UInt8>, _ i: Int) -> Int {
        let word = UInt32(input[i]) | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2]) << 16
        return Int((word &* 0x9E37_79B1) >> UInt32(32 - hashBits))
    }

    @inline(__always)
    func insert(_ position: Int, hash: Int) {
        previous[position & Self.windowMask] = head[hash]
        head[hash] = Int32(truncatingIfNeeded: position)
    }

    /// The longest match for `position` longer than `atLeast` among the last `chainLength` candidates
    /// of its hash chain; (0, 0) if none. `n` is the input's length.
    @inline(__always)
    func longestMatch(_ input: UnsafePointer<UInt8>, _ n: Int, at position: Int, hash: Int, chainLength: Int, atLeast: Int) -> (Int, Int) {
        let limit = min(Self.maxMatch, n - position)
        var bestLength = atLeast
        var bestDistance = 0
        var candidate = Int(head[hash])
        var chain = chainLength
        let oldest = position - Self.windowSize
        let here = UnsafeRawPointer(input + position)
        while candidate >= 0 && candidate > oldest && chain > 0 {
            // Cheap rejection first: a longer match must agree at the byte that would extend it.
            if bestLength < limit && input[candidate + bestLength] == input[position + bestLength] && input[candidate] == input[position] {
                let there = UnsafeRawPointer(input + candidate)
                var length = 0
                // Eight bytes at a time while eight remain within the limit (candidate < position, so
                // the candidate's bytes are inside the input too), the first difference by its bit.
                while length + 8 <= limit {
                    let difference = here.loadUnaligned(fromByteOffset: length, as: UInt64.self)
                        ^ there.loadUnaligned(fromByteOffset: length, as: UInt64.self)
                    if difference != 0 {
                        length += UInt64(littleEndian: difference).trailingZeroBitCount >> 3
                        break
                    }
                    length += 8
                }
                if length + 8 > limit {
                    while length < limit && input[candidate + length] == input[position + length] { length += 1 }
                }
                if length > bestLength {
                    bestLength = length
                    bestDistance = position - candidate
                    if length == limit { break }
                }
            }
            let next = Int(previous[candidate & Self.windowMask])
            // A slot reused by a newer position would point forward; chains only go back.
            if next >= candidate { break }
            candidate = next
            chain -= 1
        }
        return bestDistance == 0 ? (0, 0) : (bestLength, bestDistance)
    }
}

/// Encodes blocks of ``Deflate`` tokens: each the cheapest of dynamic Huffman, fixed Huffman or stored.
private struct DeflateBlockWriter {
    var out: [UInt8] = []
    private var bits: UInt64 = 0
    private var count = 0

    /// Symbol (bits 0–8) and extra-bit count (bits 12–15) of each match length 0…258.
    static let lengthCodes: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 259)
        for (index, (base, extra)) in HuffmanDecodingTable.lengthBases.enumerated() {
            let top = index == 28 ? 258 : min(258, base + (1 << extra) - 1)
            for length in base...top where table[length] == 0 || index == 28 {
                table[length] = UInt16(257 + index) | UInt16(extra) << 12
            }
        }
        return table
    }()

    /// Distance symbols: `[d - 1]` for d ≤ 256, then `[256 + (d - 1) >> 7]`.
    static let distanceCodes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        for (symbol, (base, extra)) in HuffmanDecodingTable.distanceBases.enumerated() {
            for d in base..<(base + (1 << extra)) {
                if d <= 256 { table[d - 1] = UInt8(symbol) } else { table[256 + (d - 1) >> 7] = UInt8(symbol) }
            }
        }
        return table
    }()

    static let fixedLiteralLengths: [UInt8] = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }
    static let fixedDistanceLengths = [UInt8](repeating: 5, count: 30)

    @inline(__always)
    mutating func put(_ value: Int, _ width: Int) {
        bits |= UInt64(value) << UInt64(count)
        count += width
        if count >= 32 {
            out.append(UInt8(truncatingIfNeeded: bits))
            out.append(UInt8(truncatingIfNeeded: bits >> 8))
            out.append(UInt8(truncatingIfNeeded: bits >> 16))
            out.append(UInt8(truncatingIfNeeded: bits >> 24))
            bits >>= 32
            count -= 32
        }
    }

    mutating func alignToByte() {
        while count > 0 {
            out.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
            count = max(0, count - 8)
        }
        bits = 0
    }

    mutating func finish() -> [UInt8] {
        alignToByte()
        return out
    }

    /// A stored block of no bytes, not final: ends a segment on a byte boundary (zlib's sync flush).
    mutating func writeEmptyStoredBlock() {
        put(0, 1)
        put(0, 2)
        alignToByte()
        out.append(contentsOf: [0x00, 0x00, 0xFF, 0xFF])
    }

    mutating func writeBlock(tokens: [UInt32], raw: Span<UInt8>, final: Bool) {
        let lengthCodes = Self.lengthCodes
        let distanceCodes = Self.distanceCodes
        var literalFrequencies = [Int](repeating: 0, count: 286)
        var distanceFrequencies = [Int](repeating: 0, count: 30)
        var extraBits = 0
        for token in tokens {
            if token < 256 {
                literalFrequencies[Int(token)] += 1
            } else {
                let code = lengthCodes[Int(token >> 16 & 0x1FF)]
                literalFrequencies[Int(code & 0x1FF)] += 1
                let distance = Int(token & 0xFFFF)
                let symbol = Int(distance <= 256 ? distanceCodes[distance - 1] : distanceCodes[256 + (distance - 1) >> 7])
                distanceFrequencies[symbol] += 1
                extraBits += Int(code >> 12) + HuffmanDecodingTable.distanceBases[symbol].1
            }
        }
        literalFrequencies[256] = 1

        // The dynamic encoding and its header.
        let literalLengths = HuffmanCodeBuilder.lengths(frequencies: literalFrequencies, limit: 15)
        let distanceLengths = HuffmanCodeBuilder.lengths(frequencies: distanceFrequencies, limit: 15)
        let literalCount = max(257, (literalLengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let distanceCount = max(1, (distanceLengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let runs = Self.runLengths(Array(literalLengths[0..<literalCount]) + Array(distanceLengths[0..<distanceCount]))
        var codeLengthFrequencies = [Int](repeating: 0, count: 19)
        for run in runs { codeLengthFrequencies[Int(run.symbol)] += 1 }
        let codeLengthLengths = HuffmanCodeBuilder.lengths(frequencies: codeLengthFrequencies, limit: 7)
        var codeLengthCount = 19
        while codeLengthCount > 4 && codeLengthLengths[HuffmanDecodingTable.codeLengthOrder[codeLengthCount - 1]] == 0 { codeLengthCount -= 1 }

        var dynamicBits = 3 + 14 + 3 * codeLengthCount + extraBits
        for run in runs { dynamicBits += Int(codeLengthLengths[Int(run.symbol)]) + Int(run.extraBits) }
        var fixedBits = 3 + extraBits
        for symbol in 0..<286 {
            dynamicBits += literalFrequencies[symbol] * Int(literalLengths[symbol])
            fixedBits += literalFrequencies[symbol] * Int(Self.fixedLiteralLengths[symbol])
        }
        for symbol in 0..<30 {
            dynamicBits += distanceFrequencies[symbol] * Int(distanceLengths[symbol])
            fixedBits += distanceFrequencies[symbol] * 5
        }
        let storedBlocks = max(1, (raw.count + 65_534) / 65_535)
        let storedBits = raw.count * 8 + storedBlocks * (3 + 7 + 32)

        if storedBits < min(dynamicBits, fixedBits) {
            writeStored(raw, final: final)
        } else if fixedBits <= dynamicBits {
            put(final ? 1 : 0, 1)
            put(1, 2)
            writeTokens(tokens, literalLengths: Self.fixedLiteralLengths, distanceLengths: Self.fixedDistanceLengths)
        } else {
            put(final ? 1 : 0, 1)
            put(2, 2)
            put(literalCount - 257, 5)
            put(distanceCount - 1, 5)
            put(codeLengthCount - 4, 4)
            for index in 0..<codeLengthCount { put(Int(codeLengthLengths[HuffmanDecodingTable.codeLengthOrder[index]]), 3) }
            let codeLengthCodes = HuffmanCodeBuilder.reversedCodes(lengths: codeLengthLengths)
            for run in runs {
                put(Int(codeLengthCodes[Int(run.symbol)]), Int(codeLengthLengths[Int(run.symbol)]))
                if run.extraBits > 0 { put(Int(run.extra), Int(run.extraBits)) }
            }
            writeTokens(tokens, literalLengths: literalLengths, distanceLengths: distanceLengths)
        }
    }

    private mutating func writeTokens(_ tokens: [UInt32], literalLengths: [UInt8], distanceLengths: [UInt8]) {
        let lengthCodes = Self.lengthCodes
        let distanceCodes = Self.distanceCodes
        let literalCodes = HuffmanCodeBuilder.reversedCodes(lengths: literalLengths)
        let distanceCodeBits = HuffmanCodeBuilder.reversedCodes(lengths: distanceLengths)
        let lengthBases = HuffmanDecodingTable.lengthBases
        let distanceBases = HuffmanDecodingTable.distanceBases
        for token in tokens {
            if token < 256 {
                put(Int(literalCodes[Int(token)]), Int(literalLengths[Int(token)]))
                continue
            }
            let length = Int(token >> 16 & 0x1FF)
            let code = lengthCodes[length]
            let symbol = Int(code & 0x1FF)
            put(Int(literalCodes[symbol]), Int(literalLengths[symbol]))
            let lengthExtra = Int(code >> 12)
            if lengthExtra > 0 { put(length - lengthBases[symbol - 257].0, lengthExtra) }
            let distance = Int(token & 0xFFFF)
            let distanceSymbol = Int(distance <= 256 ? distanceCodes[distance - 1] : distanceCodes[256 + (distance - 1) >> 7])
            put(Int(distanceCodeBits[distanceSymbol]), Int(distanceLengths[distanceSymbol]))
            let (base, extra) = distanceBases[distanceSymbol]
            if extra > 0 { put(distance - base, extra) }
        }
        put(Int(literalCodes[256]), Int(literalLengths[256]))
    }

    private mutating func writeStored(_ raw: Span<UInt8>, final: Bool) {
        var start = 0
        repeat {
            let size = min(65_535, raw.count - start)
            let last = start + size == raw.count
            put(final && last ? 1 : 0, 1)
            put(0, 2)
            alignToByte()
            out.append(UInt8(size & 0xFF))
            out.append(UInt8(size >> 8))
            out.append(UInt8(~size & 0xFF))
            out.append(UInt8(~size >> 8 & 0xFF))
            for i in start..<(start + size) { out.append(raw[i]) }
            start += size
        } while start < raw.count
    }

    /// One code-length symbol of a dynamic header: 0–15, or a repeat (16, 17, 18) with its extra bits.
    struct Run {
        var symbol: UInt8
        var extra: UInt8
        var extraBits: UInt8
    }

    /// The code lengths as code-length symbols: runs of zeros as 17 (3–10) and 18 (11–138), runs of
    /// another length as the length once and then 16 (3–6 more).
    static func runLengths(_ lengths: [UInt8]) -> [Run] {
        var runs: [Run] = []
        var i = 0
        while i < lengths.count {
            let value = lengths[i]
            var run = 1
            while i + run < lengths.count && lengths[i + run] == value { run += 1 }
            i += run
            if value == 0 {
                while run >= 11 {
                    let take = min(run, 138)
                    runs.append(Run(symbol: 18, extra: UInt8(take - 11), extraBits: 7))
                    run -= take
                }
                if run >= 3 {
                    runs.append(Run(symbol: 17, extra: UInt8(run - 3), extraBits: 3))
                    run = 0
                }
            } else {
                runs.append(Run(symbol: value, extra: 0, extraBits: 0))
                run -= 1
                while run >= 3 {
                    let take = min(run, 6)
                    runs.append(Run(symbol: 16, extra: UInt8(take - 3), extraBits: 2))
                    run -= take
                }
            }
            for _ in 0..<run { runs.append(Run(symbol: value, extra: 0, extraBits: 0)) }
        }
        return runs
    }
}
