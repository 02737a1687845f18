extension LedgerState {
    /// The state as a JSON Lines file: a header line, then one line per balance, e.g.
    ///
    /// ```
    /// {"type":"ledger-state","version":1,"policy":"s1-complaint-handling","policy_version":"2026.1","policy_fingerprint":"sha256:…","closed_month":"2026-03","as_of":"2026-04-01T00:00:00+08:00","people":1,"outstanding":"35.00","booked":"185.00"}
    /// {"type":"balance","person":"王芳","department":"品管部","outstanding":"35.00","carried_from":"2026-03","booked":"185.00","booked_outside_cap":"0.00"}
    /// ```
    public var jsonLines: String {
        var out = "{\"type\":\"ledger-state\",\"version\":\(LedgerState.formatVersion)"
        out += ",\"policy\":" + JSONText.string(policyID)
        if let v = policyVersion { out += ",\"policy_version\":" + JSONText.string(v) }
        out += ",\"policy_fingerprint\":" + JSONText.string("sha256:" + policyFingerprint)
        out += ",\"closed_month\":" + JSONText.string(closedMonth)
        out += ",\"as_of\":" + JSONText.string(asOf.description)
        let booked = balances.reduce(Money.zero) { FindingStore.addFined($0, $1.booked) }
        out += ",\"people\":\(balances.count),\"outstanding\":" + JSONText.string(outstanding.description)
        out += ",\"booked\":" + JSONText.string(booked.description) + "}\n"
        for b in balances {
            out += "{\"type\":\"balance\",\"person\":" + JSONText.string(b.person)
            if let d = b.department { out += ",\"department\":" + JSONText.string(d) }
            out += ",\"outstanding\":" + JSONText.string(b.outstanding.description)
            out += ",\"carried_from\":" + JSONText.string(closedMonth)
            out += ",\"booked\":" + JSONText.string(b.booked.description)
            out += ",\"booked_outside_cap\":" + JSONText.string(b.bookedOutsideCap.description) + "}\n"
        }
        return out
    }

    static let keys = ["type", "version", "policy", "policy_version", "policy_fingerprint", "closed_month", "as_of",
                       "people", "outstanding", "person", "department", "carried_from", "booked", "booked_outside_cap"]

    /// Reads a state written by ``jsonLines``. Throws `DiagnosticError` at the line and key of
    /// anything it cannot read: a missing or repeated header, another version, a bad month,
    /// amount or instant, a person listed twice, or totals that disagree with the lines (a
    /// hand-edited amount).
    public static func load(path: String) throws -> LedgerState {
        try read(RecordFile.open(path: path, format: .jsonLines), path: path)
    }

    private static func read<S: RecordSource>(_ source: S, path: String) throws -> LedgerState {
        var bound = try BoundRecords(source, wanted: keys.map { WantedField(name: $0, required: false) })
        var state: LedgerState?
        var header: (people: Int, outstanding: Money, booked: Money, record: RawRecord)?
        var seen: [String: Int] = [:]
        while let r = try bound.next() {
            func at(_ key: String) -> SourceLocation {
                bound.columns[keys.firstIndex(of: key)!].map { r.location(ofColumn: $0) } ?? r.location
            }
            func fail(_ key: String?, _ message: String) -> DiagnosticError {
                DiagnosticError(.error("line \(r.row): " + (key.map { "\($0): " } ?? "") + message, at: key.map(at) ?? r.location))
            }
            func text(_ key: String) -> String? {
                guard let c = bound.columns[keys.firstIndex(of: key)!], let k = r.kind(c), k != FieldKind.null else { return nil }
                return r.string(c)
            }
            func required(_ key: String) throws -> String {
                guard let t = text(key), !t.isEmpty else { throw fail(nil, "'\(key)' is required") }
                return t
            }
            func month(_ key: String) throws -> String {
                let m = try required(key)
                guard m.utf8.count == 7, let p = TimestampParser.parse(m + "-01"), p.date.description.hasPrefix(m),
                      Timestamp.supportedYears.contains(p.date.year) else {
                    throw fail(key, "cannot read \(Excerpt.quoted(m)) as a month (e.g. 2026-03)")
                }
                return m
            }
            func money(_ key: String) throws -> Money {
                let t = try required(key)
                guard let m = Money(parsing: t), m >= .zero else { throw fail(key, "cannot read \(Excerpt.quoted(t)) as an amount of money") }
                return m
            }
            switch text("type") {
            case "ledger-state":
                guard state == nil else { throw fail("type", "a second header; a state file has one, on its first line") }
                guard text("version") == String(LedgerState.formatVersion) else {
                    throw fail("version", "this is a version \(text("version") ?? "?") state; rulebook reads version \(LedgerState.formatVersion)")
                }
                let fingerprint = try required("policy_fingerprint")
                guard fingerprint.hasPrefix("sha256:") else { throw fail("policy_fingerprint", "expected sha256:…") }
                let asOfText = try required("as_of")
                guard let p = TimestampParser.parse(asOfText), let sod = p.secondOfDay, let offset = p.offsetSeconds else {
                    throw fail("as_of", "cannot read \(Excerpt.quoted(asOfText)) as an instant with its offset")
                }
                guard let people = Int(try required("people")), people >= 0 else { throw fail("people", "expected a count") }
                state = LedgerState(policyID: try required("policy"), policyVersion: text("policy_version"),
                                    policyFingerprint: String(fingerprint.dropFirst(7)), closedMonth: try month("closed_month"),
                                    asOf: Timestamp(date: p.date, secondOfDay: sod, offsetSeconds: offset), balances: [])
                state!.source = path
                header = (people, try money("outstanding"), try money("booked"), r)
            case "balance":
                guard let s = state else { throw fail("type", "a balance before the header; the first line must be the header") }
                let person = try required("person")
                if let first = seen[person] { throw fail("person", "\(Excerpt.quoted(person)) is listed twice (first at line \(first))") }
                seen[person] = r.row
                let from = try month("carried_from")
                guard from == s.closedMonth else {
                    throw fail("carried_from", "\(from) is not the month the state closed (\(s.closedMonth))")
                }
                let amount = try money("outstanding")
                let booked = try money("booked")
                let outside = text("booked_outside_cap") == nil ? Money.zero : try money("booked_outside_cap")
                guard amount > .zero || booked > .zero else {
                    throw fail("outstanding", "a person with nothing outstanding and nothing booked is not written; remove the line")
                }
                guard outside <= booked else { throw fail("booked_outside_cap", "more than 'booked' (\(booked))") }
                state!.balances.append(Balance(person: person, department: text("department"), outstanding: amount, booked: booked,
                                               bookedOutsideCap: outside))
            case let other:
                throw fail("type", other.map { "unknown line type \(Excerpt.quoted($0)); expected ledger-state or balance" }
                           ?? "'type' is required (ledger-state or balance)")
            }
        }
        guard var state, let header else {
            throw DiagnosticError(.error("not a ledger state: no header line", at: SourceLocation(file: path, line: 1, column: 1)))
        }
        let booked = state.balances.reduce(Money.zero) { FindingStore.addFined($0, $1.booked) }
        if header.people != state.balances.count || header.outstanding != state.outstanding || header.booked != booked {
            throw DiagnosticError(.error(
                "the header says \(header.people) people owing \(header.outstanding), \(header.booked) booked; the lines give "
                    + "\(state.balances.count) owing \(state.outstanding), \(booked) booked (was a line edited?)", at: header.record.location))
        }
        state.balances = LedgerState.ordered(state.balances)
        return state
    }
}
