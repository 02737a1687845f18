import Testing
@testable import Rulebook

/// Calendar months and years (民法典 第二百零二条: the corresponding day of the month, else the
/// month's last day) and half working days (half of that day's working time).
@Suite struct CalendarMonthsTests {
    let h = ExpressionHarness()

    func plus(_ start: String, _ months: Int64) -> String {
        CalendarFixtures.shanghai.adding(months: months, to: ts(start))?.description ?? "nil"
    }

    @Test func aMonthIsTheSameDayClampedToTheMonthsEnd() {
        #expect(plus("2026-11-15T09:30", 1) == "2026-12-15T09:30:00+08:00")
        #expect(plus("2027-01-31T00:00", -1) == "2026-12-31T00:00:00+08:00")
        #expect(plus("2026-01-31T10:00", 1) == "2026-02-28T10:00:00+08:00")
        #expect(plus("2028-01-31T10:00", 1) == "2028-02-29T10:00:00+08:00")
        #expect(plus("2026-03-31T10:00", -1) == "2026-02-28T10:00:00+08:00")
        #expect(plus("2026-12-15T10:00", 1) == "2027-01-15T10:00:00+08:00")
        #expect(plus("2028-02-29T10:00", 12) == "2029-02-28T10:00:00+08:00")
        #expect(plus("2027-03-01T09:00", 12) == "2028-03-01T09:00:00+08:00")
        #expect(plus("2199-12-31T10:00", 1) == "nil")
        // Not a fixed number of days: 30 days from 01-31 is 03-02, a month is 02-28.
        #expect(plus("2026-01-31T10:00", 1) != ts("2026-01-31T10:00").adding(seconds: 30 * 86_400).description)
    }

    @Test func monthsAndYearsAreWrittenAndPrinted() throws {
        #expect(try h.eval("1 month") == .span(.months(1)))
        #expect(try h.eval("1 year") == .span(.months(12)))
        #expect(try h.eval("2 years + 3 months") == .span(.months(27)))
        #expect(TimeSpan.months(1).description == "1 month")
        #expect(TimeSpan.months(12).description == "1 year")
        #expect(TimeSpan.months(27).description == "27 months")
        #expect(TimeSpan.months(-24).description == "-2 years")
        #expect(try h.eval("received_at + 1 month") == .timestamp(h.ts("2026-12-20T09:15:00+08:00")))
        #expect(try h.eval("received_at - 1 year") == .timestamp(h.ts("2025-11-20T09:15:00+08:00")))
        #expect(try h.eval("1 year > 11 months") == .bool(true))
    }

    @Test func monthsDoNotMixWithOtherClocks() {
        #expect(h.problem("1.5 months") == "0: calendar months and years are whole; write part of a month in days")
        #expect(h.problem("1 month < 30d").contains("cannot compare a calendar-months duration with a duration: they run on different clocks"))
        #expect(h.problem("1 month + 2d").contains("they run on different clocks"))
        #expect(h.problem("1201 months").contains("duration too long"))
    }

    @Test func halfAWorkingDayIsHalfThatDaysWorkingTime() throws {
        // Office: 7.5 h a day, so 3 h 45 min. Mon 16:00: 1.5 h to 17:30, Tue 08:30 + 2 h 15 m.
        #expect(try due("2026-11-30T16:00", TimeSpan(.halfWorkingDays, 1)) == "2026-12-01T10:45:00+08:00")
        #expect(try due("2026-11-30T09:00", TimeSpan(.halfWorkingDays, 1)) == "2026-11-30T14:15:00+08:00")
        // short-makeup: Sat 2025-03-15 works 09:00–11:00 only. From Friday's close the clock
        // starts Saturday 09:00, and half of Saturday is 1 h; from Fri 16:00 it is half of
        // Friday's 7 h: 1 h + Saturday's 2 h + Mon 09:00–09:30.
        let short = try CalendarFixtures.load("fixtures/calendars/short-makeup.yaml")
        #expect(try due("2025-03-14T18:00", TimeSpan(.halfWorkingDays, 1), in: short) == "2025-03-15T10:00:00+08:00")
        #expect(try due("2025-03-14T16:00", TimeSpan(.halfWorkingDays, 1), in: short) == "2025-03-17T09:30:00+08:00")
        let notes = try short.explainDeadline(from: ts("2025-03-14T18:00"), span: TimeSpan(.halfWorkingDays, 1), rule: .sameTimeOfDay)
        #expect(notes.contains(.halfDay(TimeSpan(.halfWorkingDays, 1), of: date("2025-03-15"), seconds: 3600)))
    }

    @Test func halfAWorkingDayIsWrittenAndKeptApart() {
        #expect(h.problem("0.5 working days") == "no problem")
        #expect(TimeSpan(.halfWorkingDays, 1).description == "0.5 working days")
        #expect(h.problem("0.25 working days").contains("working days are whole or half a day"))
        #expect(h.problem("0.5 working days + 0.5 working days").contains("cannot apply '+' to half a working day"))
        #expect(h.problem("2 * 0.5 working days").contains("cannot apply '*' to half a working day"))
        #expect(h.problem("0.5 working days < 4 working hours").contains("they run on different clocks"))
    }
}
