/// What evaluation found about one case (or one group of cases) and one rule.
public struct Finding: Sendable, Equatable {
    /// Declared with the rule templates the compiled plan makes (`FindingTemplate`).
    public typealias Kind = FindingKind
    public enum Status: String, Sendable, CaseIterable {
        case met, breached, open, overdue
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
        /// could not decide. Not a violation; `check` lists it (`--fail-on ratios`).
        case undefined
    }

    /// The case id, or for a group rule the group's keys (`person=张三 month=2026-11`).
    public var subject: String
    /// The input row of the case (0 for group rules).
    public var row: Int
    /// The rule's kind, id, clause, title, sanction and action, shared by its findings.
    var template: FindingTemplate
    public var status: Status
    public var start: Timestamp?
    public var due: Timestamp?
    public var done: Timestamp?
    /// How late, on the rule's clock (working time for working-day rules).
    public var lateBy: TimeSpan?
    public var party: String?
    public var amount: Money?
    /// When a penalty was incurred, and the month (`2026-11`) it is booked to.
    public var incurredAt: Timestamp?
    public var month: String?
    public var note: String?
    /// For a group rule: rows set aside with `--rejects` that belong to the group, or may
    /// (their group could not be told); its counts and sums may be short of them. Nil when none.
    public var rowsLost: Int?

    public var kind: Kind { template.kind }
    public var rule: String { template.rule }
    public var clause: String? { template.clause }
    public var title: String? { template.title }
    public var sanction: String? { template.sanction }
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

    /// Violations: what `check` reports and fails on.
    public var isViolation: Bool { status.isViolation }
}

extension Finding.Status {
    /// A status `check` reports and fails on (the store counts violations by status).
    public var isViolation: Bool {
        switch self {
        case .breached, .overdue, .fined, .sanctioned, .raised: return true
        case .met, .open, .notFined, .provisional, .undefined: return false
        }
    }
}

/// One person-month of the penalty ledger.
public struct LedgerLine: Sendable, Equatable {
    public var person: String
    public var department: String?
    public var month: String
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

/// A group of an aggregate that rows set aside with `--rejects` belong to: its counts, sums
/// and the rules over them are short of those rows.
public struct IncompleteGroup: Sendable, Equatable {
    public var aggregate: String
    public var clause: String?
    /// The group's keys (`month=2026-11`); nil for the rows whose group could not be told
    /// (a key or the `where` read a value that failed): any group of the aggregate may lack them.
    public var group: String?
    public var rowsLost: Int

    /// `monthly-complaints: month=2026-11`, the subject its group rules' findings carry.
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

/// An input row set aside with its reason (with `--rejects`).
public struct Rejection: Sendable, Equatable {
    public var file: String
    public var row: Int
    public var column: String?
    public var message: String

    var description: String {
        "\(file):\(row):" + (column.map { " column \($0):" } ?? "") + " \(message)"
    }
}
