import Testing
@testable import Rulebook

/// The shipped national calendars, checked against the State Council notices.
@Suite struct CalendarDataTests {
    let office = CalendarFixtures.office

    @Test func officeCalendarIdentity() {
        #expect(office.id == "cn-office")
        #expect(office.zone.identifier == "Asia/Shanghai")
        #expect(office.years == 2025...2026)
    }

    @Test func officialDays2025() throws {
        #expect(try office.dayKind(date("2025-01-01")) == .holiday("元旦"))
        #expect(try office.dayKind(date("2025-01-28")) == .holiday("春节"))
        #expect(try office.dayKind(date("2025-02-04")) == .holiday("春节"))
        #expect(try office.dayKind(date("2025-02-05")) == .workday)
        #expect(try office.dayKind(date("2025-01-26")) == .makeUpWorkday("春节调休"))
        #expect(try office.dayKind(date("2025-04-27")) == .makeUpWorkday("劳动节调休"))
        #expect(try office.dayKind(date("2025-06-02")) == .holiday("端午节"))
        #expect(try office.dayKind(date("2025-10-08")) == .holiday("国庆节、中秋节"))
        #expect(try office.dayKind(date("2025-10-11")) == .makeUpWorkday("国庆节调休"))
        #expect(try office.dayKind(date("2025-03-15")) == .weekend)
    }

    @Test func officialDays2026() throws {
        #expect(try office.dayKind(date("2026-01-03")) == .holiday("元旦"))
        #expect(try office.dayKind(date("2026-01-04")) == .makeUpWorkday("元旦调休"))
        #expect(try office.dayKind(date("2026-02-23")) == .holiday("春节"))
        #expect(try office.dayKind(date("2026-02-28")) == .makeUpWorkday("春节调休"))
        #expect(try office.dayKind(date("2026-05-09")) == .makeUpWorkday("劳动节调休"))
        #expect(try office.dayKind(date("2026-09-25")) == .holiday("中秋节"))
        #expect(try office.dayKind(date("2026-10-07")) == .holiday("国庆节"))
        #expect(try office.dayKind(date("2026-10-08")) == .workday)
    }

    @Test func workingDaysPerYear() throws {
        // 2025: 365 days, starting on a Wednesday, have 104 weekend days and 261 weekdays. The
        // holidays take 18 weekdays (元旦 1, 春节 6, 清明 1, 劳动节 3, 端午 1, 国庆 6) and 5 make-up
        // days are added: 261 − 18 + 5 = 248 (= 365 − 104 − 13 statutory days).
        // 2026 starts on a Thursday: 261 weekdays again; holidays take 19 (元旦 2, 春节 6,
        // 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5) and 6 make-up days are added: 248.
        for (year, expected) in [(2025, 248), (2026, 248)] {
            var count = 0
            var d = CivilDate(year: year, month: 1, day: 1)!
            while d.year == year {
                if try office.dayKind(d).isWorking { count += 1 }
                d = d.adding(days: 1)
            }
            #expect(count == expected, "year \(year)")
        }
    }

    @Test func outOfRangeYearsThrow() throws {
        #expect(throws: CalendarError.outOfRange(date("2027-01-01"), calendar: "cn-office", years: 2025...2026)) {
            try office.dayKind(date("2027-01-01"))
        }
        // A start on 2024-12-31 (Shanghai time) is outside, even in another offset.
        #expect(throws: CalendarError.outOfRange(date("2024-12-31"), calendar: "cn-office", years: 2025...2026)) {
            try office.deadline(from: ts("2024-12-31T10:00"), span: .workingSeconds(hour), rule: .sameTimeOfDay)
        }
        #expect(throws: CalendarError.self) {
            try office.elapsed(from: ts("2026-12-31T10:00"), to: ts("2027-01-04T10:00"), clock: .workingTime)
        }
        // Thu 2026-12-31 10:00 has 6 working hours left (10:00–12:00, 13:30–17:30): 6 h fits,
        // 7 h or a working day would need 2027, which the calendar does not know.
        #expect(try due("2026-12-31T10:00", .workingSeconds(6 * hour)) == "2026-12-31T17:30:00+08:00")
        let beyond = CalendarError.beyondCoverage(start: ts("2026-12-31T10:00"), span: .workingSeconds(7 * hour),
                                                  calendar: "cn-office", years: 2025...2026)
        #expect(throws: beyond) { try due("2026-12-31T10:00", .workingSeconds(7 * hour)) }
        #expect(throws: CalendarError.self) { try due("2026-12-31T10:00", .workingDays(1), .endOfDay) }
        #expect(beyond.description == "7h working time from 2026-12-31T10:00:00+08:00 runs past the end of calendar "
                    + "'cn-office', which covers 2025–2026; add the next year's holidays to the calendar")
        #expect(CalendarError.outOfRange(date("2027-01-01"), calendar: "cn-office", years: 2025...2026).description
                    == "2027-01-01 is outside calendar 'cn-office', which covers 2025–2026; add that year's holidays to the calendar")
    }

    @Test func negativeSpansAreRefused() {
        #expect(throws: CalendarError.negativeSpan(.workingSeconds(-60))) {
            try due("2025-03-14T10:00", .workingSeconds(-60))
        }
    }
}
