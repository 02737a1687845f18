/// A file of policy tests (`rules/tests/*.test.yaml`); see docs/policy-tests.md.
package struct PolicyTestSuite: Sendable {
    package var file: String
    package var name: String
    package var policyPath: String
    package var rosterPath: String?
    package var casesPath: String?
    package var asOf: Located<String>?
    package var tests: [PolicyTest]
    package var location: SourceLocation
}

package struct PolicyTest: Sendable {
    package enum Cases: Sendable {
        case file(String)
        /// Inline rows, each a list of (column header, text).
        case rows([[(String, String)]])
    }
    package var name: String
    package var cases: Cases?
    package var asOf: Located<String>?
    package var expect: Expectations
    package var location: SourceLocation
}

/// What a test asserts; only what it names.
package struct Expectations: Sendable {
    package var findings: [Pattern] = []
    package var absent: [Pattern] = []
    package var ledger: [Pattern] = []
    package var totals: [Pattern.Field] = []
    /// Rows set aside as bad input; when given, the test runs with rejects collected.
    package var rejected: [Pattern] = []
}

/// A partial description of a finding or ledger line: each named field must match.
package struct Pattern: Sendable {
    package struct Field: Sendable {
        package var key: String
        package var value: ExpectedValue
        package var location: SourceLocation
    }
    package var fields: [Field]
    /// For findings: exactly this many must match.
    package var count: Int?
    package var location: SourceLocation

    package func value(_ key: String) -> ExpectedValue? { fields.first { $0.key == key }?.value }

    /// `{ case: 2609-05, rule: notify-departments, status: breached }`
    package var description: String {
        "{ " + fields.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + (count.map { ", count: \($0)" } ?? "") + " }"
    }
}

/// An expected value, parsed by what its key holds so that `20 CNY` equals `20.00`.
package enum ExpectedValue: Sendable, Equatable, CustomStringConvertible {
    case text(String)
    case money(Money)
    case span(TimeSpan)
    case instant(Timestamp)
    /// A wall-clock time in the policy's zone.
    case localTime(CivilDate, Int64)
    case integer(Int)

    package var description: String {
        switch self {
        case .text(let s): return s
        case .money(let m): return "\(m) CNY"
        case .span(let s): return s.description
        case .instant(let t): return t.description
        case .localTime(let d, let s):
            func p2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
            return "\(d) \(p2(s / 3600)):\(p2(s / 60 % 60))" + (s % 60 == 0 ? "" : ":\(p2(s % 60))") + " (policy zone)"
        case .integer(let i): return String(i)
        }
    }
}
