/// A calendar date without a time or zone (proleptic Gregorian), e.g. a holiday.
package struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var year: Int
    package var month: Int
    package var day: Int

    /// nil for dates that do not exist (2025-02-29, 2026-04-31).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` after 1970-01-01.
    package init(daysSinceEpoch days: Int64) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
        month = Int(m)
        day = Int(d)
    }

    /// Days since 1970-01-01: from a table of the first days of the months of 1900–2199 (every
    /// timestamp decoded asks), else by Hinnant's days_from_civil.
    package var daysSinceEpoch: Int64 {
        let i = (year - CivilDate.tableYears.lowerBound) * 12 + month - 1
        if i >= 0 && i < CivilDate.monthStarts.count { return Int64(CivilDate.monthStarts[i]) + Int64(day) - 1 }
        return CivilDate.daysFromCivil(year: year, month: month, day: day)
    }

    private static let tableYears = 1900..<2200
    /// Days since 1970-01-01 of the first of each month of `tableYears`, in order.
    private static let monthStarts: [Int32] = tableYears.flatMap { y in
        (1...12).map { m in Int32(daysFromCivil(year: y, month: m, day: 1)) }
    }

    /// Hinnant's days_from_civil.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    package var isoWeekday: Int {
        let d = daysSinceEpoch  // 1970-01-01 was a Thursday (4)
        return Int(((d % 7) + 7 + 3) % 7) + 1
    }

    func adding(days: Int64) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    package static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `2026-10-01`
    /// `2026-11`: a ledger month and the `month(…)` key, written digit by digit into a small
    /// string (every fine of every case is booked to one).
    var monthText: String {
        guard (1000...9999).contains(year) else { return String(description.prefix(7)) }
        return CivilDate.periodText(year: year, separator: nil, number: month)
    }

    /// `2026-11` (`separator` nil) or `2026-W47`: a four-digit year and a two-digit number
    /// written digit by digit into a small string (no heap, no interpolation).
    static func periodText(year y: Int, separator: UInt8?, number n: Int) -> String {
        String(unsafeUninitializedCapacity: 8) { b in
            b[0] = UInt8(48 + y / 1000)
            b[1] = UInt8(48 + y / 100 % 10)
            b[2] = UInt8(48 + y / 10 % 10)
            b[3] = UInt8(48 + y % 10)
            b[4] = UInt8(ascii: "-")
            var i = 5
            if let separator {
                b[i] = separator
                i += 1
            }
            b[i] = UInt8(48 + n / 10)
            b[i + 1] = UInt8(48 + n % 10)
            return i + 2
        }
    }

    package var description: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
