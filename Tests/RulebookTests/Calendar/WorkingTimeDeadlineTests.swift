import Testing
@testable import Rulebook

/// Working-time deadlines on the office calendar: Mon–Fri 08:30–12:00 (3.5 h) and
/// 13:30–17:30 (4 h), 7.5 h a day.
@Suite struct WorkingTimeDeadlineTests {
    @Test func fridayAfternoonCrossesTheWeekend() throws {
        // Fri 2025-03-14 16:00: 1.5 h until 17:30; Sat and Sun are off; the remaining 2.5 h
        // run from Mon 08:30 to 11:00.
        #expect(try due("2025-03-14T16:00", .workingSeconds(4 * hour)) == "2025-03-17T11:00:00+08:00")
    }

    @Test func crossingSpringFestival2025() throws {
        // Mon 2025-01-27 16:00: 1.5 h to 17:30. 春节 runs Jan 28 – Feb 4. Wed Feb 5 gives
        // 3.5 h in the morning (5 h so far), the last 3 h run 13:30–16:30.
        #expect(try due("2025-01-27T16:00", .workingSeconds(8 * hour)) == "2025-02-05T16:30:00+08:00")
    }

    @Test func makeUpSundayBeforeSpringFestivalCounts() throws {
        // Fri 2025-01-24 17:00: 0.5 h to 17:30. Sat 25 is off; Sun 26 is a make-up day
        // (春节调休): 08:30–12:00 gives the remaining 3.5 h, ending at the close of the morning.
        #expect(try due("2025-01-24T17:00", .workingSeconds(4 * hour)) == "2025-01-26T12:00:00+08:00")
    }

    @Test func makeUpSaturdayCounts() throws {
        // Fri 2025-02-07 16:30: 1 h to 17:30. Sat Feb 8 is a make-up day: 08:30 + 2 h = 10:30.
        #expect(try due("2025-02-07T16:30", .workingSeconds(3 * hour)) == "2025-02-08T10:30:00+08:00")
        #expect(try CalendarFixtures.office.dayKind(date("2025-02-08")) == .makeUpWorkday("春节调休"))
    }

    @Test func crossingNationalDay2025() throws {
        // Tue 2025-09-30 10:00: 2 h to 12:00 and 4 h in the afternoon = 6 h. Oct 1–8 are off
        // (国庆节、中秋节). Thu Oct 9: 08:30 + 2 h = 10:30.
        #expect(try due("2025-09-30T10:00", .workingSeconds(8 * hour)) == "2025-10-09T10:30:00+08:00")
    }

    @Test func crossingNationalDay2026() throws {
        // Wed 2026-09-30 17:00: 0.5 h. Oct 1–7 off (国庆节). Thu Oct 8 and Fri Oct 9 give 7.5 h
        // each (15.5 h so far). Sat Oct 10 is a make-up day: 08:30 + 0.5 h = 09:00.
        #expect(try due("2026-09-30T17:00", .workingSeconds(16 * hour)) == "2026-10-10T09:00:00+08:00")
    }

