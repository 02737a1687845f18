/// The case ids the reading thread has seen, for finding a repeated id the moment its second
/// row is read, whichever thread would have evaluated the first.
///
/// An id is kept as 72 bits of two hashes of the String (equal for canonically equivalent
/// text, as String's `==`) and the row it was first seen on: 12 bytes a slot. Two distinct ids
/// among ten million agree on all 72 bits with a chance of about 10⁻⁸; the hashes are seeded
/// per process, so no input can be made to collide on purpose. The slots are spread over 256
/// tables (by the first hash's top byte) that grow one at a time, by half, so that no moment
/// holds two copies of everything and about two thirds of the slots are in use.
final class CaseIDTable {
    private struct Part {
        /// The first hash's low 56 bits, under 8 bits of the second; 0: an empty slot.
        var keys: [UInt64] = []
        /// The row each id was first seen on (`UInt32.max`: see `farRows`).
        var rows: [UInt32] = []
        var count = 0
    }
    private var parts = [Part](repeating: Part(), count: 256)
    /// Rows past `UInt32.max - 1`, by part and key.
    private var farRows: [FarKey: Int] = [:]
    private struct FarKey: Hashable {
        var part: Int
        var key: UInt64
    }

    /// The two hashes of `id`.
    static func hashes(_ id: String) -> (UInt64, UInt64) {
        var second = Hasher()
        second.combine(0x5EED as UInt16)
        second.combine(id)
        return (UInt64(bitPattern: Int64(id.hashValue)), UInt64(bitPattern: Int64(second.finalize())))
    }

    /// The slot to start looking at for `key` in `capacity` slots (the key's low 56 bits,
    /// scaled: capacities need not be powers of two).
    private static func home(_ key: UInt64, _ capacity: Int) -> Int {
        Int((key << 8).multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// The first row of the id with these hashes; nil when it is new, and then `row` is
    /// recorded as its first.
    func firstRow(_ hashes: (UInt64, UInt64), row: Int) -> Int? {
        let p = Int(hashes.0 >> 56)
        var key = (hashes.0 & 0x00FF_FFFF_FFFF_FFFF) | (hashes.1 << 56)
        if key == 0 { key = 1 }
        if parts[p].count * 5 >= parts[p].keys.count * 4 { grow(p) }
        var part = Part()
        swap(&part, &parts[p])  // one owner of the arrays: written in place, not copied
        defer { swap(&part, &parts[p]) }
        let capacity = part.keys.count
        var i = CaseIDTable.home(key, capacity)
        while part.keys[i] != 0 {
            if part.keys[i] == key {
                let r = part.rows[i]
                return r == UInt32.max ? farRows[FarKey(part: p, key: key)] : Int(r)
            }
            i += 1
            if i == capacity { i = 0 }
        }
        part.keys[i] = key
        if row >= 0 && row < Int(UInt32.max) {
            part.rows[i] = UInt32(row)
        } else {
            part.rows[i] = UInt32.max
            farRows[FarKey(part: p, key: key)] = row
        }
        part.count += 1
        return nil
    }

    private func grow(_ p: Int) {
        let old = parts[p]
        let capacity = max(64, old.keys.count * 3 / 2)
        var part = Part(keys: [UInt64](repeating: 0, count: capacity), rows: [UInt32](repeating: 0, count: capacity), count: old.count)
        parts[p] = Part()
        for (k, r) in zip(old.keys, old.rows) where k != 0 {
            var i = CaseIDTable.home(k, capacity)
            while part.keys[i] != 0 {
                i += 1
                if i == capacity { i = 0 }
            }
            part.keys[i] = k
            part.rows[i] = r
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
