import CPrefetch
import Foundation

/// The case ids seen so far, for finding a repeated id the moment its second row comes: the
/// reading thread's (whichever thread would have evaluated the first row) and the one-thread
/// evaluator's.
///
/// An id is known by its UTF-8 in normal form C, so that equal bytes are exactly what String's
/// `==` calls equal (canonical equivalence: `café` written with a combining accent is the same
/// id; a Kelvin sign is a K). A slot is 8 bytes: 32 bits of a hash of those bytes (8 more chose
/// the slot's table) over where the id's record is in a `CaseIDLog` (its text and first row);
/// about 10.5 bytes an id. The hash finds the slot; the record decides: ids whose hashes agree but
/// whose text differs are different ids, so the answer is exact and the same on every run. A
/// record is read only when a slot on an id's probe has its hash: for a repeated id, and for a
/// new one about once in 2^32 / (a probe's length) look-ups. So the log can live in a temporary
/// file, and the table's memory is the slots alone. (Keeping the text and row in a 24-byte slot
/// cost 50 bytes an id, 100 MB at two million.)
///
/// The slots are spread over 256 tables (by the hash's top byte) that grow one at a time, by
/// a quarter once 85% of their slots are used, so that no moment holds two copies of
/// everything, a table's growth never hashes an id again (a slot's key places it), and about
/// three quarters of the slots are in use (growing by half at 80% left two thirds: 14 MB more
/// from one million ids to two, against 11). A look-up touches one or two cache lines (eight
/// slots to one); a new id passes about ten slots at that load (½(1 + 1/(1 − load)²), linear
/// probing's expected length), each compared by its key alone. A table's slots are pages of
/// their own (`SlotPages`), given back as it grows. (A `[String: Int]` spent a quarter of its
/// time here rehashing as it grew, and comparing ids as Strings.)
// One thread owns a table (the reader, or a one-thread evaluator): its state needs no run-time
// exclusivity checks, which would cost more than the look-up.
final class CaseIDTable {
    private struct Part {
        /// Per slot: the id's key (32 bits of its hash, never 0) in the high half, where its
        /// record starts in `log` (in 8-byte words) in the low; 0: an empty slot.
        var slots = SlotPages()
        var count = 0
    }
    @exclusivity(unchecked) private var parts = [Part](repeating: Part(), count: 256)
    @exclusivity(unchecked) private var log: CaseIDLog
    /// Records of ids given back (see `release`), by place.
    private var released = Set<UInt32>()
    /// A non-ASCII id, normalized (reused from id to id).
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    private let hash: ((String) -> (UInt64, UInt64))?
    /// Seeds the hash per table, as Swift's own hashing is seeded per process: ids chosen to
    /// collide cannot be written in advance.
    private let seed = UInt64.random(in: 1...UInt64.max)

    /// `hash` is for tests that force two ids to collide; `resident`: the bytes of records
    /// held in memory before they go to a temporary file in `spillDirectory` (nil: the
    /// system's temporary folder).
    init(hash: ((String) -> (UInt64, UInt64))? = nil, resident: Int = 4 << 20, spillDirectory: String? = nil) {
        self.hash = hash
        log = CaseIDLog(resident: resident, directory: spillDirectory)
    }

    /// Where records go once `resident` bytes of them are held (nil: the system's temporary
    /// folder). Set before the first id.
    var spillDirectory: String? {
        get { log.directory }
        set { log.directory = newValue }
    }

    /// The slot to start looking at for `key` in `capacity` slots (the key scaled:
    /// capacities need not be powers of two).
    private static func home(_ key: UInt32, _ capacity: Int) -> Int {
        Int((UInt64(key) &* UInt64(capacity)) >> 32)
    }

