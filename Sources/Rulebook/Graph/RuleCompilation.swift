/// Type-checking and compiling each kind of rule, in dependency order.
extension Compilation {
    func compileTable(_ t: TableDecl) {
        var slots: [Int] = []
        var outputTypes: [String: ValueType] = [:]
        for o in t.outputs {
            let type = Compilation.type(of: o.kind, name: o.name, values: o.values)
            outputTypes[o.name] = type
            slots.append(-1)
            _ = type
        }
        var rows: [CompiledTable.Row] = []
        for row in t.rows {
            let when = row.when.flatMap { condition($0, in: scope, "a row's 'when'") }
            var cells: [(Int, CompiledExpression)] = []
            for (name, src) in row.outputs {
                guard let type = outputTypes[name], let i = t.outputs.firstIndex(where: { $0.name == name }) else { continue }
                if src.node.isNull {
                    cells.append((i, CompiledExpression(type: .null, constant: .null)))
                    continue
                }
                if case .enumeration(let d) = type {
                    // Enum cells name a value directly: `validity: invalid`.
                    guard d.values.contains(src.text) else {
                        sink.error("'\(src.text)' is not a value of '\(name)'\(Suggestion.hint(for: src.text, in: d.values)); values: \(d.values.joined(separator: ", "))", at: src.location)
                        continue
                    }
                    cells.append((i, CompiledExpression(type: type, constant: .enumValue(src.text))))
                    continue
                }
                if type == .string, scope.lookup(src.text) == nil, PolicyLoader.isIdentifier(src.text) {
                    sink.error("'\(name)' is text: quote it, e.g. '\"\(src.text)\"'", at: src.location)
                    continue
                }
                guard let e = compile(src, in: scope) else { continue }
                if e.type == type || e.type == .null {
                    cells.append((i, e))
                } else if e.type == .integer && type == .decimal {
                    cells.append((i, ExpressionCompiler.widen(e, to: .decimal)))
                } else {
                    sink.error("'\(name)' is \(type), but '\(src.text)' is \(e.type)", at: src.location)
                }
            }
            rows.append(.init(when: when, outputs: cells.map { (slot: $0.0, value: $0.1) }))
        }
        // Output slots are assigned after the rows compile: rows may not read their own outputs.
        for (i, o) in t.outputs.enumerated() { slots[i] = addSlot(o.name, outputTypes[o.name]!) }
        rows = rows.map { r in
            var r = r
            r.outputs = r.outputs.map { (slot: slots[$0.slot], value: $0.value) }
            return r
        }
        steps.append(.table(CompiledTable(decl: t, outputSlots: slots, rows: rows)))
    }

    func compileAggregate(_ a: AggregateDecl) {
        var keys: [CompiledExpression] = []
        var group = Scope()
        for (i, (name, src)) in a.by.enumerated() {
            guard let e = compile(src, in: scope) else { continue }
            switch e.type {
            case .string, .integer, .enumeration, .person, .department, .date, .boolean: break
            default:
                sink.error("group key '\(name)' must be text, a person, a department, a date, an enum or an integer, not \(e.type); e.g. month(received_at)", at: src.location)
            }
            keys.append(e)
            group.bindings[name] = .group(i, e.type)
        }
        let filter = a.filter.flatMap { condition($0, in: scope, "'where'") }
        let registry = AggregateRegistry(caseScope: scope)
        var accScope = Scope()
        accScope.aggregates = registry
        var values: [CompiledExpression] = []
        for (j, (name, src)) in a.values.enumerated() {
            guard let e = compile(src, in: accScope) else { continue }
            values.append(e)
            group.bindings[name] = .group(a.by.count + j, e.type)
        }
        let index = compiledAggregates.count
        aggregateIndex[a.id] = index
        groupScopes[index] = group
        compiledAggregates.append(CompiledAggregate(decl: a, keys: keys, filter: filter,
                                                    accumulators: registry.accumulators, values: values,
                                                    placementReads: placementReads(a)))
    }

    /// The fields and rules that decide which group a case falls in: what the aggregate's
    /// keys and `where` read, and what those read in turn. A row set aside because one of
    /// them failed cannot be placed in a group.
    func placementReads(_ a: AggregateDecl) -> Set<String> {
        var seen = Set<Int>()
        var next = names(a.by.map(\.expression) + [a.filter]).compactMap { valueNodes[$0] }
        while let n = next.popLast() {
            if seen.insert(n).inserted { next += graph.dependencies[n] }
        }
        return Set(seen.map { graph.nodes[$0].id })
    }

