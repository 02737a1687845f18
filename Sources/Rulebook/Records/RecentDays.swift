/// The dates of timestamps a decoder read lately in the common form (`2026-11-03` of
/// `2026-11-03 09:15`), and what each came to: the local day's first second and the zone's
/// offset all that day. Most of a case's timestamps repeat a date read before, in the case or
/// in one close to it; such a one needs only its time of day read — the date's digits, its
/// check, its days since 1970 and the zone's look-ups are the earlier one's.
///
/// A table of 512 days, each date in the slot its bytes hash to (a newer date takes the slot).
/// One per decoder, and so per thread; its days hold for the zone they were noted with only.
struct RecentDays {
    /// The date's ten bytes, eight then two; `offset` `Int32.min`: none noted.
    private struct Day {
        var head: UInt64 = 0
        var tail: UInt16 = 0
        var offset = Int32.min
        var start: Int64 = 0
    }

    private var days = [Day](repeating: Day(), count: 512)

    @inline(__always)
    private static func slot(_ head: UInt64, _ tail: UInt16) -> Int {
        Int(truncatingIfNeeded: ((head ^ UInt64(tail)) &* 0x9E37_79B9_7F4A_7C15) >> 55)  // 9 bits: 512 slots
    }

    /// The instant `b` writes when it is in the common form with a date noted; nil otherwise.
    /// The same instant the general path gives: its date was read and checked from the same
    /// bytes, and its time of day is checked as `TimestampParser.parseCommon` does.
    @inline(__always)
    func timestamp(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard b.count == 16 || b.count == 19 else { return nil }
        let raw = UnsafeRawBufferPointer(b)
        let head = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        return days.withUnsafeBufferPointer { days in
            let d = days[RecentDays.slot(head, tail)]
            guard d.offset != .min, d.head == head, d.tail == tail, let sod = TimestampParser.commonTimeOfDay(b) else { return nil }
            return Timestamp(seconds: d.start + sod - Int64(d.offset), offsetSeconds: d.offset)
        }
    }

    /// Notes the date of `b`, a timestamp without an offset just read as `date` and checked
    /// (its year too), when its date is written in the common form and `zone` keeps one offset
    /// from the day before to the day after (else the general path decides every time).
    mutating func note(_ b: UnsafeBufferPointer<UInt8>, date: CivilDate, zone: Zone) {
        guard TimestampParser.isCommonDate(b) else { return }
        let start = date.daysSinceEpoch * 86_400
        guard let offset = zone.settledOffset(forLocalDay: start) else { return }
        let raw = UnsafeRawBufferPointer(b)
        let head = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        days[RecentDays.slot(head, tail)] = Day(head: head, tail: tail, offset: offset, start: start)
    }
}
