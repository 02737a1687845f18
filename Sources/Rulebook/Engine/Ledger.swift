/// The penalty ledger: fines per person and month, the monthly cap, and the excess carried
/// into the following months until it is paid (逐月分期罚扣).
enum Ledger {
    struct CapFigures {
        var cap: CompiledCap
        var context: EvaluationContext
    }

    /// Lines per person (sorted by name) and month (in order), from the first month with a fine
    /// through the last month with a fine, and on while an excess is still carried, up to the
    /// as-of month (`lastMonth`); what is carried out of the last line is still outstanding.
    static func build(_ fines: [Evaluator.BookedPenalty], cap: CompiledCap?, context: EvaluationContext,
                      roster: Roster?, lastMonth: String) throws -> [LedgerLine] {
        var byPerson: [String: [String: (capped: Money, uncapped: Money)]] = [:]
        for f in fines {
            var entry = byPerson[f.person]?[f.month] ?? (.zero, .zero)
            if cap.map({ $0.penalties == nil || $0.penalties!.contains(f.rule) }) ?? false {
                entry.capped += f.amount
            } else {
                entry.uncapped += f.amount
            }
            byPerson[f.person, default: [:]][f.month] = entry
        }
        var lines: [LedgerLine] = []
        for person in byPerson.keys.sorted() {
            let months = byPerson[person]!
            var month = months.keys.min()!
            let lastFine = months.keys.max()!
            var carried = Money.zero
            while true {
                let incurred = months[month] ?? (.zero, .zero)
                let owed = carried + incurred.capped
                var line = LedgerLine(person: person, department: roster?.department(of: person), month: month,
                                      bonus: roster?.bonus(of: person, month: month), cap: nil,
                                      incurred: incurred.capped + incurred.uncapped, carriedIn: carried,
                                      deducted: incurred.uncapped + owed, carriedOut: .zero)
                if let cap, owed > .zero {
                    guard let bonus = line.bonus else {
                        throw DiagnosticError(.error("the roster has no monthly bonus for '\(person)' in \(month); the cap '\(cap.decl.id)' needs it",
                                                     at: cap.decl.location))
                    }
                    context.group = [.money(bonus), roster?.basePoints(of: person).map(Value.decimal) ?? .null, .money(owed)]
                    guard case .money(let limit) = try cap.limit.evaluate(context) else {
                        throw DiagnosticError(.error("the cap '\(cap.decl.id)' has no value for '\(person)' in \(month)", at: cap.decl.location))
                    }
                    line.cap = limit
                    let take = min(max(limit, .zero), owed)
                    line.deducted = incurred.uncapped + take
                    line.carriedOut = cap.decl.excess == .carryForward ? owed - take : .zero
                }
                lines.append(line)
                carried = line.carriedOut
                if month >= lastFine && (carried == .zero || month >= lastMonth) { break }
                month = nextMonth(month)
            }
        }
        return lines
    }

    static func nextMonth(_ m: String) -> String {
        let y = Int(m.prefix(4))!, mo = Int(m.suffix(2))!
        let (ny, nm) = mo == 12 ? (y + 1, 1) : (y, mo + 1)
        return "\(ny)-\(nm < 10 ? "0" : "")\(nm)"
    }
}
