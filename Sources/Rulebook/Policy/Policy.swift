/// A policy as written: the typed model read from YAML, before names are resolved.
/// Every element keeps its source location so later passes can point at it.
public struct Policy: Sendable {
    public var id: String
    public var title: String?
    public var source: String?
    public var version: String?
    public var timezone: String
    public var calendar: Located<String>?
    public var currency: String
    public var file: String
    public var location: SourceLocation
    /// The YAML without comments and layout, mapping keys sorted: what the fingerprint hashes.
    public var canonicalForm: String = ""

    public var fields: [FieldDecl] = []
    public var derived: [DerivedDecl] = []
    public var tables: [TableDecl] = []
    public var aggregates: [AggregateDecl] = []
    public var deadlines: [DeadlineDecl] = []
    public var penalties: [PenaltyDecl] = []
    public var caps: [CapDecl] = []
    public var escalations: [EscalationDecl] = []
}

/// A value with the place it was written.
public struct Located<T: Sendable>: Sendable {
    public var value: T
    public var location: SourceLocation
}

/// Expression text together with the YAML node it came from, so a problem inside the text
/// can be reported at its own line and column.
public struct ExpressionSource: Sendable {
    public var text: String
    var node: YAMLNode
    public var location: SourceLocation { node.location }
    func location(of range: Range<Int>) -> SourceLocation { node.location(ofContentOffset: range.lowerBound) }
}

/// A column of the case record.
public struct FieldDecl: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case string, integer, decimal, money, timestamp, date, boolean, `enum`, person, department
    }
    public var name: String
    public var kind: Kind
    public var columns: [String]
    public var optional: Bool
    /// For enums: the values, and source labels mapped onto them (一般 → general).
    public var values: [String]
    public var labels: [(label: String, value: String)]
    /// For strings: a pattern every value must match, e.g. the case number format.
    public var pattern: Located<String>?
    /// For integer, decimal and money fields: the least and the greatest value a row may hold
    /// (`min: 0%`, `max: 100%`). Without `min` a number is at least 0 unless the field is
    /// `signed: true`: a count, a quantity, a ratio or a loss below zero is a mistake in the
    /// export, not a value to compute with.
    public var minimum: Bound?
    public var maximum: Bound?
    public var location: SourceLocation

    /// A limit as written, and its value (in yuan for money).
    public struct Bound: Sendable {
        public var value: Fraction
        public var text: String
        /// nil for the default minimum of 0, which nothing in the file wrote.
        public var location: SourceLocation?
    }

    public var isNumber: Bool { kind == .integer || kind == .decimal || kind == .money }
}

extension FieldDecl.Bound {
    /// The least a number field holds unless it says otherwise.
    static let zero = FieldDecl.Bound(value: .zero, text: "0", location: nil)
}

public struct DerivedDecl: Sendable {
    public var name: String
    public var expression: ExpressionSource
    public var location: SourceLocation
}

/// A first-hit decision table: rows are tried in order; the first whose condition holds
/// sets the outputs.
public struct TableDecl: Sendable {
    public struct Output: Sendable {
        public var name: String
        public var kind: FieldDecl.Kind
        public var values: [String]
        public var location: SourceLocation
    }
    public struct Row: Sendable {
        /// nil for a row that always hits (the default row, last).
        public var when: ExpressionSource?
        public var outputs: [(name: String, value: ExpressionSource)]
        public var location: SourceLocation
    }
    /// How rows that match the same input are resolved. Rows are always tried first to last;
    /// `first` says the order is the priority on purpose, so rows that partly overlap are not
    /// warned about (see `TableModel`).
    public enum Hit: String, Sendable, CaseIterable { case first }
    public var id: String
    public var clause: String?
    public var hit: Hit?
    public var outputs: [Output]
    public var rows: [Row]
    public var location: SourceLocation
}

/// Counts and sums over groups of cases (per person and month, per product …).
public struct AggregateDecl: Sendable {
    public var id: String
    public var clause: String?
    public var by: [(name: String, expression: ExpressionSource)]
    public var filter: ExpressionSource?
    public var values: [(name: String, expression: ExpressionSource)]
    public var location: SourceLocation
}

