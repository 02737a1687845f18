/// A file of policy tests (`rules/tests/*.test.yaml`); see docs/policy-tests.md.
public struct PolicyTestSuite: Sendable {
    public var file: String
    public var name: String
    public var policyPath: String
    public var rosterPath: String?
    public var casesPath: String?
    public var asOf: Located<String>?
    public var tests: [PolicyTest]
    public var location: SourceLocation
}

public struct PolicyTest: Sendable {
    public enum Cases: Sendable {
        case file(String)
        /// Inline rows, each a list of (column header, text).
        case rows([[(String, String)]])
    }
    public var name: String
    public var cases: Cases?
    public var asOf: Located<String>?
    public var expect: Expectations
    public var location: SourceLocation
}

/// What a test asserts; only what it names.
public struct Expectations: Sendable {
    public var findings: [Pattern] = []
    public var absent: [Pattern] = []
    public var ledger: [Pattern] = []
    public var totals: [Pattern.Field] = []
    /// Rows set aside as bad input; when given, the test runs with rejects collected.
    public var rejected: [Pattern] = []
}

/// A partial description of a finding or ledger line: each named field must match.
public struct Pattern: Sendable {
    public struct Field: Sendable {
        public var key: String
        public var value: ExpectedValue
        public var location: SourceLocation
    }
    public var fields: [Field]
    /// For findings: exactly this many must match.
    public var count: Int?
    public var location: SourceLocation

    public func value(_ key: String) -> ExpectedValue? { fields.first { $0.key == key }?.value }

    /// `{ case: 2609-05, rule: notify-departments, status: breached }`
    public var description: String {
        "{ " + fields.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + (count.map { ", count: \($0)" } ?? "") + " }"
    }
}

/// An expected value, parsed by what its key holds so that `20 CNY` equals `20.00`.
public enum ExpectedValue: Sendable, Equatable, CustomStringConvertible {
    case text(String)
    case money(Money)
    case span(TimeSpan)
    case instant(Timestamp)
    /// A wall-clock time in the policy's zone.
    case localTime(CivilDate, Int64)
    case integer(Int)

    public var description: String {
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
