/// One step of a deadline computation, for `rulebook explain`: what the calendar counted and
/// what it skipped, in order.
enum CalendarNote: Hashable, Sendable, CustomStringConvertible {
    /// The start, shown at the calendar's offset, and what its day is.
    case start(Timestamp, DayKind)
    /// The start is outside working time, so the clock starts later.
    case clockStarts(Timestamp, reason: ClockStop)
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

    var description: String { text(zh: false) }

    /// The note in English, or in Chinese (`explain --lang zh`).
    func text(zh: Bool) -> String {
        func day(_ d: CivilDate) -> String { zh ? Weekday.zhName(d.isoWeekday) : Weekday.displayName(d.isoWeekday) }
        func kind(_ k: DayKind) -> String { zh ? k.zhDescription : k.description }
        func span(_ s: TimeSpan) -> String { zh ? s.zhDescription : s.description }
        switch self {
        case .start(let t, let k):
            return zh ? "起点 \(t)（\(day(t.localDate))，\(kind(k))）" : "start \(t) (\(day(t.localDate)), \(kind(k)))"
        case .clockStarts(let t, let reason):
            return zh ? "\(t) 开始计时：起点\(reason.text(zh: true))" : "clock starts \(t): the start is \(reason.text(zh: false))"
        case .startDayNotCounted(let date):
            return zh ? "\(date) 是起算日，第 0 天，不计" : "\(date) is the start day, day 0, not counted"
        case .daysOff(let from, let through, let k):
            let count = through.daysSinceEpoch - from.daysSinceEpoch + 1
            let range = count == 1 ? "\(from) (\(day(from)))" : "\(from)…\(through)"
            if zh { return (count == 1 ? "\(from)（\(day(from))）" : range) + " 跳过：\(kind(k))" + (count == 1 ? "" : "，共 \(count) 天") }
            return "\(range) skipped: \(kind(k))" + (count == 1 ? "" : ", \(count) days")
        case .worked(let date, let k, let seconds, let workingDay):
            if zh {
                var text = "\(date)（\(day(date))，\(kind(k))）："
                if let workingDay { text += workingDay == 0 ? "第 0 天，" : "第 \(workingDay) 个工作日，" }
                return text + "计 \(span(.workingSeconds(seconds)))"
            }
            var text = "\(date) (\(day(date)), \(kind(k))): "
            if let workingDay { text += workingDay == 0 ? "day 0, " : "working day \(workingDay), " }
            return text + "counted \(span(.workingSeconds(seconds)))"
        case .breakSkipped(let date, let from, let to):
            let hours = "\(WorkingInterval.clockText(from))–\(WorkingInterval.clockText(to))"
            return zh ? "\(date) 跳过休息 \(hours)" : "\(date) break \(hours) skipped"
        case .clampedToClose(let date):
            return zh ? "\(date) 的工作时间短于起点所在位置：期限为当天下班时" : "\(date) has fewer working hours than the start's position; the deadline is its close"
        case .calendarTime(let s):
            return zh ? "\(span(s)) 日历时间：不看工作时间、周末和节假日" : "\(s) of calendar time: working hours, weekends and holidays do not matter"
        case .calendarMonths(let s):
            return zh ? "\(span(s))：按日历月计，到期为对应月份的同一天（该月没有这一天则为月末），时刻相同"
                : "\(s) in calendar months: the same day of the month, or the month's last day when it has none, at the same time of day"
        case .halfDay(let s, let date, let seconds):
            return zh ? "\(span(s))：取 \(date) 工作时间的一半，\(TimeSpan.workingSeconds(seconds))"
                : "\(s): half of \(date)'s working time each, \(TimeSpan.workingSeconds(seconds))"
        case .deadline(let t):
            return zh ? "期限 \(t)" : "deadline \(t)"
        }
    }
}

/// Why the clock does not run at a start: the day is off, or the hour is outside working time.
enum ClockStop: Hashable, Sendable {
    case dayOff(DayKind)
    case beforeOpening(Int32)
    case afterClose(Int32)
    case inBreak(Int32, Int32)
    case outsideHours

    /// `on a weekend`, `on holiday 国庆节`, `before opening at 08:30`, `in the break 12:00–13:30`.
    func text(zh: Bool) -> String {
        switch self {
        case .dayOff(let kind):
            if zh { return "在\(kind.zhDescription)" }
            if case .holiday = kind { return "on \(kind)" }
            return "on a \(kind)"
        case .beforeOpening(let t): return zh ? "在上班 \(WorkingInterval.clockText(t)) 之前" : "before opening at \(WorkingInterval.clockText(t))"
        case .afterClose(let t): return zh ? "在下班 \(WorkingInterval.clockText(t)) 之后" : "after close at \(WorkingInterval.clockText(t))"
        case .inBreak(let a, let b):
            let hours = "\(WorkingInterval.clockText(a))–\(WorkingInterval.clockText(b))"
            return zh ? "在休息时间 \(hours)" : "in the break \(hours)"
        case .outsideHours: return zh ? "在工作时间之外" : "outside working hours"
        }
    }
}
