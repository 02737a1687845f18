/// A computation the calendar cannot answer exactly. Thrown rather than guessing.
enum CalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An instant (shown as its local date) lies outside the years the calendar covers.
    case outOfRange(CivilDate, calendar: String, years: ClosedRange<Int>)
    /// The start is covered, but the deadline or next working instant lies past the last
    /// covered day.
    case beyondCoverage(start: Timestamp, span: TimeSpan, calendar: String, years: ClosedRange<Int>)
    /// Deadlines count forward only.
    case negativeSpan(TimeSpan)

    var description: String {
        switch self {
        case .outOfRange(let date, let id, let years):
            return "\(date) is outside calendar '\(id)', which covers \(CalendarError.text(years)); "
                + "add that year's holidays to the calendar"
        case .beyondCoverage(let start, let span, let id, let years):
            return "\(span) from \(start) runs past the end of calendar '\(id)', which covers "
                + "\(CalendarError.text(years)); add the next year's holidays to the calendar"
        case .negativeSpan(let span):
            return "cannot compute a deadline for a negative span (\(span))"
        }
    }

    /// `2025–2026` or `2025`.
    static func text(_ years: ClosedRange<Int>) -> String {
        years.lowerBound == years.upperBound ? "\(years.lowerBound)" : "\(years.lowerBound)–\(years.upperBound)"
    }
}
