/// What is wrong with a deflate stream; every malformed input ends in one of these, never in a trap.
public enum InflateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input ended inside a block, or before the final block.
    case truncated
    /// A block header with type 3, which RFC 1951 reserves.
    case invalidBlockType
    /// A stored block whose length and its complement disagree.
    case storedLengthMismatch
    /// A dynamic block declaring more than 286 literal/length or 30 distance codes.
    case tooManySymbols
    /// A set of code lengths with more codes than the code space holds.
    case overSubscribedCode(String)
    /// A set of code lengths that leaves part of the code space unused (beyond what zlib allows).
    case incompleteCode(String)
    /// Code-length symbol 16 (repeat the previous length) with no previous length.
    case repeatWithoutPreviousLength
    /// Code-length repeats running past the number of lengths the header declared.
    case codeLengthsOverrun
    /// A dynamic block whose literal/length code has no end-of-block symbol.
    case missingEndOfBlockCode
    /// Bits that decode to no symbol, or to a symbol that may not occur (286, 287; distances 30, 31).
    case invalidCode(String)
    /// A match reaching back before the start of the output.
    case distanceTooFarBack(distance: Int, available: Int)
    /// More output than the caller allowed (a zip bomb, or a size field that lies).
    case outputLimitExceeded(limit: Int)

    /// The English half of ``text`` (WorkbookProblem.swift holds both languages).
    public var description: String { text.english }
}

/// A raw deflate (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// The input is raw deflate, as zip stores it (no zlib or gzip wrapper; Python's
/// `zlib.compressobj(wbits=-15)`). Decoding stops after the final block; bytes after it are ignored.
/// The output is the whole history, so it doubles as the 32 KiB window.
///
/// Guarantees: every malformed or truncated stream throws an ``InflateError`` — no trap, no read
/// outside the input, no write outside the output — and the output never exceeds `limit` bytes,
/// whatever the stream claims, so a zip bomb costs at most `limit` bytes of memory.
///
/// - Complexity: O(*n* + *m*) in input and output bytes; one or two table lookups per symbol
///   (``HuffmanDecodingTable``), with tables rebuilt per dynamic block.
public enum Inflate {
    /// Inflates `input`, refusing to produce more than `limit` bytes.
    ///
    /// - Parameter expectedCount: the output size if known (a zip entry's declared size): the
    ///   buffer is allocated once at that size instead of grown by doubling. It is a hint, not a
    ///   check; `limit` is the bound.
    public static func decompress(_ input: Span<UInt8>, limit: Int, expectedCount: Int? = nil) throws(InflateError) -> [UInt8] {
        try decompress(input, limit: limit, initialCapacity: expectedCount ?? max(input.count * 4, 1 << 12), growthFloor: 1 << 16)
    }

    /// The decoder with its buffer policy exposed, so that tests can make the output fill (and the
    /// decoder resume) at every kind of place.
    static func decompress(_ input: Span<UInt8>, limit: Int, initialCapacity: Int, growthFloor: Int) throws(InflateError) -> [UInt8] {
        let limit = max(0, limit)
        var capacity = min(limit, max(0, initialCapacity))
        var output = [UInt8](repeating: 0, count: capacity)
        var written = 0
        var decoder = InflateDecoder()
        while true {
            let finished: Bool
            do {
                var span = output.mutableSpan
                finished = try decoder.run(input, &span, &written)
            }
            if finished {
                output.removeLast(output.count - written)
                return output
            }
            // Out of room: grow by doubling up to the limit, and refuse beyond it.
            if capacity >= limit { throw .outputLimitExceeded(limit: limit) }
            capacity = capacity >= limit / 2 ? limit : min(limit, max(capacity * 2, growthFloor))
            output.append(contentsOf: repeatElement(0, count: capacity - output.count))
        }
    }

    /// Inflates all of `input`, refusing to produce more than `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int) throws(InflateError) -> [UInt8] {
        try decompress(input.span, limit: limit)
    }
}

