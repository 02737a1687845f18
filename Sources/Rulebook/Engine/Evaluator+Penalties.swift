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
            throw RowError("no date to book the fine to; give the penalty 'at:'")
        }
        let month = String(policy.zone.localize(date).localDate.description.prefix(7))
        ctx.bookingMonth = month  // for bonus(person) in the amount

        var amount: Money?
        if !p.tiers.isEmpty, let m = p.measure {
            let measured = try guarded { try m.evaluate(ctx) }
            for tier in p.tiers {
                let least = try guarded { try tier.atLeast.evaluate(ctx) }
                if let o = ExpressionCompiler.order(measured, least), o >= 0,
                   case .money(let a) = try guarded({ try tier.amount.evaluate(ctx) }),
                   amount.map({ a > $0 }) ?? true {
                    amount = a
                }
            }
            guard amount != nil else { return }  // below the lowest tier
        } else if let a = p.amount {
            guard case .money(let m) = try guarded({ try a.evaluate(ctx) }) else {
                throw RowError("the amount '\(p.decl.amount?.text ?? "")' is unset")
            }
            amount = m
        }
        // Negative literals are refused when the policy is compiled; this catches amounts
        // computed from the row (a negative loss), which would reduce other fines.
        if let amount, amount < .zero {
            throw RowError("the amount comes to \(amount) CNY; a fine cannot be negative", column: fieldColumn(p.decl.amount?.text))
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
            if let share, share < .zero {
                throw RowError("the share of '\(person)' comes to \(share) CNY; a fine cannot be negative")
            }
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
                throw RowError("the department '\(p.decl.among?.text ?? "")' is unset", column: fieldColumn(p.decl.among?.text))
            }
            guard let roster else { throw RowError("the penalty apportions by base points: give --roster") }
            let subunits = p.decl.members == .withSubunits
            let members = roster.members(of: dept, withSubunits: subunits).compactMap { m in m.basePoints.flatMap { $0 > .zero ? (m.name, $0) : nil } }
            guard !members.isEmpty, let amount else {
                throw RowError("department '\(dept)'\(subunits ? " and the departments under it have" : " has") no members with base points in the roster")
            }
            let shares = try Evaluator.apportion(amount, weights: members.map(\.1))
            return zip(members.map(\.0), shares.map { Optional($0) }).map { ($0, $1) }
        }
        var people: [String] = []
        var shares: [Fraction?] = []
        for (i, party) in p.parties.enumerated() {
            guard case .person(let person) = try guarded({ try party.who.evaluate(ctx) }) else {
                throw RowError("liable party '\(p.decl.to[i].who.text)' is unset", column: fieldColumn(p.decl.to[i].who.text))
            }
            if let roster, !roster.contains(person) {
                throw RowError("'\(person)' (\(p.decl.to[i].who.text)) is not in the roster (\(roster.source))",
                               column: fieldColumn(p.decl.to[i].who.text))
            }
            people.append(person)
            if let s = party.share {
                guard let f = try guarded({ try s.evaluate(ctx) }).fraction else {
                    throw RowError("the share of '\(person)' is unset")
                }
                shares.append(f)
            } else {
                shares.append(nil)
            }
        }
        guard let amount, shares.contains(where: { $0 != nil }) else { return people.map { ($0, amount) } }
        // Shares that make up the whole amount are split exactly (largest remainder), so that
        // 100.01 at 50/50 is 50.01 + 50.00, never 100.02; other shares are each rounded.
        var total = Fraction.zero
        for share in shares {
            guard let t = total.adding(share ?? .zero) else { throw RowError("the shares add up to more than 64 bits") }
            total = t
        }
        let whole = shares.compactMap { $0 }
        if whole.count == shares.count, total == .one {
            return zip(people, try Evaluator.apportion(amount, weights: whole).map { Optional($0) }).map { ($0, $1) }
        }
        return try zip(people, shares).map { person, share in
            guard let share else { return (person, amount) }
            guard let v = Fraction(amount.minorUnits).multiplied(by: share) else {
                throw RowError("\(share) of \(amount) CNY does not fit in 64 bits")
            }
            return (person, Money(minorUnits: v.roundedHalfAwayFromZero()))
        }
    }

    /// Splits an amount in proportion to weights, exactly: shares are rounded down to the fen
    /// and the fen left over go to the largest remainders (ties to the earlier name), so the
    /// shares always add up to the amount.
    static func apportion(_ amount: Money, weights: [Fraction]) throws -> [Money] {
        let overflow = RowError("sharing \(amount) CNY by \(weights.count) weights does not fit in 64 bits")
        var total = Fraction.zero
        for w in weights {
            guard let t = total.adding(w) else { throw overflow }
            total = t
        }
        guard total > .zero else { return weights.map { _ in .zero } }
        var floors: [Int64] = []
        var remainders: [(Fraction, Int)] = []
        for (i, w) in weights.enumerated() {
            guard let exact = Fraction(amount.minorUnits).multiplied(by: w)?.divided(by: total) else { throw overflow }
            // Rounded toward minus infinity.
            let n = Int128(exact.numerator), d = Int128(exact.denominator)
            guard let floor = Int64(exactly: n >= 0 ? n / d : -((-n + d - 1) / d)),
                  let rest = exact.subtracting(Fraction(floor)) else { throw overflow }
            floors.append(floor)
            remainders.append((rest, i))
        }
        var left = Int128(amount.minorUnits) - floors.reduce(Int128(0)) { $0 + Int128($1) }
        for (_, i) in remainders.sorted(by: { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }) where left > 0 {
            guard floors[i] < .max else { throw overflow }
            floors[i] += 1
            left -= 1
        }
        return floors.map { Money(minorUnits: $0) }
    }
}
