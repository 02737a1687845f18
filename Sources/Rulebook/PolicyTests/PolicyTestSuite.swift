/// A file of policy tests (`rules/tests/*.test.yaml`); see docs/policy-tests.md.
struct PolicyTestSuite: Sendable {
    var file: String
    var name: String
    var policyPath: String
    var rosterPath: String?
    var casesPath: String?
    var asOf: Located<String>?
    var tests: [PolicyTest]
    var location: SourceLocation
}

struct PolicyTest: Sendable {
    enum Cases: Sendable {
        case file(String)
        /// Inline rows, each a list of (column header, text).
        case rows([[(String, String)]])
    }
    var name: String
    var cases: Cases?
    var asOf: Located<String>?
    var expect: Expectations
    var location: SourceLocation
}

/// What a test asserts; only what it names.
struct Expectations: Sendable {
    var findings: [Pattern] = []
    var absent: [Pattern] = []
    var ledger: [Pattern] = []
    var totals: [Pattern.Field] = []
    /// Rows set aside as bad input; when given, the test runs with rejects collected.
    var rejected: [Pattern] = []
}

/// A partial description of a finding or ledger line: each named field must match.
struct Pattern: Sendable {
    struct Field: Sendable {
        var key: String
        var value: ExpectedValue
        var location: SourceLocation
    }
    var fields: [Field]
    /// For findings: exactly this many must match.
    var count: Int?
    var location: SourceLocation

    func value(_ key: String) -> ExpectedValue? { fields.first { $0.key == key }?.value }

    /// `{ case: 2609-05, rule: notify-departments, status: breached }`
    var description: String {
        "{ " + fields.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + (count.map { ", count: \($0)" } ?? "") + " }"
    }
}

/// An expected value, parsed by what its key holds so that `20 CNY` equals `20.00`.
enum ExpectedValue: Sendable, Equatable, CustomStringConvertible {
    case text(String)
    case money(Money)
    case span(TimeSpan)
    case instant(Timestamp)
    /// A wall-clock time in the policy's zone.
    case localTime(CivilDate, Int64)
    case integer(Int)

    var description: String {
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
