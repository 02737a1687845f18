/// A policy as written: the typed model read from YAML, before names are resolved.
/// Every element keeps its source location so later passes can point at it.
package struct Policy: Sendable {
    package var id: String
    var title: String?
    var source: String?
    var version: String?
    var timezone: String
    var calendar: Located<String>?
    var currency: String
    /// `language:`, `zh` or `en`: the language of reports for people (nil: their titles' language).
    var language: String?
    var file: String
    var location: SourceLocation
    /// The YAML without comments and layout, mapping keys sorted: what the fingerprint hashes.
    var canonicalForm: String = ""

    var fields: [FieldDecl] = []
    var derived: [DerivedDecl] = []
    var tables: [TableDecl] = []
    var aggregates: [AggregateDecl] = []
    var deadlines: [DeadlineDecl] = []
    var penalties: [PenaltyDecl] = []
    var caps: [CapDecl] = []
    var escalations: [EscalationDecl] = []
}

/// A value with the place it was written.
struct Located<T: Sendable>: Sendable {
    var value: T
    var location: SourceLocation
}

/// Expression text together with the YAML node it came from, so a problem inside the text
/// can be reported at its own line and column.
struct ExpressionSource: Sendable {
    var text: String
    var node: YAMLNode
    var location: SourceLocation { node.location }
    func location(of range: Range<Int>) -> SourceLocation { node.location(ofContentOffset: range.lowerBound) }
}

/// A column of the case record.
struct FieldDecl: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case string, integer, decimal, money, timestamp, date, boolean, `enum`, person, department
    }
    var name: String
    var kind: Kind
    var columns: [String]
    var optional: Bool
    /// For enums: the values, and source labels mapped onto them (一般 → general).
    var values: [String]
    var labels: [(label: String, value: String)]
    /// For strings: a pattern every value must match, e.g. the case number format.
    var pattern: Located<String>?
    /// For integer, decimal and money fields: the least and the greatest value a row may hold
    /// (`min: 0%`, `max: 100%`). Without `min` a number is at least 0 unless the field is
    /// `signed: true`: a count, a quantity, a ratio or a loss below zero is a mistake in the
    /// export, not a value to compute with.
    var minimum: Bound?
    var maximum: Bound?
    var location: SourceLocation

    /// A limit as written, and its value (in yuan for money).
    struct Bound: Sendable {
        var value: Fraction
        var text: String
        /// nil for the default minimum of 0, which nothing in the file wrote.
        var location: SourceLocation?
    }

    var isNumber: Bool { kind == .integer || kind == .decimal || kind == .money }
}

extension FieldDecl.Bound {
    /// The least a number field holds unless it says otherwise.
    static let zero = FieldDecl.Bound(value: .zero, text: "0", location: nil)
}

struct DerivedDecl: Sendable {
    var name: String
    var expression: ExpressionSource
    var location: SourceLocation
}

/// A first-hit decision table: rows are tried in order; the first whose condition holds
/// sets the outputs.
struct TableDecl: Sendable {
    struct Output: Sendable {
        var name: String
        var kind: FieldDecl.Kind
        var values: [String]
        var location: SourceLocation
    }
    struct Row: Sendable {
        /// nil for a row that always hits (the default row, last).
        var when: ExpressionSource?
        var outputs: [(name: String, value: ExpressionSource)]
        var location: SourceLocation
    }
    /// How rows that match the same input are resolved. Rows are always tried first to last;
    /// `first` says the order is the priority on purpose, so rows that partly overlap are not
    /// warned about (see `TableModel`).
    enum Hit: String, Sendable, CaseIterable { case first }
    var id: String
    var clause: String?
    var hit: Hit?
    var outputs: [Output]
    var rows: [Row]
    var location: SourceLocation
}

/// Counts and sums over groups of cases (per person and month, per product …).
struct AggregateDecl: Sendable {
    var id: String
    var clause: String?
    var by: [(name: String, expression: ExpressionSource)]
    var filter: ExpressionSource?
    var values: [(name: String, expression: ExpressionSource)]
    var location: SourceLocation
}

struct DeadlineDecl: Sendable {
    var id: String
    var clause: String?
    var title: String?
    var when: ExpressionSource?
    var from: ExpressionSource
    var to: ExpressionSource
    /// Either `within` (a duration after `from`) or `due` (an instant).
    var within: ExpressionSource?
    var due: ExpressionSource?
    /// How `N working days` is counted (`working_days: same-time | end-of-day`).
    var workingDays: WorkingDayRule
    /// The clock lateness is measured on (`lateness: working-time | calendar`); by default
    /// working time for working-time and working-day spans, else calendar time.
    var lateness: TimeSpan.Clock?
    /// Group-level deadline: evaluated once per group of this aggregate.
    var per: Located<String>?
    /// Which round of a deadline with `rounds:` this is (1, 2, …); nil for a deadline without.
    var round: Int? = nil
    var location: SourceLocation
}