    /// The scope a rule's expressions see, and the aggregate it runs per, if any.
    func ruleScope(_ per: Located<String>?) -> (Scope, Int?)? {
        guard let per else { return (scope, nil) }
        guard let i = aggregateIndex[per.value], let s = groupScopes[i] else { return nil }
        return (s, i)
    }

    func compileDeadline(_ d: DeadlineDecl) {
        // The rule's scope is a copy of `scope`; it must be gone before `scope` gains this
        // deadline's binding, or that write copies every binding (quadratic in deadlines).
        guard let (index, lateness, perCase) = compileDeadlineRule(d) else { return }
        if perCase { scope.bindings[d.id] = .deadline(index, lateness: lateness) }
    }

    /// The deadline's step; its index, lateness clock and whether it runs per case.
    private func compileDeadlineRule(_ d: DeadlineDecl) -> (Int, TimeSpan.Clock, Bool)? {
        guard let (sc, agg) = ruleScope(d.per) else { return nil }
        let index = deadlineIndex.count
        deadlineIndex[d.id] = index
        deadlinePer[d.id] = d.per?.value
        let when = condition(d.when, in: sc, "'when'")
        let from = timestamp(d.from, in: sc, "'from'")
        let to = timestamp(d.to, in: sc, "'to'")
        let within = duration(d.within, in: sc, "'within'")
        let due = timestamp(d.due, in: sc, "'due'")
        guard let from, let to, within != nil || due != nil else { return nil }
        let c = CompiledDeadline(decl: d, index: index, when: when, from: from, to: to, within: within, due: due)
        if let agg { groupSteps.append(.deadline(aggregate: agg, c)) } else { steps.append(.deadline(c)) }
        var lateness = TimeSpan.Clock.calendar
        if let within, case .span(let clock) = within.type, clock != .calendar, clock != .months { lateness = .workingTime }
        if let chosen = d.lateness { lateness = chosen }
        if d.lateness == .workingTime, policy.calendar == nil {
            sink.error("lateness in working time needs a calendar: set 'calendar:' at the top of the policy", at: d.location)
        }
        return (index, lateness, agg == nil)
    }

