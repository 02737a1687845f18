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
    private var slots = HashSlots()

    var count: Int { starts.count }

    /// The number of `name`, if it has one.
    func number(of name: String) -> Int? {
        // Read in place (a small string on the stack): no copy of the name to retain.
        if let n = name.utf8.withContiguousStorageIfAvailable({ find(UnsafeRawBufferPointer($0)).number }) { return n }
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
            slots.insert(starts.count - 1, at: slot, hashes: hashes)
            return starts.count - 1
        }
    }

    private func find(_ bytes: UnsafeRawBufferPointer) -> (number: Int?, slot: Int, hash: UInt64) {
        let hash = ByteHash.hash(bytes)
        return text.withUnsafeBytes { text in
            let (n, slot) = slots.find(hash) { n in
                hashes[n] == hash && lengths[n] == bytes.count
                    && (bytes.isEmpty || memcmp(text.baseAddress! + starts[n], bytes.baseAddress!, bytes.count) == 0)
            }
            return (n, slot, hash)
        }
    }
}
