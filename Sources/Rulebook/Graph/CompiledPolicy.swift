/// A policy after name resolution, type checking and ordering: what the engine runs.
/// Built once per policy; every expression is already a closure.
public final class CompiledPolicy: @unchecked Sendable {
    public let policy: Policy
    public let graph: RuleGraph
    /// The calendar file the policy names, resolved against the policy's folder.
    public let calendarPath: String?
    /// The loaded calendar, for working time.
    public let calendar: BusinessCalendar?
    public let zone: Zone

    /// Slot i of `EvaluationContext.slots` holds `slotNames[i]`; fields come first.
    let slotNames: [String]
    let slotTypes: [ValueType]
    let fields: [CompiledField]
    /// Case-level work in dependency order.
    let steps: [Step]
    let deadlineCount: Int
    let aggregates: [CompiledAggregate]
    /// Rules evaluated once per group of an aggregate, after all cases are read.
    let groupSteps: [GroupStep]
    let caps: [CompiledCap]

    init(policy: Policy, graph: RuleGraph, calendarPath: String?, calendar: BusinessCalendar?, zone: Zone, slotNames: [String], slotTypes: [ValueType],
         fields: [CompiledField], steps: [Step], deadlineCount: Int, aggregates: [CompiledAggregate],
         groupSteps: [GroupStep], caps: [CompiledCap]) {
        self.policy = policy
        self.graph = graph
        self.calendarPath = calendarPath
        self.calendar = calendar
        self.zone = zone
        self.slotNames = slotNames
        self.slotTypes = slotTypes
        self.fields = fields
        self.steps = steps
        self.deadlineCount = deadlineCount
        self.aggregates = aggregates
        self.groupSteps = groupSteps
        self.caps = caps
    }

    /// The names and types of every value a case carries, for tools and tests.
    public var valueTypes: [(name: String, type: ValueType)] { Array(zip(slotNames, slotTypes)) }
}

struct CompiledField {
    var decl: FieldDecl
    var type: ValueType
    var slot: Int
}

/// Indirect: a step is copied out of the policy for every case; a box costs one retain.
indirect enum Step {
    case derive(slot: Int, CompiledExpression)
    case table(CompiledTable)
    case deadline(CompiledDeadline)
    case penalty(CompiledPenalty)
    case escalation(CompiledEscalation)
}

indirect enum GroupStep {
    case deadline(aggregate: Int, CompiledDeadline)
    case penalty(aggregate: Int, CompiledPenalty)
    case escalation(aggregate: Int, CompiledEscalation)
}

struct CompiledTable {
    struct Row {
        var when: CompiledExpression?
        /// (slot, value) for each output the row sets; the others become null.
        var outputs: [(slot: Int, value: CompiledExpression)]
    }
    var decl: TableDecl
    var outputSlots: [Int]
    var rows: [Row]
}

struct CompiledAggregate {
    var decl: AggregateDecl
    var keys: [CompiledExpression]
    var filter: CompiledExpression?
    var accumulators: [AggregateRegistry.Accumulator]
    /// Evaluated over the accumulators (in `EvaluationContext.group`).
    var values: [CompiledExpression]
}

struct CompiledDeadline {
    var decl: DeadlineDecl
    var index: Int
    var when: CompiledExpression?
    var from: CompiledExpression
    var to: CompiledExpression
    var within: CompiledExpression?
    var due: CompiledExpression?
}

struct CompiledPenalty {
    struct Party {
        var who: CompiledExpression
        var share: CompiledExpression?
    }
    struct Tier {
        var atLeast: CompiledExpression
        var amount: CompiledExpression
    }
    var decl: PenaltyDecl
    /// The deadline index whose breach triggers the penalty.
    var on: Int?
    var when: CompiledExpression?
    var parties: [Party]
    var amount: CompiledExpression?
    var measure: CompiledExpression?
    var tiers: [Tier]
    var among: CompiledExpression?
    var at: CompiledExpression?
    var note: CompiledExpression?
}

struct CompiledCap {
    var decl: CapDecl
    /// Scope: group[0] = the person's bonus that month, [1] = base points, [2] = fines incurred.
    var limit: CompiledExpression
    /// Penalty ids covered; nil means all.
    var penalties: Set<String>?
}

struct CompiledEscalation {
    var decl: EscalationDecl
    var when: CompiledExpression
    var require: CompiledExpression?
    var from: CompiledExpression?
    var within: CompiledExpression?
    var note: CompiledExpression?
}
