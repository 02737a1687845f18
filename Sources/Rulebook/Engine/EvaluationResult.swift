/// Everything one evaluation produced, sorted, ready for the report writers.
struct EvaluationResult: Sendable {
    var findings: FindingStore
    var ledger: [LedgerLine]
    var casesEvaluated: Int
    /// Groups short of rows set aside with `--rejects` (see `Evaluator.countLost`).
    var incomplete: [IncompleteGroup] = []
    /// With an opening state: what it changed in the ledger (`Ledger.Built`); without one, the
    /// fines booked per person and month all the same.
    var ledgerBuilt = Ledger.Built(lines: [])
}

extension Evaluator {
    /// Runs the group rules and the ledger, and sorts everything: by case id, then rule in
    /// declaration order, then party, so the output does not depend on input row order.
    ///
    /// A failure of a group rule has no row: it is reported at the rule, as a
    /// `DiagnosticError`, with the group in the message. Fines adding up to more than 64 bits
    /// throw `FinesOverflow`.
    ///
    /// Called again, it returns the first call's result (or throws its error): the group
    /// rules and the ledger run once, so nothing is booked twice.
    func finish() throws -> EvaluationResult {
        if let finished { return try finished.get() }
        let outcome = Result { try finishOnce() }
        finished = outcome
        return try outcome.get()
    }

    private func finishOnce() throws -> EvaluationResult {
        do {
            try runGroups()
        } catch let e as RowError {
            throw DiagnosticError(.error(e.message, at: e.rule?.location ?? policy.policy.location))
        }
        bookPenalties()
        if finesOverflowed { throw FinesOverflow() }
        try findings.finish()
        let lastMonth = String(policy.zone.localize(asOf).localDate.description.prefix(7))
        let booked = bookedTotals.map { BookedPenalty(person: $0.key.person, month: $0.key.month, amount: $0.value, rule: $0.key.rule) }
        let ledger = try Ledger.build(booked, cap: policy.caps.first, context: context, roster: roster, lastMonth: lastMonth,
                                      policyLocation: policy.policy.location, opening: opening)
        return EvaluationResult(findings: findings, ledger: ledger.lines, casesEvaluated: casesEvaluated, incomplete: incompleteGroups(),
                                ledgerBuilt: ledger)
    }
}
