/// How the reports for people write a value in a language: durations, instants, money,
/// statuses and kinds. One form per clock and language:
///
/// | clock | en | zh |
/// |---|---|---|
/// | calendar | `3d 2h 30m` | `3 天 2 小时 30 分` |
/// | working time | `8h 30m working time` | `8 工作小时 30 分` |
/// | working days | `3 working days` | `3 个工作日` |
///
/// The English forms are the policy language's own (``TimeSpan/description``), so a figure
/// copied from a report into a policy test reads back as the same span.
struct ReportText: Sendable {
    let language: ReportLanguage

    init(_ language: ReportLanguage) { self.language = language }

    var zh: Bool { language == .zh }

    func duration(_ span: TimeSpan) -> String {
        guard zh else { return span.description }
        switch span.clock {
        case .workingDays: return "\(span.amount) 个工作日"
        case .calendar: return ReportText.zhClock(span.amount, days: true, hours: "小时")
        case .workingTime: return ReportText.zhClock(span.amount, days: false, hours: "工作小时")
        }
    }

    /// `3 天 2 小时 30 分 5 秒`; working time names its hours `工作小时` (and, under an hour,
    /// `30 工作分钟`, so that the clock is never lost).
    static func zhClock(_ seconds: Int64, days: Bool, hours: String) -> String {
        let working = !days
        var parts: [String] = []
        var s = seconds.magnitude
        if days, s >= 86_400 { parts.append("\(s / 86_400) 天"); s %= 86_400 }
        if s >= 3600 { parts.append("\(s / 3600) \(hours)"); s %= 3600 }
        let first = parts.isEmpty
        if s >= 60 { parts.append("\(s / 60) \(working && first ? "工作分钟" : "分")"); s %= 60 }
        if s > 0 { parts.append("\(s) \(working && parts.isEmpty ? "工作秒" : "秒")") }
        if parts.isEmpty { parts.append(working ? "0 工作分钟" : "0 分") }
        return (seconds < 0 ? "-" : "") + parts.joined(separator: " ")
    }

    /// An instant as a person reads it, in the zone it was judged in: `2026-09-21 18:00`,
    /// `2026年9月21日 18:00` (seconds only when there are any; no offset: every instant of a
    /// report is in its policy's zone). A deadline (`due`) at midnight is written as the end
    /// of the day before, as a person says it: `2026-09-21 24:00`.
    func time(_ t: Timestamp, due: Bool = false) -> String {
        let endOfDay = due && t.localSecondOfDay == 0
        let s = endOfDay ? 86_400 : t.localSecondOfDay
        func p2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let clock = "\(p2(s / 3600)):\(p2(s / 60 % 60))" + (s % 60 == 0 ? "" : ":\(p2(s % 60))")
        let d = endOfDay ? t.closingDate : t.localDate
        return zh ? "\(d.year)年\(d.month)月\(d.day)日 \(clock)" : "\(d) \(clock)"
    }

    /// An amount in a sentence: `120.00 CNY`, `120.00 元`.
    func money(_ m: Money) -> String { m.description + (zh ? " 元" : " CNY") }

    /// A ledger month (`2026-09`) as a person writes it: `2026年9月` in Chinese.
    func month(_ key: String) -> String {
        guard zh, key.utf8.count == 7, let y = Int(key.prefix(4)), let m = Int(key.suffix(2)) else { return key }
        return "\(y)年\(m)月"
    }

    func status(_ s: Finding.Status) -> String { zh ? HTMLStrings.zh.name(s) : s.rawValue }
    func kind(_ k: Finding.Kind) -> String { zh ? HTMLStrings.zh.name(k) : k.rawValue }
}
