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

    /// Per minute of the day, `Thh:mm:0` as a little-endian word: an instant's time is one
    /// such store and a pair of digits for its second (see `ByteWriter.instant`).
    static let minutes: [UInt64] = (0..<1440).map { m in
        let digits = [UInt8(ascii: "T"), 0x30 + UInt8(m / 600), 0x30 + UInt8(m / 60 % 10), UInt8(ascii: ":"),
                      0x30 + UInt8(m % 60 / 10), 0x30 + UInt8(m % 10), UInt8(ascii: ":"), 0x30]
        return digits.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Both tables where an instant's writer reads them: copies made once for the process
    /// and never freed, read through one lazy global (one `swift_once` an instant) without
    /// the retain and release of two arrays. `nonisolated(unsafe)`: pointers are not
    /// `Sendable`, but these are written once, inside the global's initializer (which the
    /// runtime runs once, before any reader sees them), and only read after.
    nonisolated(unsafe) static let pointers: (days: UnsafePointer<UInt8>, minutes: UnsafePointer<UInt64>) = {
        let days = UnsafeMutablePointer<UInt8>.allocate(capacity: table.count)
        days.initialize(from: table, count: table.count)
        let minutes = UnsafeMutablePointer<UInt64>.allocate(capacity: DayTexts.minutes.count)
        minutes.initialize(from: DayTexts.minutes, count: DayTexts.minutes.count)
        return (UnsafePointer(days), UnsafePointer(minutes))
    }()

    /// Ten bytes a day, from `firstDay`: `CivilDate.description`'s text, its digits written
    /// in place (made with `description`, the 110,000 days' Strings took 30 ms of every run
    /// that writes an instant).
    static let table: [UInt8] = {
        var bytes = [UInt8](repeating: 0, count: Int(endDay - firstDay) * width)
        bytes.withUnsafeMutableBufferPointer { out in
            func digits(_ v: Int, _ n: Int, at i: Int) {
                var v = v
                for k in stride(from: n - 1, through: 0, by: -1) {
                    out[i + k] = 0x30 + UInt8(v % 10)
                    v /= 10
                }
            }
            for day in firstDay..<endDay {
                let d = CivilDate(daysSinceEpoch: day)  // the years 1899…2200: four digits
                let at = Int(day - firstDay) * width
                digits(d.year, 4, at: at)
                out[at + 4] = 0x2D
                digits(d.month, 2, at: at + 5)
                out[at + 7] = 0x2D
                digits(d.day, 2, at: at + 8)
            }
        }
        return bytes
    }()

    /// Where `day`'s text starts in `table`; nil outside it.
    @inline(__always)
    static func offset(of day: Int64) -> Int? {
        day >= firstDay && day < endDay ? Int(day - firstDay) * width : nil
    }
}
