/// Identifiers interned to dense indices 0, 1, 2, … in the order first inserted, looked up straight from
/// the bytes of a cell: no `String` is built to find a school, a zone or a duplicate student.
///
/// Keys are compared byte for byte (SPEC §2: ids are byte strings). Open addressing with linear probing
/// over a power-of-two slot array, kept at most half full; the hash mixes eight bytes at a time. Which
/// slot a key lands in never decides anything: only the indices leave the table.
/// - Complexity: O(*b*) expected per insert or look-up of a *b*-byte key.
struct IdentifierTable: Sendable {
    /// Every key's bytes, back to back; key `i` is `arena[offsets[i]..<offsets[i + 1]]`.
    private var arena: [UInt8] = []
    private var offsets: [Int32] = [0]
    private var hashes: [UInt64] = []
    /// Key index + 1 per slot; 0 for an empty slot.
    private var slots: [Int32]

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        hashes.reserveCapacity(capacity)
        offsets.reserveCapacity(capacity + 1)
    }

    var count: Int { hashes.count }

    /// The index of `key`, inserting it if new.
    mutating func insert(_ key: Span<UInt8>) -> (index: Int32, inserted: Bool) {
        let hash = Self.hash(key)
        if let found = find(key, hash: hash) { return (found, false) }
        if (count + 1) * 2 > slots.count { grow() }
        let index = Int32(count)
        key.withUnsafeBufferPointer { arena.append(contentsOf: $0) }
        offsets.append(Int32(arena.count))
        hashes.append(hash)
        place(index, hash: hash)
        return (index, true)
    }

    mutating func insert(_ key: String) -> (index: Int32, inserted: Bool) {
        let bytes = Array(key.utf8)
        return insert(bytes.span)
    }

    /// The index of `key`, or nil.
    func index(of key: Span<UInt8>) -> Int32? {
        find(key, hash: Self.hash(key))
    }

    func index(of key: String) -> Int32? {
        let bytes = Array(key.utf8)
        return index(of: bytes.span)
    }

    /// Whether the key with index `index` is `key`.
    func holds(_ key: Span<UInt8>, at index: Int32) -> Bool {
        equals(Int(index), key)
    }

    /// The key with index `index`.
    func identifier(_ index: Int32) -> Identifier {
        Identifier(bytes: arena[Int(offsets[Int(index)])..<Int(offsets[Int(index) + 1])])
    }

    private func find(_ key: Span<UInt8>, hash: UInt64) -> Int32? {
        // Over the arrays in place (a look-up per cell of a large file): every index read is a slot
        // (masked below `slots.count`), a key index below `count`, or a range of `arena` that
        // `offsets` gives; none leaves its buffer.
        slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let entry = slots[slot]
                    if entry == 0 { return nil }
                    let index = Int(entry - 1)
                    if hashes[index] == hash && equals(index, key) { return Int32(index) }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private func equals(_ index: Int, _ key: Span<UInt8>) -> Bool {
        offsets.withUnsafeBufferPointer { offsets in
            let start = Int(offsets[index]), end = Int(offsets[index + 1])
            guard end - start == key.count else { return false }
            return arena.withUnsafeBufferPointer { arena in
                Identifier.equal(key, UnsafeBufferPointer(rebasing: arena[start..<end]))
            }
        }
    }

    private mutating func place(_ index: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = index + 1
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for index in hashes.indices { place(Int32(index), hash: hashes[index]) }
    }

    /// Eight bytes at a time, little-endian, each word multiplied in (a multiply–xorshift mix); the
    /// length is mixed last so that keys differing only by trailing zero bytes differ.
    @inline(__always)
    static func hash(_ key: Span<UInt8>) -> UInt64 {
        key.withUnsafeBufferPointer { bytes in
            var h: UInt64 = 0x243F_6A88_85A3_08D3
            var i = 0
            let n = bytes.count
            // Word loads only where eight bytes remain: no read leaves the key.
            while i + 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: i, as: UInt64.self))
                h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
                i += 8
            }
            if i < n {
                // The last one to seven bytes: in two overlapping loads that stay inside the key (four
                // bytes from each end, or two, or the first, middle and last byte); the length mixed in
                // below tells apart keys that these loads would confuse.
                let raw = UnsafeRawPointer(bytes.baseAddress!) + i
                let rest = n - i
                var word: UInt64
                if rest >= 4 {
                    word = UInt64(raw.loadUnaligned(as: UInt32.self)) | UInt64(raw.loadUnaligned(fromByteOffset: rest - 4, as: UInt32.self)) << 32
                } else {
                    word = UInt64(bytes[i]) | UInt64(bytes[i + rest / 2]) << 8 | UInt64(bytes[n - 1]) << 16
                }
                h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
            }
            h = (h ^ UInt64(n)) &* 0xBF58_476D_1CE4_E5B9
            return h ^ (h >> 31)
        }
    }
}
