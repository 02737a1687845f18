/// Evaluates cases against a compiled policy. Cases stream through `evaluate(case:)` one at a
/// time; only aggregates, penalties for the ledger and findings are kept. `finish()` then runs
/// the group rules and the ledger with its cap.
public final class Evaluator {
    /// A problem with one input row: reported with the row (or set aside with `--rejects`).
    public struct RowError: Error, Sendable {
        public var message: String
        public var column: String?
        public init(_ message: String, column: String? = nil) {
            self.message = message
            self.column = column
        }
    }

    public let policy: CompiledPolicy
    public let roster: Roster?
    public let asOf: Timestamp
    let context: EvaluationContext
    let calendar: BusinessCalendar?
    /// Rule ids in declaration order, for a stable sort of findings.
    let ruleOrder: [String: Int]
    let caseIDSlot: Int
    let personSlots: [(slot: Int, field: String)]
    /// The first timestamp field, the default date of a penalty that is not a breach.
    let referenceTimeSlot: Int?

    let findings: FindingStore
    // The state below changes for every case, on the evaluator's own thread only: its
    // exclusivity needs no run-time check.
    @exclusivity(unchecked) var penalties: [BookedPenalty] = []
    /// Committed fines summed per person, month and rule: all the ledger needs.
    @exclusivity(unchecked) var bookedTotals: [BookedKey: Money] = [:]
    @exclusivity(unchecked) var groups: [[[Value]: GroupState]]
    /// Scratch for `accumulate`: the group's key and its folded values.
    @exclusivity(unchecked) var groupKey: [Value] = []
    @exclusivity(unchecked) var folded: [Value] = []
    /// Case ids seen, with their rows: for the exact "first at row N" message.
    @exclusivity(unchecked) var seenCases: [String: Int] = [:]
    /// Off on the parallel path, whose reading thread finds repeated ids across all rows.
    var checksCaseIDs = true
    public internal(set) var casesEvaluated = 0

    struct GroupState {
        var accumulators: [Value]
    }

    /// A fine booked to a person and month, for the ledger.
    struct BookedPenalty {
        var person: String
        var month: String
        var amount: Money
        var rule: String
    }

    struct BookedKey: Hashable {
        var person: String
        var month: String
        var rule: String
    }

    /// `findingRunSize`: findings kept in memory before a sorted run is spilled to disk.
    /// `renderer`: keep findings as report text (see `FindingStore`).
    public init(policy: CompiledPolicy, roster: Roster?, asOf: Timestamp, findingRunSize: Int = 100_000,
                renderer: FindingRenderer? = nil) throws {
        self.policy = policy
        self.roster = roster
        self.asOf = asOf
        self.calendar = policy.calendar
        context = EvaluationContext(slots: policy.slotNames.count, deadlines: policy.deadlineCount, zone: policy.zone,
                                    calendar: policy.calendar, people: roster)
        var order: [String: Int] = [:]
        for (i, n) in policy.graph.nodes.enumerated() where order[n.id] == nil { order[n.id] = i }
        ruleOrder = order
        findings = FindingStore(ruleOrder: order, templates: policy.findingTemplates, runSize: findingRunSize, renderer: renderer)
        caseIDSlot = policy.fields.first { $0.decl.name == "case_id" }?.slot ?? 0
        personSlots = policy.fields.filter { $0.type == .person }.map { ($0.slot, $0.decl.name) }
        referenceTimeSlot = policy.fields.first { $0.type == .timestamp }?.slot
        groups = Array(repeating: [:], count: policy.aggregates.count)
        if !policy.caps.isEmpty && roster == nil {
            throw DiagnosticError(.error("the policy caps fines by each person's monthly bonus: give the roster with --roster",
                                         at: policy.policy.caps[0].location))
        }
    }

    /// Evaluates one case. `fields` holds the decoded field values in schema order.
    public func evaluate(fields: [Value], row: Int) throws {
        try fields.withUnsafeBufferPointer { try evaluate(fields: $0, row: row) }
    }

    func evaluate(fields: UnsafeBufferPointer<Value>, row: Int) throws {
        let ctx = context
        ctx.slots.load(fields, fill: .null)
        ctx.outcomes.reset(to: .notApplicable)
        let subject = ctx.slots[caseIDSlot].description
        if checksCaseIDs, let first = seenCases[subject] { throw duplicateCaseID(subject, firstAt: first) }
        if let roster {
            for (slot, field) in personSlots {
                if case .person(let p) = ctx.slots[slot], !roster.contains(p) {
                    throw RowError("'\(p)' is not in the roster (\(roster.source))", column: field)
                }
            }
        }
        // Findings and fines of a row are kept only when the whole row evaluates.
        let findingsBefore = findings.mark
        do {
            try runSteps(subject: subject, row: row)
            try accumulate()
        } catch {
            findings.rollback(to: findingsBefore)
            penalties.removeAll(keepingCapacity: true)
            throw error
        }
        if checksCaseIDs { seenCases[subject] = row }
        casesEvaluated += 1
        bookPenalties()
        try findings.commit()
    }

    /// Moves the fines of the evaluated case into the per person-month totals.
    func bookPenalties() {
        for p in penalties { bookedTotals[BookedKey(person: p.person, month: p.month, rule: p.rule), default: .zero] += p.amount }
        penalties.removeAll(keepingCapacity: true)
    }

    func runSteps(subject: String, row: Int) throws {
        let ctx = context
        for step in policy.steps {
            switch step {
            case .derive(let d):
                ctx.slots[d.slot] = try guarded { try d.expression.evaluate(ctx) }
            case .table(let t):
                try applyTable(t)
            case .deadline(let d):
                try evaluateDeadline(d, subject: subject, row: row)
            case .penalty(let p):
                try applyPenalty(p, subject: subject, row: row, group: nil)
            case .escalation(let e):
                try evaluateEscalation(e, subject: subject, row: row)
            }
        }
    }

    func applyTable(_ t: CompiledTable) throws {
        let ctx = context
        for s in t.outputSlots { ctx.slots[s] = .null }
        for row in t.rows {
            if let w = row.when, try guarded({ try w.evaluate(ctx) }) != .bool(true) { continue }
            for (slot, value) in row.outputs { ctx.slots[slot] = try guarded { try value.evaluate(ctx) } }
            return
        }
    }

    /// `text` when it names a field: the column a row error about that value points at (an
    /// expression such as `qa_engineer.manager` has no column of its own).
    func fieldColumn(_ text: String?) -> String? {
        text.flatMap { t in policy.fields.contains { $0.decl.name == t } ? t : nil }
    }

    /// Turns evaluation and calendar failures into row errors.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as RowError {
            throw e
        } catch let e as CalendarError {
            throw RowError("\(e)")
        } catch let e as EvaluationError {
            throw RowError(e.message)
        }
    }

    func append(_ f: consuming Finding) { findings.append(f) }
}
