import Foundation

/// Turns a policy file into a ``CompiledPolicy``: reads it and the calendar it names, parses
/// every expression, builds the rule graph, rejects cycles (naming them), type-checks in
/// dependency order and compiles to closures. Every problem is reported with its location,
/// all in one run.
public enum PolicyCompiler {
    /// Reads and compiles the policy at `path`; a calendar it names is read relative to the
    /// policy's folder.
    ///
    /// Throws ``DiagnosticError`` with every problem of the policy and its calendar (unknown
    /// keys, type errors, cycles between rules, deadlines beyond the calendar's years), each
    /// at its file, line and column; an unreadable file is one such problem.
    public static func compile(path: String) throws -> CompiledPolicy {
        try compile(PolicyLoader.load(path: path))
    }

    static func compile(_ policy: Policy) throws -> CompiledPolicy {
        let c = Compilation(policy)
        let result = c.run()
        if c.sink.hasErrors { throw DiagnosticError(c.sink.diagnostics) }
        return result!
    }
}

/// The state of one compilation.
final class Compilation {
    let policy: Policy
    let sink = DiagnosticSink()
    var graph = RuleGraph()
    /// Case-level names that expressions may read, to the graph node that defines them.
    var valueNodes: [String: Int] = [:]
    /// `declaration[n]`: graph node n's index in its kind's list of the policy, so compiling a
    /// node finds its declaration without a search (a search made large policies quadratic).
    var declaration: [Int] = []
    var failed = Set<Int>()
    var scope = Scope()
    var slotNames: [String] = []
    var slotTypes: [ValueType] = []
    var deadlineIndex: [String: Int] = [:]
    var deadlinePer: [String: String?] = [:]
    var aggregateIndex: [String: Int] = [:]
    var compiledAggregates: [CompiledAggregate] = []
    var groupScopes: [Int: Scope] = [:]
    var steps: [Step] = []
    var groupSteps: [GroupStep] = []
    var caps: [CompiledCap] = []

    /// Duplicated names were reported by the loader; the compiler sees only the first
    /// definition of each, so a duplicate cannot cause follow-on errors such as false cycles.
    init(_ policy: Policy) {
        var p = policy
        var seen = Set<String>()
        p.fields = p.fields.filter { seen.insert($0.name).inserted }
        p.derived = p.derived.filter { seen.insert($0.name).inserted }
        p.tables = p.tables.filter { t in t.outputs.allSatisfy { !seen.contains($0.name) } && !seen.contains(t.id) }
        for t in p.tables { seen.insert(t.id); for o in t.outputs { seen.insert(o.name) } }
        p.aggregates = p.aggregates.filter { seen.insert($0.id).inserted }
        p.deadlines = p.deadlines.filter { seen.insert($0.id).inserted }
        p.penalties = p.penalties.filter { seen.insert($0.id).inserted }
        p.caps = p.caps.filter { seen.insert($0.id).inserted }
        p.escalations = p.escalations.filter { seen.insert($0.id).inserted }
        self.policy = p
        scope.deadlines = p.deadlines.filter { $0.per == nil }.map { DeadlineInfo(id: $0.id, clause: $0.clause, title: $0.title) }
    }

    // MARK: - Expressions

    private var parsed: [String: Syntax] = [:]

    private func key(_ s: ExpressionSource) -> String { "\(s.location.line):\(s.location.column):\(s.text)" }

    func syntax(_ s: ExpressionSource) -> Syntax? {
        if let p = parsed[key(s)] { return p }
        do {
            let p = try Parser.parse(s.text)
            parsed[key(s)] = p
            return p
        } catch let f as Parser.Failure {
            sink.error("in expression: \(f.message)", at: s.location(of: f.range))
            return nil
        } catch {
            sink.error("in expression: \(error)", at: s.location)
            return nil
        }
    }

    func names(_ sources: [ExpressionSource?]) -> [String] {
        sources.compactMap { $0 }.compactMap(syntax).flatMap { $0.names.map(\.0) }
    }

    func compile(_ s: ExpressionSource, in scope: Scope) -> CompiledExpression? {
        guard let syn = syntax(s) else { return nil }
        var c = ExpressionCompiler(scope: scope)
        c.source = s.text
        let out = c.compile(syn)
        for p in c.problems { sink.error(p.message, at: s.location(of: p.range)) }
        return out
    }

