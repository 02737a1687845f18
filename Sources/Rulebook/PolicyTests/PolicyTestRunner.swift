import Foundation

/// Runs policy tests: evaluates each test's cases and compares what it names.
struct PolicyTestRunner {
    struct Result: Sendable {
        var suite: String
        var test: String
        var location: SourceLocation
        /// The expectations that failed; empty when the test passed.
        var expectations: [FailedExpectation]
        /// Each failed expectation as `file:line:col: expected …` with the actual values.
        var failures: [String] { expectations.map(\.description) }
        var passed: Bool { expectations.isEmpty }
    }

    /// An expectation a test named that the report did not meet: where the test file names
    /// it, and the difference (`expected …`, then `actual: …` lines).
    struct FailedExpectation: Sendable, Equatable, CustomStringConvertible {
        var location: SourceLocation
        var message: String
        var description: String { "\(location): \(message)" }
    }

    struct Coverage: Sendable {
        var policy: String
        var rules: [String]
        var exercised: Set<String>
        var missing: [String] { rules.filter { !exercised.contains($0) } }
    }

    var filter: String?
    /// Each test's `EvaluationRun.threads` and `findingRunSize`; nil: the run's default.
    var threads: Int?
    var findingRunSize: Int?

    init(filter: String? = nil) { self.filter = filter }

    /// Runs every selected test of a suite. Throws `DiagnosticError` when the suite cannot run
    /// (its policy, roster or cases are broken).
    func run(_ suite: PolicyTestSuite) throws -> (results: [Result], coverage: Coverage) {
        let policy = try PolicyCompiler.compile(path: suite.policyPath)
        let problems = suite.problems(against: policy)
        if !problems.isEmpty { throw DiagnosticError(problems) }
        let roster = try suite.rosterPath.map { try RosterReader.load(path: $0) }
        let rules = policy.graph.nodes.filter { [.deadline, .penalty, .escalation].contains($0.kind) }.map(\.id)
        var coverage = Coverage(policy: policy.policy.id, rules: rules, exercised: [])
        var results: [Result] = []
        for test in suite.tests {
            if let f = filter, !suite.name.contains(f), !test.name.contains(f) { continue }
            for p in test.expect.findings + test.expect.absent {
                if case .text(let r)? = p.value("rule") { coverage.exercised.insert(r) }
            }
            let asOfText = test.asOf ?? suite.asOf
            let asOf = asOfText.flatMap { TimestampParser.timestamp(Array($0.value.utf8)[...], zone: policy.zone) }
            var run = EvaluationRun(casesPath: suite.casesPath ?? suite.file, roster: roster, asOf: asOf,
                                    collectRejects: !test.expect.rejected.isEmpty)
            if let threads { run.threads = threads }
            if let findingRunSize { run.findingRunSize = findingRunSize }
            let report: EvaluationReport
            switch test.cases {
            case .file(let path)?:
                run.casesPath = path
                report = try run.run(policy)
            case .rows(let rows)?:
                run.casesPath = "\(suite.file) (rows of '\(test.name)')"
                let csv = InlineRows.csv(rows)
                report = try run.run(policy, source: try CSVReader(file: run.casesPath, input: MemoryInput(csv)))
            case nil:
                guard suite.casesPath != nil else {
                    throw DiagnosticError(.error("test '\(test.name)' has no cases: give 'cases' or 'rows', or 'cases' for the file", at: test.location))
                }
                report = try run.run(policy)
            }
            let failures = Self.compare(test.expect, report, zone: policy.zone)
            results.append(Result(suite: suite.name, test: test.name, location: test.location, expectations: failures))
        }
        return (results, coverage)
    }

    // MARK: - Matching

    static func actual(_ f: Finding, _ key: String) -> ExpectedValue? {
        switch key {
        case "case": return .text(f.subject)
        case "kind": return .text(f.kind.rawValue)
        case "rule": return .text(f.rule)
        case "clause": return f.clause.map(ExpectedValue.text)
        case "status": return .text(f.status.rawValue)
        case "party": return f.party.map(ExpectedValue.text)
        case "amount": return f.amount.map(ExpectedValue.money)
        case "month": return f.month.map(ExpectedValue.text)
        case "sanction": return f.sanction.map(ExpectedValue.text)
        case "action": return f.action.map(ExpectedValue.text)
        case "due": return f.due.map(ExpectedValue.instant)
        case "done": return f.done.map(ExpectedValue.instant)
        case "late_by": return f.lateBy.map(ExpectedValue.span)
        default: return nil
        }
    }

    static func actual(_ l: LedgerLine, _ key: String) -> ExpectedValue? {
        switch key {
        case "person": return .text(l.person)
        case "month": return .text(l.month)
        case "bonus": return l.bonus.map(ExpectedValue.money)
        case "cap": return l.cap.map(ExpectedValue.money)
        case "incurred": return .money(l.incurred)
        case "carried_in": return .money(l.carriedIn)
        case "deducted": return .money(l.deducted)
        case "carried_out": return .money(l.carriedOut)
        default: return nil
        }
    }

