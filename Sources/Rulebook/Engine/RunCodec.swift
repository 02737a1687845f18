import Foundation

/// The binary form of a finding in a sorted run. The sort keys come first so that merging
/// compares bytes: length, template, subject, party; then either the rest of the finding or,
/// in a store of rendered findings, its report text.
enum RunCodec {
    /// A finding's sort key without references: the first 16 bytes of the subject's natural
    /// key (`HumanOrder.NaturalKey`; big-endian, zero-padded: the key holds no 0 byte), its
    /// length, whether leading zeros were dropped, and the rule's order. Only ties on all of
    /// these look at the whole subject and the party.
    struct SortKey {
        var head: (UInt64, UInt64)
        var length: Int
        var order: Int
        var index: Int
        var droppedZeros = false

        init(head: (UInt64, UInt64), length: Int, order: Int, index: Int) {
            self.head = head
            self.length = length
            self.order = order
            self.index = index
        }

        init(subject: String, order: Int, index: Int) {
            var s = subject
            self = s.withUTF8 { SortKey(UnsafeRawBufferPointer($0), order: order, index: index) }
        }

        /// The natural key's bytes (`HumanOrder.NaturalKey`) made in one loop over the subject:
        /// a byte outside digit runs as it is, a run as its length (1 byte, or 255 and 4) and
        /// its digits without leading zeros. Each is put into the head while it has room, and
        /// counted after. (Through `NaturalKey.next`, a byte at a time, a case's key took some
        /// 700 instructions, made twice a case in a run that keeps its findings.) A test checks
        /// it against `NaturalKey` on random texts.
        init(_ subject: UnsafeRawBufferPointer, order: Int, index: Int) {
            var head = Head()
            var dropped = false
            let count = subject.count
            var i = 0
            while i < count {
                let b = subject[i]
                guard HumanOrder.NaturalKey.isDigit(b) else {
                    head.put(b)
                    i += 1
                    continue
                }
                var j = i + 1
                while j < count, HumanOrder.NaturalKey.isDigit(subject[j]) { j += 1 }
                var start = i
                while start < j - 1, subject[start] == 0x30 { start += 1 }
                if start > i { dropped = true }
                let n = j - start
                if n < 255 {
                    head.put(UInt8(n))
                } else {
                    let long = (255 << 32) | UInt64(UInt32(clamping: n))
                    for k in stride(from: 4, through: 0, by: -1) { head.put(UInt8(truncatingIfNeeded: long >> (8 * UInt64(k)))) }
                }
                if head.full {
                    head.length += n
                } else {
                    for k in start..<j { head.put(subject[k]) }
                }
                i = j
            }
            self.init(head: (head.high, head.low), length: head.length, order: order, index: index)
            droppedZeros = dropped
        }

        /// A key's first 16 bytes, big-endian in two words, and how many bytes it has in all.
        private struct Head {
            var high: UInt64 = 0
            var low: UInt64 = 0
            var length = 0

            var full: Bool { length >= 16 }

            @inline(__always)
            mutating func put(_ b: UInt8) {
                if length < 8 {
                    high |= UInt64(b) << UInt64(56 - 8 * length)
                } else if length < 16 {
                    low |= UInt64(b) << UInt64(120 - 8 * length)
                }
                length += 1
            }
        }

        /// -1, 0, 1: the subjects in natural order (0: the same subject). `subjects` compares
        /// the whole subjects, asked only when the keys cannot tell.
        @inline(__always)
        func compareSubject(_ other: SortKey, subjects: () -> Int) -> Int {
            if head != other.head { return head < other.head ? -1 : 1 }
            // Equal heads of keys no longer than 16 bytes are equal keys, and equal keys
            // without dropped zeros come from equal subjects.
            if length > 16 || other.length > 16 || droppedZeros || other.droppedZeros { return subjects() }
            return length == other.length ? 0 : (length < other.length ? -1 : 1)
        }

        /// Report order: subject, rule, party, then `index` (append order). The whole
        /// subject (`subjects`) and the parties are compared only when the keys tie.
        func precedes(_ other: SortKey, subjects: () -> Int, parties: () -> Int) -> Bool {
            let s = compareSubject(other, subjects: subjects)
            if s != 0 { return s < 0 }
            if order != other.order { return order < other.order }
            let c = parties()
            return c != 0 ? c < 0 : index < other.index
        }
    }

