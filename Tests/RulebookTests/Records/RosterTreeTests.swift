import Foundation
import Testing
@testable import Rulebook

/// The roster's department tree (上级部门) as the reader builds it, and the rows it refuses.
@Suite struct RosterTreeTests {
    static func load(_ csv: String) throws -> Roster {
        var roster: Roster?
        try TemporaryFolder.with(["roster.csv": csv], label: "roster-tree") { dir in
            roster = try RosterReader.load(path: dir + "/roster.csv")
        }
        return try #require(roster)
    }

    /// The one error a roster fails with, its folder cut off.
    static func failure(_ csv: String) -> String {
        var text = "no error"
        do {
            try TemporaryFolder.with(["roster.csv": csv], label: "roster-tree") { dir in
                do {
                    _ = try RosterReader.load(path: dir + "/roster.csv")
                } catch let e as DiagnosticError {
                    text = e.diagnostics.map(\.description).joined(separator: "\n").replacingOccurrences(of: dir + "/", with: "")
                }
            }
        } catch {
            text = "not located: \(error)"
        }
        return text
    }

    static let plant = """
    姓名,部门,基点数,月度奖金,上级部门
    周杰,制造一科,3,2400,制造部
    郑华,装配一组,2,1500,制造一科
    孙丽,制造一科,2,1600,制造部
    马超,装配二组,1,400,制造一科
    何丽,装配一组,1.5,1000,制造一科
    ,制造二科,,,制造部
    吴敏,制造二科,1,1000,
    """

    @Test func aSectionWithItsGroupUnitsInRosterOrder() throws {
        let r = try Self.load(Self.plant)
        #expect(r.members(of: "制造一科").map(\.name) == ["周杰", "孙丽"])
        #expect(r.members(of: "制造一科", withSubunits: false).map(\.name) == ["周杰", "孙丽"])
        #expect(r.members(of: "制造一科", withSubunits: true).map(\.name) == ["周杰", "郑华", "孙丽", "马超", "何丽"])
        // Two levels down, and a department declared by a row without a person (制造二科).
        #expect(r.members(of: "制造部", withSubunits: true).map(\.name) == ["周杰", "郑华", "孙丽", "马超", "何丽", "吴敏"])
        #expect(r.members(of: "制造部").isEmpty)
        #expect(r.members(of: "装配一组", withSubunits: true).map(\.name) == ["郑华", "何丽"])
        #expect(r.parents == ["制造一科": "制造部", "装配一组": "制造一科", "装配二组": "制造一科", "制造二科": "制造部"])
        #expect(!r.contains(""))
    }

    @Test func aDepartmentHasOneParent() {
        let csv = Self.plant + "\n孙强,装配一组,1,800,制造二科\n"
        #expect(Self.failure(csv) == """
        roster.csv:9:15: error: row 9: column parent: '装配一组' is under '制造一科' (row 3), not '制造二科': a department has one parent
        """)
        // The same parent again is no contradiction.
        #expect(Self.failure(Self.plant + "\n孙强,装配一组,1,800,制造一科\n") == "no error")
    }

    @Test func aCycleIsRefusedAtTheRowThatClosesIt() {
        let csv = """
        姓名,部门,上级部门
        甲,一组,一科
        乙,一科,制造部
        丙,制造部,一组
        """
        #expect(Self.failure(csv) == """
        roster.csv:4:7: error: row 4: column parent: the departments would form a cycle: '制造部' → '一组' → '一科' → '制造部'
        """)
        #expect(Self.failure("姓名,部门,上级部门\n甲,一组,一组\n") == """
        roster.csv:2:6: error: row 2: column parent: the departments would form a cycle: '一组' → '一组'
        """)
    }

    @Test func aDeepChainIsReadAndItsClosingCycleFound() throws {
        // 20,000 departments each under the one before (declared top down, and bottom up), then
        // a row putting the top under the bottom. Walking the parents on every row made this
        // quadratic (a 30,000-row chain took over a minute); the cycle is still named.
        var down = "姓名,部门,上级部门\n", up = "姓名,部门,上级部门\n"
        for i in 1...20_000 { down += "p\(i),d\(i),d\(i - 1)\n" }
        for i in stride(from: 20_000, through: 1, by: -1) { up += "p\(i),d\(i),d\(i - 1)\n" }
        #expect(try Self.load(down).members(of: "d0", withSubunits: true).count == 20_000)
        #expect(try Self.load(up).members(of: "d0", withSubunits: true).count == 20_000)
        let failure = Self.failure(down + "q,d0,d20000\n")
        #expect(failure.hasPrefix("roster.csv:20002:"), "\(failure.prefix(200))")
        #expect(failure.contains("the departments would form a cycle: 'd0' → 'd20000' → 'd19999'"), "\(failure.prefix(200))")
    }

    @Test func aParentNeedsTheRowsDepartment() {
        #expect(Self.failure("姓名,部门,上级部门\n甲,,一科\n") == """
        roster.csv:2:4: error: row 2: column parent: '一科' is the parent of the row's department, but the row names no department
        """)
        // A row with neither a person nor a parent is still an error.
        #expect(Self.failure("姓名,部门,上级部门\n,一组,\n").contains("a person's name is required"))
    }

    @Test func aCycleBuiltByHandDoesNotLoop() {
        let r = Roster(people: [.init(name: "甲", department: "一组"), .init(name: "乙", department: "一科")],
                       parents: [("一组", "一科"), ("一科", "一组")])
        #expect(r.members(of: "一科", withSubunits: true).map(\.name) == ["甲", "乙"])
    }
}
