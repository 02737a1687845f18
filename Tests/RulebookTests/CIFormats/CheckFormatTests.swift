import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Rulebook

/// `check --format junit|sarif|github` on the S1 fixture, read back with independent parsers:
/// counts, messages, and where each violation is placed in the export and in the policy.
@Suite struct CheckFormatTests {
    static let policyFile = "rules/s1-complaint-handling.yaml"
    static let casesFile = "fixtures/s1/cases.csv"

    static func s1() throws -> (EvaluationReport, CompiledPolicy) {
        _ = Paths.root
        return (try S1EvaluationTests.report(), try PolicyCompiler.compile(path: policyFile))
    }

    /// The policy's rules, counted from the policy model: its deadlines, its penalties (a
    /// deadline's own included) and its escalations.
    static func ruleCount(_ p: CompiledPolicy) -> Int {
        p.policy.deadlines.count + p.policy.penalties.count + p.policy.escalations.count
    }

    /// What `check` fails on by default: EXPECTED.md's 7 breached and 2 overdue deadlines,
    /// 12 fines and 1 escalation (8.6's marketing statistics of week 38 are one breach and one
    /// fine of them).
    static func violations(_ r: EvaluationReport) -> [Finding] {
        let v = r.findings.filter(CheckGate().counts)
        #expect(v.count == 8 + 2 + 13 + 1)
        return v
    }

    // MARK: JUnit

    @Test func junitHasATestCasePerRuleAndAFailurePerViolation() throws {
        let (r, p) = try Self.s1()
        let violations = Self.violations(r)
        let doc = try CIRead.xml(try CheckFormat.junit.render(r, policy: p, gate: CheckGate()))
        let suite = try #require(try CIRead.elements(doc, "/testsuites/testsuite").first)
        #expect(Self.ruleCount(p) == 24)  // 18, and a second round of 8.2's three deadlines and their fines
        #expect(CIRead.int(suite, "tests") == Self.ruleCount(p))
        #expect(CIRead.int(suite, "failures") == violations.count)
        #expect(CIRead.int(suite, "errors") == 0)
        let root = try #require(doc.rootElement())
        #expect(CIRead.int(root, "tests") == Self.ruleCount(p) && CIRead.int(root, "failures") == violations.count)

        let cases = try CIRead.elements(doc, "/testsuites/testsuite/testcase")
        #expect(cases.count == Self.ruleCount(p))
        let ids = p.policy.deadlines.map(\.id) + p.policy.penalties.map(\.id) + p.policy.escalations.map(\.id)
        #expect(Set(cases.compactMap { CIRead.string($0, "name") }) == Set(ids))
        #expect(cases.allSatisfy { CIRead.string($0, "classname") == "s1-complaint-handling" })
        #expect(try CIRead.elements(doc, "//failure").count == violations.count)
        // Each rule's failures are its violations, in report order, with the check line.
        for c in cases {
            let rule = try #require(CIRead.string(c, "name"))
            let failures = try CIRead.elements(c, "failure")
            let expected = violations.filter { $0.rule == rule }
            #expect(failures.compactMap { CIRead.string($0, "message") } == expected.map { CheckLine.render($0, .zh) }, "\(rule)")
            #expect(failures.compactMap { CIRead.string($0, "type") } == expected.map(\.status.rawValue))
        }
        // A rule without violations passes: issue-handling-form is met in every case.
        let passing = try #require(cases.first { CIRead.string($0, "name") == "issue-handling-form" })
        #expect(try CIRead.elements(passing, "failure").isEmpty)
    }

    @Test func junitNamesTheRulesClauseTitleAndDeclaration() throws {
        let (r, p) = try Self.s1()
        let doc = try CIRead.xml(try CheckFormat.junit.render(r, policy: p, gate: CheckGate()))
        let c = try #require(try CIRead.elements(doc, "//testcase[@name='notify-departments']").first)
        let at = try FixtureText.position(of: "- id: notify-departments", in: Self.policyFile)
        #expect(CIRead.string(c, "file") == Self.policyFile)
        #expect(CIRead.int(c, "line") == at.line)
        let properties = try CIRead.elements(c, "properties/property")
        let values = Dictionary(uniqueKeysWithValues: properties.map { (CIRead.string($0, "name")!, CIRead.string($0, "value")!) })
        #expect(values["clause"] == "8.1" && values["kind"] == "deadline" && values["title"] == "营销部2小时内通知相关部门并登记")
        // The failure's text says where the case is and where the rule is.
        let failure = try #require(try CIRead.elements(c, "failure").first)
        // The fifth case: row 6 below the header, a line further down (2609-03 spans two).
        let caseLine = try FixtureText.line(startingWith: "2609-05,", in: Self.casesFile)
        #expect(caseLine == 7)
        #expect(failure.stringValue?.contains("\n\(Self.casesFile):\(caseLine): row 6, case 2609-05\n") == true)
        #expect(failure.stringValue?.hasSuffix("\(Self.policyFile):\(at.line):\(at.column + 6): rule notify-departments (§ 8.1)") == true)
    }

