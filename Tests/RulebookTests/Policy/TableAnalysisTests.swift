import Foundation
import Testing
@testable import Rulebook

/// `validate` reads a decision table's conditions and warns about a row that can never be the
/// first to match, an input no row matches, and rows that partly overlap with different
/// outputs; each warning names the rows at file:line:col.
@Suite(.serialized) struct TableAnalysisTests {
    static let fixture = "fixtures/warnings/decision-table.yaml"

    @Test func theFixturesThreeFaultsAreThreeLocatedWarnings() throws {
        let report = Validator.validate(paths: [Self.fixture])
        let f = Self.fixture
        #expect(report.diagnostics.map(\.description) == [
            "\(f):12:9: warning: table handling: no row matches severity = \"urgent\", loss unset: add a row for it, or a last row without 'when'",
            "\(f):18:9: warning: table handling: row 3 (\(f):18:9) can never be the first to match: row 1 (\(f):16:9) before it matches every input it does",
            "\(f):19:9: warning: table handling: row 2 (\(f):17:9) and row 4 (\(f):19:9) both match severity = \"normal\", loss = 3500 with different outputs; "
                + "row 2 (\(f):17:9) wins, by order alone (say 'hit: first' if the order is the priority on purpose)",
        ])
        #expect(report.isValid)
        #expect(!report.isValid(strict: true))
        let plain = try runRulebook(["validate", Self.fixture])
        #expect(plain.status == 0)
        #expect(plain.stderr.split(separator: "\n").count == 3)
        let strict = try runRulebook(["validate", "--strict", Self.fixture])
        #expect(strict.status == 2)
        #expect(strict.stdout == "3 warnings (--strict) in 1 file\n")
    }

    static func warnings(_ yaml: String) throws -> [String] {
        try RunTimeErrorTests.compile(yaml).tableWarnings().map(\.message)
    }

    static let base = """
    policy: t
    fields:
      case_id: string
      kind: { type: enum, values: [a, b, c] }
      amount: { type: integer, optional: true }
      flag: { type: boolean, optional: true }
    tables:
      - id: route
        outputs: { team: string }
        rows:
    """

    @Test func hitFirstAcceptsOverlapsButNotShadowsOrGaps() throws {
        let rows = """
              - { when: kind == "a", team: '"x"' }
              - { when: amount > 10, team: '"y"' }
              - { when: kind == "a" and amount > 20, team: '"z"' }
        """
        let plain = try Self.warnings(Self.base + "\n" + rows)
        #expect(plain.contains { $0.contains("both match") })
        #expect(plain.contains { $0.contains("row 3") && $0.contains("can never be the first to match") })
        #expect(plain.contains { $0.contains("no row matches") })
        let first = try Self.warnings(Self.base.replacingOccurrences(of: "outputs: { team: string }", with: "hit: first\n    outputs: { team: string }") + "\n" + rows)
        #expect(!first.contains { $0.contains("both match") })
        #expect(first.count == 2)
    }

    @Test func specificBeforeGeneralAndACompleteTableAreQuiet() throws {
        let rows = """
              - { when: kind == "a" and flag == true, team: '"x"' }
              - { when: kind == "a", team: '"y"' }
              - { when: 'kind in ["b", "c"] and amount >= 100', team: '"z"' }
              - { team: '"w"' }
        """
        #expect(try Self.warnings(Self.base + "\n" + rows) == [])
    }

    @Test func conditionsItCannotReadGetNoClaim() throws {
        // A comparison of two fields, an `or`, a function: no warning either way.
        for when in ["amount > length(case_id)", "kind == \"a\" or flag", "starts_with(case_id, \"X\")"] {
            let rows = """
                  - { when: '\(when)', team: '"x"' }
                  - { when: kind == "a", team: '"y"' }
            """
            #expect(try Self.warnings(Self.base + "\n" + rows) == [], "\(when)")
        }
        let contradiction = """
              - { when: kind == "a" and kind == "b", team: '"x"' }
              - { team: '"y"' }
        """
        #expect(try Self.warnings(Self.base + "\n" + contradiction).first?.contains("row 1") == true)
    }

    /// 2,000 rows over 18,000 kinds of input would take 36 million tests: no claim is made
    /// rather than making `validate` slow (it took 30 s before the limit). Evaluating an
    /// export never pays for the analysis.
    /// A row per kind, each also needing `flag`; no row for a kind without it: a gap.
    static func wide(_ n: Int) -> String {
        let rows = (0..<n).map { "      - { when: kind == \"v\($0)\" and flag, team: '\"t\($0)\"' }" }.joined(separator: "\n")
        return """
        policy: big
        fields:
          case_id: string
          kind: { type: enum, values: [\((0..<n).map { "v\($0)" }.joined(separator: ", "))] }
          flag: { type: boolean, optional: true }
          more: { type: boolean, optional: true }
        tables:
          - id: route
            outputs: { team: string }
            rows:
        \(rows)
              - { when: more, team: '"x"' }
        """
    }

    /// 2,000 rows over 18,000 kinds of input would take 36 million tests: no claim is made
    /// rather than making `validate` slow (30 s before the limit). Evaluating an export never
    /// pays for the analysis.
    @Test func aTableTooLargeToTryGetsNoClaim() throws {
        let policy = try RunTimeErrorTests.compile(Self.wide(2000))
        #expect(policy.warnings.isEmpty)
        #expect(policy.tableWarnings().isEmpty)
        #expect(try RunTimeErrorTests.compile(Self.wide(50)).tableWarnings().contains { $0.message.contains("no row matches") })
    }

    @Test func theShippedPoliciesValidateWithoutWarnings() {
        let report = Validator.validate(paths: ["rules"])
        #expect(report.diagnostics.map(\.description) == [])
    }
}