/// The state of one decoding, resumable whenever the output buffer fills.
///
/// Bits are read least significant first into a 64-bit buffer; `bitCount` of them are valid. Any
/// bits above those are zero or the input's next bits, never anything else, so peeking a code's
/// worth of bits near the end of the input is harmless: a code is accepted only if its length fits
/// in `bitCount`, and otherwise the stream is truncated.
private struct InflateDecoder {
    enum Phase {
        case header
        case stored(remaining: Int)
        case huffman
        case done
    }

    var bits: UInt64 = 0
    var bitCount = 0
    var position = 0
    var phase = Phase.header
    var lastBlock = false
    /// A match that did not fit in the output when it filled.
    var pendingLength = 0
    var pendingDistance = 0

    var literals = HuffmanDecodingTable()
    var distances = HuffmanDecodingTable()
    var codeLengthCode = HuffmanDecodingTable()
    var tablesAreFixed = false
    var lengths = [UInt8](repeating: 0, count: 286 + 30)

    static let literalBits = 10
    static let distanceBits = 8

    /// Decodes until the final block ends (true) or the output is full (false).
    mutating func run(_ input: Span<UInt8>, _ out: inout MutableSpan<UInt8>, _ written: inout Int) throws(InflateError) -> Bool {
        if pendingLength > 0 {
            let fit = min(pendingLength, out.count - written)
            Self.copyMatch(&out, &written, distance: pendingDistance, length: fit)
            pendingLength -= fit
            if pendingLength > 0 { return false }
        }
        while true {
            switch phase {
            case .done:
                return true
            case .header:
                if lastBlock {
                    phase = .done
                    continue
                }
                try need(3, input)
                lastBlock = bits & 1 == 1
                let type = Int(bits >> 1 & 3)
                drop(3)
                switch type {
                case 0: try beginStoredBlock(input)
                case 1: try beginFixedBlock()
                case 2: try beginDynamicBlock(input)
                default: throw .invalidBlockType
                }
            case .stored(let remaining):
                let left = try copyStored(input, &out, &written, remaining: remaining)
                if left > 0 {
                    phase = .stored(remaining: left)
                    return false
                }
                phase = .header
            case .huffman:
                if try !decodeSymbols(input, &out, &written) { return false }
                phase = .header
            }
        }
    }

    // MARK: Bits

    /// Tops the bit buffer up to at least 57 bits, or to what is left of the input.
    @inline(__always)
    mutating func refill(_ input: Span<UInt8>) {
        while bitCount <= 56 && position < input.count {
            bits |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
    }

    mutating func need(_ count: Int, _ input: Span<UInt8>) throws(InflateError) {
        if bitCount < count { refill(input) }
        if bitCount < count { throw .truncated }
    }

    @inline(__always)
    mutating func drop(_ count: Int) {
        bits >>= UInt64(count)
        bitCount -= count
    }

    mutating func take(_ count: Int, _ input: Span<UInt8>) throws(InflateError) -> Int {
        try need(count, input)
        let value = Int(bits & (1 << UInt64(count) - 1))
        drop(count)
        return value
    }

    // MARK: Block headers

    mutating func beginStoredBlock(_ input: Span<UInt8>) throws(InflateError) {
        drop(bitCount & 7)   // to the byte boundary
        let length = try take(16, input)
        let complement = try take(16, input)
        if length != ~complement & 0xFFFF { throw .storedLengthMismatch }
        phase = .stored(remaining: length)
    }

    mutating func beginFixedBlock() throws(InflateError) {
        if !tablesAreFixed {
            var fixed = [UInt8](repeating: 8, count: 288)
            for i in 144..<256 { fixed[i] = 9 }
            for i in 256..<280 { fixed[i] = 7 }
            try literals.build(lengths: fixed.span, alphabet: .literalsAndLengths, primaryBits: Self.literalBits)
            let distanceLengths = [UInt8](repeating: 5, count: 32)
            try distances.build(lengths: distanceLengths.span, alphabet: .distances, primaryBits: Self.distanceBits)
            tablesAreFixed = true
        }
        phase = .huffman
    }

    mutating func beginDynamicBlock(_ input: Span<UInt8>) throws(InflateError) {
        let literalCount = try take(5, input) + 257
        let distanceCount = try take(5, input) + 1
        let codeLengthCount = try take(4, input) + 4
        if literalCount > 286 || distanceCount > 30 { throw .tooManySymbols }

        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            codeLengthLengths[HuffmanDecodingTable.codeLengthOrder[i]] = UInt8(try take(3, input))
        }
        try codeLengthCode.build(lengths: codeLengthLengths.span, alphabet: .codeLengths, primaryBits: 7)

        let total = literalCount + distanceCount
        var i = 0
        while i < total {
            let symbol = try decode(codeLengthCode, input, alphabet: .codeLengths)
            switch symbol {
            case 0...15:
                lengths[i] = UInt8(symbol)
                i += 1
            case 16:
                if i == 0 { throw .repeatWithoutPreviousLength }
                let repeated = lengths[i - 1]
                let count = try take(2, input) + 3
                if i + count > total { throw .codeLengthsOverrun }
                for k in i..<(i + count) { lengths[k] = repeated }
                i += count
            default:
                let count = symbol == 17 ? try take(3, input) + 3 : try take(7, input) + 11
                if i + count > total { throw .codeLengthsOverrun }
                for k in i..<(i + count) { lengths[k] = 0 }
                i += count
            }
        }
        if lengths[256] == 0 { throw .missingEndOfBlockCode }
        let all = lengths   // a second reference, so that reading it does not overlap the table builds
        let span = all.span
        try literals.build(lengths: span.extracting(0..<literalCount), alphabet: .literalsAndLengths, primaryBits: Self.literalBits)
        try distances.build(lengths: span.extracting(literalCount..<total), alphabet: .distances, primaryBits: Self.distanceBits)
        tablesAreFixed = false
        phase = .huffman
    }

