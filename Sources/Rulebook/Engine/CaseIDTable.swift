/// The case ids the reading thread has seen, for finding a repeated id the moment its second
/// row is read, whichever thread would have evaluated the first.
///
/// A slot holds 72 bits of two hashes of the id (equal for canonically equivalent text, as
/// String's `==`), the row it was first seen on, and where its text starts in `texts`. The
/// hashes find the slot; the text decides: ids whose 72 bits agree but whose text differs are
/// different ids, so the answer is exact and the same on every run (as the one-thread run's
/// dictionary). The slots are spread over 256 tables (by the first hash's top byte) that grow
/// one at a time, by half, so that no moment holds two copies of everything and about two
/// thirds of the slots are in use.
final class CaseIDTable {
    private struct Part {
        /// The first hash's low 56 bits, under 8 bits of the second; 0: an empty slot.
        var keys: [UInt64] = []
        /// The row each id was first seen on (`UInt32.max`: see `farRows`).
        var rows: [UInt32] = []
        /// Where each id's text starts in `texts`.
        var starts: [Int] = []
        var count = 0
    }
    private var parts = [Part](repeating: Part(), count: 256)
    /// Every id's UTF-8 text, each behind its length in 4 bytes.
    private var texts: [UInt8] = []
    /// Rows past `UInt32.max - 1`, by where their id's text starts.
    private var farRows: [Int: Int] = [:]
    private let hash: (String) -> (UInt64, UInt64)

    /// `hash` is for tests that force two ids to collide.
    init(hash: @escaping (String) -> (UInt64, UInt64) = CaseIDTable.hashes) {
        self.hash = hash
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

    private func text(at start: Int) -> String {
        let length = texts[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
        return String(decoding: texts[(start + 4)..<(start + 4 + length)], as: UTF8.self)
    }

    /// The first row of `id`; nil when it is new, and then `row` is recorded as its first.
    func firstRow(_ id: String, row: Int) -> Int? {
        let hashes = hash(id)
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
            // Equal keys are almost always the same id; the text says for sure.
            if part.keys[i] == key, text(at: part.starts[i]) == id {
                let r = part.rows[i]
                return r == UInt32.max ? farRows[part.starts[i]] : Int(r)
            }
            i += 1
            if i == capacity { i = 0 }
        }
        let start = texts.count
        let utf8 = id.utf8.count
        texts.append(contentsOf: [UInt8(truncatingIfNeeded: utf8 >> 24), UInt8(truncatingIfNeeded: utf8 >> 16),
                                  UInt8(truncatingIfNeeded: utf8 >> 8), UInt8(truncatingIfNeeded: utf8)])
        texts.append(contentsOf: id.utf8)
        part.keys[i] = key
        part.starts[i] = start
        if row >= 0 && row < Int(UInt32.max) {
            part.rows[i] = UInt32(row)
        } else {
            part.rows[i] = UInt32.max
            farRows[start] = row
        }
        part.count += 1
        return nil
    }

    private func grow(_ p: Int) {
        let old = parts[p]
        let capacity = max(64, old.keys.count * 3 / 2)
        var part = Part(keys: [UInt64](repeating: 0, count: capacity), rows: [UInt32](repeating: 0, count: capacity),
                        starts: [Int](repeating: 0, count: capacity), count: old.count)
        parts[p] = Part()
        for j in old.keys.indices where old.keys[j] != 0 {
            var i = CaseIDTable.home(old.keys[j], capacity)
            while part.keys[i] != 0 {
                i += 1
                if i == capacity { i = 0 }
            }
            part.keys[i] = old.keys[j]
            part.rows[i] = old.rows[j]
            part.starts[i] = old.starts[j]
        }
        parts[p] = part
    }
}

extension Evaluator {
    /// The field a case id is read from (for messages).
    var caseIDField: String? { policy.fields.first { $0.slot == caseIDSlot }?.decl.name }

    /// The error of a row repeating the case id of the row `first` (the same on every path).
    func duplicateCaseID(_ id: String, firstAt first: Int) -> RowError {
        var e = RowError("duplicate case id '\(id)' (first at row \(first))", column: caseIDField)
        e.repeatsCase = true
        return e
    }

    /// The case id of the row whose field values start at `values[start]` (as `evaluate` reads it).
    func caseID(_ values: [Value], start: Int) -> String {
        let width = policy.fields.count
        return (caseIDSlot < width ? values[start + caseIDSlot] : Value.null).description
    }
}
