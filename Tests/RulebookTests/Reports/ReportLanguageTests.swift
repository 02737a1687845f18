import Foundation
import Testing
@testable import Rulebook

/// The language of a report: the flag over `RULEBOOK_LANG` over the policy's `language:` over
/// its titles; the words a Chinese report uses for durations, instants and money.
@Suite struct ReportLanguageTests {
    @Test func theFlagThenTheEnvironmentThenThePolicyThenItsTitles() throws {
        let zhTitles = ["客户投诉处理", "一般投诉3个工作日内回复", "weekly"]
        #expect(try ReportLanguage.choose(flag: .en, environment: "zh", declared: "zh", titles: zhTitles) == .en)
        #expect(try ReportLanguage.choose(flag: nil, environment: "en_US.UTF-8", declared: "zh", titles: zhTitles) == .en)
        #expect(try ReportLanguage.choose(flag: nil, environment: "zh-CN", declared: "en", titles: []) == .zh)
        #expect(try ReportLanguage.choose(flag: nil, environment: "", declared: "en", titles: zhTitles) == .en)
        #expect(try ReportLanguage.choose(flag: nil, environment: nil, declared: nil, titles: zhTitles) == .zh)
        // Most titles English: English; no titles at all: English.
        #expect(try ReportLanguage.choose(flag: nil, environment: nil, declared: nil, titles: ["Complaints", "Reply", "一般投诉"]) == .en)
        #expect(try ReportLanguage.choose(flag: nil, environment: nil, declared: nil, titles: []) == .en)
    }

    @Test func anEnvironmentValueThatNamesNoLanguageIsRefused() throws {
        #expect(throws: UnknownLanguage.self) { try ReportLanguage.choose(flag: nil, environment: "fr", declared: nil, titles: []) }
        #expect(throws: UnknownLanguage.self) { try ReportLanguage.choose(flag: nil, environment: "zhx", declared: nil, titles: []) }
        // The flag needs no environment to be right.
        #expect(try ReportLanguage.choose(flag: .zh, environment: "fr", declared: nil, titles: []) == .zh)
        #expect(ReportLanguage(tag: "ZH_cn") == .zh && ReportLanguage(tag: "en") == .en && ReportLanguage(tag: "e") == nil)
    }

    @Test func thePolicyNamesItsLanguage() throws {
        func load(_ language: String) throws -> Policy {
            try PolicyLoader.load(bytes: Array("policy: p\ntitle: 客户投诉\nlanguage: \(language)\nfields: {case_id: string}\n".utf8), file: "p.yaml")
        }
        #expect(try load("en").language == "en")
        #expect(try load("zh").language == "zh")
        #expect(throws: DiagnosticError.self) { try load("fr") }
        let s1 = try PolicyCompiler.compile(path: Paths.root + "/rules/s1-complaint-handling.yaml")
        #expect(s1.language == nil)
        #expect(try ReportLanguage.choose(flag: nil, environment: nil, policy: s1) == .zh)
    }

    @Test func oneFormPerClockInEachLanguage() {
        let zh = ReportText(.zh), en = ReportText(.en)
        let cases: [(TimeSpan, String, String)] = [
            (TimeSpan(.workingTime, 8 * 3600 + 1800), "8h 30m working time", "8 工作小时 30 分"),
            (TimeSpan(.workingTime, 7 * 3600), "7h working time", "7 工作小时"),
            (TimeSpan(.workingTime, 60), "1m working time", "1 工作分钟"),
            (TimeSpan(.workingTime, 0), "0m working time", "0 工作分钟"),
            (TimeSpan(.calendar, 3 * 86_400 + 2 * 3600), "3d 2h", "3 天 2 小时"),
            (TimeSpan(.calendar, 70 * 86_400 + 9 * 3600 + 1), "70d 9h 1s", "70 天 9 小时 1 秒"),
            (TimeSpan(.calendar, 1800), "30m", "30 分"),
            (TimeSpan(.workingDays, 3), "3 working days", "3 个工作日"),
        ]
        for (span, english, chinese) in cases {
            #expect(en.duration(span) == english)
            #expect(zh.duration(span) == chinese)
        }
    }

    /// The English forms read back as the same span, as a policy test reads `late_by:` (a
    /// figure pasted from a report): parts in plain units, `working time` after them.
    @Test func englishDurationsReadBack() throws {
        for span in [TimeSpan(.workingTime, 8 * 3600 + 1800), TimeSpan(.workingTime, 7 * 3600), TimeSpan(.workingTime, 61),
                     TimeSpan(.calendar, 3 * 86_400 + 7), TimeSpan(.workingDays, 1)] {
            var text = span.description
            let working = text.hasSuffix(" working time")
            if working { text = String(text.dropLast(" working time".count)) }
            let parts = try Lexer.tokens(text).compactMap { t -> TimeSpan? in if case .span(let s) = t.kind { return s } else { return nil } }
            #expect(parts.reduce(0) { $0 + $1.amount } == span.amount, "\(span)")
            #expect(parts.allSatisfy { $0.clock == (working ? .calendar : span.clock) }, "\(span)")
        }
    }

    @Test func instantsAsAPersonWritesThem() throws {
        let zone = try #require(Zone(identifier: "Asia/Shanghai"))
        let t = try #require(Timestamp(parsing: "2026-09-10T10:00", zone: zone))
        #expect(ReportText(.en).time(t) == "2026-09-10 10:00")
        #expect(ReportText(.zh).time(t) == "2026年9月10日 10:00")
        // A deadline at midnight is the end of the day before.
        let midnight = try #require(Timestamp(parsing: "2026-10-01T00:00", zone: zone))
        #expect(ReportText(.zh).time(midnight, due: true) == "2026年9月30日 24:00")
        #expect(ReportText(.en).time(midnight, due: true) == "2026-09-30 24:00")
        #expect(ReportText(.en).time(midnight) == "2026-10-01 00:00")
        #expect(ReportText(.zh).month("2026-09") == "2026年9月" && ReportText(.en).month("2026-09") == "2026-09")
        #expect(ReportText(.zh).money(Money(minorUnits: 12000)) == "120.00 元")
    }
}
