/// Reads the roster (CSV or JSON Lines): one row per person, or per person and month when a
/// month column gives each month's bonus.
///
/// Columns (any alias): person (姓名), department (部门), manager (主管), base_points (基点数),
/// bonus (月度奖金, 效率奖金), month (月份, `2026-11`), parent (上级部门: the department above the
/// row's department). A row with a department and its parent but no name declares a department
/// that has no members of its own (制造部 above its sections).
public enum RosterReader {
    /// The roster's columns, in the order `load` reads them by index, with what each holds:
    /// `rulebook schema roster` describes a JSON Lines record from the same table.
    static let columns: [(field: WantedField, value: ValueSpec, summary: String)] = [
        (WantedField(name: "person", aliases: ["name", "姓名", "人员", "责任人"]), .text,
         "the person's name; required on a person's row (a department's own row leaves it empty)"),
        (WantedField(name: "department", aliases: ["部门"], required: false), .text, "the person's own department"),
        (WantedField(name: "manager", aliases: ["主管", "经理", "部门主管"], required: false), .text, "the person's manager (.manager)"),
        (WantedField(name: "base_points", aliases: ["基点数", "基点"], required: false), .number(.rosterNumber),
         "base points (.base_points; shares of apportion: base-points)"),
        (WantedField(name: "bonus", aliases: ["monthly_bonus", "月度奖金", "效率奖金", "效益奖金"], required: false), .number(.rosterAmount),
         "the monthly bonus: the cap's and bonus(…)'s figure"),
        (WantedField(name: "month", aliases: ["月份"], required: false), .written(.month),
         "the month the row's bonus is for (2026-11); without it, every month's"),
        (WantedField(name: "parent", aliases: ["parent_department", "上级部门", "上级单位"], required: false), .text,
         "the department directly above the row's department"),
    ]
    static let wanted = columns.map(\.field)

    /// Reads the roster at `path` (CSV or JSON Lines, by its extension; `encoding` and
    /// `limits` as for an export). Throws ``DiagnosticError`` for a row it cannot read or a
    /// person listed twice, located at the row and column.
    public static func load(path: String, encoding: InputEncoding? = nil, limits: RecordLimits = .default) throws -> Roster {
        func read<S: RecordSource>(_ source: S) throws -> Roster {
            var bound = try BoundRecords(source, wanted: wanted)
            var roster = Roster(source: path)
            var seen: [String: Int] = [:]
            var tree = DepartmentTree()
            while let r = try bound.next() {
                func text(_ i: Int) -> String? {
                    guard let c = bound.columns[i], let k = r.kind(c), k != .null else { return nil }
                    let s = r.string(c).trimmingCharacters(in: .whitespaces)
                    return s.isEmpty ? nil : s
                }
                func fail(_ i: Int, _ message: String) -> DiagnosticError {
                    let at = bound.columns[i].map { r.location(ofColumn: $0) } ?? r.location
                    return DiagnosticError(.error("row \(r.row): column \(wanted[i].name): \(message)", at: at))
                }
                if let parent = text(6) {
                    guard let department = text(1) else {
                        throw fail(6, "\(Excerpt.quoted(parent)) is the parent of the row's department, but the row names no department")
                    }
                    if let problem = tree.declare(department, under: parent, row: r.row) { throw fail(6, problem) }
                    roster.setParent(parent, of: department)
                    if text(0) == nil { continue }  // a department's own row
                }
                guard let name = text(0) else { throw fail(0, "a person's name is required") }
                var person = roster.people[name] ?? Roster.Person(name: name)
                if let d = text(1) { person.department = d }
                if let m = text(2) { person.manager = m }
                if let b = text(3) {
                    guard let v = Fraction(parsing: Substring(b)) else { throw fail(3, "cannot read \(Excerpt.quoted(b)) as a number") }
                    person.basePoints = v
                }
                let month = text(5)
                if let m = month {
                    guard m.count == 7, let p = TimestampParser.parse(m + "-01"), p.date.description.hasPrefix(m) else {
                        throw fail(5, "cannot read \(Excerpt.quoted(m)) as a month (e.g. 2026-11)")
                    }
                    // A far month would let `carry_until: roster` run a ledger line per month
                    // up to it; the years are those a policy handles anywhere else.
                    guard Timestamp.supportedYears.contains(p.date.year) else {
                        throw fail(5, "\(Excerpt.quoted(m)) is outside the years \(Timestamp.supportedYearsText) a policy handles")
                    }
                }
                let key = name + "|" + (month ?? "*")
                if let first = seen[key] {
                    throw fail(0, "\(Excerpt.quoted(name))\(month.map { " for \($0)" } ?? "") is listed twice (first at row \(first))")
                }
                seen[key] = r.row
                if let b = text(4) {
                    guard let m = Money(parsing: b) else { throw fail(4, "cannot read \(Excerpt.quoted(b)) as an amount of money") }
                    if let month { person.bonusByMonth[month] = m } else { person.defaultBonus = m }
                }
                roster.add(person)
            }
            return roster
        }
        return try read(RecordFile.open(path: path, encoding: encoding, limits: limits))
    }
}
