/// A finished evaluation with everything a reader needs to trace a figure: the policy's id,
/// version and fingerprint, the input's fingerprint, the as-of instant, and row counts.
public struct EvaluationReport: Sendable {
    public var policyID: String
    public var policyTitle: String?
    public var policyVersion: String?
    public var policyFingerprint: String
    public var inputFile: String
    public var inputFingerprint: String
    public var asOf: Timestamp
    /// False when no `--as-of` was given and the current time was used; reports say so.
    public var asOfGiven: Bool
    public var rowsRead: Int
    public var rowsEvaluated: Int
    public var rowsRejected: Int
    /// The findings in report order; read them with `forEachFinding` (they may be on disk).
    var findingStore: FindingStore
    public var ledger: [LedgerLine]
    public var rejections: [Rejection]
    /// Groups short of rejected rows, each with how many (see `IncompleteGroup`).
    public var incomplete: [IncompleteGroup] = []
    /// The line of the export each row read starts on (for reports that point into it).
    var rowLines = RowLines()

    /// Every finding in report order, streamed (from temporary files for large runs).
    public func forEachFinding(_ body: (Finding) throws -> Void) throws { try findingStore.forEach(body) }

    /// All findings in memory: for tests and small reports.
    public var findings: [Finding] {
        var all: [Finding] = []
        try? findingStore.forEach { all.append($0) }
        return all
    }

    public var findingCount: Int { findingStore.count }
    public var violationCount: Int { findingStore.violationCount }
    public var violations: [Finding] { findings.filter(\.isViolation) }

    /// Counts per finding status, in a fixed order.
    public var statusCounts: [(Finding.Kind, Finding.Status, Int)] {
        var out: [(Finding.Kind, Finding.Status, Int)] = []
        for k in [Finding.Kind.deadline, .penalty, .escalation, .ratio] {
            for s in [Finding.Status.met, .breached, .open, .overdue, .fined, .sanctioned, .provisional, .notFined, .raised, .undefined] {
                if let n = findingStore.counts[k]?[s] { out.append((k, s, n)) }
            }
        }
        return out
    }

    public var totalFined: Money { findingStore.totalFined }
    public var totalDeducted: Money { ledger.reduce(.zero) { $0 + $1.deducted } }
    /// What is still to be deducted after the last ledger month of each person.
    public var outstanding: Money {
        var last: [String: Money] = [:]
        for l in ledger { last[l.person] = l.carriedOut }
        return last.values.reduce(.zero, +)
    }
}
