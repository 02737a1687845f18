/// What one run of a policy over an export found, with what a reader needs to trace a
/// figure back: the policy's id, version and fingerprint, the input's fingerprint, the as-of
/// instant and the row counts.
///
/// Findings are read with ``forEachFinding(_:)``, which streams them in report order (a large
/// run keeps them in temporary files); the ledger, the rows set aside and the groups short of
/// them are held in memory. ``ReportFormat`` writes the whole report as `rulebook eval` does.
public struct EvaluationReport: Sendable {
    /// The policy's `policy:` id.
    public internal(set) var policyID: String
    /// The policy's `title:`, if it gives one.
    public internal(set) var policyTitle: String?
    /// The policy's `version:`, if it gives one.
    public internal(set) var policyVersion: String?
    /// SHA-256 of the policy's canonical form and its calendar's: the same for a copy that
    /// differs only in layout or comments, different after any edit that can change an outcome.
    public internal(set) var policyFingerprint: String
    /// The export's path, as the run was given it (`-` for standard input).
    public internal(set) var inputFile: String
    /// SHA-256 over the export's rows, independent of their order: the same rows in another
    /// order give the same fingerprint and the same report. Empty when the run took none
    /// (``EvaluationRun/fingerprintsInput``).
    public internal(set) var inputFingerprint: String
    /// The instant steps still open were judged at.
    public internal(set) var asOf: Timestamp
    /// False when the run was given no as-of instant and judged at the time it ran; the
    /// report then depends on when it was made, and its writers say so.
    public internal(set) var asOfGiven: Bool
    /// Rows read from the export: always ``rowsEvaluated`` plus ``rowsRejected``.
    public internal(set) var rowsRead: Int
    /// Rows evaluated: each is a case with its findings.
    public internal(set) var rowsEvaluated: Int
    /// Rows set aside because they could not be read (only with
    /// ``EvaluationRun/collectRejects``; otherwise the first such row fails the run).
    public internal(set) var rowsRejected: Int
    /// The findings in report order; read them with `forEachFinding` (they may be on disk).
    var findingStore: FindingStore
    /// The penalty ledger: one line per person and month with fines, in person then month
    /// order, with the cap applied and the excess carried forward.
    public internal(set) var ledger: [LedgerLine]
    /// The rows set aside, each with its reason, in row order.
    public internal(set) var rejections: [Rejection]
    /// The groups of an aggregate that rows set aside belong to, or may: their counts and
    /// sums, and the findings of rules over them, are short of those rows.
    public internal(set) var incomplete: [IncompleteGroup] = []
    /// The line of the export each row read starts on (for reports that point into it).
    var rowLines = RowLines()
    /// The state the ledger was opened from (``EvaluationRun/opening``), if any: its months
    /// up to ``LedgerState/closedMonth`` are closed, and its balances came in as carried.
    public internal(set) var openedFrom: LedgerState?
    /// With ``openedFrom``: the fines found in the months it closed. Those the state says were
    /// booked are left out of this ledger (they are still among the findings).
    public internal(set) var closedFines = Money.zero
    /// With ``openedFrom``: the part of ``closedFines`` the state had not booked — decided since
    /// their month closed (a step that has become overdue) — booked to the month after it.
    public internal(set) var lateFines = Money.zero
    /// Fines booked per person and month (capped and not), for a closing state's totals.
    var booked: [String: [String: Ledger.Booked]] = [:]
    /// With ``openedFrom``: the state was closed under another version of the policy (another
    /// fingerprint), and the run was told to accept it (``EvaluationRun/allowPolicyChange``).
    public internal(set) var policyChanged = false
    /// The policy's `language:`, and its titles: what the reports for people are written in
    /// when no language is asked for (`ReportLanguage.default(for:)`).
    var policyLanguage: String?
    var policyTitles: [String] = []

    /// Calls `body` with every finding kept (see ``FindingRetention``), in report order: by
    /// case id, then rule in declaration order, then party, whatever the order of the
    /// export's rows. Memory stays bounded: findings kept in temporary files are read back a
    /// run at a time.
    ///
    /// Rethrows what `body` throws; throws too when a temporary file of findings cannot be
    /// read back.
    public func forEachFinding(_ body: (Finding) throws -> Void) throws { try findingStore.forEach(body) }

    /// For a writer that reads the findings once more, when nothing reads them after it (see
    /// `ReportFormat.write`'s `lastRead`): that read gives the temporary files' storage back
    /// as it goes (`FindingStore.givesBackAsRead`), and any read after it throws.
    func readsFindingsOnce() { findingStore.givesBackAsRead = true }

    /// All findings kept, in memory: for tests and small reports. Empty when the store kept
    /// report text instead of findings (a run with a `renderer`, which `forEachFinding` refuses
    /// with `FindingFormMismatch`); a temporary file that cannot be read back ends it early.
    var findings: [Finding] {
        var all: [Finding] = []
        try? findingStore.forEach { all.append($0) }
        return all
    }

    /// Every finding of the run, kept or not: the retention decides what is kept, never
    /// what is counted.
    public var findingCount: Int { findingStore.count }
    /// The findings whose status is a violation (breached, overdue, fined, sanctioned,
    /// raised): what `rulebook check` fails on. Kept or not.
    public var violationCount: Int { findingStore.violationCount }
    /// The violations among the findings kept (see `findings`).
    var violations: [Finding] { findings.filter(\.isViolation) }

    /// How many findings of each kind had each status, kept or not: by kind, then status, in
    /// the same order in every report; a pair with no finding is left out.
    public var statusCounts: [(Finding.Kind, Finding.Status, Int)] {
        var out: [(Finding.Kind, Finding.Status, Int)] = []
        for k in [Finding.Kind.deadline, .penalty, .escalation, .ratio] {
            for s in [Finding.Status.met, .breached, .open, .overdue, .fined, .sanctioned, .provisional, .notFined, .raised, .undefined] {
                if let n = findingStore.counts[k]?[s] { out.append((k, s, n)) }
            }
        }
        return out
    }

    /// The fines of every finding with status `fined`, before any cap.
    public var totalFined: Money { findingStore.totalFined }
    /// What the ledger deducts over all its months, within the caps.
    public var totalDeducted: Money { ledger.reduce(.zero) { $0 + $1.deducted } }
    /// What is still to be deducted after each person's last ledger month: fines over the cap,
    /// carried forward.
    public var outstanding: Money {
        var last: [String: Money] = [:]
        for l in ledger { last[l.person] = l.carriedOut }
        return last.values.reduce(.zero, +)
    }
}
