/// Expressions add working time to timestamps (`received_at + 3 working days`, same time of
/// day) and measure it (`working_time(a, b)`) through this calendar.
extension BusinessCalendar: WorkCalendar {
    func add(_ span: TimeSpan, to start: Timestamp) throws -> Timestamp {
        try deadline(from: start, span: span, rule: .sameTimeOfDay)
    }

    func measure(from start: Timestamp, to end: Timestamp, on clock: TimeSpan.Clock) throws -> TimeSpan {
        try elapsed(from: start, to: end, clock: clock)
    }
}
