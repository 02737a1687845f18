import Testing
@testable import Rulebook

/// fixtures/calendars/customer-service.yaml extends the office calendar, works
/// 09:00–12:00 and 13:00–18:00, and adds its own day off on Thu 2025-03-20.
@Suite struct CalendarInheritanceTests {
    @Test func departmentInheritsAndOverrides() throws {
        let service = try CalendarFixtures.load("fixtures/calendars/customer-service.yaml")
        #expect(service.id == "customer-service")
        #expect(service.zone.identifier == "Asia/Shanghai")   // from cn-2025 via cn-office
        #expect(service.years == 2025...2026)                 // union of the national files
        #expect(try service.dayKind(date("2025-03-20")) == .holiday("部门团建"))
        #expect(try service.dayKind(date("2025-01-28")) == .holiday("春节"))
        #expect(try service.dayKind(date("2025-01-26")) == .makeUpWorkday("春节调休"))
        // The office calendar is unchanged.
        #expect(try CalendarFixtures.office.dayKind(date("2025-03-20")) == .workday)
    }

    @Test func departmentHoursApply() throws {
        let service = try CalendarFixtures.load("fixtures/calendars/customer-service.yaml")
        // Wed 2025-03-19 17:00: 1 h to 18:00. Thu 20 is the team day off. Fri 21 09:00 + 1 h.
        #expect(try due("2025-03-19T17:00", .workingSeconds(2 * hour), in: service) == "2025-03-21T10:00:00+08:00")
        // 12:30 is in the department's break (12:00–13:00), shorter than the office's: the
        // clock starts at 13:00, not 13:30.
        #expect(try service.nextWorkingInstant(atOrAfter: ts("2025-03-17T12:30")).description == "2025-03-17T13:00:00+08:00")
        // A make-up day inherited from the national file works the department's hours: 09:00.
        #expect(try service.nextWorkingInstant(atOrAfter: ts("2025-01-26T08:45")).description == "2025-01-26T09:00:00+08:00")
        // End of day closes at 18:00.
        #expect(try due("2025-03-14T10:00", .workingDays(1), .endOfDay, in: service) == "2025-03-17T18:00:00+08:00")
    }

    @Test func loaderCachesCalendars() throws {
        let loader = CalendarLoader(baseDirectory: CalendarFixtures.root)
        let a = try loader.load(path: "rules/calendars/cn-office.yaml")
        let b = try loader.load(path: "rules/calendars/./cn-office.yaml")
        #expect(a === b)
    }

    @Test func inMemoryChildMayTurnAPublicHolidayIntoAWorkingDay() throws {
        let loader = CalendarLoader(files: [
            "base.yaml": """
            calendar: base
            timezone: Asia/Shanghai
            years: [2025]
            week: { monday: [09:00-17:00], tuesday: [09:00-17:00], wednesday: [09:00-17:00],
                    thursday: [09:00-17:00], friday: [09:00-17:00] }
            holidays: [{ name: 劳动节, from: 2025-05-01, to: 2025-05-05 }]
            """,
            "desk.yaml": """
            calendar: desk
            extends: base.yaml
            makeup_days: [{ name: 值班, date: 2025-05-03, hours: [10:00-14:00] }]
            """,
        ])
        let desk = try loader.load(path: "desk.yaml")
        #expect(try desk.dayKind(date("2025-05-03")) == .makeUpWorkday("值班"))
        #expect(try desk.dayKind(date("2025-05-02")) == .holiday("劳动节"))
        // Wed Apr 30 16:00: 1 h to 17:00; May 1–2 off; Sat May 3 10:00 + 1 h = 11:00.
        #expect(try due("2025-04-30T16:00", .workingSeconds(2 * hour), in: desk) == "2025-05-03T11:00:00+08:00")
    }
}