    func compilePenalty(_ p: PenaltyDecl) {
        var per = p.per
        var on: Int?
        if let o = p.on {
            on = deadlineIndex[o.value]
            if per == nil, let dp = deadlinePer[o.value], let dp {
                per = Located(value: dp, location: o.location)
            } else if let dp = deadlinePer[o.value], dp != per?.value, let pp = per {
                sink.error("penalty runs per '\(pp.value)' but deadline '\(o.value)' runs \(dp.map { "per '\($0)'" } ?? "per case")", at: pp.location)
            }
        }
        guard let (sc, agg) = ruleScope(per) else { return }
        let when = condition(p.when, in: sc, "'when'")
        var parties: [CompiledPenalty.Party] = []
        var constantShares: Fraction? = .zero
        for party in p.to {
            guard let who = compile(party.who, in: sc, "a liable party", "a person", accept: { $0 == .person }) else { continue }
            let share = compile(party.share, in: sc, "'share'", "a number or percentage such as 60%") { $0.isNumeric }
            if let s = party.share, let share { checkShare(share, s) }
            if party.share != nil { constantShares = Compilation.sum(constantShares, share?.constant?.fraction) }
            parties.append(.init(who: who, share: share))
        }
        if p.to.contains(where: { $0.share != nil }), let total = constantShares {
            if total > .one {
                sink.error("the shares add up to \(total.percentText): more than the whole amount", at: p.location)
            } else if total < .one, p.remainder == nil {
                sink.error("the shares add up to \(total.percentText), not 100%: say who bears the rest ('remainder: company')", at: p.location)
            }
        }
        // The amount is computed once the booking month is known: `bonus(person)` reads it.
        var amountScope = sc
        amountScope.knowsBookingMonth = true
        let amount = money(p.amount, in: amountScope, "'amount'")
        let noMoney = !p.hasSanction ? "the rule books no money; give a 'sanction' if that is what it does" : nil
        checkAmount(amount, p.amount, "'amount'", zeroMeans: noMoney)
        var measure: CompiledExpression?
        if let m = p.measure {
            measure = compile(m, in: sc, "'measure'", "a count, a number or money") { $0.isNumeric || $0 == .money }
        }
        var tiers: [CompiledPenalty.Tier] = []
        for t in p.tiers {
            guard let least = compile(t.atLeast, in: sc), let amt = money(t.amount, in: amountScope, "a tier's 'amount'") else { continue }
            checkAmount(amt, t.amount, "a tier's 'amount'", zeroMeans: noMoney)
            if let m = measure, ExpressionCompiler.unify(m.type, least.type) == nil {
                sink.error("'at_least' is \(least.type) but the measure is \(m.type)", at: t.atLeast.location)
                continue
            }
            tiers.append(.init(atLeast: least, amount: amt))
        }
        let among = compile(p.among, in: sc, "'among'", "a department") { $0 == .department }
        let at = timestamp(p.at, in: sc, "'at'")
        if let agg, p.at == nil, on == nil {
            let keys = compiledAggregates[agg].decl.by.map(\.name)
            if !keys.contains("month") && !keys.contains("week") {
                sink.error("a penalty per group needs 'at:' (when it is incurred) unless the group has a 'month' or 'week' key", at: p.location)
            }
        }
        // `fires:` chooses when a group's period makes its fine final; elsewhere it would be
        // a setting that silently does nothing.
        if let f = p.fires, agg.map({ !compiledAggregates[$0].decl.by.contains { $0.name == "month" || $0.name == "week" } }) ?? true {
            sink.error("'fires' applies to a penalty per group with a 'month' or 'week' key, whose period can still be running", at: f.location)
        }
        let note = text(p.note, in: sc)
        let (sanction, sanctions) = sanctionChoice(p, in: sc)
        let c = CompiledPenalty(decl: p, on: on, when: when, parties: parties, amount: amount, measure: measure,
                                tiers: tiers, among: among, at: at, note: note, sanction: sanction, sanctions: sanctions)
        if let agg { groupSteps.append(.penalty(aggregate: agg, c)) } else { steps.append(.penalty(c)) }
    }

    /// The sum of shares known when compiled; nil once one is not (or the sum overflows).
    static func sum(_ a: Fraction?, _ b: Fraction?) -> Fraction? {
        guard let a, let b else { return nil }
        return a.adding(b)
    }

    /// A share is a part of the amount, 0–100%: a constant outside is an error; an expression
    /// that can leave the range (by the fields' declared `min`/`max`) a warning, since each row's
    /// share is checked again when it is read.
    func checkShare(_ share: CompiledExpression, _ source: ExpressionSource) {
        if let f = share.constant?.fraction {
            if f < .zero { sink.error("'share' is negative: a share of a fine is a part of it", at: source.location) }
            if f > .one { sink.error("'share' is \(f.percentText): a share is at most 100% of the amount", at: source.location) }
            return
        }
        guard let syntax = syntax(source) else { return }
        let range = numberRange(syntax)
        if !range.contained(in: NumberRange(lo: .zero, hi: .one)) {
            sink.warning("'share' can leave 0–100% (it may come to \(range.description)): give the fields it reads a range "
                         + "('min: 0%', 'max: 100%'), so that a row outside it is an error at its column", at: source.location)
        }
    }

    /// A `note:`: any expression; its value is shown as text.
    func text(_ s: ExpressionSource?, in scope: Scope) -> CompiledExpression? {
        guard let s else { return nil }
        return compile(s, in: scope)
    }

    /// `sanction:` as an expression: of an enum type, so that every sanction it can name is
    /// known (and has its finding text) before a row is read. A bare word that a value of the
    /// policy is also called could mean either, and is refused.
    func sanctionChoice(_ p: PenaltyDecl, in sc: Scope) -> (CompiledExpression?, [String]) {
        guard let s = p.sanctionSource else { return (nil, []) }
        if let name = p.sanction {
            if sc.lookup(name) != nil {
                sink.error("'\(name)' is a value of this policy, and a bare word in 'sanction' names a sanction: write '(\(name))' to take the sanction from the value, or '\"\(name)\"' for a sanction of that name",
                           at: s.location)
            }
            return (nil, [])
        }
        guard let e = compile(s, in: sc) else { return (nil, []) }
        if let text = e.constant?.nameText {
            return (e, [text])
        }
        guard case .enumeration(let domain) = e.type else {
            sink.error("'sanction' is \(e.type); an expression in 'sanction' must give an enum value (a field or table output of type enum, e.g. `(sanction_decided)`): its values are the sanctions' names",
                       at: s.location)
            return (nil, [])
        }
        return (e, domain.values)
    }

