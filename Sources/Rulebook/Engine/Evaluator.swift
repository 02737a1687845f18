/// Evaluates cases against a compiled policy. Cases stream through `evaluate(case:)` one at a
/// time; only aggregates, penalties for the ledger and findings are kept. `finish()` then runs
/// the group rules and the ledger with its cap.
final class Evaluator {
    /// A problem with one input row: reported with the row (or set aside with `--rejects`).
    /// The fines of the whole export add up to more than 64 bits of fen hold: no ledger can be
    /// made. Not a row's error (see `bookPenalties`); the run reports it at the export.
    struct FinesOverflow: Error, Sendable {}

    struct RowError: Error, Sendable {
        var message: String
        var column: String?
        /// The rule (or derived value) that failed on the row, when one did: the message
        /// then begins with it (`rule qa-reply: …`) and a report points at it too.
        var rule: RuleOrigin?
        /// The row repeats a case id already kept: its case is counted once, by that row, so
        /// no group is short of it (see `countLost`).
        var repeatsCase = false
        init(_ message: String, column: String? = nil) {
            self.message = message
            self.column = column
        }

        /// This error as raised by `origin`: named in the message, kept for its location.
        func raised(by origin: RuleOrigin) -> RowError {
            guard rule == nil else { return self }
            var e = self
            e.rule = origin
            e.message = "\(origin): \(message)"
            return e
        }

        /// The note that points at the rule, for a report of this error.
        var ruleNote: Diagnostic? {
            rule.map { Diagnostic(.note, at: $0.location, "\($0) is declared here") }
        }
    }

    let policy: CompiledPolicy
    let roster: Roster?
    let asOf: Timestamp
    let context: EvaluationContext
    let zone: Zone
    let calendar: BusinessCalendar?
    /// The same, borrowed as a step's rule is (see `BorrowedStep`; `policy` holds both for
    /// the evaluator's life), for the steps of every case: each use of a counted reference
    /// retained and released it, on a count every evaluating thread shares and contended on.
    let borrowedZone: Unmanaged<Zone>
    let borrowedCalendar: Unmanaged<BusinessCalendar>?
    /// The policy's steps and aggregates, borrowed (see `BorrowedStep`): what this evaluator
    /// walks and folds for every case. Arrays of its own: walking one retains and releases it
    /// once a case, and on arrays of the policy's every evaluating thread took turns to own
    /// the count (a contended atomic twice a case, each).
    let steps: [BorrowedStep]
    let aggregates: [Unmanaged<CompiledAggregate>]
    /// Rule ids in declaration order, for a stable sort of findings.
    let ruleOrder: [String: Int]
    let caseIDSlot: Int
    /// The slots of person fields, and those fields' names (read only for a message: copying
    /// a long name for every case would cost a retain).
    let personSlots: [Int]
    let personFields: [String]
    /// The first timestamp field, the default date of a penalty that is not a breach.
    let referenceTimeSlot: Int?

    let findings: FindingStore
    // The state below changes for every case, on the evaluator's own thread only: its
    // exclusivity needs no run-time check.
    @exclusivity(unchecked) var penalties: [BookedPenalty] = []
    /// Committed fines summed per person, month and rule: all the ledger needs.
    @exclusivity(unchecked) var bookedTotals: [BookedKey: Money] = [:]
    /// All committed fines added up. Fines are never negative, so every other sum of them
    /// (per person and month, deducted, carried, the report's totals) is at most this: its
    /// check, when a row's fines are booked, is the only overflow check they need.
    @exclusivity(unchecked) var finesTotal = Money.zero
    /// Set when `finesTotal` would no longer fit (see `bookPenalties`).
    var finesOverflowed = false
    @exclusivity(unchecked) var groups: [GroupTable]
    /// Case ids seen, with their rows: for the exact "first at row N" message.
    let seenCases = CaseIDTable()
    /// Off on the parallel path, whose reading thread finds repeated ids across all rows.
    var checksCaseIDs = true
    /// Rows set aside (`--rejects`) per aggregate and group key, and per aggregate those
    /// whose group could not be told (see `countLost`).
    var lost: [[[Value]: Int]]
    var unplaced: [Int]
    /// The case steps the aggregates' keys and `where` read, in step order: what `countLost`
    /// runs again for a row set aside.
    let placementSteps: [Step]
    /// While a group's rules run: the rows it lost, which its findings carry.
    var groupRowsLost: Int?
    /// The finding templates of undefined ratios, by `ratio(…)` and rule.
    var ratioTemplates: [RatioTemplateKey: FindingTemplate] = [:]
    var casesEvaluated = 0
    /// The balances an earlier run closed with: the ledger starts from them (see `Ledger.build`).
    var opening: LedgerState?
    /// What `finish()` returned or threw, once it has run.
    var finished: Result<EvaluationResult, any Error>?