    @Test func junitFailsOnlyWhatTheGateCounts() throws {
        let (r, p) = try Self.s1()
        let gate = CheckGate([.overdue])
        let doc = try CIRead.xml(try CheckFormat.junit.render(r, policy: p, gate: gate))
        let failures = try CIRead.elements(doc, "//failure")
        // EXPECTED.md: 2611-01's general reply and week 38's statistics are overdue.
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { CIRead.string($0, "type") == "overdue" })
        #expect(try CIRead.elements(doc, "//testcase").count == Self.ruleCount(p))
    }

    @Test func aLimitOnAPersonsMonthIsATestCaseOfItsOwn() throws {
        let (r, p) = try Self.s1()
        let gate = CheckGate([.personMonthOver(Money(minorUnits: 3000))])
        // EXPECTED.md's ledger: incurred above 30 — 刘洋 in October (40), 王芳 (120) and 陈静
        // (40: 8.3 and week 38's QA statistics, 8.6) in September; 周敏's September is 20 and
        // 王芳's November 60 (2611-01, 2611-03's first round). In the ledger's order: people in
        // pinyin order.
        let over = ["陈静 2026-09", "刘洋 2026-10", "王芳 2026-09", "王芳 2026-11"]
        let doc = try CIRead.xml(try CheckFormat.junit.render(r, policy: p, gate: gate))
        #expect(CIRead.int(try #require(doc.rootElement()), "tests") == Self.ruleCount(p) + 1)
        let limit = try #require(try CIRead.elements(doc, "//testcase[@name='penalties-over=30.00,per-person-month']").first)
        let messages = try CIRead.elements(limit, "failure").compactMap { CIRead.string($0, "message") }
        #expect(messages.map { String($0.prefix { $0 != ":" }) } == over)
        #expect(try CIRead.elements(doc, "//failure").count == over.count)

        let results = try CIRead.results(try CIRead.json(try CheckFormat.sarif.render(r, policy: p, gate: gate)))
        #expect(results.count == over.count)
        #expect(results.allSatisfy { $0["ruleId"] as? String == "penalties-over=30.00,per-person-month" && $0["level"] as? String == "error" })
        let text = try CheckFormat.text.render(r, policy: p, gate: gate)
        #expect(text.split(separator: "\n").map { String($0.prefix { $0 != ":" }) } == over)
        #expect(try CheckFormat.github.render(r, policy: p, gate: gate).split(separator: "\n").count == over.count)
    }

    // MARK: SARIF

    @Test func sarifHasTheRulesAndAResultPerViolation() throws {
        let (r, p) = try Self.s1()
        let violations = Self.violations(r)
        let log = try CIRead.json(try CheckFormat.sarif.render(r, policy: p, gate: CheckGate()))
        #expect(log["version"] as? String == "2.1.0")
        let rules = try CIRead.rules(log)
        #expect(rules.count == Self.ruleCount(p))
        let results = try CIRead.results(log)
        #expect(results.count == violations.count)
        for (result, finding) in zip(results, violations) {
            #expect(result["ruleId"] as? String == finding.rule)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == finding.rule)
            #expect((result["message"] as? [String: Any])?["text"] as? String == CheckLine.render(finding, .zh))
            let level = result["level"] as? String
            #expect(level == (finding.kind == .escalation ? "warning" : "error"), "\(finding.rule) \(finding.status)")
        }
        let qa = try #require(rules.first { $0["id"] as? String == "qa-reply-general" })
        #expect((qa["shortDescription"] as? [String: Any])?["text"] as? String == "一般投诉3个工作日内回复")
        #expect((qa["properties"] as? [String: Any])?["clause"] as? String == "8.2")
    }

    @Test func sarifPlacesACaseAtItsRowAndTheRuleAtItsDeclaration() throws {
        let (r, p) = try Self.s1()
        let results = try CIRead.results(try CIRead.json(try CheckFormat.sarif.render(r, policy: p, gate: CheckGate())))
        // 2609-04 is the row after the record whose quoted cell holds a line break: row 5,
        // line 6 of the file.
        let caseLine = try FixtureText.line(startingWith: "2609-04,", in: Self.casesFile)
        #expect(caseLine == 6)
        let result = try #require(results.first { ($0["message"] as? [String: Any])?["text"] as? String ?? "" == "2609-04 qa-permanent-measure 8.2: 重大投诉2个工作日内回复永久对策 — 超时完成，超时 6 工作小时（期限 2026年9月14日 10:30）" })
        let at = try CIRead.place(try #require((result["locations"] as? [[String: Any]])?.first))
        #expect(at.uri == Self.casesFile && at.base == "%SRCROOT%" && at.line == caseLine && at.column == nil)
        #expect((result["properties"] as? [String: Any])?["row"] as? Int == 5)
        let related = try #require(result["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1)
        let rule = try CIRead.place(related[0])
        let declared = try FixtureText.position(of: "- id: qa-permanent-measure", in: Self.policyFile)
        #expect(rule.uri == Self.policyFile && rule.line == declared.line && rule.column == declared.column + 6)

        // A group's finding has no row: it is placed at its rule only.
        let group = try #require(results.first { $0["ruleId"] as? String == "weekly-statistics" })
        let groupAt = try CIRead.place(try #require((group["locations"] as? [[String: Any]])?.first))
        let weekly = try FixtureText.position(of: "- id: weekly-statistics", in: Self.policyFile)
        #expect(groupAt.uri == Self.policyFile && groupAt.line == weekly.line && groupAt.column == weekly.column + 6)
        #expect(group["relatedLocations"] == nil)
        #expect((group["properties"] as? [String: Any])?["row"] == nil)
    }

    @Test func sarifOfACompliantExportHasNoResults() throws {
        _ = Paths.root
        let p = try PolicyCompiler.compile(path: Self.policyFile)
        let roster = try RosterReader.load(path: "fixtures/s1/roster.csv")
        let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: p.zone)
        let r = try EvaluationRun(casesPath: "fixtures/s1/bad/compliant.csv", roster: roster, asOf: asOf).run(p)
        let out = ByteOutput.memory()
        #expect(try CheckFormat.sarif.write(r, policy: p, gate: CheckGate(), to: out) == 0)
        let log = try CIRead.json(out.text)
        #expect(try CIRead.results(log).isEmpty)
        #expect(try CIRead.rules(log).count == Self.ruleCount(p))
    }

    // MARK: GitHub

    @Test func githubWritesAnAnnotationPerViolation() throws {
        let (r, p) = try Self.s1()
        let violations = Self.violations(r)
        let lines = try CheckFormat.github.render(r, policy: p, gate: CheckGate(), language: .en).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        #expect(lines.count - 1 == violations.count)
        let line = try FixtureText.line(startingWith: "2609-05,", in: Self.casesFile)
        #expect(lines.contains("::error file=\(Self.casesFile),line=\(line),title=notify-departments (§ 8.1)::2609-05 notify-departments 8.1: 营销部2小时内通知相关部门并登记 — breached, 30m late (due 2026-09-11T17:00:00+08:00)"))
        // In S1's own language, Chinese.
        #expect(try CheckFormat.github.render(r, policy: p, gate: CheckGate()).contains("::2609-05 notify-departments 8.1: 营销部2小时内通知相关部门并登记 — 超时完成，超时 30 分（期限 2026年9月11日 17:00）\n"))
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == violations.filter { $0.kind == .escalation }.count)
        let weekly = try FixtureText.position(of: "- id: weekly-statistics", in: Self.policyFile)
        // A group's violation is placed at its rule, with the column.
        #expect(lines.contains { $0.hasPrefix("::error file=\(Self.policyFile),line=\(weekly.line),col=\(weekly.column + 6),title=weekly-statistics (§ 8.6)::weekly-complaints: week=2026-W38") })
    }

    // MARK: Every format

    @Test(arguments: CheckFormat.allCases)
    func theSameReportIsTheSameBytes(_ format: CheckFormat) throws {
        let (r, p) = try Self.s1()
        let once = try format.render(r, policy: p, gate: CheckGate())
        #expect(!once.isEmpty)
        #expect(try format.render(r, policy: p, gate: CheckGate()) == once)
        #expect(try format.render(try S1EvaluationTests.report(), policy: p, gate: CheckGate()) == once)
    }

    @Test func textIsTheCheckLines() throws {
        let (r, p) = try Self.s1()
        #expect(try CheckFormat.text.render(r, policy: p, gate: CheckGate()) == Self.violations(r).map { CheckLine.render($0, .zh) + "\n" }.joined())
        #expect(CheckFormat(argument: "lines") == .text && CheckFormat(argument: "sarif") == .sarif && CheckFormat(argument: "xml") == nil)
    }
}
