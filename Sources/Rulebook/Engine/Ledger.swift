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
    ///
    ///
    /// With `opening` (the state an earlier run closed month M with), months up to M are
    /// closed: their fines were that run's to book (`closedFines` adds up those found here),
    /// and each balance comes in as carried into the month after M. A person's fines in the
    /// closed months beyond what the state says was booked to them (a fine decided after its
    /// month closed: a step that became overdue since) are late: booked to the month after M
    /// (`lateFines`), never dropped.
    static func build(_ fines: [Evaluator.BookedPenalty], cap: CompiledCap?, context: EvaluationContext,
                      roster: Roster?, lastMonth: String, policyLocation: SourceLocation,
                      opening: LedgerState? = nil) throws -> Built {
        // Every sum below is part of the evaluator's checked total of fines (which are never
        // negative), so none can overflow; they are checked all the same, as all money is.
        func sum(_ a: Money, _ b: Money, _ person: String, _ month: String) throws -> Money {
            guard let s = a.adding(b) else {
                throw DiagnosticError(.error("the fines of '\(person)' in \(month) add up to more than 64 bits", at: policyLocation))
            }
            return s
        }
        var byPerson: [String: [String: Booked]] = [:]
        var closedFines = Money.zero, lateFines = Money.zero
        // The month after the closed one, where opening balances and late fines come in.
        let reopened = opening.flatMap { nextMonth($0.closedMonth) }
        var brought: [String: Money] = [:]
        for b in opening?.balances ?? [] where b.outstanding > .zero {
            brought[b.person] = b.outstanding
            if byPerson[b.person] == nil { byPerson[b.person] = [:] }
        }
        var closed: [String: Booked] = [:]
        for f in fines {
            let capped = cap.map { $0.penalties?.contains(f.rule) ?? true } ?? false
            if let opening, f.month <= opening.closedMonth {
                closedFines = FindingStore.addFined(closedFines, f.amount)
                _ = closed[f.person, default: Booked()].add(f.amount, capped: capped)
                continue
            }
            var entry = byPerson[f.person]?[f.month] ?? Booked()
            guard entry.add(f.amount, capped: capped) else {
                throw DiagnosticError(.error("the fines of '\(f.person)' in \(f.month) add up to more than 64 bits", at: policyLocation))
            }
            byPerson[f.person, default: [:]][f.month] = entry
        }
        if let opening, let reopened {
            let booked = Dictionary(opening.balances.map { ($0.person, $0) }, uniquingKeysWith: { a, _ in a })
            for (person, found) in closed {
                let was = booked[person]
                let wasOutside = was?.bookedOutsideCap ?? .zero
                let wasCapped = (was?.booked ?? .zero) - wasOutside
                var late = Booked()
                if found.capped > wasCapped { _ = late.add(found.capped - wasCapped, capped: true) }
                if found.uncapped > wasOutside { _ = late.add(found.uncapped - wasOutside, capped: false) }
                guard late.total > .zero else { continue }
                lateFines = FindingStore.addFined(lateFines, late.total)
                var entry = byPerson[person]?[reopened] ?? Booked()
                guard entry.add(late.capped, capped: true), entry.add(late.uncapped, capped: false) else {
                    throw DiagnosticError(.error("the fines of '\(person)' in \(reopened) add up to more than 64 bits", at: policyLocation))
                }
                byPerson[person, default: [:]][reopened] = entry
            }
        }
        var lines: [LedgerLine] = []
        for person in HumanOrder.sortedNames(byPerson.keys) {
            let months = byPerson[person]!
            var carried = Money.zero
            var first = months.keys.min()
            if let b = brought[person], let reopened {
                carried = b
                first = min(first ?? reopened, reopened)
            }
            guard var month = first, let lastFine = months.keys.max() ?? first else { continue }
            var horizon = lastMonth
            if cap?.decl.carryUntil == .roster, let last = roster?.lastBonusMonth(of: person), last > horizon { horizon = last }
            while true {
                let incurred = months[month] ?? Booked()
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
        return Built(lines: lines, closedFines: closedFines, lateFines: lateFines, booked: byPerson)
    }

    /// Fines booked to one person and month: those the cap applies to, and the others.
    struct Booked: Sendable {
        var capped = Money.zero
        var uncapped = Money.zero
        var total: Money { capped.adding(uncapped) ?? Money(minorUnits: .max) }

        /// False when the sum no longer fits.
        mutating func add(_ amount: Money, capped isCapped: Bool) -> Bool {
            guard let s = (isCapped ? capped : uncapped).adding(amount) else { return false }
            if isCapped { capped = s } else { uncapped = s }
            return true
        }
    }

    /// The ledger, and what an opening state changed in it.
    struct Built: Sendable {
        var lines: [LedgerLine]
        /// Fines found in the months the opening state closed (left out, or booked late).
        var closedFines = Money.zero
        /// Of those, the ones the state had not booked: booked to the month after it.
        var lateFines = Money.zero
        /// Per person and month, the fines booked (a closing state adds them up).
        var booked: [String: [String: Booked]] = [:]
    }

    /// `2026-12` → `2027-01`; nil past 9999-12 (timestamps are kept far from it).
    static func nextMonth(_ m: String) -> String? {
        guard m.utf8.count == 7, let y = Int(m.prefix(4)), let mo = Int(m.suffix(2)) else { return nil }
        let (ny, nm) = mo == 12 ? (y + 1, 1) : (y, mo + 1)
        guard ny <= 9999 else { return nil }
        return CivilDate(year: ny, month: nm, day: 1).map { String($0.description.prefix(7)) }
    }
}