    struct GroupState {
        var accumulators: [Value]
    }

    /// What `accumulate` folded for one aggregate from the case being evaluated.
    struct PendingGroup {
        var active = false
        var existing: Int?
        var key: [Value] = []
        var values: [Value] = []
    }
    @exclusivity(unchecked) var pending: [PendingGroup]

    /// A fine booked to a person and month, for the ledger.
    struct BookedPenalty {
        var person: String
        var month: String
        var amount: Money
        var rule: String
    }

    /// Hashed by `GroupKeyHash`'s text hash, worked out once when the key is made: every
    /// booked fine looks its key up, and `String`'s own hashing normalizes a Chinese name.
    struct BookedKey: Hashable {
        let person: String
        let month: String
        let rule: String
        private let digest: UInt64

        init(person: String, month: String, rule: String) {
            self.person = person
            self.month = month
            self.rule = rule
            var h = ByteHash.seed
            GroupKeyHash.mix(&h, text: person)
            GroupKeyHash.mix(&h, text: month)
            GroupKeyHash.mix(&h, text: rule)
            digest = h
        }

        static func == (a: BookedKey, b: BookedKey) -> Bool {
            a.digest == b.digest && a.person == b.person && a.month == b.month && a.rule == b.rule
        }
        func hash(into hasher: inout Hasher) { hasher.combine(digest) }
    }

    /// `findingRunSize`: findings kept in memory before a sorted run is spilled to disk.
    /// `renderer`: keep findings as report text (see `FindingStore`). `retention`: which
    /// findings are kept; all are counted.
    init(policy: CompiledPolicy, roster: Roster?, asOf: Timestamp, findingRunSize: Int = 100_000,
         renderer: FindingRenderer? = nil, retention: FindingRetention = .all) throws {
        self.policy = policy
        self.roster = roster
        self.asOf = asOf
        self.calendar = policy.calendar
        zone = policy.zone
        borrowedZone = .passUnretained(policy.zone)
        borrowedCalendar = policy.calendar.map { .passUnretained($0) }
        steps = policy.steps.map(BorrowedStep.init)
        aggregates = policy.aggregates.map { .passUnretained($0) }
        context = EvaluationContext(slots: policy.slotNames.count, deadlines: policy.deadlineCount, zone: policy.zone,
                                    calendar: policy.calendar, people: roster)
        var order: [String: Int] = [:]
        for (i, n) in policy.graph.nodes.enumerated() where order[n.id] == nil { order[n.id] = i }
        ruleOrder = order
        findings = FindingStore(ruleOrder: order, templates: policy.findingTemplates, runSize: findingRunSize, renderer: renderer,
                                retention: retention)
        caseIDSlot = policy.fields.first { $0.decl.name == "case_id" }?.slot ?? 0
        personSlots = policy.fields.filter { $0.type == .person }.map(\.slot)
        personFields = policy.fields.filter { $0.type == .person }.map(\.decl.name)
        referenceTimeSlot = policy.fields.first { $0.type == .timestamp }?.slot
        groups = Array(repeating: GroupTable(), count: policy.aggregates.count)
        // Sized once: a case writes its key and folded values in place.
        pending = policy.aggregates.map { agg in
            PendingGroup(key: Array(repeating: .null, count: agg.keys.count), values: Array(repeating: .null, count: agg.accumulators.count))
        }
        lost = Array(repeating: [:], count: policy.aggregates.count)
        unplaced = Array(repeating: 0, count: policy.aggregates.count)
        let placing = policy.aggregates.reduce(into: Set<String>()) { $0.formUnion($1.placementReads) }
        placementSteps = policy.steps.filter { step in
            switch step {
            case .derive(let d): return placing.contains(d.origin.id)
            case .table(let t): return placing.contains(t.decl.id)
            case .deadline(let d): return placing.contains(d.decl.id)
            case .penalty, .escalation: return false  // no expression reads them
            }
        }
        if !policy.caps.isEmpty && roster == nil {
            throw DiagnosticError(.error("the policy caps fines by each person's monthly bonus, and \(MissingInput.roster.phrase)",
                                         at: policy.policy.caps[0].location))
        }
    }

    /// Evaluates one case. `fields` holds the decoded field values in schema order.
    func evaluate(fields: [Value], row: Int) throws {
        try fields.withUnsafeBufferPointer { try evaluate(fields: $0, row: row) }
    }

    func evaluate(fields: UnsafeBufferPointer<Value>, row: Int) throws {
        context.slots.load(fields, fill: .null)
        try evaluateLoaded(row: row)
    }

