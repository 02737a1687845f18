import Foundation

/// The people the penalties name: department, manager, base points, and the monthly bonus the
/// cap is computed from; and the departments' tree (each department's parent), so that a loss
/// can be shared by a department with everything under it (全科, 全部门).
public struct Roster: PeopleDirectory, Sendable {
    struct Person: Sendable, Equatable {
        var name: String
        var department: String?
        var manager: String?
        var basePoints: Fraction?
        /// Bonus by month (`2026-11`); `defaultBonus` for months not listed.
        var bonusByMonth: [String: Money]
        var defaultBonus: Money?

        init(name: String, department: String? = nil, manager: String? = nil, basePoints: Fraction? = nil,
             bonusByMonth: [String: Money] = [:], defaultBonus: Money? = nil) {
            self.name = name
            self.department = department
            self.manager = manager
            self.basePoints = basePoints
            self.bonusByMonth = bonusByMonth
            self.defaultBonus = defaultBonus
        }
    }

    private(set) var people: [String: Person] = [:]
    /// The people again, by name compared as UTF-8 bytes: looking up a Chinese name this way
    /// costs no Unicode normalization, which hashing a String does (rules read a person's
    /// manager for every case). A miss asks `people` (a name written in another normal form).
    private var byName = NameIndex()
    /// The people `byName` numbers: reading one member projects it out of the array, where a
    /// dictionary's value would be copied whole (its strings and bonuses retained and released).
    private var numbered: [Person] = []
    /// Each person's place in the roster (the order they were first added, i.e. of the roster
    /// file's rows): shares are listed, and ties in a split broken, in this order, which a
    /// reader of the roster can predict; name order (code points) nobody can.
    private var rank: [String: Int] = [:]
    /// Each department's own members in roster order, kept as people are added: a penalty
    /// shared by base points reads them for every case.
    private var byDepartment: [String: [Person]] = [:]
    /// Each department's parent (上级部门), and the reverse, in the order declared.
    private(set) var parents: [String: String] = [:]
    private var children: [String: [String]] = [:]

    /// Where the roster came from, for messages.
    public var source: String

    init(source: String = "roster", people: [Person] = [], parents: [(department: String, parent: String)] = []) {
        self.source = source
        for p in people { add(p) }
        for (d, p) in parents { setParent(p, of: d) }
    }

    /// Adds a person, or replaces one already added (who keeps their place in the roster).
    mutating func add(_ p: Person) {
        if let old = people[p.name], let d = old.department { byDepartment[d]?.removeAll { $0.name == p.name } }
        people[p.name] = p
        let i = byName.add(p.name)
        if i < numbered.count {
            numbered[i] = p
        } else {
            numbered.append(p)
        }
        let place = rank[p.name] ?? rank.count
        rank[p.name] = place
        if let d = p.department {
            var members = byDepartment[d, default: []]
            // A new person comes last; one listed again (a row per month) keeps their place.
            if let last = members.last, rank[last.name]! > place {
                members.insert(p, at: members.firstIndex { place < rank[$0.name]! }!)
            } else {
                members.append(p)
            }
            byDepartment[d] = members
        }
    }

    /// Declares `parent` as the department directly above `department`, replacing an earlier
    /// parent. `RosterReader` refuses contradictions and cycles with the row; a cycle made
    /// here is harmless (`members(of:withSubunits:)` visits each department once).
    mutating func setParent(_ parent: String, of department: String) {
        if let old = parents[department] { children[old]?.removeAll { $0 == department } }
        parents[department] = parent
        children[parent, default: []].append(department)
    }

    /// Whether the roster lists `person` (names compare as the export's do: Unicode-equal
    /// and trimmed).
    public func contains(_ person: String) -> Bool { byName.number(of: person) != nil || people[person] != nil }
    /// The person's manager, if the roster gives one.
    public func manager(of person: String) -> String? {
        if let i = byName.number(of: person) { return manager(number: i) }
        return people[person]?.manager
    }
    /// The person's own department, if the roster gives one.
    public func department(of person: String) -> String? {
        if let i = byName.number(of: person) { return department(number: i) }
        return people[person]?.department
    }
    func basePoints(of person: String) -> Fraction? {
        if let i = byName.number(of: person) { return basePoints(number: i) }
        return people[person]?.basePoints
    }

    /// The person's bonus for `month` (`2026-11`): the month's own figure, else the one the
    /// roster gives for every month; nil when it has neither.
    public func bonus(of person: String, month: String) -> Money? {
        if let i = byName.number(of: person) { return bonus(number: i, month: month) }
        guard let p = people[person] else { return nil }
        return p.bonusByMonth[month] ?? p.defaultBonus
    }

    /// The place of a person whose name is written as the roster writes it, byte for byte
    /// (`PeopleDirectory`); the facts below read the person at a place.
    func number(of person: String) -> Int? { byName.number(of: person) }
    func manager(number i: Int) -> String? { numbered[i].manager }
    func department(number i: Int) -> String? { numbered[i].department }
    func basePoints(number i: Int) -> Fraction? { numbered[i].basePoints }
    func bonus(number i: Int, month: String) -> Money? { numbered[i].bonusByMonth[month] ?? numbered[i].defaultBonus }

    /// The last month the roster gives `person` a bonus for by name of month (`2026-12`); nil
    /// when it lists none (a bonus for every month says nothing of an end).
    public func lastBonusMonth(of person: String) -> String? { people[person]?.bonusByMonth.keys.max() }

    /// Members of a department in roster order, so shares are computed in a stable order and
    /// a tie goes to whoever the roster lists first.
    func members(of department: String) -> [Person] { byDepartment[department] ?? [] }

    /// Members of a department, and with `withSubunits` of every department under it, in
    /// roster order.
    func members(of department: String, withSubunits: Bool) -> [Person] {
        guard withSubunits, children[department] != nil else { return members(of: department) }
        var seen: Set<String> = [department]
        var queue = [department]
        var all: [Person] = []
        while let d = queue.popLast() {
            all += byDepartment[d] ?? []
            for c in children[d] ?? [] where seen.insert(c).inserted { queue.append(c) }
        }
        return all.sorted { rank[$0.name]! < rank[$1.name]! }
    }
}