    /// Compiles and checks the result type with `accept`; `what` names the value in messages.
    func compile(_ s: ExpressionSource?, in scope: Scope, _ what: String, _ expected: String,
                 accept: (ValueType) -> Bool) -> CompiledExpression? {
        guard let s, let e = compile(s, in: scope) else { return nil }
        guard e.type == .null || accept(e.type) else {
            sink.error("\(what) must be \(expected), but '\(s.text)' is \(e.type)", at: s.location)
            return nil
        }
        return e
    }

    func condition(_ s: ExpressionSource?, in scope: Scope, _ what: String) -> CompiledExpression? {
        compile(s, in: scope, what, "true or false") { $0 == .boolean }
    }
    func timestamp(_ s: ExpressionSource?, in scope: Scope, _ what: String) -> CompiledExpression? {
        compile(s, in: scope, what, "a timestamp") { $0 == .timestamp }
    }
    func money(_ s: ExpressionSource?, in scope: Scope, _ what: String) -> CompiledExpression? {
        compile(s, in: scope, what, "an amount of money such as 20 CNY") { $0 == .money }
    }
    func duration(_ s: ExpressionSource?, in scope: Scope, _ what: String) -> CompiledExpression? {
        let e = compile(s, in: scope, what, "a duration such as 2h, 3d or 8 working hours") {
            if case .span = $0 { return true }
            return false
        }
        // An unresolved calendar was reported already; only a missing one is reported here.
        if let e, case .span(let clock) = e.type, clock != .calendar, clock != .months, policy.calendar == nil, let s {
            sink.error("\(what) '\(s.text)' counts \(clock.rawValue), which needs a calendar: set 'calendar:' at the top of the policy", at: s.location)
        }
        // A time limit written as a constant: checked here rather than on every row.
        if let s, case .span(let span)? = e?.constant {
            if span.amount < 0 {
                sink.error("\(what) is negative (\(span)): a time limit counts forward from the start", at: s.location)
            } else if !span.isWithinPolicyLimit {
                sink.error("\(what) is longer than \(TimeSpan.policyLimitText), the longest a policy may give", at: s.location)
            }
            // Zero is fine: "at once" (S5's stop-production escalation).
        }
        return e
    }

    /// An amount written as a constant (a fine, a tier, a cap): never negative, within
    /// `Money.policyLimit`. Zero is legal but suspicious: a warning saying `zeroMeans`, unless
    /// that is nil.
    func checkAmount(_ e: CompiledExpression?, _ s: ExpressionSource?, _ what: String, zeroMeans: String?) {
        guard let s, case .money(let m)? = e?.constant else { return }
        if m < .zero {
            sink.error("\(what) is negative (\(m) CNY): fines and caps are amounts taken, never given", at: s.location)
        } else if m.minorUnits > Money.policyLimit {
            sink.error("\(what) is more than \(Money.policyLimitText), the largest amount a policy may give", at: s.location)
        } else if m == .zero, let zeroMeans {
            sink.warning("\(what) is zero: \(zeroMeans)", at: s.location)
        }
    }

    // MARK: - Run

    func run() -> CompiledPolicy? {
        let zone = Zone(identifier: policy.timezone) ?? Zone(identifier: "UTC")!
        let calendarPath = resolveCalendar()
        buildGraph()
        reportCycles()
        compileFields()
        for n in graph.order() where !failed.contains(n) {
            if graph.dependencies[n].contains(where: failed.contains) {
                failed.insert(n)
                continue
            }
            if !compileNode(n) { failed.insert(n) }
        }
        return CompiledPolicy(policy: policy, graph: graph, calendarPath: calendarPath, calendar: calendar, zone: zone,
                              slotNames: slotNames, slotTypes: slotTypes, fields: compiledFields,
                              steps: steps, deadlineCount: deadlineIndex.count, aggregates: compiledAggregates,
                              groupSteps: groupSteps, caps: caps, warnings: sink.diagnostics, caseScope: scope)
    }

