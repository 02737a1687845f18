import Foundation
import Testing
@testable import Rulebook

/// What used to crash the tool (a trap or a stack overflow) or end it with an unlocated
/// `Error: …` and exit 1: each is now exit 2 with located errors, one test per class.
@Suite(.serialized) struct RunTimeErrorCLITests {
    /// A folder with the given files, removed afterwards.
    static func folder(_ files: [String: String], _ body: (String) throws -> Void) throws {
        try TemporaryFolder.with(files, label: "rt", body)
    }

    static let asOf = ["--as-of", "2026-11-30T18:00+08:00"]

    @Test func anOverflowInARuleIsExitTwoAtTheRowAndTheRule() throws {
        let policy = """
        policy: spans
        fields:
          case_id: string
          received_at: timestamp
          replied_at: { type: timestamp, optional: true }
          n: integer
        deadlines:
          - id: reply
            from: received_at
            to: replied_at
            within: (replied_at - received_at) * n
        """
        let cases = "case_id,received_at,replied_at,n\nA,2026-11-02 09:00,2026-11-03 09:00,999999999999999\n"
        try Self.folder(["p.yaml": policy, "c.csv": cases]) { dir in
            for command in ["eval", "check"] {
                let r = try runRulebook([command, "--rules", "\(dir)/p.yaml", "--cases", "\(dir)/c.csv"] + Self.asOf)
                #expect(r.status == 2, "\(command)")
                #expect(r.stdout.isEmpty)
                #expect(r.stderr == """
                    \(dir)/c.csv:2:1: error: rule reply: arithmetic overflow: 1d * 999999999999999 does not fit in 64 bits
                    \(dir)/p.yaml:8:9: note: rule reply is declared here

                    """, "\(command)")
            }
        }
    }

    @Test func theFinesOfS2CannotOverflow() throws {
        let csv = try S2Export.hundredHugeLosses()
        try Self.folder(["c.csv": csv]) { dir in
            // A property of the whole export: the same error on one thread or two, with or
            // without --rejects (a row error would name whichever row a thread crossed on).
            for threads in ["1", "2"] {
                for rejects in [[], ["--rejects", "\(dir)/rejects.csv"]] {
                    let r = try runRulebook(["eval", "--rules", "rules/s2-case-management.yaml", "--roster", "fixtures/s2/roster.csv",
                                             "--cases", "\(dir)/c.csv"] + Self.asOf + rejects,
                                            environment: ["RULEBOOK_THREADS": threads])
                    #expect(r.status == 2)
                    #expect(r.stderr == "\(dir)/c.csv:1:1: error: the fines of the export add up to more than 92233720368547758.07 CNY, more than a ledger can hold\n",
                            "threads \(threads) \(rejects)")
                    #expect(r.stdout.isEmpty)
                }
            }
        }
    }

    @Test func aRowOutsideTheSupportedYearsIsExitTwo() throws {
        let source = try String(contentsOfFile: Paths.root + "/fixtures/s2/cases.csv", encoding: .utf8)
        let lines = source.split(whereSeparator: \.isNewline).map(String.init)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map { $0.hasPrefix("2026-") ? "0001-01-01 09:00" : String($0) }
        try Self.folder(["c.csv": lines[0] + "\n" + row.joined(separator: ",") + "\n"]) { dir in
            let r = try runRulebook(["eval", "--rules", "rules/s2-case-management.yaml", "--roster", "fixtures/s2/roster.csv",
                                     "--cases", "\(dir)/c.csv"] + Self.asOf)
            #expect(r.status == 2)
            #expect(r.stderr == "\(dir)/c.csv:2:12: error: column 总经理室受理时间: '0001-01-01 09:00' is outside the years 1900–2199 a policy handles\n")
        }
    }

    @Test func aGroupRuleFailureIsExitTwoAtTheRule() throws {
        let policy = RunTimePolicies.negativeGroupFine
        try Self.folder(["p.yaml": policy, "c.csv": "case_id,at,who,v\nA,2026-11-02 09:00,甲,3\n"]) { dir in
            let r = try runRulebook(["eval", "--rules", "\(dir)/p.yaml", "--cases", "\(dir)/c.csv"] + Self.asOf)
            #expect(r.status == 2)
            #expect(r.stderr == "\(dir)/p.yaml:10:11: error: rule refund: group person=甲 month=2026-11: the amount comes to -3.00 CNY; a fine cannot be negative\n")
        }
    }

    @Test func aCapOverTheBonusIsExitTwoNotAnOverflow() throws {
        try Self.folder(["r.csv": "姓名,部门,月度奖金\n甲,品管部,1000\n", "c.csv": "case_id,received_at,owner\nA,2026-11-02 09:00,甲\n"]) { dir in
            let r = try runRulebook(["eval", "--rules", "fixtures/broken/policies/cap-over-bonus.yaml", "--roster", "\(dir)/r.csv",
                                     "--cases", "\(dir)/c.csv"] + Self.asOf)
            #expect(r.status == 2)
            #expect(r.stderr == "fixtures/broken/policies/cap-over-bonus.yaml:12:51: error: 'limit' takes 999999999999999999% of the bonus: a cap is at most 100% of it\n")
        }
    }

    @Test func aPolicyWithoutFieldsIsExitTwoEverywhere() throws {
        let suite = "suite: empty\npolicy: p.yaml\ncases: c.csv\ntests:\n  - { name: t, expect: { totals: { rows_read: 1 } } }\n"
        try Self.folder(["p.yaml": "policy: p\nfields: {}\n", "c.csv": "case_id\nA\n", "p.test.yaml": suite]) { dir in
            let message = "\(dir)/p.yaml:2:1: error: a policy needs at least one field: the case id (the field named case_id, else the first field)\n"
            for args in [["eval", "--rules", "\(dir)/p.yaml", "--cases", "\(dir)/c.csv"],
                         ["check", "--rules", "\(dir)/p.yaml", "--cases", "\(dir)/c.csv"],
                         ["diff", "--rules", "\(dir)/p.yaml", "--against", "\(dir)/p.yaml", "--cases", "\(dir)/c.csv"],
                         ["test", "\(dir)/p.test.yaml"]] {
                let r = try runRulebook(args + (args[0] == "test" ? [] : Self.asOf))
                #expect(r.status == 2, "\(args[0])")
                #expect(r.stderr == message, "\(args[0])")
            }
        }
    }

    @Test(arguments: ["and", "+", "not", "manager", "??"])
    func longChainsAreExitTwo(kind: String) throws {
        let n = 100_000
        let expression: String
        switch kind {
        case "not": expression = String(repeating: "not ", count: n) + "flag"
        case "manager": expression = "owner" + String(repeating: ".manager", count: n)
        default: expression = Array(repeating: kind == "and" ? "flag" : "n", count: n).joined(separator: " \(kind) ")
        }
        let policy = "policy: chain\nfields:\n  case_id: string\n  flag: boolean\n  n: integer\n  owner: person\nderive:\n  x: \(expression)\n"
        try Self.folder(["p.yaml": policy]) { dir in
            let r = try runRulebook(["validate", "\(dir)/p.yaml"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("error: in expression: expression too deep: more than 200 operators in a row or nested"))
        }
    }

    @Test func aTestFileLatenessTooLongIsExitTwo() throws {
        let r = try runRulebook(["test", "fixtures/broken/policies/late-by-too-long.test.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("late-by-too-long.test.yaml:12:63: error: cannot read '15250284452471w 15250284452471w' as a duration"))
    }

    @Test func aRuleFailingInAPolicyTestIsExitTwoWithTheNote() throws {
        let policy = "policy: p\nfields:\n  case_id: string\n  at: timestamp\n  n: integer\nderive:\n  x: n * n\n"
        let suite = "suite: s\npolicy: p.yaml\ntests:\n  - name: t\n    rows:\n      - { case_id: A, at: \"2026-11-02 09:00\", n: 4000000000 }\n    expect: { totals: { rows_read: 1 } }\n"
        try Self.folder(["p.yaml": policy, "p.test.yaml": suite]) { dir in
            let r = try runRulebook(["test", "\(dir)/p.test.yaml"])
            #expect(r.status == 2)
            #expect(r.stderr.hasSuffix("error: derived value 'x': arithmetic overflow: 4000000000 * 4000000000 does not fit in 64 bits\n\(dir)/p.yaml:7:3: note: derived value 'x' is declared here\n"))
        }
    }
}
