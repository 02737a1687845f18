import Testing
@testable import Rulebook

/// The texts report lines are written with, each made once as bytes (`Money.append`,
/// `TimeSpan.appendDescription`, `ReportText+Bytes`) and as a String from those bytes: the
/// forms a reader sees, on the edges of each value (negative and extreme amounts, midnight
/// deadlines, seconds, months that are not `YYYY-MM`, spans of every clock).
@Suite struct ReportTextBytesTests {
    static let en = ReportText(.en), zh = ReportText(.zh)

    @Test func amounts() {
        let cases: [(Int64, String)] = [(0, "0.00"), (1, "0.01"), (10, "0.10"), (105, "1.05"), (-1, "-0.01"),
                                        (-12_345, "-123.45"), (.max, "92233720368547758.07"), (.min, "-92233720368547758.08")]
        for (units, text) in cases {
            #expect(Money(minorUnits: units).description == text)
            #expect(Self.zh.money(Money(minorUnits: units)) == text + " 元")
            #expect(String(writing: { Self.en.appendMoney(Money(minorUnits: units), to: &$0) }) == text + " CNY")
        }
    }

    @Test func months() {
        #expect(Self.zh.month("2026-09") == "2026年9月")
        #expect(Self.zh.month("0999-12") == "999年12月")
        #expect(Self.en.month("2026-09") == "2026-09")
        // Not a month key: as it is, in either language.
        for key in ["2026-9", "2026/09", "202a-09", "+202-09", "", "二〇二六-09", "2026-091"] {
            #expect(Self.zh.month(key) == key)
            #expect(Self.en.month(key) == key)
        }
    }

    @Test func instants() throws {
        let t = Timestamp(date: try #require(CivilDate(year: 2026, month: 8, day: 30)), secondOfDay: 18 * 3600 + 27 * 60 + 17, offsetSeconds: 28_800)
        #expect(Self.zh.time(t) == "2026年8月30日 18:27:17")
        #expect(Self.en.time(t) == "2026-08-30 18:27:17")
        let midnight = Timestamp(date: try #require(CivilDate(year: 2026, month: 8, day: 31)), secondOfDay: 0, offsetSeconds: 28_800)
        #expect(Self.en.time(midnight) == "2026-08-31 00:00")
        #expect(Self.en.time(midnight, due: true) == "2026-08-30 24:00")
        #expect(Self.zh.time(midnight, due: true) == "2026年8月30日 24:00")
        #expect(Self.en.time(Timestamp(seconds: -1, offsetSeconds: 0)) == "1969-12-31 23:59:59")
    }

    @Test func spansOfEveryClock() {
        let cases: [(TimeSpan, String, String)] = [
            (TimeSpan(.calendar, 0), "0m", "0 分"),
            (TimeSpan(.calendar, 59), "59s", "59 秒"),
            (TimeSpan(.calendar, 90_061), "1d 1h 1m 1s", "1 天 1 小时 1 分 1 秒"),
            (TimeSpan(.calendar, -3661), "-1h 1m 1s", "-1 小时 1 分 1 秒"),
            (TimeSpan(.workingTime, 0), "0m working time", "0 工作分钟"),
            (TimeSpan(.workingTime, 1800), "30m working time", "30 工作分钟"),
            (TimeSpan(.workingTime, 90_061), "25h 1m 1s working time", "25 工作小时 1 分 1 秒"),
            (TimeSpan(.workingTime, 45), "45s working time", "45 工作秒"),
            (TimeSpan(.calendar, .min), "-106751991167300d 15h 30m 8s", "-106751991167300 天 15 小时 30 分 8 秒"),
            (TimeSpan(.workingDays, 3), "3 working days", "3 个工作日"),
            (TimeSpan(.months, 12), "1 year", "1 年"),
            (TimeSpan(.halfWorkingDays, 1), "0.5 working days", "0.5 个工作日"),
        ]
        for (span, en, zh) in cases {
            #expect(span.description == en)
            #expect(span.zhDescription == zh)
            #expect(String(writing: { span.appendDescription(to: &$0) }) == en)
            #expect(String(writing: { Self.zh.appendDuration(span, to: &$0) }) == zh)
        }
    }
}