    @Test func startInTheLunchBreak() throws {
        // Mon 2025-03-17 12:15 is in the break; the clock starts 13:30, + 1 h = 14:30.
        #expect(try due("2025-03-17T12:15", .workingSeconds(hour)) == "2025-03-17T14:30:00+08:00")
        #expect(try CalendarFixtures.office.nextWorkingInstant(atOrAfter: ts("2025-03-17T12:15")).description
                    == "2025-03-17T13:30:00+08:00")
    }

    @Test func startAtNight() throws {
        // Tue 2025-03-18 22:00: the clock starts Wed 08:30; + 30 min = 09:00.
        #expect(try due("2025-03-18T22:00", .workingSeconds(30 * minute)) == "2025-03-19T09:00:00+08:00")
        // 06:00 the same morning waits for 08:30.
        #expect(try CalendarFixtures.office.nextWorkingInstant(atOrAfter: ts("2025-03-19T06:00")).description
                    == "2025-03-19T08:30:00+08:00")
    }

    @Test func boundaries() throws {
        let office = CalendarFixtures.office
        // A start exactly at the close is outside working time: the next opening.
        #expect(try office.nextWorkingInstant(atOrAfter: ts("2025-03-14T17:30")).description == "2025-03-17T08:30:00+08:00")
        // … likewise at 12:00, the start of the break.
        #expect(try office.nextWorkingInstant(atOrAfter: ts("2025-03-17T12:00")).description == "2025-03-17T13:30:00+08:00")
        // 08:30 itself is working time.
        #expect(try office.nextWorkingInstant(atOrAfter: ts("2025-03-17T08:30")).description == "2025-03-17T08:30:00+08:00")
        // Fri 17:30 + 1 h: Mon 08:30 + 1 h.
        #expect(try due("2025-03-14T17:30", .workingSeconds(hour)) == "2025-03-17T09:30:00+08:00")
        // Working time that runs out at the close ends there: 13:30 + 4 h = 17:30 the same day,
        // not 08:30 the next morning; 08:30 + 3.5 h = 12:00, not 13:30.
        #expect(try due("2025-03-17T13:30", .workingSeconds(4 * hour)) == "2025-03-17T17:30:00+08:00")
        #expect(try due("2025-03-17T08:30", .workingSeconds(3 * hour + 30 * minute)) == "2025-03-17T12:00:00+08:00")
        // One more second moves past the break: 13:30:01.
        #expect(try due("2025-03-17T08:30", .workingSeconds(3 * hour + 30 * minute + 1)) == "2025-03-17T13:30:01+08:00")
        // Zero working time is the clock's start.
        #expect(try due("2025-03-14T17:30", .workingSeconds(0)) == "2025-03-17T08:30:00+08:00")
        #expect(try due("2025-03-17T10:00", .workingSeconds(0)) == "2025-03-17T10:00:00+08:00")
    }

    @Test func inputsInOtherOffsetsAreInstants() throws {
        // 08:00Z and 17:00+09:00 are both Fri 2025-03-14 16:00 in Shanghai (UTC+8, no DST):
        // the same deadline as the Friday-afternoon case, shown at +08:00.
        #expect(try due("2025-03-14T08:00:00Z", .workingSeconds(4 * hour)) == "2025-03-17T11:00:00+08:00")
        #expect(try due("2025-03-14T17:00:00+09:00", .workingSeconds(4 * hour)) == "2025-03-17T11:00:00+08:00")
        // 2024-12-31T16:30Z is 2025-01-01 00:30 in Shanghai: 元旦, so the clock starts Thu Jan 2.
        #expect(try CalendarFixtures.office.nextWorkingInstant(atOrAfter: ts("2024-12-31T16:30:00Z")).description
                    == "2025-01-02T08:30:00+08:00")
        // 2025-03-17T04:30Z is 12:30 local, in the break: 13:30 + 1 h = 14:30.
        #expect(try due("2025-03-17T04:30Z", .workingSeconds(hour)) == "2025-03-17T14:30:00+08:00")
    }

    @Test func calendarSpansArePlainSeconds() throws {
        // 13 days of wall-clock time, weekends and holidays included, shown at +08:00.
        #expect(try due("2025-01-27T16:00Z", .seconds(13 * 86_400)) == "2025-02-10T00:00:00+08:00")
    }

    @Test func elapsedWorkingTime() throws {
        let office = CalendarFixtures.office
        // Fri 16:00 → Mon 11:00: 1.5 h + 2.5 h.
        #expect(try office.elapsed(from: ts("2025-03-14T16:00"), to: ts("2025-03-17T11:00"), clock: .workingTime)
                    == .workingSeconds(4 * hour))
        // Reversed: negative.
        #expect(try office.elapsed(from: ts("2025-03-17T11:00"), to: ts("2025-03-14T16:00"), clock: .workingTime)
                    == .workingSeconds(-4 * hour))
        // Within the lunch break, none.
        #expect(try office.elapsed(from: ts("2025-03-17T12:05"), to: ts("2025-03-17T13:25"), clock: .workingTime)
                    == .workingSeconds(0))
        // Across Spring Festival: Jan 27 16:00 → Feb 5 16:30 is the 8 h above.
        #expect(try office.elapsed(from: ts("2025-01-27T16:00"), to: ts("2025-02-05T16:30"), clock: .workingTime)
                    == .workingSeconds(8 * hour))
        // Calendar clock: plain seconds.
        #expect(try office.elapsed(from: ts("2025-03-14T16:00"), to: ts("2025-03-17T11:00"), clock: .calendar)
                    == .seconds(67 * hour))
    }
}
