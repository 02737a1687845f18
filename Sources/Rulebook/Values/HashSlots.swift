/// The open-addressed index behind the look-up tables rules consult for every case (groups,
/// roster names): each slot holds an entry's number + 1 (0: empty), found from the entry's
/// 64-bit hash by linear probing. The table keeps its entries and their hashes itself; it asks
/// `matches` whether the entry at a number is the one sought. Kept at most half full, so a
/// probe ends soon.
struct HashSlots: Sendable {
    private var slots = [Int32](repeating: 0, count: 16)

    /// The number of the entry `matches` accepts among those with `hash`, or the slot where a
    /// new entry with that hash goes.
    func find(_ hash: UInt64, _ matches: (Int) -> Bool) -> (number: Int?, slot: Int) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let n = Int(slots[s]) - 1
            if n < 0 { return (nil, s) }
            if matches(n) { return (n, s) }
            s = (s + 1) & mask
        }
    }

    /// Puts entry `number` at `slot` (from `find`); `hashes` are every entry's, by number,
    /// this one's included, for the table to grow by.
    mutating func insert(_ number: Int, at slot: Int, hashes: [UInt64]) {
        slots[slot] = Int32(number + 1)
        guard hashes.count * 2 > slots.count else { return }
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (n, hash) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: hash) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(n + 1)
        }
    }
}
