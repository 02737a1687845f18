/// The penalty ledger's balances at the end of a closed month: what one month's run hands the
/// next, so that a month's ledger needs that month's export and this state, not every earlier
/// case (`rulebook eval --closing FILE`, then `--opening FILE`).
///
/// A month is closed once it has ended: a run closes the month before the one its as-of
/// instant falls in (as of 2026-04-01T00:00 it closes March; as of 2026-03-31T18:00 only
/// February, since fines of March's last hours, and March's own monthly counts, are still to
/// come). A run opened with a state books no fine to the months it closed — those were the
/// earlier run's to book — and starts each person's ledger from the balance carried out of
/// the closed month. So January–June in one run gives the same ledger lines as
/// January–March closed, then April–June opened from that state.
///
/// Written as JSON Lines (see ``jsonLines``): a header naming the policy (id, version,
/// fingerprint), the month closed, the as-of instant and the totals, then one line per person
/// with an amount still to deduct, by name.
public struct LedgerState: Sendable, Equatable {
    /// One person's account at the end of the closed month: what is still to deduct, and
    /// what was booked to the closed months (so that a fine decided after its month closed is
    /// told from one already booked, see ``EvaluationReport/lateFines``).
    public struct Balance: Sendable, Equatable {
        /// The person owing it.
        public var person: String
        /// The person's department in the roster of the run that closed the month.
        public var department: String?
        /// Still to deduct: fines over the cap, carried out of the closed month.
        public var outstanding: Money
        /// Every fine booked to the person in the closed month and the months before it
        /// (since the first state of the chain), cap or not.
        public var booked: Money
        /// The part of ``booked`` the cap did not apply to.
        public var bookedOutsideCap: Money

        /// A balance of `outstanding` owed by `person`, with `booked` booked to the closed months.
        public init(person: String, department: String? = nil, outstanding: Money, booked: Money = .zero,
                    bookedOutsideCap: Money = .zero) {
            self.person = person
            self.department = department
            self.outstanding = outstanding
            self.booked = booked
            self.bookedOutsideCap = bookedOutsideCap
        }
    }

    /// The version of the file's layout; a file of another version is refused.
    public static let formatVersion = 1
    /// The policy's `policy:` id.
    public var policyID: String
    /// The policy's `version:`, if it gives one.
    public var policyVersion: String?
    /// The policy's fingerprint (hex SHA-256, as ``EvaluationReport/policyFingerprint``).
    public var policyFingerprint: String
    /// The month closed, `2026-03`: the balances are those carried out of it.
    public var closedMonth: String
    /// The as-of instant of the run that closed it.
    public var asOf: Timestamp
    /// The people with an amount still to deduct or fines booked, by name (the ledger's order).
    public var balances: [Balance]
    /// The file the state was read from, for messages (nil when made in memory).
    var source: String?

    /// A state closing `closedMonth` under the policy named.
    public init(policyID: String, policyVersion: String?, policyFingerprint: String, closedMonth: String, asOf: Timestamp,
                balances: [Balance]) {
        self.policyID = policyID
        self.policyVersion = policyVersion
        self.policyFingerprint = policyFingerprint
        self.closedMonth = closedMonth
        self.asOf = asOf
        self.balances = LedgerState.ordered(balances)
    }

    /// By name, in the order the ledger lists people (pinyin for Chinese names).
    static func ordered(_ balances: [Balance]) -> [Balance] {
        let byName = Dictionary(balances.map { ($0.person, $0) }, uniquingKeysWith: { a, _ in a })
        return HumanOrder.sortedNames(byName.keys).map { byName[$0]! }
    }

    /// What the balances add up to.
    public var outstanding: Money { balances.reduce(.zero) { FindingStore.addFined($0, $1.outstanding) } }

    /// Equal when every field is, the as-of instant's offset included; the file a state was
    /// read from is not compared.
    public static func == (a: LedgerState, b: LedgerState) -> Bool {
        a.policyID == b.policyID && a.policyVersion == b.policyVersion && a.policyFingerprint == b.policyFingerprint
            && a.closedMonth == b.closedMonth && a.asOf == b.asOf && a.asOf.offsetSeconds == b.asOf.offsetSeconds
            && a.balances == b.balances
    }

    /// The month a run as of `asOf` (at the policy's offset) closes: the one before the
    /// as-of instant's month, the last to have ended.
    static func closedMonth(asOf: Timestamp) -> String? {
        let d = asOf.localDate
        let (y, m) = d.month == 1 ? (d.year - 1, 12) : (d.year, d.month - 1)
        return CivilDate(year: y, month: m, day: 1).map { String($0.description.prefix(7)) }
    }
}

extension EvaluationReport {
    /// The balances carried out of the month this run closes (the one before its as-of
    /// instant's month, see ``LedgerState``): for each person, what the ledger carries out of
    /// their last line in or before that month, or, when a state opened the run and no month
    /// has passed since, the balance it brought in.
    ///
    /// Throws `DiagnosticError` when the month it would close is before the one the state that
    /// opened the run closed (the error is at that state's file).
    public func closingState() throws -> LedgerState {
        guard let month = LedgerState.closedMonth(asOf: asOf) else {
            throw DiagnosticError(.error("no month before the as-of instant \(asOf) can be closed",
                                         at: SourceLocation(file: inputFile, line: 1, column: 1)))
        }
        if let opening = openedFrom, month < opening.closedMonth {
            throw DiagnosticError(.error(
                "this run, as of \(asOf), can close \(month) at the latest, but it opened from a state that closed "
                    + "\(opening.closedMonth); give a later --as-of",
                at: SourceLocation(file: opening.source ?? "<state>", line: 1, column: 1)))
        }
        var carried: [String: (month: String, amount: Money, department: String?)] = [:]
        var booked: [String: Ledger.Booked] = [:]
        for b in openedFrom?.balances ?? [] {
            carried[b.person] = (openedFrom!.closedMonth, b.outstanding, b.department)
            booked[b.person] = Ledger.Booked(capped: b.booked - b.bookedOutsideCap, uncapped: b.bookedOutsideCap)
        }
        for l in ledger where l.month <= month {
            carried[l.person] = (l.month, l.carriedOut, l.department ?? carried[l.person]?.department)
        }
        for (person, months) in self.booked {
            for (m, b) in months where m <= month {
                _ = booked[person, default: Ledger.Booked()].add(b.capped, capped: true)
                _ = booked[person, default: Ledger.Booked()].add(b.uncapped, capped: false)
                if carried[person] == nil { carried[person] = (m, .zero, nil) }
            }
        }
        let balances = carried.compactMap { person, c -> LedgerState.Balance? in
            let b = booked[person] ?? Ledger.Booked()
            guard c.amount > .zero || b.total > .zero else { return nil }
            return LedgerState.Balance(person: person, department: c.department, outstanding: c.amount, booked: b.total,
                                       bookedOutsideCap: b.uncapped)
        }
        return LedgerState(policyID: policyID, policyVersion: policyVersion, policyFingerprint: policyFingerprint,
                           closedMonth: month, asOf: asOf, balances: balances)
    }
}
