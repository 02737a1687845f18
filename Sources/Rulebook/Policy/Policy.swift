/// A policy as written: the typed model read from YAML, before names are resolved.
/// Every element keeps its source location so later passes can point at it.
package struct Policy: Sendable {
    package var id: String
    package var title: String?
    package var source: String?
    package var version: String?
    package var timezone: String
    package var calendar: Located<String>?
    package var currency: String
    package var file: String
    package var location: SourceLocation
    /// The YAML without comments and layout, mapping keys sorted: what the fingerprint hashes.
    package var canonicalForm: String = ""

    package var fields: [FieldDecl] = []
    package var derived: [DerivedDecl] = []
    package var tables: [TableDecl] = []
    package var aggregates: [AggregateDecl] = []
    package var deadlines: [DeadlineDecl] = []
    package var penalties: [PenaltyDecl] = []
    package var caps: [CapDecl] = []
    package var escalations: [EscalationDecl] = []
}

/// A value with the place it was written.
package struct Located<T: Sendable>: Sendable {
    package var value: T
    package var location: SourceLocation
}

/// Expression text together with the YAML node it came from, so a problem inside the text
/// can be reported at its own line and column.
package struct ExpressionSource: Sendable {
    package var text: String
    var node: YAMLNode
    package var location: SourceLocation { node.location }
    func location(of range: Range<Int>) -> SourceLocation { node.location(ofContentOffset: range.lowerBound) }
}

/// A column of the case record.
package struct FieldDecl: Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case string, integer, decimal, money, timestamp, date, boolean, `enum`, person, department
    }
    package var name: String
    package var kind: Kind
    package var columns: [String]
    package var optional: Bool
    /// For enums: the values, and source labels mapped onto them (一般 → general).
    package var values: [String]
    package var labels: [(label: String, value: String)]
    /// For strings: a pattern every value must match, e.g. the case number format.
    package var pattern: Located<String>?
    /// For integer, decimal and money fields: the least and the greatest value a row may hold
    /// (`min: 0%`, `max: 100%`). Without `min` a number is at least 0 unless the field is
    /// `signed: true`: a count, a quantity, a ratio or a loss below zero is a mistake in the
    /// export, not a value to compute with.
    package var minimum: Bound?
    package var maximum: Bound?
    package var location: SourceLocation

    /// A limit as written, and its value (in yuan for money).
    package struct Bound: Sendable {
        package var value: Fraction
        package var text: String
        /// nil for the default minimum of 0, which nothing in the file wrote.
        package var location: SourceLocation?
    }

    package var isNumber: Bool { kind == .integer || kind == .decimal || kind == .money }
}

extension FieldDecl.Bound {
    /// The least a number field holds unless it says otherwise.
    static let zero = FieldDecl.Bound(value: .zero, text: "0", location: nil)
}

package struct DerivedDecl: Sendable {
    package var name: String
    package var expression: ExpressionSource
    package var location: SourceLocation
}

/// A first-hit decision table: rows are tried in order; the first whose condition holds
/// sets the outputs.
package struct TableDecl: Sendable {
    package struct Output: Sendable {
        package var name: String
        package var kind: FieldDecl.Kind
        package var values: [String]
        package var location: SourceLocation
    }
    package struct Row: Sendable {
        /// nil for a row that always hits (the default row, last).
        package var when: ExpressionSource?
        package var outputs: [(name: String, value: ExpressionSource)]
        package var location: SourceLocation
    }
    /// How rows that match the same input are resolved. Rows are always tried first to last;
    /// `first` says the order is the priority on purpose, so rows that partly overlap are not
    /// warned about (see `TableModel`).
    package enum Hit: String, Sendable, CaseIterable { case first }
    package var id: String
    package var clause: String?
    package var hit: Hit?
    package var outputs: [Output]
    package var rows: [Row]
    package var location: SourceLocation
}

/// Counts and sums over groups of cases (per person and month, per product …).
package struct AggregateDecl: Sendable {
    package var id: String
    package var clause: String?
    package var by: [(name: String, expression: ExpressionSource)]
    package var filter: ExpressionSource?
    package var values: [(name: String, expression: ExpressionSource)]
    package var location: SourceLocation
}

