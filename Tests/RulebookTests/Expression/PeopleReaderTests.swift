import Testing
@testable import Rulebook

/// The per-thread roster reader answers as the roster does, whether a name is remembered by
/// its words or looked up again.
@Suite struct PeopleReaderTests {
    static let long = String(repeating: "欧阳", count: 5)  // 30 bytes: held in storage, not in the string
    static let roster = Roster(people: [
        .init(name: "张三", department: "品管部", manager: "李四", basePoints: Fraction(3), defaultBonus: Money(yuan: 1000)),
        .init(name: "李四", department: "品管部"),
        .init(name: "José", manager: "张三"),
        .init(name: long, department: "营销部", manager: "张三", bonusByMonth: ["2026-11": Money(yuan: 800)]),
    ])

    @Test(arguments: [
        "张三", "李四", "José", "Jose\u{301}", long, "王五", "", String(repeating: "欧阳", count: 6),
    ])
    func answersAsTheRoster(_ name: String) {
        let reader = PeopleReader(Self.roster)
        // Asked three times, with copies made from other bytes, so that hits and misses both run.
        for probe in [name, String(decoding: Array(name.utf8), as: UTF8.self), name] {
            #expect(reader.contains(probe) == Self.roster.contains(probe))
            #expect(reader.manager(of: probe) == Self.roster.manager(of: probe))
            #expect(reader.department(of: probe) == Self.roster.department(of: probe))
            #expect(reader.basePoints(of: probe) == Self.roster.basePoints(of: probe))
            #expect(reader.bonus(of: probe, month: "2026-11") == Self.roster.bonus(of: probe, month: "2026-11"))
        }
    }

    /// A name in another normal form has no number (its bytes are not the roster's) and is
    /// still found by name.
    @Test func otherNormalForm() {
        let reader = PeopleReader(Self.roster)
        #expect(reader.number(of: "Jose\u{301}") == nil)
        #expect(reader.contains("Jose\u{301}"))
        #expect(reader.manager(of: "Jose\u{301}") == "张三")
        #expect(reader.number(of: "José") != nil)
    }

    /// Many names through a table of 512 places: each still answered right after others took
    /// its place.
    @Test func manyNames() {
        let people = (0..<2_000).map { Roster.Person(name: "员工\($0)", manager: "经理\($0 % 7)") }
        let roster = Roster(people: people)
        let reader = PeopleReader(roster)
        for round in 0..<2 {
            for i in stride(from: round, to: 2_000, by: 3) {
                #expect(reader.manager(of: "员工\(i)") == "经理\(i % 7)")
            }
        }
        #expect(!reader.contains("员工2000"))
    }
}
