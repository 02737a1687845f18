/// A span of time on one of five clocks. Values on different clocks are never compared or
/// added: the type checker keeps them apart.
public struct TimeSpan: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The clock a span is counted on.
    public enum Clock: String, Hashable, Sendable {
        /// Wall-clock time: `2h`, `13d`.
        case calendar
        /// Working time on the policy's calendar: `8 working hours`.
        case workingTime = "working time"
        /// Whole working days on the policy's calendar: `3 working days`.
        case workingDays = "working days"
        /// Calendar months: `1 month`, `1 year` (12 months). Added to an instant they reach the
        /// same day of the month (clamped to its end, 民法典 第二百零二条) at the same time of
        /// day, so a month is no fixed number of seconds.
        case months = "calendar months"
        /// Half working days: `0.5 working days`, half of the working time of the day the
        /// clock starts on (a day's hours may differ from another's).
        case halfWorkingDays = "half working days"
    }

    /// The clock the span is counted on.
    public var clock: Clock
    /// Seconds for `.calendar` and `.workingTime`; days for `.workingDays`; months for
    /// `.months`; halves of a day for `.halfWorkingDays`.
    public var amount: Int64

    /// A span of `amount` on `clock`: seconds, working days on `.workingDays`, months on
    /// `.months`, half days on `.halfWorkingDays`.
    public init(_ clock: Clock, _ amount: Int64) {
        self.clock = clock
        self.amount = amount
    }

    static func seconds(_ s: Int64) -> TimeSpan { TimeSpan(.calendar, s) }
    static func workingSeconds(_ s: Int64) -> TimeSpan { TimeSpan(.workingTime, s) }
    static func workingDays(_ d: Int64) -> TimeSpan { TimeSpan(.workingDays, d) }
    static func months(_ m: Int64) -> TimeSpan { TimeSpan(.months, m) }

    /// The longest span a policy may write, on every clock: 100 years, 36,525 days (working
    /// days: 36,525 of them). Longer than any time limit a rule states, and small enough that
    /// a timestamp in the supported years plus such a span is far inside 64 bits.
    static let policyLimitDays: Int64 = 36_525
    static let policyLimitText = "100 years (36,525 days)"

    /// True when the span is no longer than `policyLimitDays` either way (1,200 months).
    var isWithinPolicyLimit: Bool {
        let limit: Int64
        switch clock {
        case .calendar, .workingTime: limit = TimeSpan.policyLimitDays * 86_400
        case .workingDays: limit = TimeSpan.policyLimitDays
        case .months: limit = 1_200
        case .halfWorkingDays: limit = TimeSpan.policyLimitDays * 2
        }
        return amount.magnitude <= UInt64(limit)
    }

    // Checked arithmetic: nil when the result does not fit in 64 bits.
    func adding(_ o: TimeSpan) -> TimeSpan? {
        let (v, overflow) = amount.addingReportingOverflow(o.amount)
        return overflow ? nil : TimeSpan(clock, v)
    }
    func subtracting(_ o: TimeSpan) -> TimeSpan? {
        let (v, overflow) = amount.subtractingReportingOverflow(o.amount)
        return overflow ? nil : TimeSpan(clock, v)
    }
    var negated: TimeSpan? { amount == .min ? nil : TimeSpan(clock, -amount) }

    /// Only meaningful for spans on the same clock.
    public static func < (a: TimeSpan, b: TimeSpan) -> Bool { a.amount < b.amount }

    /// One form per clock, each one a policy reads back as the same span: `2h`, `1d 3h 20m`
    /// (calendar), `8h 30m working time`, `7h working time` (working time, in hours however
    /// many), `3 working days`, `1 month`, `1 year`, `0.5 working days`.
    public var description: String {
        switch clock {
        case .months:
            let m = amount.magnitude
            if m != 0 && m % 12 == 0 { return "\(amount / 12) year\(m == 12 ? "" : "s")" }
            return "\(amount) month\(m == 1 ? "" : "s")"
        case .halfWorkingDays:
            let whole = "\(amount / 2)"
            let text = amount % 2 == 0 ? whole : (amount < 0 && amount / 2 == 0 ? "-0" : whole) + ".5"
            return "\(text) working days"
        case .workingDays:
            return "\(amount) working day\(amount == 1 ? "" : "s")"
        case .calendar:
            return TimeSpan.clockText(amount, days: true)
        case .workingTime:
            return TimeSpan.clockText(amount, days: false) + " working time"
        }
    }

    /// The Chinese form, one per clock: `3 天 2 小时 30 分`, `8 工作小时 30 分` (under an hour
    /// `30 工作分钟`, so that the clock is never lost), `3 个工作日`, `1 个月`, `1 年`, `0.5 个工作日`.
    var zhDescription: String {
        switch clock {
        case .months:
            let m = amount.magnitude
            if m != 0 && m % 12 == 0 { return "\(amount / 12) 年" }
            return "\(amount) 个月"
        case .halfWorkingDays:
            let whole = "\(amount / 2)"
            let text = amount % 2 == 0 ? whole : (amount < 0 && amount / 2 == 0 ? "-0" : whole) + ".5"
            return "\(text) 个工作日"
        case .workingDays: return "\(amount) 个工作日"
        case .calendar: return TimeSpan.zhClock(amount, working: false)
        case .workingTime: return TimeSpan.zhClock(amount, working: true)
        }
    }

    static func zhClock(_ seconds: Int64, working: Bool) -> String {
        String(writing: { appendZhClock(seconds, working: working, to: &$0) })
    }

    static func clockText(_ seconds: Int64, days: Bool) -> String {
        String(writing: { appendClockText(seconds, days: days, to: &$0) })
    }

    /// `description` appended to `out`: the clock's forms written as bytes (report lines
    /// write one per late finding), the others as their text.
    func appendDescription(to out: inout [UInt8]) {
        switch clock {
        case .calendar: TimeSpan.appendClockText(amount, days: true, to: &out)
        case .workingTime:
            TimeSpan.appendClockText(amount, days: false, to: &out)
            out.appendLiteral(" working time")
        default: out.append(contentsOf: description.utf8)
        }
    }

    /// `zhDescription` appended to `out`, as `appendDescription`.
    func appendZhDescription(to out: inout [UInt8]) {
        switch clock {
        case .calendar: TimeSpan.appendZhClock(amount, working: false, to: &out)
        case .workingTime: TimeSpan.appendZhClock(amount, working: true, to: &out)
        default: out.append(contentsOf: zhDescription.utf8)
        }
    }

    /// `1d 3h 20m` (`days`), `8h 30m`: the parts that are not zero, `0m` for none.
    static func appendClockText(_ seconds: Int64, days: Bool, to out: inout [UInt8]) {
        appendParts(seconds, days: days, to: &out) { out, _, letter in out.append(letter) }
        if seconds == 0 { out.appendLiteral("0m") }
    }

    /// `3 天 2 小时 30 分`, `8 工作小时 30 分`; under an hour of working time `30 工作分钟`, so
    /// that the clock is never lost.
    static func appendZhClock(_ seconds: Int64, working: Bool, to out: inout [UInt8]) {
        appendParts(seconds, days: !working, to: &out) { out, first, letter in
            out.append(0x20)
            switch letter {
            case 0x64: out.appendLiteral("天")
            case 0x68: out.appendLiteral(working ? "工作小时" : "小时")
            case 0x6D: out.appendLiteral(working && first ? "工作分钟" : "分")
            default: out.appendLiteral(working && first ? "工作秒" : "秒")
            }
        }
        if seconds == 0 { out.appendLiteral(working ? "0 工作分钟" : "0 分") }
    }

    /// The sign and the non-zero parts of `seconds` (days when `days`, hours, minutes,
    /// seconds), each a number then its unit, which `unit` writes from the unit's English
    /// letter (`d`, `h`, `m`, `s`; `first`: no part before it), separated by spaces.
    private static func appendParts(_ seconds: Int64, days: Bool, to out: inout [UInt8],
                                    unit: (inout [UInt8], _ first: Bool, _ letter: UInt8) -> Void) {
        if seconds < 0 { out.append(0x2D) }
        var s = seconds.magnitude
        var first = true
        func part(_ size: UInt64, _ letter: UInt8) {
            guard s >= size else { return }
            if !first { out.append(0x20) }
            out.integer(s / size)
            unit(&out, first, letter)
            first = false
            s %= size
        }
        if days { part(86_400, 0x64) }
        part(3600, 0x68)
        part(60, 0x6D)
        part(1, 0x73)
    }
}
