import Foundation
@testable import Rulebook

/// Shared fixtures for the calendar tests: the shipped office calendar, loaded once.
enum CalendarFixtures {
    /// The package root, from this file's path (Tests/RulebookTests/Calendar/…).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let shanghai = Zone(identifier: "Asia/Shanghai")!

    /// rules/calendars/cn-office.yaml: Mon–Fri 08:30–12:00 and 13:30–17:30 (7.5 h a day) with
    /// the national holidays of 2025 and 2026.
    static let office: BusinessCalendar = try! CalendarLoader(baseDirectory: root).load(path: "rules/calendars/cn-office.yaml")

    static func load(_ path: String) throws -> BusinessCalendar {
        try CalendarLoader(baseDirectory: root).load(path: path)
    }

    /// The diagnostics a load produces, as printed; empty when it loads.
    static func diagnostics(_ path: String) -> [String] {
        do {
            _ = try load(path)
            return []
        } catch let e as DiagnosticError {
            return e.diagnostics.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }
}

/// `2025-03-14T16:00`, read in Asia/Shanghai unless it carries an offset.
func ts(_ text: String) -> Timestamp {
    TimestampParser.timestamp(Array(text.utf8)[...], zone: CalendarFixtures.shanghai)!
}

func date(_ text: String) -> CivilDate {
    TimestampParser.parse(text)!.date
}

/// The deadline as text, in the office calendar unless told.
func due(_ start: String, _ span: TimeSpan, _ rule: WorkingDayRule = .sameTimeOfDay,
         in calendar: BusinessCalendar = CalendarFixtures.office) throws -> String {
    try calendar.deadline(from: ts(start), span: span, rule: rule).description
}

let hour: Int64 = 3600
let minute: Int64 = 60
