/// The language of a report written for people (`table`, `html`, `check` lines, `explain`):
/// its headings, statuses, units, money and dates. Machine formats keep their English keys
/// whatever the language; only their text values (a duration, a title) follow it.
public enum ReportLanguage: String, CaseIterable, Sendable {
    /// Chinese (简体中文).
    case zh
    /// English.
    case en

    /// The language a tag names: `zh`, `en`, or a locale such as `zh-CN`, `zh_CN.UTF-8`,
    /// `en_US` (case-insensitive); nil for any other.
    public init?(tag: String) {
        let t = tag.lowercased()
        let base = t.prefix { $0.isLetter }
        guard base.count == t.count || ["-", "_", "."].contains(t[base.endIndex]) else { return nil }
        switch base {
        case "zh": self = .zh
        case "en": self = .en
        default: return nil
        }
    }

    /// The language a report is written in: `flag` (`--lang`) over everything, then
    /// `environment` (`RULEBOOK_LANG`, a per-user setting; empty counts as unset), then the
    /// policy's `language:`, else the language of its titles.
    ///
    /// Throws `UnknownLanguage` for an environment value that names no language: a typo
    /// there would otherwise change every report without a word.
    public static func choose(flag: ReportLanguage?, environment: String?, declared: String?, titles: [String]) throws -> ReportLanguage {
        if let flag { return flag }
        if let env = environment, !env.isEmpty {
            guard let l = ReportLanguage(tag: env) else { throw UnknownLanguage(value: env) }
            return l
        }
        return policyDefault(declared: declared, titles: titles)
    }

    /// `choose` with the policy's `language:` and titles.
    package static func choose(flag: ReportLanguage?, environment: String?, policy: CompiledPolicy) throws -> ReportLanguage {
        try choose(flag: flag, environment: environment, declared: policy.language, titles: policy.titles)
    }

    /// The policy's language: its `language:`, else Chinese when most of its titles (the
    /// policy's and its rules') hold Chinese characters, else English.
    static func policyDefault(declared: String?, titles: [String]) -> ReportLanguage {
        if let declared, let l = ReportLanguage(tag: declared) { return l }
        let chinese = titles.filter(containsHan).count
        return chinese > 0 && chinese * 2 >= titles.count ? .zh : .en
    }

    /// The language a report takes when none is asked for: its policy's (`policyDefault`).
    static func `default`(for r: EvaluationReport) -> ReportLanguage {
        policyDefault(declared: r.policyLanguage, titles: r.policyTitles)
    }

    /// Whether `s` holds a CJK unified ideograph.
    static func containsHan(_ s: String) -> Bool {
        s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}

/// `RULEBOOK_LANG` holds something that names no report language.
public struct UnknownLanguage: Error, CustomStringConvertible, Sendable {
    /// What the variable holds.
    public var value: String
    /// `RULEBOOK_LANG='fr' names no report language; use zh or en`.
    public var description: String { "RULEBOOK_LANG='\(value)' names no report language; use zh or en (or unset it)" }
}