    /// One symbol through `table`, for the header (the block body has its own inlined loop).
    mutating func decode(_ table: HuffmanDecodingTable, _ input: Span<UInt8>, alphabet: HuffmanDecodingTable.Alphabet) throws(InflateError) -> Int {
        if bitCount < 15 { refill(input) }
        let entries = table.entries.span
        var entry = entries[Int(bits & (1 << UInt64(table.primaryBits) - 1))]
        if entry >> 4 & 0xF == HuffmanDecodingTable.link {
            entry = entries[Int(entry >> 16) + Int(bits >> UInt64(table.primaryBits) & (1 << UInt64(entry >> 8 & 0xF) - 1))]
        }
        let length = Int(entry & 0xF)
        if length == 0 { throw bitCount < 15 ? .truncated : .invalidCode(alphabet.name) }
        if length > bitCount { throw .truncated }
        drop(length)
        return Int(entry >> 16)
    }

    // MARK: Block bodies

    /// Copies up to `remaining` bytes of a stored block; returns how many are still to come.
    mutating func copyStored(_ input: Span<UInt8>, _ out: inout MutableSpan<UInt8>, _ written: inout Int, remaining: Int) throws(InflateError) -> Int {
        var remaining = remaining
        // Whole bytes already in the bit buffer come first (the header left it byte-aligned).
        while remaining > 0 && bitCount >= 8 && written < out.count {
            out[written] = UInt8(truncatingIfNeeded: bits)
            written += 1
            drop(8)
            remaining -= 1
        }
        if bitCount < 8 {
            // Whatever sits above the valid bits is input not yet consumed: forget it, re-read it.
            bits = 0
            bitCount = 0
        }
        let count = min(remaining, out.count - written, input.count - position)
        for k in 0..<count {
            out[written + k] = input[position + k]
        }
        written += count
        position += count
        remaining -= count
        if remaining > 0 && written < out.count { throw .truncated }
        return remaining
    }