    static let statuses = Finding.Status.allCases
    static let clocks: [TimeSpan.Clock] = [.calendar, .workingTime, .workingDays, .months, .halfWorkingDays]

    /// -1, 0, 1: by Unicode scalars (the order of UTF-8 bytes).
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    static func compareUTF8(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in compare(UnsafeRawBufferPointer(pa), UnsafeRawBufferPointer(pb)) } }
    }

    // MARK: Writing

    static func put<T: FixedWidthInteger>(_ v: T, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    static func put(_ s: String, _ out: inout [UInt8]) {
        ByteWriter.appending(to: &out, most: 4 + s.utf8.count) { $0.record(s) }
    }

    static func put(_ t: Timestamp, _ out: inout [UInt8]) {
        ByteWriter.appending(to: &out, most: 12) { $0.record(t) }
    }

    /// Starts a record: a length word to fill in (`end`), then the keys. Returns where the
    /// record starts; the caller appends the rest (`fields`, or report text).
    static func begin(_ f: Finding, template: UInt16, into out: inout [UInt8]) -> Int {
        let start = out.count
        ByteWriter.appending(to: &out, most: keysBound(f)) { writeKeys(f, template: template, &$0) }
        return start
    }

    /// The room `writeKeys` takes.
    @inline(__always)
    private static func keysBound(_ f: Finding) -> Int { 14 + f.subject.utf8.count + (f.party?.utf8.count ?? 0) }

    /// A record's start: its length word (0, filled in after), template, subject and party.
    @inline(__always)
    private static func writeKeys(_ f: Finding, template: UInt16, _ w: inout ByteWriter) {
        w.little(UInt32(0))
        w.little(template)
        w.record(f.subject)
        if let p = f.party {
            w.record(p, lengthPlusOne: true)
        } else {
            w.little(UInt32(0))
        }
    }

    /// Fills in the length of the record that starts at `start`.
    static func end(_ start: Int, _ out: inout [UInt8]) {
        let length = UInt32(out.count - start - 4).littleEndian
        withUnsafeBytes(of: length) { for (i, b) in $0.enumerated() { out[start + i] = b } }
    }

    /// A whole record of values: its keys (as `begin` writes them), the finding's own values
    /// (the template holds the rest) and its length, in one stretch of room (a finding of an
    /// `eval` is kept so, each one). Returns where the record starts.
    static func record(_ f: Finding, template: UInt16, into out: inout [UInt8]) -> Int {
        let start = out.count
        ByteWriter.appending(to: &out, most: keysBound(f) + fieldsBound(f)) { w in
            writeKeys(f, template: template, &w)
            writeFields(f, &w)
            w.patchLittle(UInt32(w.count - 4), at: 0)
        }
        return start
    }

    /// Status, flags, row, four instants, a span, an amount, a count and two texts at most.
    @inline(__always)
    private static func fieldsBound(_ f: Finding) -> Int {
        1 + 2 + 8 + 4 * 12 + 9 + 8 + 8 + 8 + (f.note.map { 4 + $0.utf8.count } ?? 0) + (f.month.map { 4 + $0.utf8.count } ?? 0)
    }

    @inline(__always)
    private static func writeFields(_ f: Finding, _ w: inout ByteWriter) {
        // Bit i: the i-th optional value below is present. (Set without a local function:
        // one capturing `flags` made it a boxed variable, checked for exclusive access.)
        var flags: UInt16 = f.start != nil ? 1 : 0
        if f.due != nil { flags |= 1 << 1 }
        if f.done != nil { flags |= 1 << 2 }
        if f.lateBy != nil { flags |= 1 << 3 }
        if f.note != nil { flags |= 1 << 4 }
        if f.amount != nil { flags |= 1 << 5 }
        if f.incurredAt != nil { flags |= 1 << 6 }
        if f.month != nil { flags |= 1 << 7 }
        if f.rowsLost != nil { flags |= 1 << 8 }
        w.little(UInt8(f.status.ordinal))
        w.little(flags)
        w.little(Int64(f.row))
        if let t = f.start { w.record(t) }
        if let t = f.due { w.record(t) }
        if let t = f.done { w.record(t) }
        if let l = f.lateBy {
            w.little(UInt8(clocks.firstIndex(of: l.clock)!))
            w.little(l.amount)
        }
        if let n = f.note { w.record(n) }  // per-case text varies by case: kept with the finding
        if let a = f.amount { w.little(a.minorUnits) }
        if let t = f.incurredAt { w.record(t) }
        if let m = f.month { w.record(m) }
        if let n = f.rowsLost { w.little(Int64(n)) }
    }

    // MARK: Reading (a record is the bytes after its length word)

    static func length(_ b: [UInt8], at i: Int) -> Int {
        b.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: i, as: UInt32.self))) }
    }

    @inline(__always) static func u32(_ r: UnsafeRawBufferPointer, _ i: Int) -> Int {
        Int(UInt32(littleEndian: r.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
    }

    static func template(_ r: UnsafeRawBufferPointer) -> UInt16 {
        UInt16(littleEndian: r.loadUnaligned(fromByteOffset: 0, as: UInt16.self))
    }

    static func subject(_ r: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: r[6..<(6 + u32(r, 2))])
    }

    /// Empty when there is no party (which sorts like an empty name).
    static func party(_ r: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let at = 6 + u32(r, 2)
        let tag = u32(r, at)
        return UnsafeRawBufferPointer(rebasing: r[(at + 4)..<(at + 4 + max(0, tag - 1))])
    }

    /// Where the payload starts.
    static func payloadStart(_ r: UnsafeRawBufferPointer) -> Int {
        let at = 6 + u32(r, 2)
        return at + 4 + max(0, u32(r, at) - 1)
    }

    static func payload(_ r: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: r[payloadStart(r)...])
    }

    /// Whether `r` (a record without its length word) holds a finding of values as `fields`
    /// writes one, every length inside the record and every index within its table:
    /// what a record read from a file this run did not write (a partial result) must be
    /// before `decode` or a merge's keys may read it.
    static func isWellFormed(_ r: UnsafeRawBufferPointer, templates: Int) -> Bool {
        var i = 0
        func has(_ n: Int) -> Bool { n >= 0 && r.count - i >= n }
        func u32() -> Int? {
            guard has(4) else { return nil }
            defer { i += 4 }
            return Int(UInt32(littleEndian: r.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
        }
        func skip(_ n: Int) -> Bool {
            guard has(n) else { return false }
            i += n
            return true
        }
        func instant() -> Bool {
            guard has(12) else { return false }
            let t = Timestamp(seconds: Int64(littleEndian: r.loadUnaligned(fromByteOffset: i, as: Int64.self)),
                              offsetSeconds: Int32(littleEndian: r.loadUnaligned(fromByteOffset: i + 8, as: Int32.self)))
            i += 12
            return t.isSupported && abs(Int(t.offsetSeconds)) <= 18 * 3600
        }
        guard has(2), Int(template(r)) < templates else { return false }
        i = 2
        guard let subject = u32(), skip(subject), let tag = u32(), skip(max(0, tag - 1)) else { return false }
        guard has(11), Int(r[i]) < statuses.count else { return false }
        let flags = UInt16(littleEndian: r.loadUnaligned(fromByteOffset: i + 1, as: UInt16.self))
        i += 11
        guard flags >> 9 == 0 else { return false }
        for bit in 0..<3 where flags & (1 << bit) != 0 { guard instant() else { return false } }
        if flags & 8 != 0 { guard has(9), Int(r[i]) < clocks.count else { return false }; i += 9 }
        if flags & 16 != 0 { guard let n = u32(), skip(n) else { return false } }
        if flags & 32 != 0 { guard skip(8) else { return false } }
        if flags & 64 != 0 { guard instant() else { return false } }
        if flags & 128 != 0 { guard let n = u32(), skip(n) else { return false } }
        if flags & 256 != 0 { guard skip(8) else { return false } }
        return i == r.count
    }

    /// The finding a record holds; `templates`: its template table's (`TemplateTable.templates`).
    static func decode(_ r: UnsafeRawBufferPointer, templates: [FindingTemplate]) -> Finding {
        templates.withUnsafeBufferPointer { View(r, templates: $0).finding }
    }
}

extension ByteWriter {
    /// An instant as a run record holds it: its seconds, then its offset.
    @inline(__always)
    mutating func record(_ t: Timestamp) {
        little(t.seconds)
        little(t.offsetSeconds)
    }

    /// A text as a run record holds it: its length (plus one for a party, whose 0 says there
    /// is none), then its UTF-8.
    mutating func record(_ s: String, lengthPlusOne: Bool = false) {
        var s = s
        s.withUTF8 { u in
            little(UInt32(u.count + (lengthPlusOne ? 1 : 0)))
            bytes(UnsafeRawBufferPointer(u))
        }
    }
}