struct PenaltyDecl: Sendable {
    struct Party: Sendable {
        var who: ExpressionSource
        var share: ExpressionSource?
    }
    struct Tier: Sendable {
        var atLeast: ExpressionSource
        var amount: ExpressionSource
        var location: SourceLocation
    }
    enum Apportion: String, Sendable, CaseIterable {
        /// Split among the department's members in proportion to base points (S2).
        case basePoints = "base-points"
    }
    /// Who bears the part of the amount that the parties' shares leave over. Without it the
    /// shares must add up to 100%: a joint fault whose ratios do not is a row error.
    enum Remainder: String, Sendable, CaseIterable {
        /// The company bears it: nobody is fined for it.
        case company
    }
    /// When a penalty of a group over a period (a `month` or `week` key) is booked.
    enum Fires: String, Sendable, CaseIterable {
        /// Once the period has ended: before, the fine is provisional (reported, not booked),
        /// because a count or sum that can still grow is not final.
        case atPeriodEnd = "at-period-end"
        /// As soon as the threshold is reached, for a rule whose source says so.
        case atOnce = "at-once"
    }
    /// Whose base points share an apportioned amount (`members:`).
    enum Members: String, Sendable, CaseIterable {
        /// The people whose department is the `among` department itself (the default).
        case direct
        /// Those and the people of every department under it in the roster's tree (全科: a
        /// section with its group units).
        case withSubunits = "with-subunits"
    }
    var id: String
    var clause: String?
    var title: String?
    /// The deadline whose breach triggers this penalty.
    var on: Located<String>?
    var when: ExpressionSource?
    var per: Located<String>?
    var to: [Party]
    var amount: ExpressionSource?
    var measure: ExpressionSource?
    var tiers: [Tier]
    var apportion: Apportion?
    var among: ExpressionSource?
    var remainder: Located<Remainder>?
    var members: Members = .direct
    /// As written; nil for the default, `at-period-end`.
    var fires: Located<Fires>?
    /// The sanction's name, when `sanction:` is one bare word (`major-demerit`).
    var sanction: String?
    /// `sanction:` as written: the bare word, or an expression giving an enum value whose
    /// value names the sanction case by case (`(sanction_decided)`).
    var sanctionSource: ExpressionSource?
    /// `capped: false`: no cap covers the penalty, where it is written.
    var uncapped: SourceLocation?
    /// When the penalty is incurred, which decides the ledger month. Defaults: the breached
    /// deadline's due instant; for a group, the end of its `month` or `week` key; otherwise the
    /// case's first timestamp field.
    var at: ExpressionSource?
    /// Text for the finding, computed per case (e.g. a decision table's reason).
    var note: ExpressionSource?
    var location: SourceLocation
}

struct CapDecl: Sendable {
    enum Excess: String, Sendable, CaseIterable {
        /// 逐月分期罚扣: what exceeds the cap is deducted in the following months.
        case carryForward = "carry-forward"
        case waive
    }
    /// How a limit that falls between two fen is made a figure. A cap says "must not
    /// exceed" (不得超过), so by default it rounds down: 50% of 100.01 is 50.00, not 50.01.
    enum Rounding: String, Sendable, CaseIterable {
        case down
        /// 四舍五入, for a company whose rule rounds its cap like any other amount.
        case halfUp = "half-up"
    }
    /// A month the cap needs a bonus for and the roster gives none.
    enum MissingBonus: String, Sendable, CaseIterable {
        /// The run fails, naming the person and the month (the default): a deduction taken
        /// against a bonus nobody entered cannot be defended.
        case error
        /// The bonus is taken as 0.00: the cap is whatever the limit makes of it (50% of 0 is
        /// 0), so the month deducts nothing capped and carries it on.
        case zero
    }
    /// How far an excess is carried: the ledger's last month for a person.
    enum CarryUntil: String, Sendable, CaseIterable {
        /// Up to the as-of month (the default); what is carried out of it is outstanding.
        case asOf = "as-of"
        /// Through the last month the roster gives the person a bonus for, when that is later
        /// than the as-of month: the deductions already planned for the months ahead.
        case roster
    }
    var id: String
    var clause: String?
    var per: [String]
    var limit: ExpressionSource
    var excess: Excess
    var rounding: Rounding
    var missingBonus: MissingBonus
    var carryUntil: CarryUntil
    /// Penalties the cap covers; empty means all.
    var penalties: [Located<String>]
    var location: SourceLocation
}

struct EscalationDecl: Sendable {
    var id: String
    var clause: String?
    var title: String?
    var when: ExpressionSource
    var action: String?
    var per: Located<String>?
    /// The step that must follow, and by when.
    var require: ExpressionSource?
    var from: ExpressionSource?
    var within: ExpressionSource?
    var workingDays: WorkingDayRule
    /// Text for the finding, computed per case (e.g. a decision table's reason).
    var note: ExpressionSource?
    var location: SourceLocation
}

extension PenaltyDecl {
    /// Whether the penalty books a sanction (named, or chosen by an expression).
    var hasSanction: Bool { sanctionSource != nil }

    /// `sanction:` is a name when it is one bare word — letters, digits, `_` and `-`, no space,
    /// quote, operator or parenthesis (`warning`, `major-demerit`, `记大过`) — and an expression
    /// otherwise (`(sanction_decided)`). So `major-demerit` is never read as a subtraction;
    /// a bare word that is also a value's name is refused by the compiler as ambiguous.
    static func isSanctionName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}
