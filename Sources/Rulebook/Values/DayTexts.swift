/// `YYYY-MM-DD` of every day of the supported years, and of a day or two either side (an
/// instant of those years read at its offset), made once for the process: a report writes
/// two or three instants a finding, and working each date out from its day number
/// (`CivilDate(daysSinceEpoch:)`) cost more than writing the whole instant.
enum DayTexts {
    /// The first day of the table (days since 1970-01-01): 1899-12-30.
    static let firstDay = CivilDate(year: 1899, month: 12, day: 30)!.daysSinceEpoch
    /// The day after the last: 2200-01-03.
    static let endDay = CivilDate(year: 2200, month: 1, day: 3)!.daysSinceEpoch
    static let width = 10

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
