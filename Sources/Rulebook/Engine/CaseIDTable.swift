/// The case ids the reading thread has seen, for finding a repeated id the moment its second
/// row is read, whichever thread would have evaluated the first.
///
/// An id is kept as two hashes of the String (equal for canonically equivalent text, as
/// String's `==`): 64 bits to place and find it, 24 more to tell apart ids whose first hashes
/// collide, with the row it was first seen on. Two distinct ids among ten million agree on
/// all 88 bits with a chance of about 10⁻¹³; the hashes are seeded per process, so no input
/// can be made to collide on purpose. 16 bytes a slot, in 256 tables that grow one at a time
/// (no moment holds two copies of everything).
final class CaseIDTable {
    private struct Part {
        /// The first hash (0 is mapped to 1: 0 marks an empty slot).
        var keys: [UInt64] = []
        /// The second hash's low 24 bits above the first row's 40.
        var values: [UInt64] = []
        var count = 0
    }
    private var parts = [Part](repeating: Part(), count: 256)
    private static let rowBits: UInt64 = 40

    /// The two hashes of `id`.
    static func hashes(_ id: String) -> (UInt64, UInt64) {
        var second = Hasher()
        second.combine(0x5EED as UInt16)
        second.combine(id)
        return (UInt64(bitPattern: Int64(id.hashValue)), UInt64(bitPattern: Int64(second.finalize())))
    }

    /// The first row of the id with these hashes; nil when it is new, and then `row` is
    /// recorded as its first.
    func firstRow(_ hashes: (UInt64, UInt64), row: Int) -> Int? {
        let key = hashes.0 == 0 ? 1 : hashes.0
        let check = hashes.1 & 0xFF_FFFF
        let p = Int(key >> 56)
        if parts[p].count * 4 >= parts[p].keys.count * 3 { grow(p) }
        var part = Part()
        swap(&part, &parts[p])  // one owner of the arrays: written in place, not copied
        defer { swap(&part, &parts[p]) }
        let mask = part.keys.count - 1
        var i = Int(truncatingIfNeeded: key) & mask
        while part.keys[i] != 0 {
            if part.keys[i] == key && part.values[i] >> CaseIDTable.rowBits == check {
                return Int(part.values[i] & ((1 << CaseIDTable.rowBits) - 1))
            }
            i = (i + 1) & mask
        }
        part.keys[i] = key
        part.values[i] = check << CaseIDTable.rowBits | UInt64(min(max(row, 0), (1 << 40) - 1))
        part.count += 1
        return nil
    }

    private func grow(_ p: Int) {
        let old = parts[p]
        let capacity = max(64, old.keys.count * 2)
        var part = Part(keys: [UInt64](repeating: 0, count: capacity), values: [UInt64](repeating: 0, count: capacity), count: old.count)
        let mask = capacity - 1
        for (k, v) in zip(old.keys, old.values) where k != 0 {
            var i = Int(truncatingIfNeeded: k) & mask
            while part.keys[i] != 0 { i = (i + 1) & mask }
            part.keys[i] = k
            part.values[i] = v
        }
        parts[p] = part
    }
}

extension Evaluator {
    /// The field a case id is read from (for messages).
    var caseIDField: String? { policy.fields.first { $0.slot == caseIDSlot }?.decl.name }

    /// The error of a row repeating the case id of the row `first` (the same on every path).
    func duplicateCaseID(_ id: String, firstAt first: Int) -> RowError {
        RowError("duplicate case id '\(id)' (first at row \(first))", column: caseIDField)
    }

    /// The case id of the row whose field values start at `values[start]` (as `evaluate` reads it).
    func caseID(_ values: [Value], start: Int) -> String {
        let width = policy.fields.count
        return (caseIDSlot < width ? values[start + caseIDSlot] : Value.null).description
    }
}
