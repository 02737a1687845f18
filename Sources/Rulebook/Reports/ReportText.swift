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
    func time(_ t: Timestamp, due: Bool = false) -> String { String(writing: { appendTime(t, due: due, to: &$0) }) }

    /// An amount in a sentence: `120.00 CNY`, `120.00 元`.
    func money(_ m: Money) -> String { m.description + (zh ? " 元" : " CNY") }

    /// A ledger month (`2026-09`) as a person writes it: `2026年9月` in Chinese.
    func month(_ key: String) -> String { String(writing: { appendMonth(key, to: &$0) }) }

    func status(_ s: Finding.Status) -> String { zh ? HTMLStrings.zh.name(s) : s.rawValue }
    func kind(_ k: Finding.Kind) -> String { zh ? HTMLStrings.zh.name(k) : k.rawValue }
}