    /// Where a calendar of that name is, for a policy copied away from its calendars: the
    /// same file name under the policy's folder, its `calendars/`, or `rules/calendars/` of
    /// the working folder (the shipped ones), else the shipped calendars' names.
    static func calendarHint(for reference: String, policyFolder: String) -> String {
        let fm = FileManager.default
        let name = (reference as NSString).lastPathComponent
        let folders = [policyFolder, (policyFolder as NSString).appendingPathComponent("calendars"), "rules/calendars"]
        for folder in folders {
            let candidate = (folder as NSString).appendingPathComponent(name)
            if fm.fileExists(atPath: candidate) { return "; there is \(candidate): write its path relative to the policy, or copy it beside the policy" }
        }
        let shipped = ((try? fm.contentsOfDirectory(atPath: "rules/calendars")) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return shipped.isEmpty ? "" : "; the shipped calendars are in rules/calendars/: \(shipped.joined(separator: ", "))"
    }

    /// The calendar the policy names, loaded and checked; its own problems are reported too.
    var calendar: BusinessCalendar?

    func resolveCalendar() -> String? {
        guard let cal = policy.calendar else { return nil }
        let base = (policy.file as NSString).deletingLastPathComponent
        let path = cal.value.hasPrefix("/") ? cal.value : (base as NSString).appendingPathComponent(cal.value)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            sink.error("unknown calendar '\(cal.value)': no file at \(path) (a calendar's path is relative to the policy's folder)"
                       + Compilation.calendarHint(for: cal.value, policyFolder: base), at: cal.location)
            return nil
        }
        do {
            calendar = try CalendarLoader().load(path: path)
        } catch let e as DiagnosticError {
            sink.error("calendar '\(cal.value)' has errors", at: cal.location)
            sink.append(contentsOf: e.diagnostics)
        } catch {
            sink.error("calendar '\(cal.value)': \(error)", at: cal.location)
        }
        return path
    }

    // MARK: - Graph

    func buildGraph() {
        let p = policy
        // A name defined twice was reported by the loader; the first definition is kept.
        func define(_ name: String, _ node: Int) {
            if valueNodes[name] == nil { valueNodes[name] = node }
        }
        @discardableResult
        func add(_ kind: RuleGraph.Kind, _ id: String, _ clause: String?, _ location: SourceLocation, _ i: Int) -> Int {
            declaration.append(i)
            return graph.add(.init(kind: kind, id: id, clause: clause, location: location))
        }
        for (i, f) in p.fields.enumerated() { define(f.name, add(.field, f.name, nil, f.location, i)) }
        for (i, d) in p.derived.enumerated() { define(d.name, add(.derived, d.name, nil, d.location, i)) }
        for (i, t) in p.tables.enumerated() {
            let n = add(.table, t.id, t.clause, t.location, i)
            for o in t.outputs { define(o.name, n) }
        }
        for (i, a) in p.aggregates.enumerated() { add(.aggregate, a.id, a.clause, a.location, i) }
        for (i, d) in p.deadlines.enumerated() { define(d.id, add(.deadline, d.id, d.clause, d.location, i)) }
        for (i, pen) in p.penalties.enumerated() { add(.penalty, pen.id, pen.clause, pen.location, i) }
        for (i, c) in p.caps.enumerated() { add(.cap, c.id, c.clause, c.location, i) }
        for (i, e) in p.escalations.enumerated() { add(.escalation, e.id, e.clause, e.location, i) }

        func link(_ node: String, _ sources: [ExpressionSource?], per: Located<String>? = nil) {
            guard let n = graph.lookup(node) else { return }
            if let per {
                if let a = graph.lookup(per.value), graph.nodes[a].kind == .aggregate {
                    graph.addEdge(from: a, to: n)
                } else {
                    let aggregates = policy.aggregates.map(\.id)
                    sink.error("'per' names an aggregate, and '\(per.value)' is none\(Suggestion.hint(for: per.value, in: aggregates))", at: per.location)
                    failed.insert(n)
                }
                return  // group-level expressions read the aggregate's keys and values
            }
            for name in names(sources) {
                if let d = valueNodes[name] { graph.addEdge(from: d, to: n) }
            }
            // `deadlines.late where …` reads each deadline it selects (a condition that does not
            // compile selects none here; compiling the rule reports it).
            guard valueNodes[Syntax.allDeadlines] == nil else { return }
            for filter in sources.compactMap({ $0 }).compactMap(syntax).flatMap(\.deadlineSelections) {
                for d in scope.deadlines where (try? ExpressionCompiler.selects(filter, d)) == true {
                    if let dn = graph.lookup(d.id) { graph.addEdge(from: dn, to: n) }
                }
            }
        }
        for d in p.derived { link(d.name, [d.expression]) }
        for t in p.tables { link(t.id, t.rows.flatMap { [$0.when] + $0.outputs.map(\.value) }) }
        for a in p.aggregates { link(a.id, a.by.map(\.expression) + [a.filter] + a.values.map(\.expression)) }
        for d in p.deadlines { link(d.id, [d.when, d.from, d.to, d.within, d.due], per: d.per) }
        for pen in p.penalties {
            var per = pen.per
            if let on = pen.on, let dn = graph.lookup(on.value) {
                if graph.nodes[dn].kind == .deadline {
                    graph.addEdge(from: dn, to: graph.lookup(pen.id)!)
                    if per == nil { per = policy.deadlines[declaration[dn]].per }
                } else {
                    sink.error("'on' names a deadline, and '\(on.value)' is \(graph.nodes[dn].kind.withArticle)", at: on.location)
                }
            } else if let on = pen.on {
                sink.error("unknown deadline '\(on.value)'\(Suggestion.hint(for: on.value, in: policy.deadlines.map(\.id)))", at: on.location)
            }
            let sources: [ExpressionSource?] = [pen.when, pen.amount, pen.measure, pen.among] + pen.to.flatMap { [$0.who, $0.share] }
                + pen.tiers.flatMap { [$0.atLeast, $0.amount] }
            link(pen.id, sources, per: per)
        }
        let penaltyIDs = Set(p.penalties.map(\.id))
        for c in p.caps {
            let n = graph.lookup(c.id)!
            if c.penalties.isEmpty {
                for pen in p.penalties where pen.uncapped == nil { graph.addEdge(from: graph.lookup(pen.id)!, to: n) }
            }
            for ref in c.penalties {
                if let pen = p.penalties.first(where: { $0.id == ref.value }), let uncapped = pen.uncapped {
                    sink.error("penalty '\(ref.value)' says 'capped: false' (at \(PolicyLoader.place(uncapped, from: ref.location))); a cap cannot cover it",
                               at: ref.location)
                } else if penaltyIDs.contains(ref.value) {
                    graph.addEdge(from: graph.lookup(ref.value)!, to: n)
                } else {
                    sink.error("unknown penalty '\(ref.value)'\(Suggestion.hint(for: ref.value, in: penaltyIDs))", at: ref.location)
                }
            }
        }
        for e in p.escalations { link(e.id, [e.when, e.require, e.from, e.within], per: e.per) }
    }

