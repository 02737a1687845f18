extension RunCodec {
    /// A record's values read where they lie: its instants, numbers and the places of its
    /// texts, with no String made (`FindingFields`). Valid while the record's bytes and its
    /// template table are.
    struct View: FindingFields {
        private let record: UnsafeRawBufferPointer
        /// The template, borrowed from its table (see `init`): counting it for each finding
        /// would have the threads that render findings contend on the count.
        private let template: Unmanaged<FindingTemplate>
        let row: Int
        let status: Finding.Status
        private(set) var start: Timestamp?
        private(set) var due: Timestamp?
        private(set) var done: Timestamp?
        private(set) var lateBy: TimeSpan?
        private(set) var amount: Money?
        private(set) var incurredAt: Timestamp?
        private(set) var rowsLost: Int?
        private var note: Range<Int>?
        private var month: Range<Int>?

        /// The record `r` (without its length word) of a table whose templates are
        /// `templates`, which must outlive the view.
        init(_ r: UnsafeRawBufferPointer, templates: UnsafeBufferPointer<FindingTemplate>) {
            record = r
            var i = payloadStart(r)
            func get<T: FixedWidthInteger>(_: T.Type) -> T {
                defer { i += MemoryLayout<T>.size }
                return T(littleEndian: r.loadUnaligned(fromByteOffset: i, as: T.self))
            }
            func text() -> Range<Int> {
                let n = Int(get(UInt32.self))
                defer { i += n }
                return i..<(i + n)
            }
            func timestamp() -> Timestamp {
                let s = get(Int64.self)
                return Timestamp(seconds: s, offsetSeconds: get(Int32.self))
            }
            template = .passUnretained(templates[Int(RunCodec.template(r))])
            status = statuses[Int(get(UInt8.self))]
            let flags = get(UInt16.self)
            row = Int(get(Int64.self))
            if flags & 1 != 0 { start = timestamp() }
            if flags & 2 != 0 { due = timestamp() }
            if flags & 4 != 0 { done = timestamp() }
            if flags & 8 != 0 {
                let clock = clocks[Int(get(UInt8.self))]
                lateBy = TimeSpan(clock, get(Int64.self))
            }
            if flags & 16 != 0 { note = text() }
            if flags & 32 != 0 { amount = Money(minorUnits: get(Int64.self)) }
            if flags & 64 != 0 { incurredAt = timestamp() }
            if flags & 128 != 0 { month = text() }
            if flags & 256 != 0 { rowsLost = Int(get(Int64.self)) }
        }

        var kind: Finding.Kind { template._withUnsafeGuaranteedRef { $0.kind } }

        private var hasParty: Bool { RunCodec.u32(record, 6 + RunCodec.u32(record, 2)) != 0 }

        func withTemplate<R>(_ body: (FindingTemplate) throws -> R) rethrows -> R {
            try template._withUnsafeGuaranteedRef(body)
        }

        func withTexts<R>(_ body: (FindingTexts) throws -> R) rethrows -> R {
            func at(_ range: Range<Int>?) -> UnsafeRawBufferPointer? { range.map { UnsafeRawBufferPointer(rebasing: record[$0]) } }
            return try body(FindingTexts(subject: RunCodec.subject(record), party: hasParty ? RunCodec.party(record) : nil,
                                         month: at(month), note: at(note)))
        }

        /// The finding itself.
        var finding: Finding {
            func string(_ b: UnsafeRawBufferPointer?) -> String? { b.map { String(decoding: $0, as: UTF8.self) } }
            return withTexts { t in
                var f = Finding(subject: String(decoding: t.subject, as: UTF8.self), row: row,
                                template: template.takeUnretainedValue(), status: status)
                f.party = string(t.party)
                f.start = start
                f.due = due
                f.done = done
                f.lateBy = lateBy
                f.note = string(t.note)
                f.amount = amount
                f.incurredAt = incurredAt
                f.month = string(t.month)
                f.rowsLost = rowsLost
                return f
            }
        }
    }
}
