/// A policy checked and compiled into a plan: names resolved, types checked, rules ordered by
/// what they read, every expression made a closure. Made by ``PolicyCompiler``; run by
/// ``EvaluationRun``.
///
/// Immutable and `Sendable`: compile once, run it over any number of exports, from any
/// number of threads.
public final class CompiledPolicy: Sendable {
    package let policy: Policy
    package let graph: RuleGraph
    /// The calendar file the policy names, resolved against the policy's folder.
    package let calendarPath: String?
    /// The loaded calendar, for working time.
    let calendar: BusinessCalendar?
    /// The zone the policy's timestamps are read in when they carry no offset: its
    /// `timezone:`, else its calendar's. Use it to read an as-of instant as the policy would
    /// (``Timestamp/init(parsing:zone:)``).
    public let zone: Zone
    /// The policy's `policy:` id, which every report carries.
    public var id: String { policy.id }
    /// The policy's `title:`, if it gives one.
    public var title: String? { policy.title }
    /// The policy's `version:`, if it gives one.
    public var version: String? { policy.version }
    /// The policy's `language:` (`zh` or `en`), if it gives one.
    package var language: String? { policy.language }
    /// The titles of the policy and its rules, in declaration order: what a report's language
    /// is told from when the policy names none.
    package var titles: [String] {
        [policy.title].compactMap { $0 } + policy.deadlines.compactMap(\.title) + policy.penalties.compactMap(\.title)
            + policy.escalations.compactMap(\.title)
    }

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
    /// The finding templates of every deadline, penalty and escalation, in step order; a
    /// template's `id` is its place here.
    let findingTemplates: [FindingTemplate]
    /// What compiling found legal but suspicious (a fine of 0, say), located in the policy:
    /// worth showing, no reason to stop.
    public let warnings: [Diagnostic]
    /// What names mean at case level once every rule is compiled: for `expression(_:)`.
    /// Kept without the scope's aggregate registry (none at case level), which is not Sendable.
    private let caseBindings: [String: Scope.Binding]
    private let caseUnavailable: [String: String]
    var caseScope: Scope { Scope(bindings: caseBindings, unavailable: caseUnavailable) }

    init(policy: Policy, graph: RuleGraph, calendarPath: String?, calendar: BusinessCalendar?, zone: Zone, slotNames: [String], slotTypes: [ValueType],
         fields: [CompiledField], steps: [Step], deadlineCount: Int, aggregates: [CompiledAggregate],
         groupSteps: [GroupStep], caps: [CompiledCap], warnings: [Diagnostic] = [], caseScope: Scope = Scope()) {
        precondition(caseScope.aggregates == nil && !caseScope.knowsBookingMonth, "a case-level scope")
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
        self.warnings = warnings
        caseBindings = caseScope.bindings
        caseUnavailable = caseScope.unavailable
        var templates: [FindingTemplate] = []
        func add(_ t: FindingTemplate) {
            guard t.id < 0 else { return }
            t.id = templates.count
            templates.append(t)
        }
        for step in steps {
            switch step {
            case .deadline(let d): add(d.template)
            case .penalty(let p): p.templates.forEach(add)
            case .escalation(let e): add(e.template)
            case .derive, .table: break
            }
        }
        for step in groupSteps {
            switch step {
            case .deadline(_, let d): add(d.template)
            case .penalty(_, let p): p.templates.forEach(add)
            case .escalation(_, let e): add(e.template)
            }
        }
        findingTemplates = templates
    }

    /// The names and types of every value a case carries, for tools and tests.
    var valueTypes: [(name: String, type: ValueType)] { Array(zip(slotNames, slotTypes)) }
}

final class CompiledField: Sendable {
    let decl: FieldDecl
    let type: ValueType
    let slot: Int

    init(decl: FieldDecl, type: ValueType, slot: Int) {
        self.decl = decl
        self.type = type
        self.slot = slot
    }
}

/// The rules are classes: a step is read out of the policy for every case, and a reference
/// costs one retain where a struct of closures costs one per member.
/// One step of a case's evaluation. Every payload is a single object, so that walking the
/// steps for each case copies a reference, not an expression's closures.
enum Step {
    case derive(CompiledDerive)
    case table(CompiledTable)
    case deadline(CompiledDeadline)
    case penalty(CompiledPenalty)
    case escalation(CompiledEscalation)
}

