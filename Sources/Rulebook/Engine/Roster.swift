/// The people the penalties name: department, manager, base points, and the monthly bonus the
/// cap is computed from.
public struct Roster: PeopleDirectory, Sendable {
    public struct Person: Sendable, Equatable {
        public var name: String
        public var department: String?
        public var manager: String?
        public var basePoints: Fraction?
        /// Bonus by month (`2026-11`); `defaultBonus` for months not listed.
        public var bonusByMonth: [String: Money]
        public var defaultBonus: Money?

        public init(name: String, department: String? = nil, manager: String? = nil, basePoints: Fraction? = nil,
                    bonusByMonth: [String: Money] = [:], defaultBonus: Money? = nil) {
            self.name = name
            self.department = department
            self.manager = manager
            self.basePoints = basePoints
            self.bonusByMonth = bonusByMonth
            self.defaultBonus = defaultBonus
        }
    }

    public private(set) var people: [String: Person] = [:]
    /// The names again, compared as UTF-8 bytes: checking a Chinese name this way costs no
    /// Unicode normalization, which hashing a String does. `contains` asks `people` on a miss.
    private var names: Set<Name> = []
    /// Each department's members by name, kept as people are added: a penalty shared by
    /// base points reads them for every case.
    private var byDepartment: [String: [Person]] = [:]

    private struct Name: Hashable {
        var text: String
        func hash(into h: inout Hasher) {
            var t = text
            t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        static func == (a: Name, b: Name) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    }
    /// Where the roster came from, for messages.
    public var source: String

    public init(source: String = "roster", people: [Person] = []) {
        self.source = source
        for p in people { add(p) }
    }

    public mutating func add(_ p: Person) {
        if let old = people[p.name], let d = old.department { byDepartment[d]?.removeAll { $0.name == p.name } }
        people[p.name] = p
        names.insert(Name(text: p.name))
        if let d = p.department {
            var members = byDepartment[d, default: []]
            members.insert(p, at: members.firstIndex { p.name < $0.name } ?? members.count)
            byDepartment[d] = members
        }
    }

    public func contains(_ person: String) -> Bool { names.contains(Name(text: person)) || people[person] != nil }
    public func manager(of person: String) -> String? { people[person]?.manager }
    public func department(of person: String) -> String? { people[person]?.department }
    public func basePoints(of person: String) -> Fraction? { people[person]?.basePoints }

    public func bonus(of person: String, month: String) -> Money? {
        guard let p = people[person] else { return nil }
        return p.bonusByMonth[month] ?? p.defaultBonus
    }

    /// Members of a department, sorted by name so shares are computed in a stable order.
    public func members(of department: String) -> [Person] { byDepartment[department] ?? [] }
}
