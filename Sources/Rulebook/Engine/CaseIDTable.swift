import Foundation

/// The case ids seen so far, for finding a repeated id the moment its second row comes: the
/// reading thread's (whichever thread would have evaluated the first row) and the one-thread
/// evaluator's.
///
/// An id is kept as its UTF-8 in normal form C, so that equal bytes are exactly what String's
/// `==` calls equal (canonical equivalence: `café` written with a combining accent is the same
/// id; a Kelvin sign is a K). A slot holds 56 bits of a hash of those bytes under 8 more bits,
/// the row the id was first seen on, and where its bytes start in `texts`. The hash finds the
/// slot; the bytes decide: ids whose hashes agree but whose text differs are different ids, so
/// the answer is exact and the same on every run. The slots are spread over 256 tables (by the
/// hash's top byte) that grow one at a time, by half, so that no moment holds two copies of
/// everything, a table's growth never hashes an id again, and about two thirds of the slots are
/// in use. (A `[String: Int]` spent a quarter of its time here rehashing as it grew, and
/// comparing ids as Strings.)
// One thread owns a table (the reader, or a one-thread evaluator): its state needs no run-time
// exclusivity checks, which would cost more than the look-up.
final class CaseIDTable {
    /// One id: its key, where its text is and its first row, side by side so that a look-up
    /// touches one cache line (three arrays cost three misses per new id in a large table).
    private struct Slot {
        /// The hash's low 56 bits, under 8 bits of the second; 0: an empty slot.
        var key: UInt64 = 0
        /// Where the id's bytes start in `texts`.
        var start = 0
        /// The row the id was first seen on (`farRow`: see `farRows`; `released`: the id was
        /// given back, see `release`).
        var row: UInt32 = 0
    }
    private struct Part {
        var slots: [Slot] = []
        var count = 0
    }
    private static let farRow = UInt32.max
    private static let released = UInt32.max - 1
    @exclusivity(unchecked) private var parts = [Part](repeating: Part(), count: 256)
    /// Every id's normalized UTF-8, each behind its length in 4 bytes.
    @exclusivity(unchecked) private var texts: [UInt8] = []
    /// Rows from `released` on, by where their id's text starts.
    private var farRows: [Int: Int] = [:]
    /// A non-ASCII id, normalized (reused from id to id).
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    private let hash: ((String) -> (UInt64, UInt64))?
    /// Seeds the hash per table, as Swift's own hashing is seeded per process: ids chosen to
    /// collide cannot be written in advance.
    private let seed = UInt64.random(in: 1...UInt64.max)

    /// `hash` is for tests that force two ids to collide.
    init(hash: ((String) -> (UInt64, UInt64))? = nil) {
        self.hash = hash
    }

