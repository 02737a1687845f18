/// What `check` counts as a failure: the `--fail-on` rules, each matched against a finding or,
/// for a person's month, against the ledger. In the library so that tests and other front ends
/// decide a verdict the way the command does.
package enum CheckRule: Equatable, Sendable {
    case breaches, overdue, escalations, penalties
    /// Ratios that could not be taken: the rules reading them decided nothing.
    case ratios
    /// A single fine above the amount.
    case penaltiesOver(Money)
    /// A person's fines booked to one month, added up, above the amount.
    case personMonthOver(Money)

    /// What counts when no `--fail-on` is given: every violation and every undefined ratio.
    static let defaults: [CheckRule] = [.breaches, .overdue, .escalations, .penalties, .ratios]

    /// The forms `--fail-on` takes, for help and messages.
    package static let forms = "breaches, overdue, escalations, penalties, ratios, penalties-over=AMOUNT, "
        + "penalties-over=AMOUNT,per-person-month (AMOUNT as a policy writes money: 25, 25元, ¥25, 25 CNY)"

    /// `breaches`, `penalties-over=25元`, `penalties-over=¥120,per-person-month`; nil otherwise.
    package init?(parsing text: String) {
        switch text {
        case "breaches", "breach": self = .breaches
        case "overdue": self = .overdue
        case "escalations", "escalation": self = .escalations
        case "penalties", "penalty": self = .penalties
        case "ratios", "ratio": self = .ratios
        default:
            guard text.hasPrefix("penalties-over=") else { return nil }
            var amount = String(text.dropFirst("penalties-over=".count))
            var perPersonMonth = false
            for suffix in [",per-person-month", " per-person-month"] where amount.hasSuffix(suffix) {
                amount.removeLast(suffix.count)
                perPersonMonth = true
            }
            guard let m = Money(parsingWritten: amount.trimmingCharacters(in: .whitespaces)), m.minorUnits >= 0 else { return nil }
            self = perPersonMonth ? .personMonthOver(m) : .penaltiesOver(m)
        }
    }

    /// Whether `f` counts under this rule (a person's month is judged on the ledger).
    func matches<F: FindingFields>(_ f: F) -> Bool {
        switch self {
        case .breaches: return f.kind == .deadline && f.status == .breached
        case .overdue: return f.kind == .deadline && f.status == .overdue
        case .escalations: return f.kind == .escalation && f.status != .met
        case .penalties: return f.kind == .penalty && f.status.isViolation
        case .ratios: return f.kind == .ratio
        case .penaltiesOver(let m): return f.kind == .penalty && f.status.isViolation && (f.amount ?? .zero) > m
        case .personMonthOver: return false
        }
    }

    /// `matches`' answer for every finding of `kind` and `status`, or nil when it depends on
    /// the finding's amount.
    func decides(_ kind: FindingKind, _ status: Finding.Status) -> Bool? {
        switch self {
        case .breaches: return kind == .deadline && status == .breached
        case .overdue: return kind == .deadline && status == .overdue
        case .escalations: return kind == .escalation && status != .met
        case .penalties: return kind == .penalty && status.isViolation
        case .ratios: return kind == .ratio
        case .penaltiesOver: return kind == .penalty && status.isViolation ? nil : false
        case .personMonthOver: return false
        }
    }

    /// The months in which a person's booked fines add up to more than `personMonthOver`'s
    /// amount, as `check` prints them, in ledger order.
    func ledgerLines(_ report: EvaluationReport) -> [String] {
        guard case .personMonthOver(let limit) = self else { return [] }
        return report.ledger.filter { $0.incurred > limit }.map {
            "\($0.person) \($0.month): fines \($0.incurred) CNY in the month, over \(limit) CNY (penalties-over, per person and month)"
        }
    }
}

/// How many rejected rows `check` tolerates (`--max-rejects`): a count, or a share of the rows
/// read. By default none: a verdict over rows that were set aside is not a pass.
package enum RejectAllowance: Equatable, Sendable {
    case rows(Int)
    /// Per cent of the rows read, exactly (`2.5%`).
    case share(Fraction)

    package static let strict = RejectAllowance.rows(0)

    /// `3`, `10%`, `2.5%`; nil otherwise.
    package init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") {
            guard let f = Fraction(parsing: Substring(t.dropLast())), f >= .zero, f <= Fraction(100) else { return nil }
            self = .share(f)
        } else {
            guard let n = Int(t), n >= 0 else { return nil }
            self = .rows(n)
        }
    }

    /// Whether `rejected` of `read` rows are within the allowance.
    func allows(rejected: Int, of read: Int) -> Bool {
        switch self {
        case .rows(let n): return rejected <= n
        case .share(let p):
            // rejected / read ≤ p / 100, in integers: rejected × 100 ≤ p × read.
            guard let bound = p.multiplied(by: Fraction(Int64(read))) else { return false }
            return Fraction(Int64(rejected) * 100) <= bound
        }
    }

    /// `2 rows`, `10%`: for messages.
    var description: String {
        switch self {
        case .rows(let n): return n == 1 ? "1 row" : "\(n) rows"
        case .share(let p): return "\(p)%"
        }
    }
}
