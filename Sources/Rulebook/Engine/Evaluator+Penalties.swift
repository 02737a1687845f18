extension Evaluator {
    /// The group a group-level rule runs for: its subject text and booking date.
    struct GroupInfo {
        var subject: String
        /// The end of the group's `month` or `week`: the booking date, and the instant from
        /// which its count is final.
        var date: Timestamp?
    }

    func applyPenalty(_ p: CompiledPenalty, subject: String, row: Int, group: GroupInfo?) throws {
        let ctx = context
        var date: Timestamp?
        // A deadline's fine is booked to the month its day closes in: a due at 24:00 of the
        // 30th (the 1st's 00:00) belongs to the 30th's month.
        var closes = false
        if let on = p.on {
            let o = ctx.outcomes[on]
            guard o.status == .breached || o.status == .overdue else { return }
            date = o.due
            closes = true
        }
        // The expressions are read where they lie (`p.when!`), as in `timeStep`: bound to a
        // name (`if let`), each was retained and released around its evaluation.
        if p.when != nil, try !value(of: p.when!).isTrue { return }
        if p.at != nil, case .timestamp(let t) = try value(of: p.at!) { date = t; closes = false }
        if date == nil { date = group?.date }
        if date == nil, group == nil, let s = referenceTimeSlot, case .timestamp(let t) = ctx.slots[s] { date = t }
        guard let date else {
            throw RowError("no date to book the fine to; give the penalty 'at:'")
        }
        let local = localize(date)
        let month = (closes ? local.closingDate : local.localDate).monthText
        ctx.bookingMonth = month  // for bonus(person) in the amount

        var amount: Money?
        if !p.tiers.isEmpty, p.measure != nil {
            let measured = try value(of: p.measure!)
            for tier in p.tiers {
                let least = try value(of: tier.atLeast)
                if let o = Value.order(measured, least), o >= 0,
                   case .money(let a) = try value(of: tier.amount),
                   amount.map({ a > $0 }) ?? true {
                    amount = a
                }
            }
            guard amount != nil else { return }  // below the lowest tier
        } else if p.amount != nil {
            guard case .money(let m) = try value(of: p.amount!) else {
                throw RowError("the amount '\(p.decl.amount?.text ?? "")' is unset")
            }
            amount = m
        }
        // Negative literals are refused when the policy is compiled; this catches amounts
        // computed from the row (a negative loss), which would reduce other fines.
        if let amount, amount < .zero {
            throw RowError("the amount comes to \(amount) CNY; a fine cannot be negative", column: fieldColumn(p.decl.amount?.text))
        }

        // A sanction chosen by the case: its template; none (null) leaves a fine without one,
        // and a rule that books no money nothing at all.
        var template = p.template
        var sanctioned = p.namesSanction
        if p.sanction != nil {
            let v = try value(of: p.sanction!)
            if let name = v.nameText, let t = p.sanctionTemplates[name] {
                template = t
                sanctioned = true
            } else if amount == nil {
                return
            }
        }
        var note: String?
        if p.note != nil, case let v = try value(of: p.note!), !v.isNull { note = noteText(v) }
        let liable = try liableParties(p, amount: amount)
        // A group's period still running at the as-of instant: its count or sum can still
        // change, so the fine is shown, not booked (unless the rule fires at once).
        let provisional = !p.firesAtOnce && group?.date.map { asOf < $0 } == true
        var provisionalNote: String? { group?.date.map { "the period ends \(noteText(.timestamp($0))), after the as-of instant; booked once it has ended" } }
        var zeros: [String] = []
        for (person, share) in liable.parties {
            // A share of 0.00 is no fine (a 0% party, or a loss too small to reach everyone):
            // one note below says so, not a 0.00 line per person. A sanction stands without it.
            if let share, share == .zero, !sanctioned {
                if !liable.zeroWeight.contains(person) { zeros.append(person) }
                continue
            }
            let fine = share.flatMap { $0 > .zero ? $0 : nil }
            var f = Finding(subject: subject, row: row, template: template, status: fine == nil ? .sanctioned : .fined)
            f.party = person
            f.amount = fine
            f.month = month
            f.incurredAt = date
            f.note = note
            if provisional {
                f.status = .provisional
                f.note = [note, provisionalNote].compactMap { $0 }.joined(separator: "; ")
                append(&f)
                continue
            }
            append(&f)
            if let fine { penalties.append(BookedPenalty(person: person, month: month, amount: fine, rule: p.template.rule)) }
        }
        if let amount, !sanctioned, !zeros.isEmpty || !liable.parties.contains(where: { ($0.1 ?? .zero) > .zero }) {
            var f = Finding(subject: subject, row: row, template: p.template, status: .notFined)
            f.month = month
            f.incurredAt = date
            f.note = Evaluator.unfinedNote(amount: amount, zeros: zeros, of: liable.parties.count - liable.zeroWeight.count)
            append(&f)
        }
    }

    /// The one note of a penalty that booked nothing to some or all of its parties.
    static func unfinedNote(amount: Money, zeros: [String], of sharing: Int) -> String {
        if amount == .zero { return "the amount comes to 0.00 CNY: nobody is fined" }
        if zeros.isEmpty { return "the shares leave all of \(amount) CNY to the company: nobody is fined" }
        let names = zeros.count <= 5 ? zeros.joined(separator: ", ") : zeros.prefix(5).joined(separator: ", ") + " …"
        return "\(amount) CNY is too small to split to the fen among \(sharing): \(zeros.count) of the shares come to 0.00 "
            + "and are not fined (\(names))"
    }

    /// Who pays what, and which parties bear none of it by their share (0%).
    struct LiableParties {
        var parties: [(String, Money?)]
        var zeroWeight: Set<String> = []
    }

    /// Who pays what: each named party the full amount, or their share of it, or the
    /// department's members in proportion to base points. Shares are split exactly (see
    /// `apportion`); they are each 0–100% and add up to 100% unless `remainder:` says who
    /// bears the rest.
    func liableParties(_ p: CompiledPenalty, amount: Money?) throws -> LiableParties {
        let ctx = context
        if p.byBasePoints, let among = p.among {
            guard case .department(let dept) = try value(of: among) else {
                throw RowError("the department '\(p.decl.among?.text ?? "")' is unset", column: fieldColumn(p.decl.among?.text))
            }
            guard let roster else { throw RowError("the penalty apportions by base points, and \(MissingInput.roster.phrase)") }
            let subunits = p.decl.members == .withSubunits
            let members = roster.members(of: dept, withSubunits: subunits).compactMap { m in m.basePoints.flatMap { $0 > .zero ? (m.name, $0) : nil } }
            guard !members.isEmpty, let amount else {
                throw RowError("department '\(dept)'\(subunits ? " and the departments under it have" : " has") no members with base points in the roster")
            }
            let shares = try Evaluator.apportion(amount, weights: members.map(\.1))
            return LiableParties(parties: zip(members.map(\.0), shares.map { Optional($0) }).map { ($0, $1) })
        }
        // Each party with the whole amount; replaced by their shares below when some have one.
        var found: [(String, Money?)] = []
        found.reserveCapacity(p.parties.count)
        var shares: [Fraction?] = []
        // The parties read in place: copied out of their array (`enumerated()`), each was
        // retained and released every case.
        for i in p.parties.indices {
            guard case .person(let person) = try value(of: p.parties[i].who) else {
                throw RowError("liable party '\(p.decl.to[i].who.text)' is unset", column: fieldColumn(p.decl.to[i].who.text))
            }
            if roster != nil, !ctx.people!.contains(person) {  // in place: `if let` copies the roster
                throw RowError("'\(person)' (\(p.decl.to[i].who.text)) is not in the roster (\(roster!.source))",
                               column: fieldColumn(p.decl.to[i].who.text))
            }
            found.append((person, amount))
            if p.parties[i].share != nil, let text = p.decl.to[i].share?.text {
                guard let f = try value(of: p.parties[i].share!).fraction else {
                    throw RowError("the share of '\(person)' (\(Excerpt.quoted(text))) is unset", column: fieldColumn(text))
                }
                guard f >= .zero, f <= .one else {
                    throw RowError("the share of '\(person)' (\(Excerpt.quoted(text))) comes to \(f.percentText); a share is 0–100% of the amount",
                                   column: fieldColumn(text))
                }
                shares.append(f)
            } else if p.hasShares {
                shares.append(nil)
            }
        }
        guard let amount, shares.contains(where: { $0 != nil }) else {
            return LiableParties(parties: found)
        }
        var total = Fraction.zero
        for share in shares {
            guard let t = total.adding(share ?? .zero) else { throw RowError("the shares add up to more than 64 bits") }
            total = t
        }
        let rest = Fraction.one.subtracting(total) ?? .zero
        if rest < .zero {
            throw RowError("the shares add up to \(total.percentText): more than the whole amount")
        }
        if rest > .zero, p.decl.remainder == nil {
            throw RowError("the shares add up to \(total.percentText), not 100%: the rule does not say who bears the other "
                           + "\(rest.percentText) (remainder: company)")
        }
        // The rest (the company's) is one more weight, so every share is within a fen of its
        // exact value and the shares with it add up to the amount.
        let weights = shares.compactMap { $0 } + (rest > .zero ? [rest] : [])
        var split = try Evaluator.apportion(amount, weights: weights)[...]
        var out = LiableParties(parties: [])
        for ((person, _), share) in zip(found, shares) {
            guard let share else { out.parties.append((person, amount)); continue }
            out.parties.append((person, split.removeFirst()))
            if share == .zero { out.zeroWeight.insert(person) }
        }
        return out
    }

    /// Splits an amount in proportion to weights, exactly (the largest remainder method):
    /// each share is rounded down to the fen and the fen left over go one each to the largest
    /// remainders, ties to the earlier weight. So the shares add up to the amount, and each is
    /// within one fen of its exact value (below it by less than a fen, or above by less).
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
            let floor = exact.roundedDown()
            guard let rest = exact.subtracting(Fraction(floor)) else { throw overflow }
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
