import Foundation

/// The groups of one aggregate: each key's folded values, numbered in the order the groups
/// were first seen. Every case looks its groups up, and a `[[Value]: …]` dictionary hashed
/// each key through `Hasher` and each Chinese name through Unicode normalization (a tenth of a
/// one-thread `check`). Here a key is hashed by `GroupKeyHash` (a key's text as bytes, in
/// normal form C, so that canonically equal names hash alike) into an open-addressed table of
/// group numbers; keys whose hashes agree are compared as values, so the grouping is exactly
/// `[Value]`'s equality.
struct GroupTable: Sequence {
    typealias Element = (key: [Value], value: Evaluator.GroupState)

    private(set) var keys: [[Value]] = []
    /// By group number.
    var states: [Evaluator.GroupState] = []
    private var hashes: [UInt64] = []
    private var slots = HashSlots()
    /// Groups found lately, by their key's bytes as held (see `find`); -1: none.
    private var recent = [Int32](repeating: -1, count: GroupTable.recentSize)
    private static let recentSize = 4096

    var count: Int { keys.count }

    /// The number of the group with `key`, if there is one.
    func index(forKey key: [Value]) -> Int? {
        let hash = GroupKeyHash.hash(key)
        return slots.find(hash) { hashes[$0] == hash && keys[$0] == key }.number
    }

    /// `index(forKey:)` for every case: a group is first sought by the bytes its key is held in,
    /// which a case's key of the same texts repeats (a name of up to 15 bytes is held inside its
    /// `String`; see `KeyBytes`), and only then hashed by its texts, as `[Value]` compares them.
    mutating func find(_ key: [Value]) -> Int? {
        let held = KeyBytes.hash(key)
        let i = Int(truncatingIfNeeded: held >> 52)  // the top 12 bits: a place in `recent`
        let g = Int(recent[i])
        if g >= 0 && KeyBytes.same(keys[g], key) { return g }
        guard let found = index(forKey: key) else { return nil }
        recent[i] = Int32(truncatingIfNeeded: found)
        return found
    }

    /// `body` given the folded values of group `g` where they lie, or nil (no group: `g` nil).
    /// Mutating only to reach them without a copy of the table or of the array: reached for
    /// reading (`withUnsafeBufferPointer`), the array was retained and released around `body`
    /// for every case.
    @inline(__always)
    mutating func withAccumulators<R>(of g: Int?, _ body: (UnsafeBufferPointer<Value>?) throws -> R) rethrows -> R {
        guard let g else { return try body(nil) }
        return try states[g].accumulators.withUnsafeMutableBufferPointer { try body(UnsafeBufferPointer($0)) }
    }

    /// Puts `values` in as group `g`'s folded values, and gives back its former ones in `values`.
    @inline(__always)
    mutating func exchangeAccumulators(of g: Int, with values: inout [Value]) {
        precondition(states[g].accumulators.count == values.count, "the same accumulators")
        swap(&states[g].accumulators, &values)
    }

    /// The folded values of the group with `key`; setting them adds the group if it is new.
    subscript(key: [Value]) -> Evaluator.GroupState? {
        get { index(forKey: key).map { states[$0] } }
        set {
            guard let newValue else { preconditionFailure("groups are never removed") }
            let hash = GroupKeyHash.hash(key)
            let (g, slot) = slots.find(hash) { hashes[$0] == hash && keys[$0] == key }
            if let g {
                states[g] = newValue
                return
            }
            keys.append(key)
            states.append(newValue)
            hashes.append(hash)
            slots.insert(keys.count - 1, at: slot, hashes: hashes)
        }
    }

    func makeIterator() -> AnyIterator<Element> {
        var g = 0
        return AnyIterator {
            guard g < keys.count else { return nil }
            defer { g += 1 }
            return (keys[g], states[g])
        }
    }
}

/// A hash of a group key that agrees with `[Value]`'s `==`: values equal under it hash alike.
/// Texts are hashed as their UTF-8 in normal form C; text that is its own normal form
/// (`NormalForm`: ASCII and CJK ideographs) is hashed as it is, without asking Foundation.
enum GroupKeyHash {
    static func hash(_ key: [Value]) -> UInt64 {
        var h = ByteHash.seed ^ UInt64(truncatingIfNeeded: key.count)
        for v in key { mix(&h, of: v) }
        return ByteHash.finish(h)
    }

    private static func mix(_ h: inout UInt64, _ v: UInt64) { ByteHash.mix(&h, v) }

    private static func mix(_ h: inout UInt64, of v: Value) {
        switch v {
        case .null: mix(&h, 1)
        case .bool(let b): mix(&h, b ? 3 : 2)
        case .integer(let i): mix(&h, 4); mix(&h, UInt64(bitPattern: i))
        case .money(let m): mix(&h, 5); mix(&h, UInt64(bitPattern: m.minorUnits))
        // Equal instants are equal whatever their offsets.
        case .timestamp(let t): mix(&h, 6); mix(&h, UInt64(bitPattern: t.seconds))
        case .date(let d): mix(&h, 7); mix(&h, UInt64(bitPattern: d.daysSinceEpoch))
        case .string(let s): mix(&h, 8); mix(&h, text: s)
        case .enumValue(let s): mix(&h, 9); mix(&h, text: s)
        case .person(let s): mix(&h, 10); mix(&h, text: s)
        case .department(let s): mix(&h, 11); mix(&h, text: s)
        // Rare as keys: their own `Hashable`, consistent with `==` (seeded per process, as
        // this hash is).
        case .decimal, .span, .list: mix(&h, 12); mix(&h, UInt64(bitPattern: Int64(v.hashValue)))
        }
    }

    /// Mixes in a text: equal texts (canonically equivalent) mix alike.
    static func mix(_ h: inout UInt64, text s: String) {
        // Read in place (a small string on the stack): no copy of the string to retain.
        let done = s.utf8.withContiguousStorageIfAvailable { b in
            guard NormalForm.holds(b) else { return false }
            ByteHash.mix(&h, bytes: UnsafeRawBufferPointer(b))
            return true
        }
        if done != true {
            var n = s.precomposedStringWithCanonicalMapping
            n.withUTF8 { ByteHash.mix(&h, bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}

/// A group key's values as the bytes they are held in. Equal bytes are equal values — the same
/// case, number, instant, or text (a text of up to 15 bytes of UTF-8 is held in the `String`
/// itself; a longer one points at its storage, which the group's key keeps alive) — so a key
/// matched by its bytes is the group's; equal values need not be equal bytes (a text held
/// twice, the padding after a short value), and those are found by `GroupKeyHash` instead.
/// Unsafe in kind, a reading of the values' bits: they are compared, never made into values.
enum KeyBytes {
    /// The bytes of one value, past which its stride is padding.
    private static let size = MemoryLayout<Value>.size
    private static let stride = MemoryLayout<Value>.stride

    static func hash(_ key: [Value]) -> UInt64 {
        key.withUnsafeBytes { raw in
            var h = ByteHash.seed
            for e in 0..<key.count { ByteHash.mix(&h, bytes: UnsafeRawBufferPointer(rebasing: raw[(e * stride)..<(e * stride + size)])) }
            return ByteHash.finish(h)
        }
    }

    static func same(_ a: [Value], _ b: [Value]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                for e in 0..<a.count where memcmp(x.baseAddress! + e * stride, y.baseAddress! + e * stride, size) != 0 {
                    return false
                }
                return true
            }
        }
    }
}
