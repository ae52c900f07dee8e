/// A canonical Huffman code (RFC 1951 §3.2.2) as a two-level lookup table, for ``Inflate``.
///
/// Deflate sends a code as its code lengths only; codes are assigned in order of length, then of
/// symbol, and their bits arrive least significant first. The table is indexed by the next
/// `primaryBits` input bits (as they sit at the bottom of the bit buffer): an entry holds the
/// symbol's meaning and its code length, replicated over every index whose low bits are the code.
/// Codes longer than `primaryBits` share a primary entry per prefix, which links to a subtable
/// indexed by the following bits. One or two lookups decode a symbol, whatever its length.
///
/// What a symbol means is decided when the table is built and kept in the entry — a literal byte,
/// the end of the block, or the base and extra-bit count of a length or distance — so that the
/// decoding loop needs no second table.
///
/// The build checks the code (RFC 1951 leaves this to the decoder; zlib's rules are followed):
/// an over-subscribed set of lengths is refused; an incomplete one is refused except for a single
/// code of length one (a block with one distance), whose unused code decodes as invalid.
///
/// - Complexity: building is O(2^`primaryBits` + symbols · replication); at most a few thousand
///   entry writes for deflate's alphabets.
struct HuffmanDecodingTable: Sendable {
    /// Which alphabet a table decodes, for the meaning of its symbols and for error messages.
    enum Alphabet: Sendable, Equatable {
        /// The code-length alphabet of a dynamic block header (19 symbols).
        case codeLengths
        /// Literal bytes, end of block and lengths (286 symbols, 288 in the fixed code).
        case literalsAndLengths
        /// Distances (30 symbols, 32 in the fixed code).
        case distances
    }

    // Entry layout (UInt32):
    //   bits 0-3   code length in bits; 0 means no code leads here (invalid input)
    //   bits 4-7   kind, one of the constants below
    //   bits 8-11  extra bits to read (lengths, distances), or the index width of a subtable link
    //   bits 16-31 literal byte, base length, base distance, code-length symbol or subtable offset
    static let literal: UInt32 = 0
    static let base: UInt32 = 1
    static let endOfBlock: UInt32 = 2
    static let link: UInt32 = 3
    static let invalidSymbol: UInt32 = 4

    private(set) var entries: [UInt32] = []
    private(set) var primaryBits = 0

    /// Builds the table for `lengths` (one code length per symbol, 0 for an unused symbol).
    mutating func build(lengths: Span<UInt8>, alphabet: Alphabet, primaryBits: Int) throws(InflateError) {
        var count = [Int](repeating: 0, count: 16)
        for i in lengths.indices {
            count[Int(lengths[i])] += 1
        }
        count[0] = 0
        // Kraft: every length doubles the code space; more codes than space is over-subscribed.
        var left = 1
        var maxLength = 0
        for length in 1...15 {
            left <<= 1
            left -= count[length]
            if left < 0 { throw InflateError.overSubscribedCode(alphabet.name) }
            if count[length] > 0 { maxLength = length }
        }
        if left > 0 {
            // zlib's rule: an incomplete code is allowed only as a single code of length one (a block
            // with one distance, or an empty block), never for the code-length alphabet; and a
            // distance code may be empty (a block of literals only).
            let used = count.reduce(0, +)
            let single = alphabet != .codeLengths && used == 1 && maxLength == 1
            let empty = alphabet == .distances && used == 0
            if !single && !empty { throw InflateError.incompleteCode(alphabet.name) }
        }

        self.primaryBits = primaryBits
        let subBits = max(0, maxLength - primaryBits)
        entries.removeAll(keepingCapacity: true)
        entries.append(contentsOf: repeatElement(0, count: 1 << primaryBits))

        // First code of each length, then each symbol's code in symbol order.
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + count[length - 1]) << 1
            nextCode[length] = code
        }
        var subtableOfPrefix = [Int](repeating: -1, count: 1 << primaryBits)
        let primaryMask = (1 << primaryBits) - 1
        for symbol in lengths.indices {
            let length = Int(lengths[symbol])
            if length == 0 { continue }
            let code = nextCode[length]
            nextCode[length] += 1
            let reversed = Self.reverse(code, length)
            let entry = Self.meaning(of: symbol, in: alphabet) | UInt32(length)
            if length <= primaryBits {
                var index = reversed
                while index < 1 << primaryBits {
                    entries[index] = entry
                    index += 1 << length
                }
            } else {
                let prefix = reversed & primaryMask
                var offset = subtableOfPrefix[prefix]
                if offset < 0 {
                    offset = entries.count
                    subtableOfPrefix[prefix] = offset
                    entries.append(contentsOf: repeatElement(0, count: 1 << subBits))
                    entries[prefix] = UInt32(offset) << 16 | UInt32(subBits) << 8 | Self.link << 4
                }
                let rest = length - primaryBits
                var index = reversed >> primaryBits
                while index < 1 << subBits {
                    entries[offset + index] = entry
                    index += 1 << rest
                }
            }
        }
    }

    /// The entry bits (without the code length) saying what `symbol` stands for.
    private static func meaning(of symbol: Int, in alphabet: Alphabet) -> UInt32 {
        switch alphabet {
        case .codeLengths:
            return UInt32(symbol) << 16 | literal << 4
        case .literalsAndLengths:
            if symbol < 256 { return UInt32(symbol) << 16 | literal << 4 }
            if symbol == 256 { return endOfBlock << 4 }
            if symbol > 285 { return invalidSymbol << 4 }
            let (value, extra) = lengthBases[symbol - 257]
            return UInt32(value) << 16 | UInt32(extra) << 8 | base << 4
        case .distances:
            if symbol > 29 { return invalidSymbol << 4 }
            let (value, extra) = distanceBases[symbol]
            return UInt32(value) << 16 | UInt32(extra) << 8 | base << 4
        }
    }

    private static func reverse(_ code: Int, _ length: Int) -> Int {
        var result = 0
        var code = code
        for _ in 0..<length {
            result = result << 1 | code & 1
            code >>= 1
        }
        return result
    }

    /// A dynamic block header sends the code-length code's lengths in this order (RFC 1951 §3.2.7).
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// RFC 1951 §3.2.5: base length and extra bits of length symbols 257–285.
    static let lengthBases: [(Int, Int)] = [
        (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 1), (13, 1), (15, 1), (17, 1),
        (19, 2), (23, 2), (27, 2), (31, 2), (35, 3), (43, 3), (51, 3), (59, 3), (67, 4), (83, 4), (99, 4),
        (115, 4), (131, 5), (163, 5), (195, 5), (227, 5), (258, 0),
    ]

    /// RFC 1951 §3.2.5: base distance and extra bits of distance symbols 0–29.
    static let distanceBases: [(Int, Int)] = [
        (1, 0), (2, 0), (3, 0), (4, 0), (5, 1), (7, 1), (9, 2), (13, 2), (17, 3), (25, 3), (33, 4), (49, 4),
        (65, 5), (97, 5), (129, 6), (193, 6), (257, 7), (385, 7), (513, 8), (769, 8), (1025, 9), (1537, 9),
        (2049, 10), (3073, 10), (4097, 11), (6145, 11), (8193, 12), (12289, 12), (16385, 13), (24577, 13),
    ]
}

extension HuffmanDecodingTable.Alphabet {
    var name: String {
        switch self {
        case .codeLengths: "code-length"
        case .literalsAndLengths: "literal/length"
        case .distances: "distance"
        }
    }
}
