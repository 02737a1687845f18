import Testing
@testable import Rulebook

@Suite struct CalendarExplainTests {
    func explain(_ start: String, _ span: TimeSpan, _ rule: WorkingDayRule = .sameTimeOfDay) throws -> [String] {
        try CalendarFixtures.office.explainDeadline(from: ts(start), span: span, rule: rule).map(\.description)
    }

    @Test func weekendAndMakeUpDay() throws {
        // Fri 2025-01-24 16:00 + 8 h: 1.5 h on Friday, Saturday off, the make-up Sunday gives
        // 3.5 h in the morning and 3 h after the break: 16:30.
        #expect(try explain("2025-01-24T16:00", .workingSeconds(8 * hour)) == [
            "start 2025-01-24T16:00:00+08:00 (Friday, working day)",
            "2025-01-24 (Friday, working day): counted 1h 30m working time",
            "2025-01-25 (Saturday) skipped: weekend",
            "2025-01-26 (Sunday, make-up working day 春节调休): counted 6h 30m working time",
            "2025-01-26 break 12:00–13:30 skipped",
            "deadline 2025-01-26T16:30:00+08:00",
        ])
    }

    @Test func namedHolidayRun() throws {
        #expect(try explain("2025-01-27T16:00", .workingSeconds(8 * hour)) == [
            "start 2025-01-27T16:00:00+08:00 (Monday, working day)",
            "2025-01-27 (Monday, working day): counted 1h 30m working time",
            "2025-01-28…2025-02-04 skipped: holiday 春节, 8 days",
            "2025-02-05 (Wednesday, working day): counted 6h 30m working time",
            "2025-02-05 break 12:00–13:30 skipped",
            "deadline 2025-02-05T16:30:00+08:00",
        ])
    }

    @Test func clockStartsAfterTheBreak() throws {
        #expect(try explain("2025-03-17T12:15", .workingSeconds(hour)) == [
            "start 2025-03-17T12:15:00+08:00 (Monday, working day)",
            "clock starts 2025-03-17T13:30:00+08:00: the start is in the break 12:00–13:30",
            "2025-03-17 (Monday, working day): counted 1h working time",
            "deadline 2025-03-17T14:30:00+08:00",
        ])
        // A start on a holiday names it.
        #expect(try explain("2025-10-03T09:00", .workingSeconds(hour))[1]
                    == "clock starts 2025-10-09T08:30:00+08:00: the start is on holiday 国庆节、中秋节")
    }

    @Test func endOfDayWorkingDays() throws {
        #expect(try explain("2025-03-15T10:00", .workingDays(1), .endOfDay) == [
            "start 2025-03-15T10:00:00+08:00 (Saturday, weekend)",
            "2025-03-15 is the start day, day 0, not counted",
            "2025-03-16 (Sunday) skipped: weekend",
            "2025-03-17 (Monday, working day): working day 1, counted 7h 30m working time",
            "2025-03-17 break 12:00–13:30 skipped",
            "deadline 2025-03-17T17:30:00+08:00",
        ])
    }

    @Test func sameTimeOfDayWorkingDays() throws {
        // Mon 2025-01-27 10:00 + 4 working days: day 0 is Monday (6 h left that day), 春节
        // is skipped, Feb 5–7 are days 1–3, the make-up Saturday Feb 8 is day 4, until 10:00.
        let notes = try explain("2025-01-27T10:00", .workingDays(4))
        #expect(notes.first == "start 2025-01-27T10:00:00+08:00 (Monday, working day)")
        #expect(notes.contains("2025-01-27 (Monday, working day): day 0, counted 6h working time"))
        #expect(notes.contains("2025-01-28…2025-02-04 skipped: holiday 春节, 8 days"))
        #expect(notes.contains("2025-02-07 (Friday, working day): working day 3, counted 7h 30m working time"))
        #expect(notes.contains("2025-02-08 (Saturday, make-up working day 春节调休): working day 4, counted 1h 30m working time"))
        #expect(notes.last == "deadline 2025-02-08T10:00:00+08:00")
    }

    @Test func calendarSpan() throws {
        #expect(try explain("2025-03-14T16:00", .seconds(2 * hour)) == [
            "start 2025-03-14T16:00:00+08:00 (Friday, working day)",
            "2h of calendar time: working hours, weekends and holidays do not matter",
            "deadline 2025-03-14T18:00:00+08:00",
        ])
    }
}
