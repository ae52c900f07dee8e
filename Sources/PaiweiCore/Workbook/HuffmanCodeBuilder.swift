/// Length-limited Huffman codes for ``Deflate``: code lengths from symbol frequencies, and the
/// canonical codes (RFC 1951 §3.2.2) those lengths stand for.
///
/// Lengths come from a Huffman tree (two-queue construction over the frequency-sorted symbols);
/// when the tree is deeper than deflate allows (15 bits, 7 for the code-length code), the length
/// counts are repaired as miniz does — overlong codes are cut to the limit and the Kraft sum is
/// restored by lengthening the deepest shorter codes — and lengths are dealt out again, shortest
/// to the most frequent. The result is optimal when no limit applies and close to it otherwise.
///
/// Guarantees: every code is complete (Kraft sum exactly one), with at least two codes even when
/// fewer symbols occur, so that every decoder accepts it; ties are broken by symbol, so the same
/// frequencies always give the same lengths.
///
/// - Complexity: O(*s* log *s*) in the alphabet size *s* (a sort); *s* ≤ 288.
enum HuffmanCodeBuilder {
    /// Code lengths (0 for an unused symbol) for `frequencies`, none longer than `limit`.
    static func lengths(frequencies: [Int], limit: Int) -> [UInt8] {
        var used = frequencies.indices.filter { frequencies[$0] > 0 }
        // Deflate wants at least two codes (a one-code set is incomplete, which some decoders
        // refuse): pad with the lowest unused symbols.
        var filler = 0
        while used.count < 2 {
            if !used.contains(filler) { used.append(filler) }
            filler += 1
        }
        used.sort { (frequencies[$0], $0) < (frequencies[$1], $1) }
        let n = used.count

        // Two-queue Huffman: leaves in frequency order, internal nodes in creation order (which is
        // also weight order), so the two smallest are always at one of the two queue heads.
        var weight = used.map { max(frequencies[$0], 1) }
        weight.reserveCapacity(2 * n - 1)
        var parent = [Int](repeating: -1, count: 2 * n - 1)
        var leaf = 0
        var node = n
        func smallest() -> Int {
            if leaf < n && (node >= weight.count || weight[leaf] <= weight[node]) {
                leaf += 1
                return leaf - 1
            }
            node += 1
            return node - 1
        }
        for _ in 0..<(n - 1) {
            let a = smallest()
            let b = smallest()
            parent[a] = weight.count
            parent[b] = weight.count
            weight.append(weight[a] + weight[b])
        }
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for index in stride(from: 2 * n - 3, through: 0, by: -1) {
            depth[index] = depth[parent[index]] + 1
        }

        // Counts per length, overlong codes cut to the limit, then the Kraft sum repaired.
        var count = [Int](repeating: 0, count: limit + 1)
        for index in 0..<n { count[min(depth[index], limit)] += 1 }
        var total = 0
        for length in 1...limit { total += count[length] << (limit - length) }
        while total > 1 << limit {
            count[limit] -= 1
            for length in stride(from: limit - 1, through: 1, by: -1) where count[length] > 0 {
                count[length] -= 1
                count[length + 1] += 2
                break
            }
            total -= 1
        }

        // The least frequent symbols get the longest codes.
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        var next = 0
        for length in stride(from: limit, through: 1, by: -1) {
            for _ in 0..<count[length] {
                lengths[used[next]] = UInt8(length)
                next += 1
            }
        }
        return lengths
    }

    /// The canonical code of each symbol, bit-reversed so that it can be written least significant
    /// bit first like every other deflate field.
    static func reversedCodes(lengths: [UInt8]) -> [UInt16] {
        var count = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { count[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1..<16 {
            code = (code + count[length - 1]) << 1
            next[length] = code
        }
        return lengths.map { length in
            let length = Int(length)
            guard length > 0 else { return 0 }
            var value = next[length]
            next[length] += 1
            var reversed = 0
            for _ in 0..<length {
                reversed = reversed << 1 | value & 1
                value >>= 1
            }
            return UInt16(reversed)
        }
    }
}