enum GroupStep {
    case deadline(aggregate: Int, CompiledDeadline)
    case penalty(aggregate: Int, CompiledPenalty)
    case escalation(aggregate: Int, CompiledEscalation)
}

/// Where a compiled step comes from in the policy: an error while it runs names it and
/// points at it.
struct RuleOrigin: Hashable, Sendable, CustomStringConvertible {
    var id: String
    var location: SourceLocation
    /// A derived value (`derive:`) rather than a rule.
    var isDerivedValue = false

    /// `rule qa-reply`, `derived value 'ratio'`.
    var description: String { isDerivedValue ? "derived value '\(id)'" : "rule \(id)" }
}

/// A derived value: computed into its slot.
final class CompiledDerive: Sendable {
    let slot: Int
    let expression: CompiledExpression
    let origin: RuleOrigin

    init(slot: Int, expression: CompiledExpression, origin: RuleOrigin) {
        self.slot = slot
        self.expression = expression
        self.origin = origin
    }
}

final class CompiledTable: Sendable {
    struct Row {
        var when: CompiledExpression?
        /// (slot, value) for each output the row sets; the others become null.
        var outputs: [(slot: Int, value: CompiledExpression)]
    }
    let decl: TableDecl
    let outputSlots: [Int]
    let rows: [Row]

    var origin: RuleOrigin { RuleOrigin(id: decl.id, location: decl.location) }

    init(decl: TableDecl, outputSlots: [Int], rows: [Row]) {
        self.decl = decl
        self.outputSlots = outputSlots
        self.rows = rows
    }
}

final class CompiledAggregate: Sendable {
    let decl: AggregateDecl
    let keys: [CompiledExpression]
    let filter: CompiledExpression?
    let accumulators: [AggregateRegistry.Accumulator]
    /// Evaluated over the accumulators (in `EvaluationContext.group`).
    let values: [CompiledExpression]
    /// The names of the fields and rules its keys and `where` read, directly or not.
    let placementReads: Set<String>
    /// What the evaluator calls for every case, borrowed (see `BorrowedExpressions`): the
    /// `where` (one entry, absent without one), the keys, and each accumulator's argument
    /// (absent for a `count` of every case).
    let perCaseFilter: BorrowedExpressions
    let perCaseKeys: BorrowedExpressions
    let perCaseArguments: BorrowedExpressions

    var origin: RuleOrigin { RuleOrigin(id: decl.id, location: decl.location) }

    init(decl: AggregateDecl, keys: [CompiledExpression], filter: CompiledExpression?, accumulators: [AggregateRegistry.Accumulator],
         values: [CompiledExpression], placementReads: Set<String>) {
        self.decl = decl
        self.keys = keys
        self.filter = filter
        self.accumulators = accumulators
        self.values = values
        self.placementReads = placementReads
        perCaseFilter = BorrowedExpressions([filter])
        perCaseKeys = BorrowedExpressions(keys)
        perCaseArguments = BorrowedExpressions(accumulators.map(\.argument))
    }
}

final class CompiledDeadline: Sendable {
    let decl: DeadlineDecl
    let index: Int
    let template: FindingTemplate
    /// Its expressions and settings, as the evaluator runs them for every case.
    let timed: TimedStep

    var origin: RuleOrigin { RuleOrigin(id: decl.id, location: decl.location) }

    init(decl: DeadlineDecl, index: Int, when: CompiledExpression?, from: CompiledExpression, to: CompiledExpression, within: CompiledExpression?, due: CompiledExpression?) {
        self.decl = decl
        self.index = index
        template = FindingTemplate(kind: .deadline, rule: decl.id, clause: decl.clause, title: decl.title)
        timed = TimedStep(when: when, from: from, to: to, within: within, due: due, workingDays: decl.workingDays,
                          lateness: decl.lateness, doneText: decl.to.text)
    }
}

