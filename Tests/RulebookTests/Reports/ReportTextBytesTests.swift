import Testing
@testable import Rulebook

/// The byte forms `check` lines are written with (`ReportText+Bytes`) give exactly the String
/// forms, in both languages, on the edges of each value: negative and huge amounts, midnight
/// deadlines, seconds, months that are not `YYYY-MM`, spans of every clock.
@Suite struct ReportTextBytesTests {
    static func bytes(_ write: (inout [UInt8]) -> Void) -> String {
        var out: [UInt8] = []
        write(&out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: ReportLanguage.allCases)
    func moneyAsBytesIsTheText(_ language: ReportLanguage) {
        let t = ReportText(language)
        for units: Int64 in [0, 1, 9, 10, 99, 100, 105, 2000, -1, -100, -12345, .max, .min, .max - 1, .min + 1] {
            let m = Money(minorUnits: units)
            #expect(Self.bytes { t.appendMoney(m, to: &$0) } == t.money(m), "\(units)")
        }
    }

    @Test(arguments: ReportLanguage.allCases)
    func monthsAsBytesAreTheText(_ language: ReportLanguage) {
        let t = ReportText(language)
        for key in ["2026-09", "2026-12", "0999-01", "0000-00", "2026-9", "2026/09", "202a-09", "+202-09", "2026-+9",
                    "-202-09", "", "二〇二六-09", "2026-0\u{301}", "2026\u{301}-09", "12345678", "2026-091"] {
            #expect(Self.bytes { t.appendMonth(key, to: &$0) } == t.month(key), "\(key)")
        }
    }

    @Test(arguments: ReportLanguage.allCases)
    func instantsAsBytesAreTheText(_ language: ReportLanguage) {
        let t = ReportText(language)
        for seconds: Int64 in [0, 1, 59, 60, 3599, 86_399, 86_400, 1_788_000_000, 1_788_000_037, -1, -86_400, -62_135_596_800, 253_402_300_799] {
            for offset: Int32 in [0, 28_800, -18_000, 19_800] {
                let ts = Timestamp(seconds: seconds, offsetSeconds: offset)
                for due in [false, true] {
                    #expect(Self.bytes { t.appendTime(ts, due: due, to: &$0) } == t.time(ts, due: due), "\(ts) due \(due)")
                }
            }
        }
    }

    @Test(arguments: ReportLanguage.allCases)
    func durationsAsBytesAreTheText(_ language: ReportLanguage) {
        let t = ReportText(language)
        let clocks: [TimeSpan.Clock] = [.calendar, .workingTime, .workingDays, .months, .halfWorkingDays]
        for clock in clocks {
            for amount: Int64 in [0, 1, 59, 60, 61, 3599, 3600, 3661, 86_399, 86_400, 90_061, 12, 13, -1, -3661, -90_061, .max, .min] {
                let span = TimeSpan(clock, amount)
                #expect(Self.bytes { t.appendDuration(span, to: &$0) } == t.duration(span), "\(clock) \(amount)")
            }
        }
    }

    @Test func spansAndAmountsAsBytesAreTheirDescriptions() {
        let clocks: [TimeSpan.Clock] = [.calendar, .workingTime, .workingDays, .months, .halfWorkingDays]
        for clock in clocks {
            for amount: Int64 in [0, 1, 2, 3, 12, 24, 59, 60, 61, 3599, 3600, 3661, 86_399, 86_400, 90_061, -1, -3, -61, -90_061, .max, .min] {
                let span = TimeSpan(clock, amount)
                #expect(Self.bytes { $0.span(span) } == span.description, "\(clock) \(amount)")
            }
        }
        for units: Int64 in [0, 1, 10, 99, 100, 12345, -1, -99, -100, .max, .min] {
            #expect(Self.bytes { $0.money(Money(minorUnits: units)) } == Money(minorUnits: units).description, "\(units)")
        }
    }
}