    /// Calls `body` with `id`'s normalized UTF-8. Ids are nearly always ASCII, or ASCII and
    /// Chinese, which are their own normal form: then the string's own bytes, uncopied; other
    /// text goes through Foundation's normalization into `bytes`.
    private func withNormalized<R>(_ id: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try id.utf8.withContiguousStorageIfAvailable({ u -> R? in
            NormalForm.holds(u) ? try body(u) : nil
        }) ?? nil {
            return r
        }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: id.precomposedStringWithCanonicalMapping.utf8)
        return try bytes.withUnsafeBufferPointer(body)
    }

    /// A 64-bit hash of `b` (`ByteHash`'s mixing, under this table's own seed).
    private func hashBytes(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed
        ByteHash.mix(&h, bytes: UnsafeRawBufferPointer(b))
        ByteHash.mix(&h, seed)
        return h
    }

    /// An id's place, worked out ahead of its look-up (`look(utf8:)`), its first slot asked of
    /// memory: the table is megabytes and an id's slot anywhere in it, so a look-up waited for
    /// memory, 4% of a two-thread run. Prefetched, the wait overlaps the work the caller does
    /// before it looks the id up (the reader copies the row).
    struct Look {
        fileprivate let part: Int
        fileprivate let key: UInt32
        fileprivate let home: Int
    }

    /// The place of the id written as `utf8` (valid UTF-8), its first slot prefetched; nil for
    /// an id `firstRow(utf8:row:)` takes another way (not in normal form; the tests' hash).
    /// Nothing may be added to the table between the look and the look-up.
    func look(utf8: UnsafeBufferPointer<UInt8>) -> Look? {
        guard hash == nil, NormalForm.holds(utf8) else { return nil }
        let (p, key) = place(nil, utf8)
        growIfFull(p)
        let home = CaseIDTable.home(key, parts[p].slots.count)
        parts[p].slots.prefetch(home)
        return Look(part: p, key: key, home: home)
    }

    /// As `firstRow(utf8:row:)` for the id `look` placed, written as `utf8`, with nothing added
    /// to the table since.
    func firstRow(_ look: Look, utf8: UnsafeBufferPointer<UInt8>, row: Int) throws -> Int? {
        try firstRow(normalized: utf8, id: nil, row: row, look: look)
    }

    /// The slot of part `p` holding the id `b`, whose key is `key`, with the id's first row;
    /// or the empty slot where it would go. `look`: the id's place (its first slot prefetched).
    private func find(_ key: UInt32, _ b: UnsafeBufferPointer<UInt8>, in p: Int, look: Look? = nil) throws -> (slot: Int, first: Int?) {
        let slots = parts[p].slots
        let capacity = slots.count
        var i = look?.home ?? CaseIDTable.home(key, capacity)
        var slot = slots[i]
        while true {
            // Past the slots of other ids, which are nearly all of those met.
            while slot != 0 && UInt32(truncatingIfNeeded: slot >> 32) != key {
                i += 1
                if i == capacity { i = 0 }
                slot = slots[i]
            }
            if slot == 0 { return (i, nil) }
            // Equal keys are almost always the same id; the record says for sure.
            let first = try log.withRecord(at: Int(UInt32(truncatingIfNeeded: slot)) * 8) { row, text in
                text.count == b.count && (b.isEmpty || memcmp(text.baseAddress!, b.baseAddress!, b.count) == 0) ? row : nil
            }
            if let first { return (i, first) }
            i += 1
            if i == capacity { i = 0 }
            slot = slots[i]
        }
    }

    /// The record of slot `i` of part `p`.
    private func record(_ p: Int, _ i: Int) -> UInt32 { UInt32(truncatingIfNeeded: parts[p].slots[i]) }

    /// The first row of `id`; nil when it is new (or was released), and then `row` is
    /// recorded as its first. Throws only when a temporary file cannot be written or read.
    func firstRow(_ id: String, row: Int) throws -> Int? {
        try withNormalized(id) { b in try firstRow(normalized: b, id: id, row: row) }
    }

    /// As `firstRow(_:row:)`, for the id written as `utf8` (valid UTF-8): no String is made
    /// of an id already in normal form.
    func firstRow(utf8: UnsafeBufferPointer<UInt8>, row: Int) throws -> Int? {
        guard hash == nil, NormalForm.holds(utf8) else { return try firstRow(String(decoding: utf8, as: UTF8.self), row: row) }
        return try firstRow(normalized: utf8, id: nil, row: row)
    }

    /// `b`: the id's normalized UTF-8; `id`: its text, for the tests' `hash`.
    private func firstRow(normalized b: UnsafeBufferPointer<UInt8>, id: String?, row: Int, look: Look? = nil) throws -> Int? {
        let p: Int, key: UInt32
        if let look {
            (p, key) = (look.part, look.key)
        } else {
            (p, key) = place(id, b)
            growIfFull(p)
        }
        let (i, first) = try find(key, b, in: p, look: look)
        if let first {
            if released.isEmpty || !released.contains(record(p, i)) { return first }
            // Claimed again: a record with the new row.
            released.remove(record(p, i))
            parts[p].slots[i] = UInt64(key) << 32 | UInt64(try append(b, row: row))
            return nil
        }
        parts[p].slots[i] = UInt64(key) << 32 | UInt64(try append(b, row: row))
        parts[p].count += 1
        return nil
    }

    /// Forgets that `id` was seen (its row failed to evaluate): a later row with it is its
    /// first. Its slot stays, to be claimed again.
    func release(_ id: String) throws {
        try withNormalized(id) { b in
            let (p, key) = place(id, b)
            guard parts[p].slots.count > 0 else { return }
            let (i, first) = try find(key, b, in: p)
            if first != nil { released.insert(record(p, i)) }
        }
    }

    /// Every id kept (not released), as its normalized UTF-8, with its first row; in the
    /// order first seen.
    func forEach(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        // The records slots point to (the others were replaced when their id was claimed again).
        var live: [UInt32] = []
        for part in parts {
            for i in 0..<part.slots.count {
                let slot = part.slots[i]
                let r = UInt32(truncatingIfNeeded: slot)
                if slot != 0, !released.contains(r) { live.append(r) }
            }
        }
        live.sort()
        var next = 0
        try log.forEach { start, row, text in
            guard next < live.count, Int(live[next]) * 8 == start else { return }
            next += 1
            try body(UnsafeRawBufferPointer(text), row)
        }
    }

    /// A record of `b` first seen at `row`, appended to the log: its place in 8-byte words.
    private func append(_ b: UnsafeBufferPointer<UInt8>, row: Int) throws -> UInt32 {
        let start = try log.append(b, row: row)
        // 32 GiB of case ids would first take some 20 GB of slots.
        guard let word = UInt32(exactly: start / 8) else { fatalError("more than 32 GiB of case ids") }
        return word
    }

    /// The part and key of the id `id`, whose normalized UTF-8 is `b` (the key is never 0: an
    /// empty slot).
    private func place(_ id: String?, _ b: UnsafeBufferPointer<UInt8>) -> (part: Int, key: UInt32) {
        var h: UInt64
        if let hash {
            let (h0, h1) = hash(id ?? String(decoding: b, as: UTF8.self))
            h = h0 ^ (h1 &* 0x9E37_79B9_7F4A_7C15) & 0x00FF_FFFF_FFFF_FFFF
        } else {
            h = hashBytes(b)
        }
        let key = UInt32(truncatingIfNeeded: h)
        return (Int(h >> 56), key == 0 ? 1 : key)
    }

    /// The ids a run expects in all (a hint from the export's size, see `expect(ids:)`), per part.
    private var expectedPerPart = 0

    /// Tells the table about how many ids to expect (the export's size over its rows' length):
    /// a part that grows then grows toward its share in one step of up to four times, not by a
    /// quarter at a time. Each growth gives pages back, which flushes the TLB of every core the
    /// run is on (in a virtual machine, an exit each: 1,900 of them in a million ids). A hint
    /// only: a wrong one costs memory or growths, never an answer.
    func expect(ids: Int) {
        expectedPerPart = max(0, ids) / parts.count
    }

    /// Grows part `p` once 85% of its slots are used (before the first id, it has none).
    @inline(__always)
    private func growIfFull(_ p: Int) {
        if parts[p].count * 20 >= parts[p].slots.count * 17 { grow(p) }
    }

    private func grow(_ p: Int) {
        let old = parts[p].slots
        var wanted = old.count + old.count / 4
        let share = min(expectedPerPart, Int.max / 20) * 20 / 17 + 1  // 85% used once all are in
        if share > wanted { wanted = min(share, old.count * 4) }
        let slots = SlotPages(atLeast: wanted)
        let capacity = slots.count
        for j in 0..<old.count where old[j] != 0 {
            var i = CaseIDTable.home(UInt32(truncatingIfNeeded: old[j] >> 32), capacity)
            while slots[i] != 0 {
                i += 1
                if i == capacity { i = 0 }
            }
            slots[i] = old[j]
        }
        parts[p].slots = slots
        old.release()
    }

    deinit {
        for part in parts { part.slots.release() }
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

    /// The field (by its place in the policy's fields) a case's id is read from; nil when
    /// none is (every id is then `null`, as `evaluate` reads it).
    var caseIDFieldIndex: Int? { policy.fields.firstIndex { $0.slot == caseIDSlot } }
}
