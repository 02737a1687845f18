import Foundation
import Testing
@testable import Rulebook

/// What penalties read from the roster: a department's members with or without the
/// departments under it, their order (ties in a split), and the monthly bonus.
@Suite struct RosterPenaltyTests {
    typealias R = RunTimeErrorTests

    /// The report's fines (in report order: by case, rule, then party name).
    static func fines(_ r: EvaluationReport) -> [String] {
        r.findings.filter { $0.kind == .penalty }.map { "\($0.party ?? "-") \($0.amount.map { "\($0)" } ?? "-") \($0.month ?? "-")" }
    }

    static func unitLoss(_ members: String?) -> String {
        """
        policy: unit-loss
        fields: { case_id: string, at: timestamp, loss: money, unit: department }
        penalties:
          - id: unit-loss
            when: loss > 0 CNY
            amount: loss
            apportion: base-points
            among: unit
        \(members.map { "    members: \($0)" } ?? "")
        """
    }

    static let plant = Roster(people: [
        .init(name: "周杰", department: "制造一科", basePoints: Fraction(3)),
        .init(name: "郑华", department: "装配一组", basePoints: Fraction(2)),
        .init(name: "孙丽", department: "制造一科", basePoints: Fraction(2)),
        .init(name: "马超", department: "装配一组", basePoints: Fraction(1)),
    ], parents: [("装配一组", "制造一科")])

