import Foundation

/// Names numbered by their UTF-8 bytes: the roster's look-up for every person of every case
/// (is the name listed, who is the manager). A `[String: …]` dictionary normalizes a Chinese
/// name to hash it, and even a byte-keyed one starts a `Hasher` per look-up; here a name costs
/// one `ByteHash` and one `memcmp`. Bytes, not Unicode equality: a name written in another
/// normal form is not found here, and the roster's caller then asks its `String`-keyed
/// dictionary (see `Roster.contains`).
struct NameIndex: Sendable {
    /// Every name's bytes, one after another.
    private var text: [UInt8] = []
    /// Per number: where its bytes start in `text`, their length and hash.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    /// Number + 1 per slot (0: empty); a power of two, at most half full.
    private var slots = [Int32](repeating: 0, count: 16)

    var count: Int { starts.count }

    /// The number of `name`, if it has one.
    func number(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { find(UnsafeRawBufferPointer($0)).number }
    }

    /// The number of `name`: its own if it has one, else the next.
    mutating func add(_ name: String) -> Int {
        var name = name
        return name.withUTF8 { b in
            let bytes = UnsafeRawBufferPointer(b)
            let (found, slot, hash) = find(bytes)
            if let found { return found }
            starts.append(text.count)
            lengths.append(bytes.count)
            hashes.append(hash)
            text.append(contentsOf: bytes)
            slots[slot] = Int32(starts.count)
            if starts.count * 2 > slots.count { grow() }
            return starts.count - 1
        }
    }

    private func find(_ bytes: UnsafeRawBufferPointer) -> (number: Int?, slot: Int, hash: UInt64) {
        let hash = ByteHash.hash(bytes)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        return text.withUnsafeBytes { text in
            while true {
                let n = Int(slots[s]) - 1
                if n < 0 { return (nil, s, hash) }
                if hashes[n] == hash, lengths[n] == bytes.count,
                   bytes.isEmpty || memcmp(text.baseAddress! + starts[n], bytes.baseAddress!, bytes.count) == 0 {
                    return (n, s, hash)
                }
                s = (s + 1) & mask
            }
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (n, hash) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: hash) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(n + 1)
        }
    }
}