public struct DeadlineDecl: Sendable {
    public var id: String
    public var clause: String?
    public var title: String?
    public var when: ExpressionSource?
    public var from: ExpressionSource
    public var to: ExpressionSource
    /// Either `within` (a duration after `from`) or `due` (an instant).
    public var within: ExpressionSource?
    public var due: ExpressionSource?
    /// How `N working days` is counted (`working_days: same-time | end-of-day`).
    public var workingDays: WorkingDayRule
    /// The clock lateness is measured on (`lateness: working-time | calendar`); by default
    /// working time for working-time and working-day spans, else calendar time.
    public var lateness: TimeSpan.Clock?
    /// Group-level deadline: evaluated once per group of this aggregate.
    public var per: Located<String>?
    public var location: SourceLocation
}

public struct PenaltyDecl: Sendable {
    public struct Party: Sendable {
        public var who: ExpressionSource
        public var share: ExpressionSource?
    }
    public struct Tier: Sendable {
        public var atLeast: ExpressionSource
        public var amount: ExpressionSource
        public var location: SourceLocation
    }
    public enum Apportion: String, Sendable, CaseIterable {
        /// Split among the department's members in proportion to base points (S2).
        case basePoints = "base-points"
    }
    /// Who bears the part of the amount that the parties' shares leave over. Without it the
    /// shares must add up to 100%: a joint fault whose ratios do not is a row error.
    public enum Remainder: String, Sendable, CaseIterable {
        /// The company bears it: nobody is fined for it.
        case company
    }
    /// When a penalty of a group over a period (a `month` or `week` key) is booked.
    public enum Fires: String, Sendable, CaseIterable {
        /// Once the period has ended: before, the fine is provisional (reported, not booked),
        /// because a count or sum that can still grow is not final.
        case atPeriodEnd = "at-period-end"
        /// As soon as the threshold is reached, for a rule whose source says so.
        case atOnce = "at-once"
    }
    /// Whose base points share an apportioned amount (`members:`).
    public enum Members: String, Sendable, CaseIterable {
        /// The people whose department is the `among` department itself (the default).
        case direct
        /// Those and the people of every department under it in the roster's tree (全科: a
        /// section with its group units).
        case withSubunits = "with-subunits"
    }
    public var id: String
    public var clause: String?
    public var title: String?
    /// The deadline whose breach triggers this penalty.
    public var on: Located<String>?
    public var when: ExpressionSource?
    public var per: Located<String>?
    public var to: [Party]
    public var amount: ExpressionSource?
    public var measure: ExpressionSource?
    public var tiers: [Tier]
    public var apportion: Apportion?
    public var among: ExpressionSource?
    public var remainder: Located<Remainder>?
    public var members: Members = .direct
    /// As written; nil for the default, `at-period-end`.
    public var fires: Located<Fires>?
    public var sanction: String?
    /// When the penalty is incurred, which decides the ledger month. Defaults: the breached
    /// deadline's due instant; for a group, the end of its `month` or `week` key; otherwise the
    /// case's first timestamp field.
    public var at: ExpressionSource?
    /// Text for the finding, computed per case (e.g. a decision table's reason).
    public var note: ExpressionSource?
    public var location: SourceLocation
}

public struct CapDecl: Sendable {
    public enum Excess: String, Sendable, CaseIterable {
        /// 逐月分期罚扣: what exceeds the cap is deducted in the following months.
        case carryForward = "carry-forward"
        case waive
    }
    /// How a limit that falls between two fen is made a figure. A cap says "must not
    /// exceed" (不得超过), so by default it rounds down: 50% of 100.01 is 50.00, not 50.01.
    public enum Rounding: String, Sendable, CaseIterable {
        case down
        /// 四舍五入, for a company whose rule rounds its cap like any other amount.
        case halfUp = "half-up"
    }
    public var id: String
    public var clause: String?
    public var per: [String]
    public var limit: ExpressionSource
    public var excess: Excess
    public var rounding: Rounding
    /// Penalties the cap covers; empty means all.
    public var penalties: [Located<String>]
    public var location: SourceLocation
}

public struct EscalationDecl: Sendable {
    public var id: String
    public var clause: String?
    public var title: String?
    public var when: ExpressionSource
    public var action: String?
    public var per: Located<String>?
    /// The step that must follow, and by when.
    public var require: ExpressionSource?
    public var from: ExpressionSource?
    public var within: ExpressionSource?
    public var workingDays: WorkingDayRule
    /// Text for the finding, computed per case (e.g. a decision table's reason).
    public var note: ExpressionSource?
    public var location: SourceLocation
}