    static func same(_ expected: ExpectedValue, _ actual: ExpectedValue?, zone: Zone) -> Bool {
        guard let actual else { return false }
        switch (expected, actual) {
        case (.instant(let a), .instant(let b)): return a == b
        case (.localTime(let d, let s), .instant(let b)): return zone.timestamp(date: d, secondOfDay: s) == b
        case (.span(let a), .span(let b)): return a.clock == b.clock && a.amount == b.amount
        default: return expected == actual
        }
    }

    static func matches(_ p: Pattern, _ f: Finding, zone: Zone) -> Bool {
        p.fields.allSatisfy { same($0.value, actual(f, $0.key), zone: zone) }
    }

    static func describe(_ f: Finding) -> String {
        var parts = ["case: \(f.subject)", "rule: \(f.rule)", "status: \(f.status.rawValue)"]
        if let d = f.due { parts.append("due: \(d)") }
        if let l = f.lateBy { parts.append("late_by: \(l)") }
        if let p = f.party { parts.append("party: \(p)") }
        if let a = f.amount { parts.append("amount: \(a) CNY") }
        if let m = f.month { parts.append("month: \(m)") }
        return "{ " + parts.joined(separator: ", ") + " }"
    }

    static func compare(_ e: Expectations, _ r: EvaluationReport, zone: Zone) -> [FailedExpectation] {
        var out: [FailedExpectation] = []
        for p in e.findings {
            let hits = r.findings.filter { matches(p, $0, zone: zone) }
            if let n = p.count, hits.count != n {
                out.append(FailedExpectation(location: p.location, message: "expected \(n) finding\(n == 1 ? "" : "s") like \(p.description), found \(hits.count)"))
            } else if p.count == nil && hits.isEmpty {
                var line = "expected a finding \(p.description)"
                // Show the nearest actual findings: same case and rule, else same rule.
                let near = r.findings.filter { f in
                    ["case", "rule"].allSatisfy { k in p.value(k).map { same($0, actual(f, k), zone: zone) } ?? true }
                }.prefix(3)
                line += near.isEmpty ? "\n      actual: no finding for that case and rule" : near.map { "\n      actual: " + describe($0) }.joined()
                out.append(FailedExpectation(location: p.location, message: line))
            }
        }
        for p in e.absent {
            for f in r.findings where matches(p, f, zone: zone) {
                out.append(FailedExpectation(location: p.location, message: "expected no finding like \(p.description)\n      actual: \(describe(f))"))
            }
        }
        for p in e.ledger {
            let key = r.ledger.filter { l in
                ["person", "month"].allSatisfy { k in p.value(k).map { same($0, actual(l, k), zone: zone) } ?? true }
            }
            guard let line = key.first else {
                out.append(FailedExpectation(location: p.location, message: "expected a ledger line \(p.description)\n      actual: none for that person and month"))
                continue
            }
            for f in p.fields where !same(f.value, actual(line, f.key), zone: zone) {
                out.append(FailedExpectation(location: f.location, message: "ledger \(line.person) \(line.month): expected \(f.key) \(f.value), actual \(actual(line, f.key)?.description ?? "none")"))
            }
        }
        for p in e.rejected {
            let hit = r.rejections.contains { x in
                p.fields.allSatisfy { f in
                    switch (f.key, f.value) {
                    case ("row", .integer(let n)): return x.row == n
                    case ("column", .text(let c)): return x.column == c
                    case ("message", .text(let m)): return x.message.contains(m)
                    default: return false
                    }
                }
            }
            if !hit {
                out.append(FailedExpectation(location: p.location, message: "expected a rejected row \(p.description)" +
                           (r.rejections.isEmpty ? "\n      actual: no row was rejected" : r.rejections.map { "\n      actual: \($0.description)" }.joined())))
            }
        }
        for t in e.totals {
            let a: ExpectedValue
            switch t.key {
            case "fined": a = .money(r.totalFined)
            case "deducted": a = .money(r.totalDeducted)
            case "outstanding": a = .money(r.outstanding)
            case "rows_read": a = .integer(r.rowsRead)
            case "rows_evaluated": a = .integer(r.rowsEvaluated)
            case "rows_rejected": a = .integer(r.rowsRejected)
            default: a = .integer(r.violations.count)
            }
            if !same(t.value, a, zone: zone) {
                out.append(FailedExpectation(location: t.location, message: "expected \(t.key) \(t.value), actual \(a)"))
            }
        }
        return out
    }
}

/// Inline test rows as CSV, so they take the same path through the reader as an export.
enum InlineRows {
    static func csv(_ rows: [[(String, String)]]) -> [UInt8] {
        var headers: [String] = []
        for r in rows { for (k, _) in r where !headers.contains(k) { headers.append(k) } }
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var text = headers.map(field).joined(separator: ",") + "\n"
        for r in rows {
            let values = Dictionary(r, uniquingKeysWith: { a, _ in a })
            text += headers.map { field(values[$0] ?? "") }.joined(separator: ",") + "\n"
        }
        return Array(text.utf8)
    }
}
