import Testing
@testable import Rulebook

/// Working-day deadlines under both rules. Office hours 08:30–12:00, 13:30–17:30.
@Suite struct WorkingDayDeadlineTests {
    @Test func sameTimeOfDay() throws {
        // Fri 2025-03-14 10:00 + 1 working day: Mon 10:00; + 5: the next Friday 10:00.
        #expect(try due("2025-03-14T10:00", .workingDays(1)) == "2025-03-17T10:00:00+08:00")
        #expect(try due("2025-03-14T10:00", .workingDays(5)) == "2025-03-21T10:00:00+08:00")
        // Zero: the clock's start.
        #expect(try due("2025-03-14T10:00", .workingDays(0)) == "2025-03-14T10:00:00+08:00")
        // Sat 10:00: the clock starts Mon 08:30 (0 h done), so 1 working day is Tue 08:30.
        #expect(try due("2025-03-15T10:00", .workingDays(1)) == "2025-03-18T08:30:00+08:00")
        // In the break (12:30): the position is 3.5 h, the end of the morning, so Tue 12:00.
        #expect(try due("2025-03-17T12:30", .workingDays(1)) == "2025-03-18T12:00:00+08:00")
    }

    @Test func endOfDay() throws {
        // Fri 2025-03-14 (day 0) 10:00 + 1: the close of Mon Mar 17.
        #expect(try due("2025-03-14T10:00", .workingDays(1), .endOfDay) == "2025-03-17T17:30:00+08:00")
        // The time of the start does not matter, even after close: Fri 20:00 + 1 is still Monday's close.
        #expect(try due("2025-03-14T20:00", .workingDays(1), .endOfDay) == "2025-03-17T17:30:00+08:00")
        // A Saturday start: Monday is the first working day after it.
        #expect(try due("2025-03-15T10:00", .workingDays(1), .endOfDay) == "2025-03-17T17:30:00+08:00")
        // Zero: the close of a start day still open, else the start itself.
        #expect(try due("2025-03-14T10:00", .workingDays(0), .endOfDay) == "2025-03-14T17:30:00+08:00")
        #expect(try due("2025-03-14T20:00", .workingDays(0), .endOfDay) == "2025-03-14T20:00:00+08:00")
    }

    @Test func acrossSpringFestival2025() throws {
        // Mon 2025-01-27 10:00 (day 0); Jan 28 – Feb 4 off. Working days after it: Wed Feb 5 (1),
        // Thu Feb 6 (2), Fri Feb 7 (3), Sat Feb 8 make-up (4), Mon Feb 10 (5).
        #expect(try due("2025-01-27T10:00", .workingDays(3)) == "2025-02-07T10:00:00+08:00")
        #expect(try due("2025-01-27T10:00", .workingDays(4)) == "2025-02-08T10:00:00+08:00")
        #expect(try due("2025-01-27T10:00", .workingDays(5), .endOfDay) == "2025-02-10T17:30:00+08:00")
    }

    @Test func acrossNationalDay2025() throws {
        // Fri 2025-09-26 17:00 has 3.5 h + 3.5 h = 7 h done. Next working day: the
        // make-up Sunday Sep 28 at the same position, 17:00.
        #expect(try due("2025-09-26T17:00", .workingDays(1)) == "2025-09-28T17:00:00+08:00")
        // Tue 2025-09-30 10:00 + 1: Oct 1–8 off, Thu Oct 9 10:00.
        #expect(try due("2025-09-30T10:00", .workingDays(1)) == "2025-10-09T10:00:00+08:00")
        // + 3 end of day: Oct 9 (1), Oct 10 (2), Sat Oct 11 make-up (3), close 17:30.
        #expect(try due("2025-09-30T10:00", .workingDays(3), .endOfDay) == "2025-10-11T17:30:00+08:00")
    }

    @Test func acrossNationalDay2026() throws {
        // Wed 2026-09-30 (day 0); Oct 1–7 off; Thu Oct 8 (1), Fri Oct 9 (2).
        #expect(try due("2026-09-30T15:00", .workingDays(2), .endOfDay) == "2026-10-09T17:30:00+08:00")
        // Same time of day, 3 days: Oct 8, Oct 9, Sat Oct 10 (make-up) at 15:00.
        #expect(try due("2026-09-30T15:00", .workingDays(3)) == "2026-10-10T15:00:00+08:00")
        // 中秋 2026 (Sep 25–27) with the make-up Sunday Sep 20: Fri Sep 18 10:00 + 1 is Sun Sep 20,
        // then Sep 21, 22, 23, 24 are days 2–5, and day 6 is Mon Sep 28 (Sep 25–27 off).
        #expect(try due("2026-09-18T10:00", .workingDays(1)) == "2026-09-20T10:00:00+08:00")
        #expect(try due("2026-09-18T10:00", .workingDays(5)) == "2026-09-24T10:00:00+08:00")
        #expect(try due("2026-09-18T10:00", .workingDays(6)) == "2026-09-28T10:00:00+08:00")
    }

    @Test func sameTimeOfDayClampsToAShorterDay() throws {
        // short-makeup: Mon–Fri 09:00–12:00, 13:00–17:00; Sat 2025-03-15 is a make-up day with
        // only 09:00–11:00. Fri 15:00 has 3 h + 2 h = 5 h done; Saturday has 2 h, so the
        // deadline is its close, 11:00. Two days: Monday at 5 h done, 13:00 + 2 h = 15:00.
        let short = try CalendarFixtures.load("fixtures/calendars/short-makeup.yaml")
        #expect(try due("2025-03-14T15:00", .workingDays(1), in: short) == "2025-03-15T11:00:00+08:00")
        #expect(try due("2025-03-14T15:00", .workingDays(2), in: short) == "2025-03-17T15:00:00+08:00")
        let notes = try short.explainDeadline(from: ts("2025-03-14T15:00"), span: .workingDays(1), rule: .sameTimeOfDay)
        #expect(notes.contains(.clampedToClose(date("2025-03-15"))))
    }

    @Test func elapsedWorkingDays() throws {
        let office = CalendarFixtures.office
        func days(_ a: String, _ b: String, _ rule: WorkingDayRule) throws -> Int64 {
            try office.elapsed(from: ts(a), to: ts(b), clock: .workingDays, rule: rule).amount
        }
        // Fri 10:00 → Mon 10:00 is one working day at the same time; a second earlier, none.
        #expect(try days("2025-03-14T10:00", "2025-03-17T10:00", .sameTimeOfDay) == 1)
        #expect(try days("2025-03-14T10:00", "2025-03-17T09:59:59", .sameTimeOfDay) == 0)
        // Backwards: negative.
        #expect(try days("2025-03-17T10:00", "2025-03-14T10:00", .sameTimeOfDay) == -1)
        // End of day: Monday counts once it has closed.
        #expect(try days("2025-03-14T10:00", "2025-03-17T17:30", .endOfDay) == 1)
        #expect(try days("2025-03-14T10:00", "2025-03-17T17:29", .endOfDay) == 0)
        // Across Spring Festival: Jan 27 → Feb 10 10:00 is 5 (Feb 5, 6, 7, 8, 10).
        #expect(try days("2025-01-27T10:00", "2025-02-10T10:00", .sameTimeOfDay) == 5)
    }
}
