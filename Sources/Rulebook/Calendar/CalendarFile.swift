/// One calendar file as written, before inheritance is resolved.
///
/// Format (see `rules/calendars/README.md`):
///
/// ```yaml
/// calendar: cn-office                      # id, required
/// title: 公司办公日历                        # optional
/// timezone: Asia/Shanghai                  # IANA name or fixed offset; inherited if omitted
/// extends: [cn-2025.yaml, cn-2026.yaml]    # optional; paths relative to this file
/// years: [2025, 2026]                      # contiguous; the union of the parents' if omitted
/// week:                                    # intervals per weekday; a missing day is off
///   monday: [08:30-12:00, 13:30-17:30]
/// holidays:
///   - { name: 春节, from: 2025-01-28, to: 2025-02-04 }
///   - { name: 元旦, date: 2025-01-01 }
/// makeup_days:                             # 调休: days off in `week` that are worked
///   - { name: 春节调休, date: 2025-01-26 }   # usual hours; or `as: monday`, or `hours: [..]`
/// ```
struct CalendarFile {
    /// The path diagnostics name.
    var path: String
    var id: String
    var title: String?
    var zone: Zone?
    var extends: [(path: String, location: SourceLocation)] = []
    var years: ClosedRange<Int>?
    var yearsLocation: SourceLocation?
    var week: WeekPattern?
    /// Holidays and make-up days, one entry per date.
    var days: [DayOverride] = []
    /// Where the document starts, for problems that belong to the whole file.
    var location: SourceLocation
}

/// Working intervals for each ISO weekday.
struct WeekPattern: Hashable, Sendable {
    /// Index 0 is Monday.
    var days: [[WorkingInterval]] = Array(repeating: [], count: 7)

    func intervals(isoWeekday: Int) -> [WorkingInterval] { days[isoWeekday - 1] }

    /// The hours every working weekday shares, or nil when they differ (or none work).
    var usualHours: [WorkingInterval]? {
        let working = days.filter { !$0.isEmpty }
        guard let first = working.first, working.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}

/// A holiday or make-up day on one date.
struct DayOverride {
    enum Kind {
        case holiday
        case makeUp(MakeUpHours)
    }

    var date: CivilDate
    var name: String
    var kind: Kind
    var location: SourceLocation

    var isHoliday: Bool {
        if case .holiday = kind { return true }
        return false
    }
}

/// The hours of a make-up day, resolved against the final week when the calendar is built
/// (a department may override the week it inherits).
enum MakeUpHours {
    /// The hours every working weekday shares.
    case usual
    /// The hours of one weekday (`as: monday`), ISO number.
    case like(weekday: Int)
    /// Explicit hours (`hours: [09:00-12:00]`).
    case explicit([WorkingInterval])
}