    /// Evaluates one case whose field values are taken from `fields` by moving them, not
    /// copying them: a copy of each text retains it, and each is then released twice (in the
    /// slots, and where the row was decoded). `fields` comes back holding the last case's
    /// values, to be decoded over; or the row's own, unchanged, when it fails. `look`: the
    /// case id's place in `seenCases`, worked out before the row was decoded (see
    /// `CaseIDTable.Look`), when the row's id is the text of its bytes as written.
    func evaluate(exchanging fields: UnsafeMutableBufferPointer<Value>, row: Int, look: CaseIDTable.Look? = nil) throws {
        context.slots.exchange(fields, fill: .null)
        do {
            try evaluateLoaded(row: row, look: look)
        } catch {
            // Rules write derived values only, past the fields: these are the row's as read.
            context.slots.exchangeBack(fields)
            throw error
        }
    }

    /// The slots of the case's fields (one per field, in the policy's order), to decode a row
    /// into in place for `evaluateDecoded`: moving each row's values into the slots
    /// (`evaluate(exchanging:)`) copied their bytes three times. What they hold after a row
    /// failed is that row's fields, as decoded. Valid while the evaluator lives (see `SlotBuffer`).
    var fieldSlots: UnsafeMutableBufferPointer<Value> { context.slots.front(policy.fields.count) }

    /// Evaluates the case whose fields were decoded into `fieldSlots`; the slots past them
    /// (derived values) are cleared first. `look` as for `evaluate(exchanging:row:look:)`.
    func evaluateDecoded(row: Int, look: CaseIDTable.Look? = nil) throws {
        context.slots.fill(from: policy.fields.count, with: .null)
        try evaluateLoaded(row: row, look: look)
    }

    /// Evaluates the case whose fields are in the context's slots.
    private func evaluateLoaded(row: Int, look: CaseIDTable.Look? = nil) throws {
        let ctx = context
        ctx.outcomes.reset(to: .notApplicable)
        let subject = ctx.slots[caseIDSlot].description
        // The id is claimed at once (one hash per case, not a look-up and an insert) and given
        // back if the row fails.
        if checksCaseIDs, let first = try claim(subject, row: row, look: look) {
            throw duplicateCaseID(subject, firstAt: first)
        }
        // Findings, groups and fines of a row are kept only when the whole row evaluates.
        let findingsBefore = findings.mark
        do {
            // Through the context's reader (a reference: binding the roster would copy it),
            // which remembers each name's place for the members rules read next
            // (`qa_engineer.manager`). The reader read in place and the slots by index: bound
            // to a name (`if let`) and enumerated, each was retained and released every case.
            if ctx.people != nil {
                for i in personSlots.indices {
                    if case .person(let p) = ctx.slots[personSlots[i]], !ctx.people!.contains(p) {
                        throw RowError("'\(p)' is not in the roster (\(roster!.source))", column: personFields[i])
                    }
                }
            }
            try runSteps(subject: subject, row: row)
            try accumulate(subject: subject, row: row)
        } catch {
            findings.rollback(to: findingsBefore)
            penalties.removeAll(keepingCapacity: true)
            ctx.undefinedRatios.removeAll()
            if checksCaseIDs { try seenCases.release(subject) }
            throw error
        }
        casesEvaluated += 1
        commitAccumulated()
        bookPenalties()
        try findings.commit()
    }

    /// `seenCases.firstRow` of the case `subject`, at the place `look` worked out for its
    /// bytes when there is one.
    private func claim(_ subject: String, row: Int, look: CaseIDTable.Look?) throws -> Int? {
        guard let look else { return try seenCases.firstRow(subject, row: row) }
        var subject = subject
        return try subject.withUTF8 { try seenCases.firstRow(look, utf8: $0, row: row) }
    }

    /// Moves the fines of the evaluated case into the per person-month totals; each is part
    /// of `finesTotal`, which is checked first, so these sums fit. Once the total no longer
    /// fits, nothing more is booked and `finish()` fails: a property of the whole export, so
    /// the run fails the same way however its rows were split between threads (a row error
    /// would name whichever row a thread happened to cross the limit on).
    func bookPenalties() {
        guard !penalties.isEmpty else { return }  // most cases: nothing to book, nothing to clear
        defer { penalties.removeAll(keepingCapacity: true) }
        guard !finesOverflowed else { return }
        var total = finesTotal
        for p in penalties {
            guard let t = total.adding(p.amount) else {
                finesOverflowed = true
                return
            }
            total = t
        }
        finesTotal = total
        for p in penalties { bookedTotals[BookedKey(person: p.person, month: p.month, rule: p.rule), default: .zero] += p.amount }
    }