    /// Decodes literals and matches until the end of the block (true) or a full output (false).
    ///
    /// The hot loop of the decoder: the bit buffer lives in locals, and the tables are read through
    /// spans, so that each symbol costs a refill check, one or two lookups and a bounds check per
    /// byte written.
    mutating func decodeSymbols(_ input: Span<UInt8>, _ out: inout MutableSpan<UInt8>, _ written: inout Int) throws(InflateError) -> Bool {
        let literalEntries = literals.entries
        let distanceEntries = distances.entries
        let lit = literalEntries.span
        let dist = distanceEntries.span
        let literalMask = UInt64(1 << literals.primaryBits - 1)
        let literalShift = UInt64(literals.primaryBits)
        let distanceMask = UInt64(1 << distances.primaryBits - 1)
        let distanceShift = UInt64(distances.primaryBits)
        let capacity = out.count
        var n = written
        var bits = self.bits
        var bitCount = self.bitCount
        var position = self.position
        let inputCount = input.count
        defer {
            self.bits = bits
            self.bitCount = bitCount
            self.position = position
            written = n
        }
        while true {
            if bitCount < 48 {
                while bitCount <= 56 && position < inputCount {
                    bits |= UInt64(input[position]) << UInt64(bitCount)
                    position += 1
                    bitCount += 8
                }
            }
            var entry = lit[Int(bits & literalMask)]
            if entry >> 4 & 0xF == HuffmanDecodingTable.link {
                entry = lit[Int(entry >> 16) + Int(bits >> literalShift & (1 << UInt64(entry >> 8 & 0xF) - 1))]
            }
            let length = Int(entry & 0xF)
            if length == 0 || length > bitCount {
                throw length == 0 && bitCount >= 15 ? .invalidCode("literal/length") : .truncated
            }
            let kind = entry >> 4 & 0xF
            if kind == HuffmanDecodingTable.literal {
                if n == capacity { return false }   // the symbol is left unread, for the next call
                bits >>= UInt64(length)
                bitCount -= length
                out[n] = UInt8(truncatingIfNeeded: entry >> 16)
                n += 1
                continue
            }
            if kind == HuffmanDecodingTable.endOfBlock {
                bits >>= UInt64(length)
                bitCount -= length
                return true
            }
            if kind != HuffmanDecodingTable.base { throw .invalidCode("literal/length") }
            bits >>= UInt64(length)
            bitCount -= length
            // Length extra bits (≤ 5), then the distance code (≤ 15) and its extra bits (≤ 13):
            // 33 bits, which the refill above guarantees unless the input is running out.
            let lengthExtra = Int(entry >> 8 & 0xF)
            if lengthExtra > bitCount { throw .truncated }
            let matchLength = Int(entry >> 16) + Int(bits & (1 << UInt64(lengthExtra) - 1))
            bits >>= UInt64(lengthExtra)
            bitCount -= lengthExtra

            var distanceEntry = dist[Int(bits & distanceMask)]
            if distanceEntry >> 4 & 0xF == HuffmanDecodingTable.link {
                distanceEntry = dist[Int(distanceEntry >> 16) + Int(bits >> distanceShift & (1 << UInt64(distanceEntry >> 8 & 0xF) - 1))]
            }
            let distanceLength = Int(distanceEntry & 0xF)
            if distanceLength == 0 || distanceLength > bitCount {
                throw distanceLength == 0 && bitCount >= 15 ? .invalidCode("distance") : .truncated
            }
            if distanceEntry >> 4 & 0xF != HuffmanDecodingTable.base { throw .invalidCode("distance") }
            bits >>= UInt64(distanceLength)
            bitCount -= distanceLength
            let distanceExtra = Int(distanceEntry >> 8 & 0xF)
            if distanceExtra > bitCount { throw .truncated }
            let distance = Int(distanceEntry >> 16) + Int(bits & (1 << UInt64(distanceExtra) - 1))
            bits >>= UInt64(distanceExtra)
            bitCount -= distanceExtra
            if distance > n { throw .distanceTooFarBack(distance: distance, available: n) }

            let fit = min(matchLength, capacity - n)
            Self.copyMatch(&out, &n, distance: distance, length: fit)
            if fit < matchLength {
                pendingLength = matchLength - fit
                pendingDistance = distance
                return false
            }
        }
    }

    /// Appends `length` bytes starting `distance` back; overlapping copies repeat, as LZ77 means.
    @inline(__always)
    static func copyMatch(_ out: inout MutableSpan<UInt8>, _ n: inout Int, distance: Int, length: Int) {
        var from = n - distance
        var to = n
        let end = n + length
        while to < end {
            out[to] = out[from]
            to += 1
            from += 1
        }
        n = end
    }
}