    func reportCycles() {
        for cycle in graph.cycles() {
            let path = cycle.map { graph.nodes[$0].id }.joined(separator: " → ")
            let first = graph.nodes[cycle[0]]
            sink.error("cycle in the rules: \(path)", at: first.location)
            for n in cycle { failed.insert(n) }
        }
    }

    // MARK: - Nodes

    var compiledFields: [CompiledField] = []

    static func type(of kind: FieldDecl.Kind, name: String, values: [String]) -> ValueType {
        switch kind {
        case .string: return .string
        case .integer: return .integer
        case .decimal: return .decimal
        case .money: return .money
        case .timestamp: return .timestamp
        case .date: return .date
        case .boolean: return .boolean
        case .enum: return .enumeration(EnumDomain(name: name, values: values))
        case .person: return .person
        case .department: return .department
        }
    }

    func addSlot(_ name: String, _ type: ValueType) -> Int {
        slotNames.append(name)
        slotTypes.append(type)
        scope.bindings[name] = .slot(slotNames.count - 1, type)
        return slotNames.count - 1
    }

    func compileFields() {
        for f in policy.fields {
            let t = Compilation.type(of: f.kind, name: f.name, values: f.values)
            compiledFields.append(CompiledField(decl: f, type: t, slot: addSlot(f.name, t)))
        }
    }

    /// Compiles one graph node; false when it had errors.
    func compileNode(_ n: Int) -> Bool {
        let node = graph.nodes[n]
        // Warnings do not fail a node: only errors keep what reads it from compiling.
        let before = sink.diagnostics.filter { $0.severity == .error }.count
        switch node.kind {
        case .field:
            return true
        case .derived:
            let d = policy.derived[declaration[n]]
            guard let e = compile(d.expression, in: scope) else { return false }
            steps.append(.derive(CompiledDerive(slot: addSlot(d.name, e.type), expression: e,
                                                origin: RuleOrigin(id: d.name, location: d.location, isDerivedValue: true))))
        case .table:
            compileTable(policy.tables[declaration[n]])
        case .aggregate:
            compileAggregate(policy.aggregates[declaration[n]])
        case .deadline:
            compileDeadline(policy.deadlines[declaration[n]])
        case .penalty:
            compilePenalty(policy.penalties[declaration[n]])
        case .cap:
            compileCap(policy.caps[declaration[n]])
        case .escalation:
            compileEscalation(policy.escalations[declaration[n]])
        }
        return sink.diagnostics.filter { $0.severity == .error }.count == before
    }
}