    func runSteps(subject: String, row: Int) throws {
        let ctx = context
        // Each rule is borrowed from the policy for its step (see `BorrowedStep`), and no
        // closure captures it: either would retain and release it for every step of every case.
        for borrowed in steps {
            do {
                switch borrowed {
                case .derive(let d): try d._withUnsafeGuaranteedRef { d in ctx.slots[d.slot] = try d.expression.evaluate(ctx) }
                case .table(let t): try t._withUnsafeGuaranteedRef { try applyTable($0) }
                case .deadline(let d): try d._withUnsafeGuaranteedRef { try evaluateDeadline($0, subject: subject, row: row) }
                case .penalty(let p): try p._withUnsafeGuaranteedRef { try applyPenalty($0, subject: subject, row: row, group: nil) }
                case .escalation(let e): try e._withUnsafeGuaranteedRef { try evaluateEscalation($0, subject: subject, row: row) }
                }
            } catch {
                throw Evaluator.raised(error, by: borrowed.step.origin)
            }
            if !ctx.undefinedRatios.isEmpty { reportUndefinedRatios(borrowed.step.origin, subject: subject, row: row) }
        }
    }

    /// Runs one rule's work; a failure in it becomes a row error naming the rule. The origin
    /// is read only on failure: copying it for every step of every case costs retains.
    @inline(__always)
    func raising(_ origin: @autoclosure () -> RuleOrigin, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw Evaluator.raised(error, by: origin())
        }
    }

    /// A failure of a rule's work as the row error naming the rule; anything not about the
    /// row (see `rowError`) as it was.
    static func raised(_ error: Error, by origin: RuleOrigin) -> Error {
        guard let e = rowError(error) else { return error }
        return e.raised(by: origin)
    }

    /// Evaluation and calendar failures as row errors; nil for anything else (not about
    /// the row, such as an I/O failure), which the caller sees as it was.
    static func rowError(_ error: Error) -> RowError? {
        switch error {
        case let e as RowError: return e
        case let e as EvaluationError: return RowError(e.message)
        case let e as CalendarError: return RowError("\(e)")
        default: return nil
        }
    }

    func applyTable(_ t: CompiledTable) throws {
        let ctx = context
        for s in t.outputSlots { ctx.slots[s] = .null }
        for row in t.rows {
            if let w = row.when, try !value(of: w).isTrue { continue }
            for (slot, e) in row.outputs { ctx.slots[slot] = try value(of: e) }
            return
        }
    }

    /// `text` when it names a field: the column a row error about that value points at (an
    /// expression such as `qa_engineer.manager` has no column of its own).
    func fieldColumn(_ text: String?) -> String? {
        text.flatMap { t in policy.fields.contains { $0.decl.name == t } ? t : nil }
    }

    /// `e`'s value for the current case, its failures as `guarded` gives them. No closure: one
    /// would retain the expression — the policy's, shared by every evaluating thread, whose
    /// count the threads then took turns to own (most of a penalty's retains).
    @inline(__always)
    func value(of e: CompiledExpression) throws -> Value {
        do {
            return try e.evaluate(context)
        } catch {
            throw Evaluator.rowError(error) ?? error
        }
    }

    /// Turns evaluation and calendar failures into row errors (`rowError`).
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw Evaluator.rowError(error) ?? error
        }
    }

    /// Keeps a finding, its instants at the policy's zone: every report prints them as they
    /// are kept, and an instant computed from one at another offset (`time("…Z")`, a `due:`
    /// expression, a time past a change of offset) would otherwise print at that offset.
    func append(_ f: inout Finding) {
        if let n = groupRowsLost { f.rowsLost = n }
        // A retention decides on status, rule and instants (never their offsets): a finding
        // is localized only when kept.
        findings.append(&f, localizingTo: borrowedZone)
    }

    /// `t` at the policy's zone (`zone.localize`), the zone borrowed.
    @inline(__always)
    func localize(_ t: Timestamp) -> Timestamp {
        borrowedZone._withUnsafeGuaranteedRef { $0.localize(t) }
    }

    /// A rule's `note` as the finding carries it; an instant at the policy's zone, as above.
    func noteText(_ v: Value) -> String {
        if case .timestamp(let t) = v { return zone.localize(t).description }
        return v.description
    }

    /// A group's key value: an instant at the policy's zone, so that the group's name (its
    /// findings' subject) is one text whichever of its rows made the group.
    func keyValue(_ v: Value) -> Value {
        if case .timestamp(let t) = v { return .timestamp(zone.localize(t)) }
        return v
    }
}
