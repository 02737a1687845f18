extension Evaluator {
    /// The group a group-level rule runs for: its subject text and booking date.
    struct GroupInfo {
        var subject: String
        var date: Timestamp?
    }

    func applyPenalty(_ p: CompiledPenalty, subject: String, row: Int, group: GroupInfo?) throws {
        let ctx = context
        var date: Timestamp?
        if let on = p.on {
            let o = ctx.outcomes[on]
            guard o.status == .breached || o.status == .overdue else { return }
            date = o.due
        }
        if let w = p.when, try guarded({ try w.evaluate(ctx) }) != .bool(true) { return }
        if let at = p.at, case .timestamp(let t) = try guarded({ try at.evaluate(ctx) }) { date = t }
        if date == nil { date = group?.date }
        if date == nil, group == nil, let s = referenceTimeSlot, case .timestamp(let t) = ctx.slots[s] { date = t }
        guard let date else {
            throw RowError("penalty \(p.decl.id): no date to book it to; give it 'at:'")
        }
        let month = String(policy.zone.localize(date).localDate.description.prefix(7))

        var amount: Money?
        if !p.tiers.isEmpty, let m = p.measure {
            let measured = try guarded { try m.evaluate(ctx) }
            for tier in p.tiers {
                let least = try guarded { try tier.atLeast.evaluate(ctx) }
                if let o = ExpressionCompiler.order(measured, least), o >= 0,
                   case .money(let a) = try guarded({ try tier.amount.evaluate(ctx) }),
                   amount == nil || a > amount! {
                    amount = a
                }
            }
            guard amount != nil else { return }  // below the lowest tier
        } else if let a = p.amount {
            guard case .money(let m) = try guarded({ try a.evaluate(ctx) }) else {
                throw RowError("penalty \(p.decl.id): the amount '\(p.decl.amount?.text ?? "")' is unset")
            }
            amount = m
        }

        let note = try p.note.map { n in try guarded { try n.evaluate(ctx) } }.flatMap { $0.isNull ? nil : $0.description }
        for (person, share) in try liableParties(p, amount: amount) {
            var f = Finding(subject: subject, row: row, template: p.template, status: share == nil ? .sanctioned : .fined)
            f.party = person
            f.amount = share
            f.month = month
            f.incurredAt = date
            f.note = note
            append(f)
            if let share, share != .zero {
                penalties.append(BookedPenalty(person: person, month: month, amount: share, rule: p.decl.id))
            }
        }
    }

    /// Who pays what: each named party the full amount, or their share of it, or the
    /// department's members in proportion to base points.
    func liableParties(_ p: CompiledPenalty, amount: Money?) throws -> [(String, Money?)] {
        let ctx = context
        if p.decl.apportion == .basePoints, let among = p.among {
            guard case .department(let dept) = try guarded({ try among.evaluate(ctx) }) else {
                throw RowError("penalty \(p.decl.id): the department '\(p.decl.among?.text ?? "")' is unset", column: fieldColumn(p.decl.among?.text))
            }
            guard let roster else { throw RowError("penalty \(p.decl.id) apportions by base points: give --roster") }
            let members = roster.members(of: dept).filter { ($0.basePoints ?? .zero) > .zero }
            guard !members.isEmpty, let amount else {
                throw RowError("penalty \(p.decl.id): department '\(dept)' has no members with base points in the roster")
            }
            let shares = Evaluator.apportion(amount, weights: members.map { $0.basePoints! })
            return zip(members.map(\.name), shares.map { Optional($0) }).map { ($0, $1) }
        }
        var people: [String] = []
        var shares: [Fraction?] = []
        for (i, party) in p.parties.enumerated() {
            guard case .person(let person) = try guarded({ try party.who.evaluate(ctx) }) else {
                throw RowError("penalty \(p.decl.id): liable party '\(p.decl.to[i].who.text)' is unset", column: fieldColumn(p.decl.to[i].who.text))
            }
            if let roster, !roster.contains(person) {
                throw RowError("penalty \(p.decl.id): '\(person)' (\(p.decl.to[i].who.text)) is not in the roster (\(roster.source))",
                               column: fieldColumn(p.decl.to[i].who.text))
            }
            people.append(person)
            if let s = party.share {
                guard let f = try guarded({ try s.evaluate(ctx) }).fraction else {
                    throw RowError("penalty \(p.decl.id): the share of '\(person)' is unset")
                }
                shares.append(f)
            } else {
                shares.append(nil)
            }
        }
        guard let amount, shares.contains(where: { $0 != nil }) else { return people.map { ($0, amount) } }
        // Shares that make up the whole amount are split exactly (largest remainder), so that
        // 100.01 at 50/50 is 50.01 + 50.00, never 100.02; other shares are each rounded.
        let total = shares.reduce(Fraction.zero) { $0.adding($1 ?? .zero) ?? $0 }
        if !shares.contains(where: { $0 == nil }), total == .one {
            return zip(people, Evaluator.apportion(amount, weights: shares.map { $0! }).map { Optional($0) }).map { ($0, $1) }
        }
        return zip(people, shares).map { person, share in
            guard let share, let v = Fraction(amount.minorUnits).multiplied(by: share) else { return (person, amount) }
            return (person, Money(minorUnits: v.roundedHalfAwayFromZero()))
        }
    }

    /// Splits an amount in proportion to weights, exactly: shares are rounded down to the fen
    /// and the fen left over go to the largest remainders (ties to the earlier name), so the
    /// shares always add up to the amount.
    static func apportion(_ amount: Money, weights: [Fraction]) -> [Money] {
        var total = Fraction.zero
        for w in weights { total = total.adding(w) ?? total }
        guard total > .zero else { return weights.map { _ in .zero } }
        var floors: [Int64] = []
        var remainders: [(Fraction, Int)] = []
        for (i, w) in weights.enumerated() {
            let exact = Fraction(amount.minorUnits).multiplied(by: w)?.divided(by: total) ?? .zero
            let floor = exact.numerator >= 0 ? exact.numerator / exact.denominator : -((-exact.numerator + exact.denominator - 1) / exact.denominator)
            floors.append(floor)
            remainders.append((exact.subtracting(Fraction(floor)) ?? .zero, i))
        }
        var left = amount.minorUnits - floors.reduce(0, +)
        for (_, i) in remainders.sorted(by: { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }) where left > 0 {
            floors[i] += 1
            left -= 1
        }
        return floors.map { Money(minorUnits: $0) }
    }
}