    /// The slot to start looking at for `key` in `capacity` slots (the key's low 56 bits,
    /// scaled: capacities need not be powers of two).
    private static func home(_ key: UInt64, _ capacity: Int) -> Int {
        Int((key << 8).multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// Calls `body` with `id`'s normalized UTF-8. Ids are nearly always ASCII, which is its own
    /// normal form: then the string's own bytes, uncopied; other text goes through
    /// Foundation's normalization into `bytes`.
    private func withNormalized<R>(_ id: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = id.utf8.withContiguousStorageIfAvailable({ u -> R? in
            var high: UInt8 = 0
            for b in u { high |= b }
            return high < 0x80 ? body(u) : nil
        }) ?? nil {
            return r
        }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: id.precomposedStringWithCanonicalMapping.utf8)
        return bytes.withUnsafeBufferPointer(body)
    }

    /// A 64-bit hash of `b` (`ByteHash`'s mixing, under this table's own seed).
    private func hashBytes(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed
        ByteHash.mix(&h, bytes: UnsafeRawBufferPointer(b))
        ByteHash.mix(&h, seed)
        return h
    }

    /// The slot of `slots` holding the id `b`, whose slot key is `key`, or the empty slot
    /// where it would go.
    private func find(_ key: UInt64, _ b: UnsafeBufferPointer<UInt8>, in slots: UnsafeBufferPointer<Slot>) -> (slot: Int, found: Bool) {
        let capacity = slots.count
        var i = CaseIDTable.home(key, capacity)
        while slots[i].key != 0 {
            // Equal keys are almost always the same id; the bytes say for sure.
            if slots[i].key == key, sameText(at: slots[i].start, b) { return (i, true) }
            i += 1
            if i == capacity { i = 0 }
        }
        return (i, false)
    }

    private func sameText(at start: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        texts.withUnsafeBufferPointer { t in
            let length = t[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
            guard length == b.count else { return false }
            return b.isEmpty || memcmp(t.baseAddress! + start + 4, b.baseAddress!, length) == 0
        }
    }

    /// The first row of `id`; nil when it is new (or was released), and then `row` is
    /// recorded as its first.
    func firstRow(_ id: String, row: Int) -> Int? {
        withNormalized(id) { b in
            let (p, key) = place(id, b)
            if parts[p].count * 5 >= parts[p].slots.count * 4 { grow(p) }
            let (i, found) = parts[p].slots.withUnsafeBufferPointer { find(key, b, in: $0) }
            if found {
                let r = parts[p].slots[i].row
                if r != CaseIDTable.released { return r == CaseIDTable.farRow ? farRows[parts[p].slots[i].start] : Int(r) }
                setRow(row, at: i, in: p)
                return nil
            }
            let start = texts.count
            let n = b.count
            texts.append(UInt8(truncatingIfNeeded: n >> 24))
            texts.append(UInt8(truncatingIfNeeded: n >> 16))
            texts.append(UInt8(truncatingIfNeeded: n >> 8))
            texts.append(UInt8(truncatingIfNeeded: n))
            texts.append(contentsOf: b)
            parts[p].slots[i].key = key
            parts[p].slots[i].start = start
            setRow(row, at: i, in: p)
            parts[p].count += 1
            return nil
        }
    }

    /// Forgets that `id` was seen (its row failed to evaluate): a later row with it is its
    /// first. Its slot stays, to be claimed again.
    func release(_ id: String) {
        withNormalized(id) { b in
            let (p, key) = place(id, b)
            guard !parts[p].slots.isEmpty else { return }
            let (i, found) = parts[p].slots.withUnsafeBufferPointer { find(key, b, in: $0) }
            if found { parts[p].slots[i].row = CaseIDTable.released }
        }
    }

    /// Every id kept (not released), as its normalized UTF-8, with its first row; in no
    /// particular order.
    func forEach(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) rethrows {
        try texts.withUnsafeBytes { t in
            for part in parts {
                for slot in part.slots where slot.key != 0 && slot.row != CaseIDTable.released {
                    let start = slot.start
                    let length = t[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
                    let row = slot.row == CaseIDTable.farRow ? farRows[start]! : Int(slot.row)
                    try body(UnsafeRawBufferPointer(rebasing: t[(start + 4)..<(start + 4 + length)]), row)
                }
            }
        }
    }

    /// The part and slot key of the id `id`, whose normalized UTF-8 is `b`.
    private func place(_ id: String, _ b: UnsafeBufferPointer<UInt8>) -> (part: Int, key: UInt64) {
        if let hash {
            let (h0, h1) = hash(id)
            let key = (h0 & 0x00FF_FFFF_FFFF_FFFF) | (h1 << 56)
            return (Int(h0 >> 56), key == 0 ? 1 : key)
        }
        let h = hashBytes(b)
        let second = (h &* 0xFF51_AFD7_ED55_8CCD) >> 56
        let key = (h & 0x00FF_FFFF_FFFF_FFFF) | (second << 56)
        return (Int(h >> 56), key == 0 ? 1 : key)
    }

    private func setRow(_ row: Int, at i: Int, in p: Int) {
        if row >= 0 && row < Int(CaseIDTable.released) {
            parts[p].slots[i].row = UInt32(row)
        } else {
            parts[p].slots[i].row = CaseIDTable.farRow
            farRows[parts[p].slots[i].start] = row
        }
    }

    private func grow(_ p: Int) {
        let old = parts[p].slots
        parts[p].slots = []
        let capacity = max(64, old.count * 3 / 2)
        var slots = [Slot](repeating: Slot(), count: capacity)
        for slot in old where slot.key != 0 {
            var i = CaseIDTable.home(slot.key, capacity)
            while slots[i].key != 0 {
                i += 1
                if i == capacity { i = 0 }
            }
            slots[i] = slot
        }
        parts[p].slots = slots
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
