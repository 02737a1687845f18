import Foundation
import FuzzSupport
@testable import Rulebook

// The calendar parser and builder (`extends` resolved against the shipped calendars, held in
// memory), then working-time arithmetic on the calendar built: deadlines on every clock and
// rule, their explanation, elapsed time back, at a few instants of its first and last year.

/// The input's path: `extends: cn-2025.yaml` and `../../rules/calendars/cn-office.yaml` (as
/// written in `fixtures/calendars/`) both resolve to a shipped calendar.
let input = "rules/calendars/fuzz-input.yaml"

let shipped: [String: String] = Fuzz.setUp("rules/calendars") {
    var files: [String: String] = [:]
    for folder in ["rules/calendars", "fixtures/calendars"] {
        for name in try FileManager.default.contentsOfDirectory(atPath: Fuzz.path(folder)) where name.hasSuffix(".yaml") {
            files[folder + "/" + name] = try String(contentsOfFile: Fuzz.path(folder + "/" + name), encoding: .utf8)
        }
    }
    return files
}

let spans: [TimeSpan] = [
    .seconds(0), .seconds(90 * 60), .workingSeconds(0), .workingSeconds(3600), .workingSeconds(8 * 3600),
    .workingSeconds(45 * 3600), .workingDays(0), .workingDays(1), .workingDays(3), .workingDays(20),
]

func exercise(_ calendar: BusinessCalendar) {
    for year in Set([calendar.years.lowerBound, calendar.years.upperBound]) {
        for (month, day, second) in [(1, 1, 0), (2, 14, 9 * 3600 + 15 * 60), (10, 1, 12 * 3600), (12, 31, 17 * 3600 + 59)] {
            guard let date = CivilDate(year: year, month: month, day: day) else { continue }
            _ = try? calendar.dayKind(date)
            let start = calendar.zone.timestamp(date: date, secondOfDay: Int64(second))
            _ = try? calendar.nextWorkingInstant(atOrAfter: start)
            for span in spans {
                for rule in [WorkingDayRule.sameTimeOfDay, .endOfDay] {
                    guard let due = try? calendar.deadline(from: start, span: span, rule: rule) else { continue }
                    _ = try? calendar.explainDeadline(from: start, span: span, rule: rule)
                    _ = try? calendar.elapsed(from: start, to: due, clock: span.clock, rule: rule)
                    _ = try? calendar.elapsed(from: due, to: start, clock: span.clock, rule: rule)
                }
            }
        }
    }
}

Fuzz.main(expected: [CalendarError.self]) { bytes in
    var files = shipped
    files[input] = String(decoding: bytes, as: UTF8.self)
    let loader = CalendarLoader(files: files)
    try loader.validate(path: input)
    exercise(try loader.load(path: input))
}
