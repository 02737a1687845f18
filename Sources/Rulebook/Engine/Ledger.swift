/// The penalty ledger: fines per person and month, the monthly cap, and the excess carried
/// into the following months until it is paid (逐月分期罚扣).
enum Ledger {
    struct CapFigures {
        var cap: CompiledCap
        var context: EvaluationContext
    }

    /// Lines per person (in pinyin order, `HumanOrder`) and month (in order), from the first month with a fine
    /// through the last month with a fine, and on while an excess is still carried, up to the
    /// as-of month (`lastMonth`) or, with `carry_until: roster`, through the person's last bonus
    /// month when that is later; what is carried out of the last line is still outstanding.
    /// Months between with nothing incurred, carried or deducted are left out.
    static func build(_ fines: [Evaluator.BookedPenalty], cap: CompiledCap?, context: EvaluationContext,
                      roster: Roster?, lastMonth: String, policyLocation: SourceLocation) throws -> [LedgerLine] {
        // Every sum below is part of the evaluator's checked total of fines (which are never
        // negative), so none can overflow; they are checked all the same, as all money is.
        func sum(_ a: Money, _ b: Money, _ person: String, _ month: String) throws -> Money {
            guard let s = a.adding(b) else {
                throw DiagnosticError(.error("the fines of '\(person)' in \(month) add up to more than 64 bits", at: policyLocation))
            }
            return s
        }
        var byPerson: [String: [String: (capped: Money, uncapped: Money)]] = [:]
        for f in fines {
            var entry = byPerson[f.person]?[f.month] ?? (.zero, .zero)
            if cap.map({ $0.penalties?.contains(f.rule) ?? true }) ?? false {
                entry.capped = try sum(entry.capped, f.amount, f.person, f.month)
            } else {
                entry.uncapped = try sum(entry.uncapped, f.amount, f.person, f.month)
            }
            byPerson[f.person, default: [:]][f.month] = entry
        }
        var lines: [LedgerLine] = []
        for person in HumanOrder.sortedNames(byPerson.keys) {
            let months = byPerson[person]!
            guard var month = months.keys.min(), let lastFine = months.keys.max() else { continue }
            var horizon = lastMonth
            if cap?.decl.carryUntil == .roster, let last = roster?.lastBonusMonth(of: person), last > horizon { horizon = last }
            var carried = Money.zero
            while true {
                let incurred = months[month] ?? (.zero, .zero)
                let owed = try sum(carried, incurred.capped, person, month)
                var line = LedgerLine(person: person, department: roster?.department(of: person), month: month,
                                      bonus: roster?.bonus(of: person, month: month), cap: nil,
                                      incurred: try sum(incurred.capped, incurred.uncapped, person, month), carriedIn: carried,
                                      deducted: try sum(incurred.uncapped, owed, person, month), carriedOut: .zero)
                if let cap, owed > .zero {
                    func failure(_ message: String) -> DiagnosticError {
                        DiagnosticError(.error("rule \(cap.decl.id): '\(person)' in \(month): \(message)", at: cap.decl.location))
                    }
                    guard let bonus = line.bonus ?? (cap.decl.missingBonus == .zero ? Money.zero : nil) else {
                        throw failure("the roster has no monthly bonus for '\(person)' in \(month); the cap needs it"
                                      + " (or say 'missing_bonus: zero' to take it as 0.00)")
                    }
                    context.group = [.money(bonus), roster?.basePoints(of: person).map(Value.decimal) ?? .null, .money(owed)]
                    // Read exactly and rounded here, by the cap's own rule, not to the nearest fen
                    // as other amounts are: 50% of 100.01 must not become 50.01.
                    let exact: Fraction?
                    do {
                        exact = try cap.limit.exactMinorUnits(context)
                    } catch let e as EvaluationError {
                        throw failure(e.message)
                    }
                    guard let exact else { throw failure("the cap has no value") }
                    let limit = Money(minorUnits: cap.decl.rounding == .down ? exact.roundedDown() : exact.roundedHalfAwayFromZero())
                    guard limit >= .zero else { throw failure("the cap comes to \(limit) CNY (bonus \(bonus) CNY); a cap cannot be negative") }
                    line.cap = limit
                    let take = min(limit, owed)
                    line.deducted = try sum(incurred.uncapped, take, person, month)
                    line.carriedOut = cap.decl.excess == .carryForward ? owed - take : .zero  // 0 ≤ owed - take ≤ owed
                }
                // A month with nothing incurred, carried in or deducted says nothing.
                if line.incurred != .zero || line.carriedIn != .zero || line.deducted != .zero { lines.append(line) }
                carried = line.carriedOut
                if month >= lastFine && (carried == .zero || month >= horizon) { break }
                guard let next = nextMonth(month) else { break }
                month = next
            }
        }
        return lines
    }

    /// `2026-12` → `2027-01`; nil past 9999-12 (timestamps are kept far from it).
    static func nextMonth(_ m: String) -> String? {
        guard m.utf8.count == 7, let y = Int(m.prefix(4)), let mo = Int(m.suffix(2)) else { return nil }
        let (ny, nm) = mo == 12 ? (y + 1, 1) : (y, mo + 1)
        guard ny <= 9999 else { return nil }
        return CivilDate(year: ny, month: nm, day: 1).map { String($0.description.prefix(7)) }
    }
}
