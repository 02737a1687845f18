import Foundation

/// Turns a calendar file's YAML into a `CalendarFile`, reporting every problem it finds
/// (unknown keys, impossible dates and times, unsorted or overlapping intervals, a date listed
/// twice) into one bag rather than stopping at the first.
struct CalendarFileParser {
    /// The years a calendar file may name.
    static let supportedYears = 1971...9998

    let path: String
    var bag: DiagnosticBag

    /// nil when the file is unusable; the problems are in `bag`.
    static func parse(_ root: YAMLNode, path: String, into bag: inout DiagnosticBag) -> CalendarFile? {
        var parser = CalendarFileParser(path: path, bag: bag)
        let file = parser.file(root)
        bag = parser.bag
        return file
    }

    private mutating func file(_ root: YAMLNode) -> CalendarFile? {
        guard let pairs = root.mapping else {
            bag.error("a calendar file must be a mapping with a 'calendar' key, found \(root.kindDescription)", at: root.location)
            return nil
        }
        let keys = CalendarKeys.file.names
        for pair in pairs where !keys.contains(pair.name) {
            bag.error("unknown key \(Excerpt.quoted(pair.name))" + Suggestion.hint(for: pair.name, in: keys), at: pair.key.location)
        }
        var file = CalendarFile(path: path, id: "", location: root.location)
        if let node = root["calendar"], let id = text(node, "calendar") {
            file.id = id
        } else if root["calendar"] == nil {
            bag.error("missing 'calendar' (the calendar's id, e.g. 'calendar: cn-office')", at: root.location)
        }
        if let node = root["title"] { file.title = text(node, "title") }
        if let node = root["timezone"], let name = text(node, "timezone") {
            if let zone = Zone(identifier: name) {
                file.zone = zone
            } else {
                bag.error("unknown time zone '\(name)'" + Suggestion.hint(for: name, in: TimeZone.knownTimeZoneIdentifiers),
                          at: node.location)
            }
        }
        if let node = root["extends"] { file.extends = extends(node) }
        if let node = root["years"] {
            file.years = years(node)
            file.yearsLocation = node.location
        }
        if let node = root["week"] { file.week = week(node) }
        var byDate: [CivilDate: DayOverride] = [:]
        if let node = root["holidays"] {
            for entry in list(node, "holidays") { holiday(entry, into: &byDate, file: &file) }
        }
        if let node = root["makeup_days"] {
            for entry in list(node, "makeup_days") { makeUp(entry, into: &byDate, file: &file) }
        }
        if let years = file.years {
            for day in file.days where !years.contains(day.date.year) {
                bag.error("\(day.date) is outside the years this file covers (\(CalendarError.text(years)))", at: day.location)
            }
        }
        return file.id.isEmpty ? nil : file
    }

    // MARK: - Sections

    private mutating func extends(_ node: YAMLNode) -> [(path: String, location: SourceLocation)] {
        let items = node.sequence ?? [node]
        return items.compactMap { item in text(item, "extends").map { ($0, item.location) } }
    }

    private mutating func years(_ node: YAMLNode) -> ClosedRange<Int>? {
        var found: [Int] = []
        for item in node.sequence ?? [node] {
            guard let s = item.scalar, s.count == 4, let y = Int(s), Self.supportedYears.contains(y) else {
                bag.error("expected a year like 2025, found \(item.kindDescription)", at: item.location)
                continue
            }
            if found.contains(y) {
                bag.error("year \(y) is listed twice", at: item.location)
            } else {
                found.append(y)
            }
        }
        guard let lo = found.min(), let hi = found.max() else {
            if !bag.hasErrors { bag.error("'years' needs at least one year", at: node.location) }
            return nil
        }
        guard found.count == hi - lo + 1 else {
            let missing = (lo...hi).filter { !found.contains($0) }.map(String.init).joined(separator: ", ")
            bag.error("years must be consecutive; missing \(missing)", at: node.location)
            return nil
        }
        return lo...hi
    }

    private mutating func week(_ node: YAMLNode) -> WeekPattern? {
        guard let pairs = node.mapping else {
            bag.error("'week' must map weekdays to working hours, found \(node.kindDescription)", at: node.location)
            return nil
        }
        var pattern = WeekPattern()
        for pair in pairs {
            guard let iso = Weekday.isoNumber(pair.name) else {
                bag.error("unknown weekday '\(pair.name)'" + Suggestion.hint(for: pair.name, in: Weekday.names),
                          at: pair.key.location)
                continue
            }
            pattern.days[iso - 1] = intervals(pair.value, "week.\(pair.name)")
        }
        return pattern
    }

    /// A sorted, non-overlapping list of intervals; `[]` or an empty value means none.
    private mutating func intervals(_ node: YAMLNode, _ what: String) -> [WorkingInterval] {
        if node.isNull { return [] }
        guard let items = node.sequence else {
            bag.error("'\(what)' must be a list of intervals like [08:30-12:00, 13:30-17:30], found \(node.kindDescription)",
                      at: node.location)
            return []
        }
        var result: [WorkingInterval] = []
        for item in items {
            guard let s = item.scalar else {
                bag.error("expected an interval like '08:30-12:00', found \(item.kindDescription)", at: item.location)
                continue
            }
            switch CalendarSyntax.interval(s) {
            case .failure(let p):
                bag.error(p.message, at: item.location(ofContentOffset: p.offset))
            case .success(let interval):
                if let last = result.last {
                    if interval.start < last.end && interval.end > last.start {
                        bag.error("interval '\(interval)' overlaps '\(last)'", at: item.location)
                        continue
                    }
                    if interval.start < last.start {
                        bag.error("intervals must be in time order: '\(interval)' is listed after '\(last)'", at: item.location)
                        continue
                    }
                }
                result.append(interval)
            }
        }
        return result
    }