    @Test func withSubunitsSharesAmongTheSectionAndItsGroups() throws {
        let csv = "case_id,at,loss,unit\nA,2026-11-02 09:00,800,制造一科\n"
        // 800 over 3 + 2 + 2 + 1 = 8 points: 100 a point.
        #expect(Set(Self.fines(try R.run(Self.unitLoss("with-subunits"), csv, roster: Self.plant)))
                == ["周杰 300.00 2026-11", "郑华 200.00 2026-11", "孙丽 200.00 2026-11", "马超 100.00 2026-11"])
        // The default, and `direct`, is the department's own people: 800 over 5 points.
        for members in [nil, "direct"] {
            #expect(Set(Self.fines(try R.run(Self.unitLoss(members), csv, roster: Self.plant)))
                    == ["周杰 480.00 2026-11", "孙丽 320.00 2026-11"])
        }
        // A department with nothing under it is its own members either way.
        let group = "case_id,at,loss,unit\nB,2026-11-02 09:00,300,装配一组\n"
        #expect(Set(Self.fines(try R.run(Self.unitLoss("with-subunits"), group, roster: Self.plant)))
                == ["郑华 200.00 2026-11", "马超 100.00 2026-11"])
    }

    @Test func membersIsCheckedWhenLoaded() throws {
        func problems(_ yaml: String) -> [String] { R.problems(yaml) }
        #expect(problems(Self.unitLoss("with-subunit")) == [
            "inline.yaml:9:14: error: 'with-subunit' is not a valid 'members' (did you mean 'with-subunits'?); expected one of: direct, with-subunits",
        ])
        #expect(problems("""
        policy: p
        fields: { case_id: string, at: timestamp, who: person }
        penalties:
          - { id: fine, when: true, to: who, amount: 1 CNY, members: with-subunits }
        """) == [
            "inline.yaml:4:62: error: 'members' says who shares an apportioned amount; it needs 'apportion' and 'among'",
        ])
    }

    @Test func aTieGoesToTheEarlierRosterRowWhateverTheNames() throws {
        // 648.11 over two equal base points: 324.055 each, one fen left over with equal
        // remainders. 黄敏 is listed first but sorts after 吴敏 (U+9EC4 > U+5434).
        let roster = Roster(people: [
            .init(name: "黄敏", department: "生产部", basePoints: Fraction(1)),
            .init(name: "吴敏", department: "生产部", basePoints: Fraction(1)),
        ])
        let csv = "case_id,at,loss,unit\nA,2026-11-02 09:00,648.11,生产部\n"
        #expect(roster.members(of: "生产部").map(\.name) == ["黄敏", "吴敏"])
        #expect(Set(Self.fines(try R.run(Self.unitLoss(nil), csv, roster: roster))) == ["黄敏 324.06 2026-11", "吴敏 324.05 2026-11"])
        // The same from a roster file, where 黄敏 has a second row (a month's bonus) after 吴敏:
        // a person keeps the place of their first row.
        try TemporaryFolder.with(["roster.csv": """
        姓名,部门,基点数,月度奖金,月份
        黄敏,生产部,1,1000,2026-10
        吴敏,生产部,1,1000,
        黄敏,生产部,1,1200,2026-11
        """], label: "roster-order") { dir in
            let file = try RosterReader.load(path: dir + "/roster.csv")
            #expect(file.members(of: "生产部").map(\.name) == ["黄敏", "吴敏"])
            #expect(Set(Self.fines(try R.run(Self.unitLoss("with-subunits"), csv, roster: file))) == ["黄敏 324.06 2026-11", "吴敏 324.05 2026-11"])
        }
    }

    static let majorDemerit = """
    policy: demerit
    fields: { case_id: string, at: timestamp, closed_at: { type: timestamp, optional: true }, who: person }
    penalties:
      - id: major-demerit
        when: true
        to: who
        amount: bonus(who)
        at: closed_at
    """

    static let monthly = Roster(people: [
        .init(name: "刘强", bonusByMonth: ["2026-10": Money(yuan: 2000), "2026-11": Money(yuan: 2500)]),
        .init(name: "王磊", defaultBonus: Money(yuan: 2400)),
    ])

    @Test func bonusIsTheRosterBonusOfTheBookingMonth() throws {
        let csv = """
        case_id,at,closed_at,who
        A,2026-10-20 09:00,2026-11-02 10:00,刘强
        B,2026-10-20 09:00,,刘强
        C,2026-10-20 09:00,2026-11-02 10:00,王磊
        """
        // A is booked to November (closed), B to October (its first timestamp); C has one
        // bonus for every month.
        #expect(Self.fines(try R.run(Self.majorDemerit, csv, roster: Self.monthly))
                == ["刘强 2500.00 2026-11", "刘强 2000.00 2026-10", "王磊 2400.00 2026-11"])
    }

    @Test func aMissingBonusIsAnErrorOfTheRowNamingPersonAndMonth() {
        let csv = "case_id,at,closed_at,who\nA,2026-10-20 09:00,2026-12-01 10:00,刘强\n"
        #expect(R.failure(Self.majorDemerit, csv, roster: Self.monthly) == [
            "inline.csv:2:1: error: rule major-demerit: the roster has no monthly bonus for '刘强' in 2026-12",
            "inline.yaml:4:9: note: rule major-demerit is declared here",
        ])
        // A person field naming someone the roster lacks is refused at the column, before any
        // rule runs; without a roster, bonus() cannot run.
        let stranger = "case_id,at,closed_at,who\nA,2026-10-20 09:00,2026-11-01 10:00,张三\n"
        #expect(R.failure(Self.majorDemerit, stranger, roster: Self.monthly) == [
            "inline.csv:2:37: error: column who: '张三' is not in the roster (roster)",
        ])
        #expect(R.failure(Self.majorDemerit, stranger) == [
            "inline.csv:2:1: error: rule major-demerit: bonus of '张三' in 2026-11 is read from the roster, and no roster was given",
            "inline.yaml:4:9: note: rule major-demerit is declared here",
        ])
    }

    @Test func bonusWithAMonthReadsThatMonthAnywhere() throws {
        let yaml = """
        policy: compare
        fields: { case_id: string, at: timestamp, who: person, exported: money }
        escalations:
          - id: bonus-differs
            when: exported != bonus(who, month(at))
            action: check
        """
        let csv = "case_id,at,who,exported\nA,2026-10-20 09:00,刘强,2500\nB,2026-11-20 09:00,刘强,2500\n"
        let r = try R.run(yaml, csv, roster: Self.monthly)
        #expect(r.findings.filter { $0.rule == "bonus-differs" }.map(\.subject) == ["A"])
    }

    @Test func bonusIsTypeCheckedWhenCompiled() {
        func problems(_ expression: String, in key: String = "when") -> [String] {
            let yaml = """
            policy: p
            fields: { case_id: string, at: timestamp, who: person, n: integer }
            escalations:
              - id: e
                \(key): \(expression)
                action: x
            """
            return R.problems(yaml)
        }
        #expect(problems("bonus(who) > 0 CNY") == [
            "inline.yaml:5:11: error: bonus(person) reads the month a fine is booked to, which only a penalty's amount has; give the month: bonus(person, month(…))",
        ])
        #expect(problems("bonus(n, \"2026-11\") > 0 CNY") == ["inline.yaml:5:17: error: argument 1 of 'bonus' must be a person, not integer"])
        #expect(problems("bonus(who, at) > 0 CNY") == [
            "inline.yaml:5:22: error: argument 2 of 'bonus' must be a month such as month(closed_at) (text like \"2026-11\"), not timestamp",
        ])
        #expect(problems("bonus(who, \"2026-13\") > 0 CNY") == ["inline.yaml:5:22: error: '2026-13' is not a month such as \"2026-11\""])
        #expect(problems("bonus(who, month(at)) > 0 CNY") == [])
    }
}
