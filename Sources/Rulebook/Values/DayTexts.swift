/// `YYYY-MM-DD` of every day of the supported years, and of a day or two either side (an
/// instant of those years read at its offset), made once for the process: a report writes
/// two or three instants a finding, and working each date out from its day number
/// (`CivilDate(daysSinceEpoch:)`) cost more than writing the whole instant.
enum DayTexts {
    /// The first day of the table (days since 1970-01-01): 1899-12-30. Constants, not worked
    /// out from `CivilDate` (a lazy global is a call to `swift_once` at every read); the
    /// tests check them against it.
    static let firstDay: Int64 = -25_569
    /// The day after the last: 2200-01-03.
    static let endDay: Int64 = 84_008
    static let width = 10

    /// Both tables where an instant's writer reads them: made once for the process, in
    /// memory never freed, and read through one lazy global (one `swift_once` an instant)
    /// without the retain and release of an array. `nonisolated(unsafe)`: pointers are not
    /// `Sendable`, but these are written once, inside the global's initializer (which the
    /// runtime runs once, before any reader sees them), and only read after.
    ///
    /// `days`: ten bytes a day, from `firstDay`: `CivilDate.description`'s text, its digits
    /// written in place (made with `description`, the 110,000 days' Strings took 30 ms of
    /// every run that writes an instant). `minutes`: per minute of the day, `Thh:mm:0` as a
    /// little-endian word: an instant's time is one such store and a pair of digits for its
    /// second (see `ByteWriter.instant`).
    nonisolated(unsafe) static let pointers: (days: UnsafePointer<UInt8>, minutes: UnsafePointer<UInt64>) = {
        let days = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: dayCount * width)
        days.initialize(repeating: 0)
        func digits(_ v: Int, _ n: Int, at i: Int) {
            var v = v
            for k in stride(from: n - 1, through: 0, by: -1) {
                days[i + k] = 0x30 + UInt8(v % 10)
                v /= 10
            }
        }
        for day in firstDay..<endDay {
            let d = CivilDate(daysSinceEpoch: day)  // the years 1899…2200: four digits
            let at = Int(day - firstDay) * width
            digits(d.year, 4, at: at)
            days[at + 4] = 0x2D
            digits(d.month, 2, at: at + 5)
            days[at + 7] = 0x2D
            digits(d.day, 2, at: at + 8)
        }
        let minutes = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1440)
        for m in 0..<1440 {
            let text: [UInt8] = [UInt8(ascii: "T"), 0x30 + UInt8(m / 600), 0x30 + UInt8(m / 60 % 10), UInt8(ascii: ":"),
                                 0x30 + UInt8(m % 60 / 10), 0x30 + UInt8(m % 10), UInt8(ascii: ":"), 0x30]
            minutes.initializeElement(at: m, to: text.reversed().reduce(0) { $0 << 8 | UInt64($1) })
        }
        return (UnsafePointer(days.baseAddress!), UnsafePointer(minutes.baseAddress!))
    }()

    private static let dayCount = Int(endDay - firstDay)

    /// The day texts as a buffer (for the tests).
    static var table: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: pointers.days, count: dayCount * width) }

    /// The minute words as a buffer (for the tests).
    static var minutes: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: pointers.minutes, count: 1440) }

    /// Where `day`'s text starts in `table`; nil outside it.
    @inline(__always)
    static func offset(of day: Int64) -> Int? {
        day >= firstDay && day < endDay ? Int(day - firstDay) * width : nil
    }
}