    private mutating func holiday(_ node: YAMLNode, into byDate: inout [CivilDate: DayOverride], file: inout CalendarFile) {
        guard let (pairs, allKnown) = entryPairs(node, "holidays", keys: CalendarKeys.holiday.names) else { return }
        let name = node["name"].flatMap { text($0, "name") }
        if node["name"] == nil, allKnown { bag.error("a holiday needs a 'name'", at: node.location) }
        var dates: [CivilDate] = []
        switch (node["date"], node["from"], node["to"]) {
        case (let d?, nil, nil):
            if let date = date(d) { dates = [date] }
        case (nil, let f?, let t?):
            if let from = date(f), let to = date(t) {
                if to < from {
                    bag.error("holiday ends (\(to)) before it starts (\(from))", at: t.location)
                } else if to.daysSinceEpoch - from.daysSinceEpoch > 366 {
                    bag.error("holiday runs longer than a year (\(from) to \(to))", at: t.location)
                } else {
                    dates = (0...(to.daysSinceEpoch - from.daysSinceEpoch)).map { from.adding(days: $0) }
                }
            }
        default:
            // A misspelt key has been reported already; the missing one is the same mistake.
            if allKnown {
                bag.error("a holiday needs either 'date' or both 'from' and 'to'", at: pairs.first?.key.location ?? node.location)
            }
        }
        guard let name else { return }
        for date in dates {
            add(DayOverride(date: date, name: name, kind: .holiday, location: node.location), into: &byDate, file: &file)
        }
    }

    private mutating func makeUp(_ node: YAMLNode, into byDate: inout [CivilDate: DayOverride], file: inout CalendarFile) {
        guard let (_, allKnown) = entryPairs(node, "makeup_days", keys: CalendarKeys.makeUpDay.names) else { return }
        let name = node["name"].flatMap { text($0, "name") }
        if node["name"] == nil, allKnown { bag.error("a make-up day needs a 'name'", at: node.location) }
        var day: CivilDate?
        if let d = node["date"] {
            day = date(d)
        } else if allKnown {
            bag.error("a make-up day needs a 'date'", at: node.location)
        }
        var hours = MakeUpHours.usual
        switch (node["hours"], node["as"]) {
        case (let h?, nil):
            let list = intervals(h, "hours")
            if h.isNull || h.sequence?.isEmpty == true { bag.error("a make-up day needs working hours", at: h.location) }
            hours = .explicit(list)
        case (nil, let a?):
            if let w = text(a, "as") {
                if let iso = Weekday.isoNumber(w) {
                    hours = .like(weekday: iso)
                } else {
                    bag.error("unknown weekday '\(w)'" + Suggestion.hint(for: w, in: Weekday.names), at: a.location)
                }
            }
        case (let h?, _?):
            bag.error("give either 'hours' or 'as', not both", at: h.location)
        case (nil, nil):
            break
        }
        guard let name, let day else { return }
        add(DayOverride(date: day, name: name, kind: .makeUp(hours), location: node.location), into: &byDate, file: &file)
    }

    /// One date per file: listed twice, or as both a holiday and a make-up day, is an error.
    private mutating func add(_ entry: DayOverride, into byDate: inout [CivilDate: DayOverride], file: inout CalendarFile) {
        if let earlier = byDate[entry.date] {
            let what = { (d: DayOverride) in d.isHoliday ? "a holiday" : "a make-up day" }
            let at = "\(earlier.location.line):\(earlier.location.column)"
            if earlier.isHoliday != entry.isHoliday {
                bag.error("\(entry.date) is listed both as \(what(earlier)) (\(earlier.name), \(at)) and as \(what(entry)) (\(entry.name))",
                          at: entry.location)
            } else {
                bag.error("\(entry.date) is already \(what(earlier)) (\(earlier.name), \(at))", at: entry.location)
            }
            return
        }
        byDate[entry.date] = entry
        file.days.append(entry)
    }

    // MARK: - Scalars

    /// The entry's pairs and whether all its keys are known; nil when it is not a mapping.
    private mutating func entryPairs(_ node: YAMLNode, _ section: String, keys: [String]) -> ([YAMLPair], Bool)? {
        guard let pairs = node.mapping else {
            bag.error("each entry of '\(section)' must be a mapping like { name: 春节, date: 2025-01-28 }, found \(node.kindDescription)",
                      at: node.location)
            return nil
        }
        var allKnown = true
        for pair in pairs where !keys.contains(pair.name) {
            bag.error("unknown key \(Excerpt.quoted(pair.name)) in \(section)" + Suggestion.hint(for: pair.name, in: keys), at: pair.key.location)
            allKnown = false
        }
        return (pairs, allKnown)
    }

    private mutating func list(_ node: YAMLNode, _ section: String) -> [YAMLNode] {
        if node.isNull { return [] }
        guard let items = node.sequence else {
            bag.error("'\(section)' must be a list, found \(node.kindDescription)", at: node.location)
            return []
        }
        return items
    }

    private mutating func text(_ node: YAMLNode, _ key: String) -> String? {
        guard let s = node.scalar, !node.isNull, !s.isEmpty else {
            bag.error("'\(key)' must be text, found \(node.kindDescription)", at: node.location)
            return nil
        }
        return s
    }

    private mutating func date(_ node: YAMLNode) -> CivilDate? {
        guard let s = node.scalar else {
            bag.error("expected a date like '2025-01-28', found \(node.kindDescription)", at: node.location)
            return nil
        }
        switch CalendarSyntax.date(s) {
        case .success(let d): return d
        case .failure(let p):
            bag.error(p.message, at: node.location(ofContentOffset: p.offset))
            return nil
        }
    }
}
