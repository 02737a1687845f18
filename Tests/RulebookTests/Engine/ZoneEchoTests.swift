import Foundation
import Testing
@testable import Rulebook

/// Every instant a report prints is at the policy's zone, whatever offset the export wrote it
/// with: one instant is one text. So the same instants, written as `Z`, `+08:00`, without an
/// offset or at `-05:00`, in any row order and on one thread or two, give the same bytes in
/// every report format and in `explain`, and those bytes are the ones of an export written in
/// the policy's own zone. (An aggregate's max of two rows holding one instant once printed the
/// spelling of whichever row it met first.)
@Suite struct ZoneEchoTests {
    static let policy = """
        policy: zone-echo
        timezone: Asia/Shanghai
        fields:
          case_id:     { type: string }
          received_at: { type: timestamp }
          answered_at: { type: timestamp, optional: true }
          report_at:   { type: timestamp, optional: true }
          owner:       person
          product:     string
        aggregates:
          - id: per-product
            by: { product: product, month: month(received_at) }
            values:
              first_complaint: min(received_at)
              latest_complaint: max(received_at)
              last_report: max(report_at)
        deadlines:
          - id: answer
            clause: "1"
            from: received_at
            to: answered_at
            within: 24h
        penalties:
          - id: late-answer
            clause: "2"
            on: answer
            to: owner
            amount: 50 CNY
        escalations:
          - id: product-report
            clause: "3"
            per: per-product
            when: latest_complaint is not null
            action: report
            require: last_report
            from: first_complaint
            within: 72h
        """

    static let shanghai = Zone(identifier: "Asia/Shanghai")!

    /// How an instant is written in the export.
    enum Spelling: CaseIterable {
        case policyZone, bare, utc, minusFive

        /// `local` is wall-clock time in Asia/Shanghai, `yyyy-MM-dd HH:mm`.
        func write(_ local: String) -> String {
            let t = TimestampParser.timestamp(Array(local.utf8)[...], zone: ZoneEchoTests.shanghai)!
            switch self {
            case .policyZone: return t.description                      // 2026-05-01T09:00:00+08:00
            case .bare: return local                                    // 2026-05-01 09:00
            case .utc: return t.at(offset: 0).description               // 2026-05-01T01:00:00Z
            case .minusFive: return t.at(offset: -5 * 3600).description // 2026-04-30T20:00:00-05:00
            }
        }
    }

    /// A case: id, received, answered, report, owner, product (wall-clock times in Shanghai).
    typealias Case = (id: String, received: String, answered: String?, report: String?, owner: String, product: String)

    /// Two cases of one group holding the same instants, far enough apart (more than a batch of
    /// rows) to be evaluated on different threads; a late answer fined; an open case overdue.
    static let cases: [Case] = {
        var cases: [Case] = [
            ("A", "2026-05-01 09:00", "2026-05-02 10:30", "2026-05-03 18:01", "张三", "P-1"),
            ("C", "2026-05-04 23:30", nil, nil, "李四", "P-2"),
        ]
        for i in 0..<300 {
            let minute = i % 60 < 10 ? "0\(i % 60)" : "\(i % 60)"
            cases.append(("F\(i)", "2026-05-\(10 + i % 15) 0\(i % 10):\(minute)", "2026-05-\(10 + i % 15) 1\(i % 10):\(minute)",
                          nil, "王五", "P-F"))
        }
        cases.append(("B", "2026-05-01 09:00", "2026-05-01 17:00", "2026-05-03 18:01", "李四", "P-1"))
        return cases
    }()

