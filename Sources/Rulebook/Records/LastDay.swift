/// The date of the last timestamp a row's decoding read in the common form (`2026-11-03` of
/// `2026-11-03 09:15`), and what it came to: the local day's first second and the zone's offset
/// all that day. Two in three of a case's timestamps repeat the date before them; such a one
/// needs only its time of day read — the date's digits, its check, its days since 1970 and the
/// zone's look-ups are the last one's. One per row being decoded (a local variable): nothing is
/// shared between rows or threads.
struct LastDay {
    /// The date's ten bytes, eight then two; `offset` nil: none noted (or the zone's offset
    /// may change near that day, which the general path then decides).
    private var head: UInt64 = 0
    private var tail: UInt16 = 0
    private var start: Int64 = 0
    private var offset: Int32?

    /// The instant `b` writes when it is in the common form with the date last noted; nil
    /// otherwise. The same instant the general path gives: its date was read and checked from
    /// the same bytes, and its time of day is checked as `TimestampParser.parseCommon` does.
    func timestamp(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard let offset, b.count == 16 || b.count == 19 else { return nil }
        let raw = UnsafeRawBufferPointer(b)
        guard raw.loadUnaligned(as: UInt64.self) == head, raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self) == tail,
              let sod = TimestampParser.commonTimeOfDay(b) else { return nil }
        return Timestamp(seconds: start + sod - Int64(offset), offsetSeconds: offset)
    }

    /// Notes the date of `b`, a timestamp without an offset just read as `date` and checked
    /// (its year too), when its date is written in the common form.
    mutating func note(_ b: UnsafeBufferPointer<UInt8>, date: CivilDate, zone: Zone) {
        guard TimestampParser.isCommonDate(b) else { return }
        let raw = UnsafeRawBufferPointer(b)
        head = raw.loadUnaligned(as: UInt64.self)
        tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        start = date.daysSinceEpoch * 86_400
        offset = zone.settledOffset(forLocalDay: start)
    }
}