final class CompiledPenalty: Sendable {
    struct Party {
        var who: CompiledExpression
        var share: CompiledExpression?
    }
    struct Tier {
        var atLeast: CompiledExpression
        var amount: CompiledExpression
    }
    let decl: PenaltyDecl
    /// The deadline index whose breach triggers the penalty.
    let on: Int?
    let when: CompiledExpression?
    let parties: [Party]
    let amount: CompiledExpression?
    let measure: CompiledExpression?
    let tiers: [Tier]
    let among: CompiledExpression?
    let at: CompiledExpression?
    let note: CompiledExpression?
    let template: FindingTemplate

    var origin: RuleOrigin { RuleOrigin(id: decl.id, location: decl.location) }

    /// `sanction:` as an expression (an enum value), and one template per value it can take:
    /// a finding's sanction is its template's text.
    let sanction: CompiledExpression?
    let sanctionTemplates: [String: FindingTemplate]
    /// The values in the enum's order, for the templates' places.
    let sanctionValues: [String]
    /// Settings of the declaration the evaluator reads for every fine, copied out of it.
    /// `sanction:` names one sanction.
    let namesSanction: Bool
    /// `fires: at-once`: a group's fine booked before its period ends.
    let firesAtOnce: Bool
    /// Shared among a department's members by base points.
    let byBasePoints: Bool
    /// Some party pays a share of the amount (`share:`), not all of it.
    let hasShares: Bool

    init(decl: PenaltyDecl, on: Int?, when: CompiledExpression?, parties: [Party], amount: CompiledExpression?, measure: CompiledExpression?, tiers: [Tier], among: CompiledExpression?, at: CompiledExpression?, note: CompiledExpression?,
         sanction: CompiledExpression? = nil, sanctions: [String] = []) {
        self.decl = decl
        self.on = on
        self.when = when
        self.parties = parties
        self.amount = amount
        self.measure = measure
        self.tiers = tiers
        self.among = among
        self.at = at
        self.note = note
        template = FindingTemplate(kind: .penalty, rule: decl.id, clause: decl.clause, title: decl.title, sanction: decl.sanction)
        self.sanction = sanction
        namesSanction = decl.sanction != nil
        firesAtOnce = decl.fires?.value == .atOnce
        byBasePoints = decl.apportion == .basePoints
        hasShares = parties.contains { $0.share != nil }
        sanctionValues = sanction == nil ? [] : sanctions
        sanctionTemplates = Dictionary(uniqueKeysWithValues: sanctionValues.map {
            ($0, FindingTemplate(kind: .penalty, rule: decl.id, clause: decl.clause, title: decl.title, sanction: $0))
        })
    }

    /// Every template of the penalty: its own, then one per sanction its expression can give.
    var templates: [FindingTemplate] { [template] + sanctionValues.compactMap { sanctionTemplates[$0] } }
}

final class CompiledCap: Sendable {
    let decl: CapDecl
    /// Scope: group[0] = the person's bonus that month, [1] = base points, [2] = fines incurred.
    let limit: CompiledExpression
    /// Penalty ids covered; nil means all.
    let penalties: Set<String>?

    var origin: RuleOrigin { RuleOrigin(id: decl.id, location: decl.location) }

    init(decl: CapDecl, limit: CompiledExpression, penalties: Set<String>?) {
        self.decl = decl
        self.limit = limit
        self.penalties = penalties
    }
}

final class CompiledEscalation: Sendable {
    let decl: EscalationDecl
    let when: CompiledExpression
    let note: CompiledExpression?
    let template: FindingTemplate
    /// `require:` within its time (`from`, `within`), when the escalation has one.
    let timed: TimedStep?

    var origin: RuleOrigin { RuleOrigin(id: decl.id, location: decl.location) }

    init(decl: EscalationDecl, when: CompiledExpression, require: CompiledExpression?, from: CompiledExpression?, within: CompiledExpression?, note: CompiledExpression?) {
        self.decl = decl
        self.when = when
        self.note = note
        template = FindingTemplate(kind: .escalation, rule: decl.id, clause: decl.clause, title: decl.title, action: decl.action)
        timed = require.map { require in
            TimedStep(when: nil, from: from, to: require, within: within, due: nil, workingDays: decl.workingDays,
                      lateness: nil, doneText: decl.require?.text)
        }
    }
}