    /// The export with every instant written by `spelling(row index)`.
    static func csv(_ cases: [Case], _ spelling: (Int) -> Spelling) -> String {
        var lines = ["case_id,received_at,answered_at,report_at,owner,product"]
        for (i, c) in cases.enumerated() {
            let s = spelling(i)
            lines.append([c.id, s.write(c.received), c.answered.map(s.write) ?? "", c.report.map(s.write) ?? "", c.owner, c.product]
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every report format, and `explain` of case A (text and JSON), of one export. The input's
    /// name and fingerprint are blanked: spellings are different bytes, and so different inputs.
    static func outputs(_ text: String, threads: Int, explain: Bool, in dir: String) throws -> [String: String] {
        let casesPath = dir + "/cases-\(UUID().uuidString).csv"
        try text.write(toFile: casesPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: casesPath) }
        let policy = try PolicyCompiler.compile(path: dir + "/policy.yaml")
        let asOf = TimestampParser.timestamp(Array("2026-05-31T18:00+08:00".utf8)[...], zone: policy.zone)
        var out: [String: String] = [:]
        for format in ReportFormat.allCases {
            var run = EvaluationRun(casesPath: casesPath, asOf: asOf)
            run.threads = threads
            let language = try ReportLanguage.choose(flag: nil, environment: nil, policy: policy)
            run.renderer = format.findingRenderer(language)  // as `rulebook eval` renders: on the evaluating threads
            var report = try run.run(policy)
            report.inputFile = "cases.csv"
            report.inputFingerprint = "-"
            out[format.rawValue] = try format.render(report, language: language)
        }
        if explain {
            var run = EvaluationRun(casesPath: casesPath, asOf: asOf)
            run.threads = threads
            let e = try CaseExplanation.explain(caseID: "A", policy: policy, run: run)
            out["explain"] = e.text.replacingOccurrences(of: casesPath, with: "cases.csv")
            out["explain-json"] = e.json.replacingOccurrences(of: casesPath, with: "cases.csv")
        }
        return out
    }

    @Test func oneInstantPrintsTheSameWhateverItsSpellingRowOrderOrThreads() throws {
        let variants: [(String, (Int) -> Spelling)] = [
            ("Z", { _ in .utc }), ("no offset", { _ in .bare }), ("-05:00", { _ in .minusFive }),
            ("mixed", { Spelling.allCases[$0 % 4] }), ("mixed the other way", { Spelling.allCases[3 - $0 % 4] }),
        ]
        try TemporaryFolder.with(["policy.yaml": Self.policy], label: "zone-echo") { dir in
            let reference = try Self.outputs(Self.csv(Self.cases) { _ in .policyZone }, threads: 1, explain: true, in: dir)
            // What the reference must hold for the comparison to mean something: the group's
            // report, the fine and the overdue case, all at +08:00.
            #expect(reference["json"]!.contains("\"done\":\"2026-05-03T18:01:00+08:00\""))
            #expect(reference["json"]!.contains("\"incurred_at\":\"2026-05-02T09:00:00+08:00\""))
            #expect(reference["csv"]!.contains("C,deadline,answer,1,overdue,2026-05-04T23:30:00+08:00,2026-05-05T23:30:00+08:00,,"))
            #expect(reference["ledger-csv"]!.contains("张三,,2026-05,,,50.00,0.00,50.00,0.00"))
            for (name, spelling) in variants {
                for reversed in [false, true] {
                    let rows = reversed ? Array(Self.cases.reversed()) : Self.cases
                    for threads in [1, 2] {
                        let got = try Self.outputs(Self.csv(rows, spelling), threads: threads, explain: !reversed, in: dir)
                        for (what, text) in got {
                            let difference = Self.firstDifference(text, reference[what]!)
                            #expect(difference == nil, "\(what) of the export written \(name), \(reversed ? "rows reversed, " : "")\(threads) thread(s): \(difference ?? "")")
                        }
                    }
                }
            }
        }
    }

    /// The first line that differs, with the reference's line: a short message for a long report.
    static func firstDifference(_ got: String, _ reference: String) -> String? {
        guard got != reference else { return nil }
        // Split on any line end: `\r\n` (the CSV's) is one Character, which "\n" does not match.
        let a = got.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline),
            b = reference.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        return "line \(i + 1): \(i < a.count ? a[i] : "(none)")\n  expected: \(i < b.count ? b[i] : "(none)")"
    }

    /// The fold of an aggregate's min or max: two rows holding one instant at two offsets
    /// give the same value (offset included) in either order.
    @Test func minAndMaxOfOneInstantDoNotDependOnTheOrder() throws {
        let z = Value.timestamp(Timestamp(seconds: 1_777_597_260, offsetSeconds: 0))
        let east = Value.timestamp(Timestamp(seconds: 1_777_597_260, offsetSeconds: 8 * 3600))
        for kind in [AggregateRegistry.Kind.min, .max] {
            let one = try Evaluator.fold(kind, z, east), other = try Evaluator.fold(kind, east, z)
            guard case .timestamp(let a) = one, case .timestamp(let b) = other else {
                Issue.record("not a timestamp")
                continue
            }
            #expect(a.offsetSeconds == b.offsetSeconds, "\(kind)")
        }
    }
}
