extension BusinessCalendar {
    /// The calendar for a resolved definition; nil after reporting what is missing or
    /// inconsistent (no zone, no years, no week, make-up days whose hours are unclear).
    static func build(_ definition: CalendarDefinition, into bag: inout DiagnosticBag) -> BusinessCalendar? {
        let errorsBefore = bag.diagnostics.count
        let at = definition.location
        if definition.zone == nil {
            bag.error("calendar '\(definition.id)' has no time zone; add 'timezone: Asia/Shanghai' or extend a calendar that has one", at: at)
        }
        if definition.years == nil {
            bag.error("calendar '\(definition.id)' does not say which years it covers; add 'years: [2025, 2026]' or extend calendars that do", at: at)
        }
        if definition.week == nil {
            bag.error("calendar '\(definition.id)' has no working week; add 'week:' with hours per weekday or extend a calendar that has one", at: at)
        }
        guard let zone = definition.zone, let years = definition.years, let week = definition.week else { return nil }
        if week.days.allSatisfy(\.isEmpty) {
            bag.error("calendar '\(definition.id)' has no working hours on any weekday", at: at)
            return nil
        }

        let first = CivilDate(year: years.lowerBound, month: 1, day: 1)!
        let after = CivilDate(year: years.upperBound + 1, month: 1, day: 1)!
        let count = Int(after.daysSinceEpoch - first.daysSinceEpoch)
        var kinds: [DayKind] = [], hours: [[WorkingInterval]] = []
        kinds.reserveCapacity(count)
        hours.reserveCapacity(count)
        for i in 0..<count {
            let date = first.adding(days: Int64(i))
            let weekly = week.intervals(isoWeekday: date.isoWeekday)
            guard let entry = definition.days[date] else {
                kinds.append(weekly.isEmpty ? .weekend : .workday)
                hours.append(weekly)
                continue
            }
            switch entry.kind {
            case .holiday:
                kinds.append(.holiday(entry.name))
                hours.append([])
            case .makeUp(let spec):
                if !weekly.isEmpty {
                    bag.error("make-up day \(date) (\(entry.name)) is a \(Weekday.displayName(date.isoWeekday)), already a working day "
                              + "in calendar '\(definition.id)'; a make-up day replaces a day off", at: entry.location)
                }
                kinds.append(.makeUpWorkday(entry.name))
                hours.append(makeUpHours(spec, week: week, entry: entry, calendar: definition.id, into: &bag))
            }
        }
        guard bag.diagnostics.count == errorsBefore else { return nil }
        return BusinessCalendar(id: definition.id, title: definition.title, zone: zone, years: years,
                                dayKinds: kinds, dayIntervals: hours)
    }

    private static func makeUpHours(_ spec: MakeUpHours, week: WeekPattern, entry: DayOverride, calendar: String,
                                    into bag: inout DiagnosticBag) -> [WorkingInterval] {
        switch spec {
        case .explicit(let list):
            return list
        case .like(let weekday):
            let list = week.intervals(isoWeekday: weekday)
            if list.isEmpty {
                bag.error("make-up day \(entry.date) works as \(Weekday.displayName(weekday)), which has no hours in calendar '\(calendar)'",
                          at: entry.location)
            }
            return list
        case .usual:
            guard let list = week.usualHours else {
                bag.error("make-up day \(entry.date): the working weekdays of calendar '\(calendar)' have different hours; "
                          + "say which with 'as: monday' or give 'hours'", at: entry.location)
                return []
            }
            return list
        }
    }
}
