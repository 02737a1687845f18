/// What evaluation found about one case (or one group of cases) and one rule: a deadline
/// met or breached, a fine booked, an escalation raised.
///
/// A finding carries its rule's id, clause and title, the instants that decided it, and for
/// a penalty the amount and the party fined, so that a reader can trace it to the row of the
/// export and the clause of the policy.
public struct Finding: Sendable, Equatable {
    /// What kind of rule made a finding: a deadline, a penalty, an escalation, or a ratio that
    /// could not be taken.
    public typealias Kind = FindingKind
    /// The outcome a finding records. Which statuses a finding can have depends on its
    /// ``kind``; ``isViolation`` tells the ones `rulebook check` fails on.
    public enum Status: String, Sendable, CaseIterable {
        /// The step was done in time.
        case met
        /// The step was done, late.
        case breached
        /// The step is not done, and its deadline has not passed at the as-of instant.
        case open
        /// The step is not done, and its deadline passed before the as-of instant.
        case overdue
        /// A penalty was incurred.
        case fined
        /// A non-monetary sanction (warning, demerit …).
        case sanctioned
        /// An escalation's condition holds.
        case raised
        /// A penalty applied but books nothing: its amount, or some shares of it, came to
        /// 0.00 (a loss too small to split). The note says which; not a violation.
        case notFined = "not-fined"
        /// A fine of a group whose period (its month or week) had not ended at the as-of
        /// instant: reported with its amount, not booked, since the count can still change.
        case provisional
        /// A ratio whose whole was 0 or missing (or its part missing): the rules reading it
        /// could not decide. Not a violation, though `rulebook check` can be told to fail on it.
        case undefined
    }

    /// The case id, or for a group rule the group's keys (`person=张三 month=2026-11`).
    public var subject: String
    /// The input row of the case (0 for group rules).
    public var row: Int
    /// The rule's kind, id, clause, title, sanction and action, shared by its findings.
    var template: FindingTemplate
    /// The outcome.
    public var status: Status
    /// When the deadline's clock started (a deadline's finding).
    public var start: Timestamp?
    /// When the step was due (a deadline's finding).
    public var due: Timestamp?
    /// When the step was done; nil while it is not.
    public var done: Timestamp?
    /// How late, on the rule's clock (working time for working-day rules).
    public var lateBy: TimeSpan?
    /// Who a penalty fines, or an escalation goes to.
    public var party: String?
    /// A penalty's fine, exact; nil for a sanction without money and for other kinds.
    public var amount: Money?
    /// When a penalty was incurred.
    public var incurredAt: Timestamp?
    /// The month (`2026-11`) a penalty is booked to in the ledger.
    public var month: String?
    /// Why the outcome is what it is, when the status alone does not say (a fine that came to
    /// 0.00, a ratio that could not be taken).
    public var note: String?
    /// For a group rule: rows set aside (``EvaluationRun/collectRejects``) that belong to the
    /// group, or may (their group could not be told); its counts and sums may be short of
    /// them. Nil when none.
    public var rowsLost: Int?

    /// What kind of rule made the finding.
    public var kind: Kind { template.kind }
    /// The id of the rule that made the finding.
    public var rule: String { template.rule }
    /// The clause of the policy document the rule implements (`§4.2`), if it names one.
    public var clause: String? { template.clause }
    /// The rule's title, if it gives one.
    public var title: String? { template.title }
    /// A penalty's non-monetary sanction (a warning, a demerit), if any.
    public var sanction: String? { template.sanction }
    /// What an escalation says to do, if it says.
    public var action: String? { template.action }

    init(subject: String, row: Int, template: FindingTemplate, status: Status) {
        self.subject = subject
        self.row = row
        self.template = template
        self.status = status
    }

    init(subject: String, row: Int, kind: Kind, rule: String, clause: String?, title: String?, status: Status) {
        self.init(subject: subject, row: row, template: FindingTemplate(kind: kind, rule: rule, clause: clause, title: title),
                  status: status)
    }

    /// Whether the finding is a violation: breached, overdue, fined, sanctioned or raised,
    /// what `rulebook check` reports and fails on.
    public var isViolation: Bool { status.isViolation }
}

extension Finding.Status {
    /// Whether a finding with this status is a violation: breached, overdue, fined, sanctioned
    /// or raised.
    public var isViolation: Bool {
        switch self {
        case .breached, .overdue, .fined, .sanctioned, .raised: return true
        case .met, .open, .notFined, .provisional, .undefined: return false
        }
    }
}

/// One person's month in the penalty ledger: the fines booked to it, what the cap let be
/// deducted from the month's bonus, and what is carried to the next month.
public struct LedgerLine: Sendable, Equatable {
    /// The person fined.
    public var person: String
    /// The person's department, from the roster.
    public var department: String?
    /// The month, `2026-11`.
    public var month: String
    /// The person's bonus for the month, from the roster: what a cap is a share of.
    public var bonus: Money?
    /// The most that may be deducted this month (nil when no cap applies).
    public var cap: Money?
    /// Fines incurred this month.
    public var incurred: Money
    /// Excess carried in from earlier months.
    public var carriedIn: Money
    /// Deducted this month.
    public var deducted: Money
    /// Still to deduct after this month.
    public var carriedOut: Money
}

/// A group of cases short of rows that were set aside: its counts and sums, and the rules
/// over them, may be too low. Reported instead of being shown as complete.
public struct IncompleteGroup: Sendable, Equatable {
    /// The aggregate (its id in the policy) whose group this is.
    public var aggregate: String
    /// The clause of the policy document the aggregate implements, if it names one.
    public var clause: String?
    /// The group's keys (`month=2026-11`); nil for the rows whose group could not be told
    /// (a key or the `where` read a value that failed): any group of the aggregate may lack them.
    public var group: String?
    /// How many rows set aside belong to the group, or may.
    public var rowsLost: Int

    /// The aggregate and its group (`monthly-complaints: month=2026-11`), as the findings of
    /// its group rules name it in ``Finding/subject``.
    public var subject: String { aggregate + ": " + (group ?? "(group unknown)") }

    /// What the loss means, in a sentence for a report.
    var note: String {
        let (rows, them) = rowsLost == 1 ? ("1 row", "it") : ("\(rowsLost) rows", "them")
        guard group != nil else {
            return "\(rows) set aside with --rejects could not be placed in a group: any group of \(aggregate) may be short of \(them)"
        }
        return "\(rows) set aside with --rejects belong\(rowsLost == 1 ? "s" : "") to this group: its counts and sums are short of \(them)"
    }
}

/// A row of the export that could not be read, set aside with its reason (a run with
/// ``EvaluationRun/collectRejects``).
public struct Rejection: Sendable, Equatable {
    /// The export's path.
    public var file: String
    /// The row, counted as the export counts it (a CSV row from 2, after the header; a
    /// JSON Lines line).
    public var row: Int
    /// The column that could not be read, when one could not.
    public var column: String?
    /// Why the row was set aside.
    public var message: String

    var description: String {
        "\(file):\(row):" + (column.map { " column \($0):" } ?? "") + " \(message)"
    }
}