    func compileCap(_ c: CapDecl) {
        if let first = policy.caps.first, first.id != c.id {
            sink.error("a policy has one cap per person and month; '\(first.id)' is already it (at \(first.location.line):\(first.location.column))", at: c.location)
            return
        }
        var sc = Scope()
        sc.bindings["bonus"] = .group(0, .money)
        sc.bindings["base_points"] = .group(1, .decimal)
        sc.bindings["fines"] = .group(2, .money)
        guard let limit = money(c.limit, in: sc, "'limit'") else { return }
        checkAmount(limit, c.limit, "'limit'", zeroMeans: "nothing is ever deducted")
        if let syntax = syntax(c.limit) { checkBonusShares(syntax, c.limit) }
        // Without a list the cap covers every penalty but those written `capped: false`.
        var covered = c.penalties.isEmpty ? nil : Set(c.penalties.map(\.value))
        if covered == nil, policy.penalties.contains(where: { $0.uncapped != nil }) {
            covered = Set(policy.penalties.filter { $0.uncapped == nil }.map(\.id))
        }
        caps.append(CompiledCap(decl: c, limit: limit, penalties: covered))
    }

    /// `P of bonus` (or `bonus * P`) with a literal P in a cap: between 0 and 100% of the
    /// bonus. More would deduct more than the bonus the cap protects; less, the opposite of
    /// a cap (the run-time evaluation of a huge P would overflow, too).
    func checkBonusShares(_ syntax: Syntax, _ source: ExpressionSource) {
        func literal(_ s: Syntax) -> (Fraction, Range<Int>)? {
            switch s {
            case .literal(.decimal(let f), let r): return (f, r)
            case .literal(.integer(let i), let r): return (Fraction(i), r)
            case .unary("-", let inner, let r): return literal(inner).flatMap { f in f.0.negated.map { ($0, r) } }
            default: return nil
            }
        }
        func isBonus(_ s: Syntax) -> Bool { if case .name("bonus", _) = s { return true } else { return false } }
        func visit(_ s: Syntax) {
            switch s {
            case .binary("*", let a, let b, _):
                if let (f, r) = isBonus(b) ? literal(a) : isBonus(a) ? literal(b) : nil {
                    let percent = f.multiplied(by: Fraction(100)).map { "\($0)%" } ?? "\(f)"
                    if f < .zero {
                        sink.error("'limit' takes \(percent) of the bonus: a cap cannot be negative", at: source.location(of: r))
                    } else if f > .one {
                        sink.error("'limit' takes \(percent) of the bonus: a cap is at most 100% of it", at: source.location(of: r))
                    } else if f == .zero {
                        sink.warning("'limit' takes 0% of the bonus: nothing is ever deducted", at: source.location(of: r))
                    }
                }
                visit(a); visit(b)
            case .literal, .name: return
            case .member(let b, _, _), .unary(_, let b, _), .isNull(let b, _, _): visit(b)
            case .binary(_, let a, let b, _): visit(a); visit(b)
            case .call(_, let xs, _), .list(let xs, _): xs.forEach(visit)
            case .conditional(let a, let b, let c, _): visit(a); visit(b); visit(c)
            }
        }
        visit(syntax)  // the parser bounds the tree's height
    }

    func compileEscalation(_ e: EscalationDecl) {
        guard let (sc, agg) = ruleScope(e.per) else { return }
        guard let when = condition(e.when, in: sc, "'when'") else { return }
        let require = timestamp(e.require, in: sc, "'require'")
        let from = timestamp(e.from, in: sc, "'from'")
        let within = duration(e.within, in: sc, "'within'")
        let c = CompiledEscalation(decl: e, when: when, require: require, from: from, within: within,
                                   note: text(e.note, in: sc))
        if let agg { groupSteps.append(.escalation(aggregate: agg, c)) } else { steps.append(.escalation(c)) }
    }
}
