/// One step of a deadline computation, for `rulebook explain`: what the calendar counted and
/// what it skipped, in order.
enum CalendarNote: Hashable, Sendable, CustomStringConvertible {
    /// The start, shown at the calendar's offset, and what its day is.
    case start(Timestamp, DayKind)
    /// The start is outside working time, so the clock starts later.
    case clockStarts(Timestamp, reason: String)
    /// `WorkingDayRule.endOfDay`: the start day is day 0.
    case startDayNotCounted(CivilDate)
    /// Consecutive days of the same kind with no working time, skipped.
    case daysOff(from: CivilDate, through: CivilDate, DayKind)
    /// Working time counted on a working day; `workingDay` numbers the day on the working-day
    /// clock (0 for the day the clock starts under `sameTimeOfDay`).
    case worked(CivilDate, DayKind, seconds: Int64, workingDay: Int64?)
    /// A break between two intervals (the lunch break) inside the counted stretch.
    case breakSkipped(CivilDate, from: Int32, to: Int32)
    /// `sameTimeOfDay` on a shorter day: the deadline is that day's close.
    case clampedToClose(CivilDate)
    /// A calendar span: no working hours are consulted.
    case calendarTime(TimeSpan)
    /// Calendar months: the corresponding day, clamped to the month's end (民法典 第二百零二条).
    case calendarMonths(TimeSpan)
    /// Half working days: the working time they come to, from the day the clock starts on.
    case halfDay(TimeSpan, of: CivilDate, seconds: Int64)
    /// The result.
    case deadline(Timestamp)

    var description: String {
        switch self {
        case .start(let t, let kind):
            return "start \(t) (\(Weekday.displayName(t.localDate.isoWeekday)), \(kind))"
        case .clockStarts(let t, let reason):
            return "clock starts \(t): the start is \(reason)"
        case .startDayNotCounted(let date):
            return "\(date) is the start day, day 0, not counted"
        case .daysOff(let from, let through, let kind):
            let count = through.daysSinceEpoch - from.daysSinceEpoch + 1
            let range = count == 1 ? "\(from) (\(Weekday.displayName(from.isoWeekday)))" : "\(from)…\(through)"
            return "\(range) skipped: \(kind)" + (count == 1 ? "" : ", \(count) days")
        case .worked(let date, let kind, let seconds, let workingDay):
            var text = "\(date) (\(Weekday.displayName(date.isoWeekday)), \(kind)): "
            if let workingDay { text += workingDay == 0 ? "day 0, " : "working day \(workingDay), " }
            return text + "counted \(TimeSpan.workingSeconds(seconds))"
        case .breakSkipped(let date, let from, let to):
            return "\(date) break \(WorkingInterval.clockText(from))–\(WorkingInterval.clockText(to)) skipped"
        case .clampedToClose(let date):
            return "\(date) has fewer working hours than the start's position; the deadline is its close"
        case .calendarTime(let span):
            return "\(span) of calendar time: working hours, weekends and holidays do not matter"
        case .calendarMonths(let span):
            return "\(span) in calendar months: the same day of the month, or the month's last day when it has none, at the same time of day"
        case .halfDay(let span, let date, let seconds):
            return "\(span): half of \(date)'s working time each, \(TimeSpan.workingSeconds(seconds))"
        case .deadline(let t):
            return "deadline \(t)"
        }
    }
}
