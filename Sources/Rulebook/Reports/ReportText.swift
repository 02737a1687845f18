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

    func duration(_ span: TimeSpan) -> String { zh ? span.zhDescription : span.description }

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
