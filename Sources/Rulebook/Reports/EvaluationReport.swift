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
    public var findings: [Finding]
    public var ledger: [LedgerLine]
    public var rejections: [Rejection]

    public var violations: [Finding] { findings.filter(\.isViolation) }

    /// Counts per finding status, in a fixed order.
    public var statusCounts: [(Finding.Kind, Finding.Status, Int)] {
        var counts: [String: Int] = [:]
        for f in findings { counts["\(f.kind.rawValue)/\(f.status.rawValue)", default: 0] += 1 }
        var out: [(Finding.Kind, Finding.Status, Int)] = []
        for k in [Finding.Kind.deadline, .penalty, .escalation] {
            for s in [Finding.Status.met, .breached, .open, .overdue, .fined, .sanctioned, .raised] {
                if let n = counts["\(k.rawValue)/\(s.rawValue)"] { out.append((k, s, n)) }
            }
        }
        return out
    }

    public var totalFined: Money { findings.reduce(.zero) { $0 + ($1.amount ?? .zero) } }
    public var totalDeducted: Money { ledger.reduce(.zero) { $0 + $1.deducted } }
    /// What is still to be deducted after the last ledger month of each person.
    public var outstanding: Money {
        var last: [String: Money] = [:]
        for l in ledger { last[l.person] = l.carriedOut }
        return last.values.reduce(.zero, +)
    }
}
