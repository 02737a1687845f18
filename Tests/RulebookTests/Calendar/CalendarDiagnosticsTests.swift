import Testing
@testable import Rulebook

/// Broken calendar files under fixtures/broken/calendars/: every problem in one run, each at
/// its exact line and column (columns count Unicode scalars, so 春节 is two wide).
@Suite struct CalendarDiagnosticsTests {
    let dir = "fixtures/broken/calendars/"

    @Test func everyProblemInOneFileIsReported() {
        let f = dir + "bad-fields.yaml"
        #expect(CalendarFixtures.diagnostics(f) == [
            // `timezone: Asia/Shangai`: the value starts at column 11.
            "\(f):2:11: error: unknown time zone 'Asia/Shangai' (did you mean 'Asia/Shanghai'?)",
            // `  tuesday:   [08:30-12:00, 11:30-17:30]`: '[' at 14, the second interval at 28.
            "\(f):6:28: error: interval '11:30-17:30' overlaps '08:30-12:00'",
            "\(f):7:3: error: unknown weekday 'wendesday' (did you mean 'wednesday'?)",
            "\(f):8:28: error: intervals must be in time order: '08:30-12:00' is listed after '13:30-17:30'",
            // `  friday:    [08:30-12:00, 13:30-25:00]`: the end time starts at column 34.
            "\(f):9:34: error: invalid time '25:00': hours run from 00 to 23",
            "\(f):10:1: error: unknown key 'holiday' (did you mean 'holidays'?)",
            // `  - { name: 春节, from: 2025-01-28, to: 2025-02-30 }`: the `to` date starts at 39
            // (春节 is two columns); the day, the wrong part, at 47.
            "\(f):13:47: error: invalid date '2025-02-30': February 2025 has 28 days",
            "\(f):14:18: error: unknown key 'form' in holidays (did you mean 'from'?)",
            "\(f):16:5: error: 2026-10-01 is outside the years this file covers (2025)",
            "\(f):18:5: error: 2025-05-01 is listed both as a holiday (劳动节, 15:5) and as a make-up day (劳动节调休)",
        ])
    }

    @Test func inheritanceCycleIsNamed() {
        // cycle-a extends cycle-b, which extends cycle-a: reported at the `extends` entry that
        // closes the loop (`extends: [cycle-a.yaml]`, the item at column 11).
        let a = dir + "cycle-a.yaml", b = dir + "cycle-b.yaml"
        #expect(CalendarFixtures.diagnostics(a) == ["\(b):2:11: error: inheritance cycle: \(a) → \(b) → \(a)"])
        #expect(CalendarFixtures.diagnostics(b) == ["\(a):2:10: error: inheritance cycle: \(b) → \(a) → \(b)"])
    }

    @Test func missingParentSuggestsTheFileNextToIt() {
        #expect(CalendarFixtures.diagnostics(dir + "missing-parent.yaml") == [
            "\(dir)missing-parent.yaml:2:10: error: cannot read calendar file 'rules/calendars/cn-2025.yml' (did you mean 'cn-2025.yaml'?)",
        ])
    }

    @Test func holidayOnlyCalendarCannotBeUsedAlone() {
        #expect(CalendarFixtures.diagnostics(dir + "no-week.yaml") == [
            "\(dir)no-week.yaml:1:1: error: calendar 'no-week' has no working week; add 'week:' with hours per weekday or extend a calendar that has one",
        ])
    }

    @Test func makeUpDayMustReplaceADayOff() {
        #expect(CalendarFixtures.diagnostics(dir + "weekday-makeup.yaml") == [
            "\(dir)weekday-makeup.yaml:4:5: error: make-up day 2025-03-17 (补班) is a Monday, already a working day in calendar 'weekday-makeup'; a make-up day replaces a day off",
        ])
    }

    @Test func childYearsMustBeCoveredByParents() {
        #expect(CalendarFixtures.diagnostics(dir + "uncovered-year.yaml") == [
            "\(dir)uncovered-year.yaml:3:8: error: year 2027 is not covered by the calendars this one extends (2025, 2026)",
        ])
    }

    @Test func inMemoryProblems() throws {
        func problems(_ text: String) -> [String] {
            do {
                _ = try CalendarLoader(files: ["c.yaml": text]).load(path: "c.yaml")
                return []
            } catch let e as DiagnosticError {
                return e.diagnostics.map(\.description)
            } catch {
                return ["unexpected \(error)"]
            }
        }
        #expect(problems("title: x\n") == ["c.yaml:1:1: error: missing 'calendar' (the calendar's id, e.g. 'calendar: cn-office')"])
        #expect(problems("calendar: c\nyears: [2025, 2027]\n") == ["c.yaml:2:8: error: years must be consecutive; missing 2026"])
        // `  - { name: a, date: 2025-13-01 }`: the date starts at 22, its month at 27.
        #expect(problems("calendar: c\nholidays:\n  - { name: a, date: 2025-13-01 }\n")
                    == ["c.yaml:3:27: error: invalid date '2025-13-01': there is no month 13"])
        #expect(problems("calendar: c\ntimezone: UTC\nyears: [2025]\nweek: { monday: [] }\n")
                    == ["c.yaml:1:1: error: calendar 'c' has no working hours on any weekday"])
        // `week: { monday: [12:00-08:30] }`: the interval starts at 18.
        #expect(problems("calendar: c\nweek: { monday: [12:00-08:30] }\n")
                    == ["c.yaml:2:18: error: interval '12:00-08:30' ends before it starts"])
        #expect(problems("calendar: c\nholidays:\n  - { name: a, date: 2025-01-01 }\n  - { name: b, from: 2024-12-31, to: 2025-01-02 }\n")
                    == ["c.yaml:4:5: error: 2025-01-01 is already a holiday (a, 3:5)"])
    }
}