package struct DeadlineDecl: Sendable {
    package var id: String
    package var clause: String?
    package var title: String?
    package var when: ExpressionSource?
    package var from: ExpressionSource
    package var to: ExpressionSource
    /// Either `within` (a duration after `from`) or `due` (an instant).
    package var within: ExpressionSource?
    package var due: ExpressionSource?
    /// How `N working days` is counted (`working_days: same-time | end-of-day`).
    package var workingDays: WorkingDayRule
    /// The clock lateness is measured on (`lateness: working-time | calendar`); by default
    /// working time for working-time and working-day spans, else calendar time.
    package var lateness: TimeSpan.Clock?
    /// Group-level deadline: evaluated once per group of this aggregate.
    package var per: Located<String>?
    package var location: SourceLocation
}

package struct PenaltyDecl: Sendable {
    package struct Party: Sendable {
        package var who: ExpressionSource
        package var share: ExpressionSource?
    }
    package struct Tier: Sendable {
        package var atLeast: ExpressionSource
        package var amount: ExpressionSource
        package var location: SourceLocation
    }
    package enum Apportion: String, Sendable, CaseIterable {
        /// Split among the department's members in proportion to base points (S2).
        case basePoints = "base-points"
    }
    /// Who bears the part of the amount that the parties' shares leave over. Without it the
    /// shares must add up to 100%: a joint fault whose ratios do not is a row error.
    package enum Remainder: String, Sendable, CaseIterable {
        /// The company bears it: nobody is fined for it.
        case company
    }
    /// When a penalty of a group over a period (a `month` or `week` key) is booked.
    package enum Fires: String, Sendable, CaseIterable {
        /// Once the period has ended: before, the fine is provisional (reported, not booked),
        /// because a count or sum that can still grow is not final.
        case atPeriodEnd = "at-period-end"
        /// As soon as the threshold is reached, for a rule whose source says so.
        case atOnce = "at-once"
    }
    /// Whose base points share an apportioned amount (`members:`).
    package enum Members: String, Sendable, CaseIterable {
        /// The people whose department is the `among` department itself (the default).
        case direct
        /// Those and the people of every department under it in the roster's tree (全科: a
        /// section with its group units).
        case withSubunits = "with-subunits"
    }
    package var id: String
    package var clause: String?
    package var title: String?
    /// The deadline whose breach triggers this penalty.
    package var on: Located<String>?
    package var when: ExpressionSource?
    package var per: Located<String>?
    package var to: [Party]
    package var amount: ExpressionSource?
    package var measure: ExpressionSource?
    package var tiers: [Tier]
    package var apportion: Apportion?
    package var among: ExpressionSource?
    package var remainder: Located<Remainder>?
    package var members: Members = .direct
    /// As written; nil for the default, `at-period-end`.
    package var fires: Located<Fires>?
    package var sanction: String?
    /// When the penalty is incurred, which decides the ledger month. Defaults: the breached
    /// deadline's due instant; for a group, the end of its `month` or `week` key; otherwise the
    /// case's first timestamp field.
    package var at: ExpressionSource?
    /// Text for the finding, computed per case (e.g. a decision table's reason).
    package var note: ExpressionSource?
    package var location: SourceLocation
}

package struct CapDecl: Sendable {
    package enum Excess: String, Sendable, CaseIterable {
        /// 逐月分期罚扣: what exceeds the cap is deducted in the following months.
        case carryForward = "carry-forward"
        case waive
    }
    /// How a limit that falls between two fen is made a figure. A cap says "must not
    /// exceed" (不得超过), so by default it rounds down: 50% of 100.01 is 50.00, not 50.01.
    package enum Rounding: String, Sendable, CaseIterable {
        case down
        /// 四舍五入, for a company whose rule rounds its cap like any other amount.
        case halfUp = "half-up"
    }
    package var id: String
    package var clause: String?
    package var per: [String]
    package var limit: ExpressionSource
    package var excess: Excess
    package var rounding: Rounding
    /// Penalties the cap covers; empty means all.
    package var penalties: [Located<String>]
    package var location: SourceLocation
}

package struct EscalationDecl: Sendable {
    package var id: String
    package var clause: String?
    package var title: String?
    package var when: ExpressionSource
    package var action: String?
    package var per: Located<String>?
    /// The step that must follow, and by when.
    package var require: ExpressionSource?
    package var from: ExpressionSource?
    package var within: ExpressionSource?
    package var workingDays: WorkingDayRule
    /// Text for the finding, computed per case (e.g. a decision table's reason).
    package var note: ExpressionSource?
    package var location: SourceLocation
}
