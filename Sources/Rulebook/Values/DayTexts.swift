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

    /// Ten bytes a day, from `firstDay`.
    static let table: [UInt8] = {
        var bytes = [UInt8](repeating: 0, count: Int(endDay - firstDay) * width)
        for day in firstDay..<endDay {
            let d = CivilDate(daysSinceEpoch: day)
            let at = Int(day - firstDay) * width
            for (i, b) in d.description.utf8.enumerated() { bytes[at + i] = b }
        }
        return bytes
    }()

    /// Where `day`'s text starts in `table`; nil outside it.
    @inline(__always)
    static func offset(of day: Int64) -> Int? {
        day >= firstDay && day < endDay ? Int(day - firstDay) * width : nil
    }
}
