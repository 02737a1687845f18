import Foundation
import Testing
@testable import Rulebook

/// `eval` and `check` as scripts use them: exit codes, outputs, and every kind of bad input.
@Suite(.serialized) struct EvalCLITests {
    static let base = ["--rules", "rules/s1-complaint-handling.yaml", "--roster", "fixtures/s1/roster.csv",
                       "--as-of", "2026-11-30T18:00+08:00"]

    func eval(_ cases: String, _ extra: [String] = []) throws -> CommandResult {
        try runRulebook(["eval", "--cases", cases] + Self.base + extra)
    }

    @Test func evalWritesTheGoldenJSON() throws {
        let r = try eval("fixtures/s1/cases.csv", ["--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(Data(r.stdout.utf8) == (try Data(contentsOf: URL(fileURLWithPath: Paths.root + "/fixtures/s1/expected/report.json"))))
    }

    @Test func evalDefaultsToJSONLinesWhenNotATerminal() throws {
        let r = try eval("fixtures/s1/cases.csv")
        #expect(r.stdout.hasPrefix("{\"type\":\"summary\",\"policy\":\"s1-complaint-handling\""))
    }

    @Test func outputFileIsWrittenWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.csv").path
        let ok = try eval("fixtures/s1/cases.csv", ["--format", "csv", "-o", out])
        #expect(ok.status == 0 && ok.stdout.isEmpty)
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(written == (try Data(contentsOf: URL(fileURLWithPath: Paths.root + "/fixtures/s1/expected/report.csv"))))
        // A bad input leaves the earlier report as it was and no temporary file behind.
        let bad = try eval("fixtures/s1/bad/bad-date.csv", ["--format", "csv", "-o", out])
        #expect(bad.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.csv"])
    }

    @Test func noOutputFileOnBadInput() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-none-\(UUID().uuidString).json").path
        let r = try eval("fixtures/s1/bad/unknown-enum.csv", ["-o", out])
        #expect(r.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(arguments: [
        ("bad-date.csv", "fixtures/s1/bad/bad-date.csv:3:9: error: column 接收时间: cannot read '2026-13-01 09:00' as a timestamp"),
        ("bad-boolean.csv", "fixtures/s1/bad/bad-boolean.csv:3:109: error: column 品管已登记: cannot read '也许' as true or false (是/否, yes/no, 1/0)"),
        ("missing-required.csv", "fixtures/s1/bad/missing-required.csv:3:1: error: column 投诉编号: a value is required"),
        ("unknown-enum.csv", "fixtures/s1/bad/unknown-enum.csv:3:23: error: column 投诉等级: '紧急' is not one of: general, major, 一般, 重大"),
        ("duplicate-id.csv", "fixtures/s1/bad/duplicate-id.csv:3:1: error: column 投诉编号: duplicate case id '2609-01' (first at row 2)"),
        ("backwards.csv", "fixtures/s1/bad/backwards.csv:3:29: error: column 处理单发出时间: rule issue-handling-form: the step was done (2026-09-08T08:00:00+08:00) before its clock started (2026-09-08T09:00:00+08:00)\nrules/s1-complaint-handling.yaml:86:9: note: rule issue-handling-form is declared here"),
        ("unknown-person.csv", "fixtures/s1/bad/unknown-person.csv:3:75: error: column 品管QE: '王五' is not in the roster (fixtures/s1/roster.csv)"),
        ("empty.csv", "fixtures/s1/bad/empty.csv:1:1: error: empty file: expected a header row"),
    ])
    func badRowStopsTheRun(file: String, message: String) throws {
        let r = try eval("fixtures/s1/bad/\(file)")
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == message + "\n")
    }

    @Test func missingColumnSuggestsTheNearHeader() throws {
        let r = try eval("fixtures/s1/bad/missing-column.csv")
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("fixtures/s1/bad/missing-column.csv:1:1: error: missing required column 'received_at' (or: 接收时间); found: 投诉编号, 接受时间,"))
        #expect(r.stderr.hasSuffix("(did you mean '接受时间'?)\n"))
    }

    @Test func headerOnlyFileIsAnEmptyReport() throws {
        let r = try eval("fixtures/s1/bad/header-only.csv", ["--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"rows_read\": 0,\n  \"rows_evaluated\": 0,\n  \"rows_rejected\": 0,"))
        #expect(r.stdout.contains("\"findings\": [],"))
    }

    @Test func rejectsAccountForEveryRow() throws {
        let rejects = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-rejects-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        let r = try eval("fixtures/s1/bad/mixed.csv", ["--rejects", rejects, "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"rows_read\": 5,\n  \"rows_evaluated\": 3,\n  \"rows_rejected\": 2,"))
        #expect(try String(contentsOfFile: rejects, encoding: .utf8) == """
            file,row,column,message
            fixtures/s1/bad/mixed.csv,3,接收时间,cannot read '2026-13-01 09:00' as a timestamp
            fixtures/s1/bad/mixed.csv,5,投诉等级,"'紧急' is not one of: general, major, 一般, 重大"

            """)
    }

    @Test func withoutAsOfTheReportSaysItUsedTheCurrentTime() throws {
        let r = try runRulebook(["eval", "--rules", "rules/s1-complaint-handling.yaml", "--roster", "fixtures/s1/roster.csv",
                                 "--cases", "fixtures/s1/cases.csv", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"as_of_source\": \"current time\""))
    }

    @Test func capWithoutRosterIsBadInput() throws {
        let r = try runRulebook(["eval", "--rules", "rules/s1-complaint-handling.yaml", "--cases", "fixtures/s1/cases.csv",
                                 "--as-of", "2026-11-30T18:00+08:00"])
        #expect(r.status == 2)
        // The library says what is missing; the command says how to give it.
        #expect(r.stderr.contains("error: the policy caps fines by each person's monthly bonus, and no roster was given\n"))
        #expect(r.stderr.contains("note: give the roster with --roster FILE"))
    }

    @Test func badAsOfIsAUsageError() throws {
        let r = try runRulebook(["eval", "--rules", "rules/s1-complaint-handling.yaml", "--cases", "fixtures/s1/cases.csv",
                                 "--roster", "fixtures/s1/roster.csv", "--as-of", "2026-11-31T18:00"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("cannot read --as-of '2026-11-31T18:00' as a timestamp"))
    }

    /// One line per violation, with its rule's title: in Chinese, S1's language, by default;
    /// in English with `--lang en` or `RULEBOOK_LANG=en`, the flag over the variable.
    @Test func checkExitsOneWithOneLinePerViolation() throws {
        let r = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv", "--lang", "en"] + Self.base, environment: ["RULEBOOK_LANG": "zh"])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n")
        // EXPECTED.md: 8 breached, 2 overdue, 13 fines, 1 escalation.
        #expect(lines.count == 24)
        #expect(lines.contains("2609-05 notify-departments 8.1: 营销部2小时内通知相关部门并登记 — breached, 30m late (due 2026-09-11T17:00:00+08:00)"))
        #expect(lines.contains("2609-06 qa-records-not-kept 8.3: 品管部未做好登记、记录保存，处罚责任人及部门主管/经理 — 20.00 CNY to 陈静 (2026-09)"))
        #expect(lines.contains("2611-01 qa-reply-general 8.2: 一般投诉3个工作日内回复 — overdue, 21h 30m working time late (due 2026-11-26T09:30:00+08:00)"))
        let zh = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv"] + Self.base, environment: ["RULEBOOK_LANG": ""])
        #expect(zh.stdout.split(separator: "\n").contains("2611-01 qa-reply-general 8.2: 一般投诉3个工作日内回复 — 逾期未办，超时 21 工作小时 30 分（期限 2026年11月26日 09:30）"))
        let en = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv"] + Self.base, environment: ["RULEBOOK_LANG": "en_US.UTF-8"])
        #expect(en.stdout == r.stdout)
        let bad = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv"] + Self.base, environment: ["RULEBOOK_LANG": "fr"])
        #expect(bad.status == 64 && bad.stdout.isEmpty)
        #expect(bad.stderr.contains("RULEBOOK_LANG='fr' names no report language; use zh or en"), "\(bad.stderr)")
    }

    @Test func checkFailOnSelectsWhatCounts() throws {
        let r = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv", "--fail-on", "penalties-over=25"] + Self.base)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 6)  // 王芳's six 30-yuan fines, 2611-03's first round the sixth
        #expect(lines.allSatisfy { $0.contains("罚款 30.00 元，责任人 王芳") })
        let overdue = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv", "--fail-on", "overdue"] + Self.base)
        #expect(overdue.stdout.split(separator: "\n").count == 2)
    }

    @Test func checkExitsZeroWhenCompliant() throws {
        let r = try runRulebook(["check", "--cases", "fixtures/s1/bad/compliant.csv"] + Self.base)
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
    }

    @Test func checkExitsTwoOnABadPolicy() throws {
        let r = try runRulebook(["check", "--rules", "fixtures/broken/policies/cycle.yaml", "--cases", "fixtures/s1/cases.csv"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cycle in the rules"))
    }
}

/// The same cases as JSON Lines (unset fields left out) and as GB18030 CSV give the same report.
@Suite(.serialized) struct InputFormatTests {
    func report(_ extra: [String]) throws -> String {
        let r = try runRulebook(["eval", "--format", "json"] + extra + EvalCLITests.base)
        #expect(r.status == 0, "\(r.stderr)")
        // The input's name differs; its fingerprint does not (it is taken over field values).
        return r.stdout.split(separator: "\n").filter { !$0.hasPrefix("  \"input\":") }.joined(separator: "\n")
    }

    @Test func jsonLinesGiveTheSameReport() throws {
        #expect(try report(["--cases", "fixtures/s1/cases.jsonl"]) == report(["--cases", "fixtures/s1/cases.csv"]))
    }

    @Test func gb18030GivesTheSameReport() throws {
        #expect(try report(["--cases", "fixtures/s1/cases-gb18030.csv", "--encoding", "gb18030"])
                == report(["--cases", "fixtures/s1/cases.csv"]))
    }

    @Test func gb18030WithoutTheOptionNamesIt() throws {
        let r = try runRulebook(["eval", "--cases", "fixtures/s1/cases-gb18030.csv"] + EvalCLITests.base)
        #expect(r.status == 2)
        #expect(r.stderr.hasSuffix("if the file is GB18030 or GBK, pass --encoding gb18030\n"))
    }
}
