/// A calendar with its inheritance resolved: what the file says, filled in from the files it
/// extends. Parts may still be missing (a holiday-only file has no week); `BusinessCalendar`
/// requires them.
struct CalendarDefinition {
    var id: String
    var title: String?
    var path: String
    var location: SourceLocation
    var zone: Zone?
    var years: ClosedRange<Int>?
    var week: WeekPattern?
    /// Holidays and make-up days by date; the nearest file wins.
    var days: [CivilDate: DayOverride]

    /// Inheritance: the child's `timezone`, `week` and `years` replace the parents'; holidays
    /// and make-up days accumulate, the child's entry winning on the same date (a department
    /// may work a public holiday). Parents must agree with each other where the child is
    /// silent, or the child must decide.
    static func merge(_ file: CalendarFile, parents: [(definition: CalendarDefinition, via: SourceLocation)],
                      into bag: inout DiagnosticBag) -> CalendarDefinition? {
        let errorsBefore = bag.diagnostics.count
        var merged = CalendarDefinition(id: file.id, title: file.title, path: file.path, location: file.location,
                                        zone: file.zone, years: file.years, week: file.week, days: [:])

        if merged.zone == nil {
            merged.zone = agreed(parents, "time zones", "timezone", \.zone?.identifier, into: &bag).flatMap { $0.zone }
        }
        if merged.week == nil {
            merged.week = agreed(parents, "weekly hours", "week", \.week, into: &bag).flatMap { $0.week }
        }

        let parentYears = parents.compactMap(\.definition.years)
        if let lo = parentYears.map(\.lowerBound).min(), let hi = parentYears.map(\.upperBound).max() {
            let covered = Set(parentYears.flatMap { Array($0) })
            if let own = file.years {
                let uncovered = own.filter { !covered.contains($0) }
                if !uncovered.isEmpty {
                    bag.error("year \(uncovered.map(String.init).joined(separator: ", ")) is not covered by the calendars "
                              + "this one extends (\(covered.sorted().map(String.init).joined(separator: ", ")))",
                              at: file.yearsLocation ?? file.location)
                }
            } else if covered.count != hi - lo + 1 {
                bag.error("the extended calendars leave a gap in the years (\(covered.sorted().map(String.init).joined(separator: ", "))); "
                          + "the covered years must be consecutive", at: parents[0].via)
            } else {
                merged.years = lo...hi
            }
        }

        for (parent, via) in parents {
            for (date, entry) in parent.days {
                if let other = merged.days[date] {
                    if other.isHoliday != entry.isHoliday {
                        bag.error("\(parent.path) makes \(date) \(entry.isHoliday ? "a holiday" : "a make-up day") (\(entry.name)), "
                                  + "but \(other.location.file) makes it \(other.isHoliday ? "a holiday" : "a make-up day") (\(other.name)); "
                                  + "list the date in this file to decide", at: via)
                    }
                    continue
                }
                merged.days[date] = entry
            }
        }
        for entry in file.days {
            merged.days[entry.date] = entry
            if file.years == nil, let years = merged.years, !years.contains(entry.date.year) {
                bag.error("\(entry.date) is outside the years this calendar covers (\(CalendarError.text(years)))", at: entry.location)
            }
        }
        return bag.diagnostics.count == errorsBefore ? merged : nil
    }

    /// The parent that sets a property, when all parents that set it agree.
    private static func agreed<V: Equatable>(
        _ parents: [(definition: CalendarDefinition, via: SourceLocation)], _ what: String, _ key: String,
        _ value: KeyPath<CalendarDefinition, V?>, into bag: inout DiagnosticBag
    ) -> CalendarDefinition? {
        let setting = parents.filter { $0.definition[keyPath: value] != nil }
        guard let first = setting.first else { return nil }
        if let other = setting.first(where: { $0.definition[keyPath: value] != first.definition[keyPath: value] }) {
            bag.error("\(first.definition.path) and \(other.definition.path) have different \(what); set '\(key)' in this file",
                      at: other.via)
            return nil
        }
        return first.definition
    }
}
