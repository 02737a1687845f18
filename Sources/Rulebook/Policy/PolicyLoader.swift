import Foundation

/// Turns a policy file's YAML into the `Policy` model, reporting every problem with its
/// location: unknown keys (with did-you-mean), missing keys, wrong shapes, bad ids, duplicate
/// ids and names. Expressions are kept as text here; `PolicyCompiler` type-checks them.
enum PolicyLoader {
    /// Reads and loads a policy file.
    static func load(path: String) throws -> Policy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error("cannot read the file", at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return try load(bytes: [UInt8](data), file: path)
    }

    static func load(bytes: [UInt8], file: String) throws -> Policy {
        let root = try YAMLReader.singleDocument(bytes, file: file)
        let sink = DiagnosticSink()
        let policy = read(root, file: file, sink: sink)
        if sink.hasErrors || policy == nil { throw DiagnosticError(sink.diagnostics) }
        return policy!
    }

    static func read(_ root: YAMLNode, file: String, sink: DiagnosticSink) -> Policy? {
        let root = PolicyIncludes.merge(root, file: file, sink: sink)
        guard let m = MappingReader(root, "the policy", spec: PolicyKeys.policy, sink: sink) else { return nil }
        let id = m.located("policy")
        if let id { checkID(id, sink: sink) }
        let timezone = m.located("timezone")
        if let tz = timezone, Zone(identifier: tz.value) == nil {
            sink.error("unknown time zone '\(tz.value)'; use an IANA name such as Asia/Shanghai", at: tz.location)
        }
        var policy = Policy(
            id: id?.value ?? "", title: m.string("title"), source: m.string("source"),
            version: m.string("version"), timezone: timezone?.value ?? "Asia/Shanghai",
            calendar: m.located("calendar"), currency: m.string("currency") ?? "CNY",
            file: file, location: root.location)
        policy.language = m.string("language")
        policy.canonicalForm = Fingerprint.canonical(root)
        if let l = m.located("language"), !PolicyKeys.languages.contains(l.value) {
            sink.error("unknown language '\(l.value)'; reports are written in zh or en", at: l.location)
        }
        if let c = m.located("currency"), !PolicyKeys.currencies.contains(c.value) {
            sink.error("only CNY is supported as the currency for now", at: c.location)
        }

        if let f = m.value("fields") {
            let entries = eachEntry(f, "fields", sink: sink)
            policy.fields = entries.compactMap { readField($0, sink: sink) }
            // The engine identifies each case by a field: with none there is nothing to run.
            if entries.isEmpty, f.isNull || f.mapping != nil, let key = root.mapping?.first(where: { $0.name == "fields" })?.key {
                sink.error("a policy needs at least one field: the case id (the field named case_id, else the first field)", at: key.location)
            }
        }
        if let d = m.value("derive") {
            policy.derived = eachEntry(d, "derive", sink: sink).compactMap { p in
                MappingReader.expression(p.value, p.name, sink: sink).map {
                    DerivedDecl(name: p.name, expression: $0, location: p.key.location)
                }
            }
        }
        policy.tables = eachItem(m.value("tables"), "tables", sink: sink).compactMap { readTable($0, sink: sink) }
        policy.aggregates = eachItem(m.value("aggregates"), "aggregates", sink: sink).compactMap { readAggregate($0, sink: sink) }
        for node in eachItem(m.value("deadlines"), "deadlines", sink: sink) {
            for (d, inline) in readDeadline(node, sink: sink) {
                policy.deadlines.append(d)
                if let inline { policy.penalties.append(inline) }
            }
        }
        policy.penalties += eachItem(m.value("penalties"), "penalties", sink: sink).compactMap { readPenalty($0, sink: sink) }
        policy.caps = eachItem(m.value("caps"), "caps", sink: sink).compactMap { readCap($0, sink: sink) }
        policy.escalations = eachItem(m.value("escalations"), "escalations", sink: sink).compactMap { readEscalation($0, sink: sink) }
        checkUniqueness(policy, sink: sink)
        checkRuleCount(policy, sink: sink)
        return policy
    }

    /// Findings name their rule by a 16-bit index: far more rules than any policy has.
    static let maxRules = 50_000

    static func checkRuleCount(_ p: Policy, sink: DiagnosticSink) {
        let rules = p.deadlines.map(\.location) + p.penalties.map(\.location) + p.escalations.map(\.location)
        guard rules.count > maxRules, let first = rules.sorted().dropFirst(maxRules).first else { return }
        sink.error("a policy has at most \(maxRules) deadlines, penalties and escalations together; this one has \(rules.count)", at: first)
    }

    // MARK: - Shapes

    static func eachEntry(_ node: YAMLNode, _ key: String, sink: DiagnosticSink) -> [YAMLPair] {
        guard let pairs = node.mapping else {
            if !node.isNull { sink.error("'\(key)' must be a mapping of names, found \(node.kindDescription)", at: node.location) }
            return []
        }
        return pairs
    }

    static func eachItem(_ node: YAMLNode?, _ key: String, sink: DiagnosticSink) -> [YAMLNode] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.sequence else {
            sink.error("'\(key)' must be a list (each item starting with '- '), found \(node.kindDescription)", at: node.location)
            return []
        }
        return items
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_", !s.hasSuffix("-") else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
            && !s.contains("--") && !Lexer.keywords.contains(s)
    }

    static func checkID(_ id: Located<String>, sink: DiagnosticSink) {
        if !isIdentifier(id.value) {
            sink.error("'\(id.value)' is not a valid id: start with a letter; use letters, digits, '_' and '-'; not a keyword", at: id.location)
        }
    }

    static func clause(_ m: MappingReader) -> String? { m.string("clause") }

    // MARK: - Fields

    static func readField(_ p: YAMLPair, sink: DiagnosticSink) -> FieldDecl? {
        if !isIdentifier(p.name) {
            sink.error("'\(p.name)' is not a valid field name: start with a letter; use letters, digits and '_'", at: p.key.location)
        }
        // Shorthand: `case_id: string`.
        if let s = p.value.scalar, !p.value.isNull {
            guard let kind = FieldDecl.Kind(rawValue: s) else {
                sink.error("unknown field type \(Excerpt.quoted(s))\(Suggestion.hint(for: s, in: FieldDecl.Kind.allCases.map(\.rawValue)))", at: p.value.location)
                return nil
            }
            if kind == .enum { sink.error("an enum field needs its values: { type: enum, values: [...] }", at: p.value.location) }
            var f = FieldDecl(name: p.name, kind: kind, columns: [p.name], optional: false, values: [], labels: [],
                              pattern: nil, location: p.key.location)
            if f.isNumber { f.minimum = .zero }
            return f
        }
        guard let m = MappingReader(p.value, "field '\(p.name)'", spec: PolicyKeys.field, sink: sink) else { return nil }
        guard let kind = m.choice("type", FieldDecl.Kind.self) else { return nil }
        var values: [String] = []
        var labels: [(String, String)] = []
        if kind == .enum {
            values = (m.stringList("values") ?? []).map(\.value)
            if values.isEmpty { sink.error("enum field '\(p.name)' needs 'values'", at: p.key.location) }
            var seen = Set<String>()
            for v in m.stringList("values") ?? [] where !seen.insert(v.value).inserted {
                sink.error("duplicate enum value '\(v.value)'", at: v.location)
            }
            if let l = m.value("labels") {
                for lp in eachEntry(l, "labels", sink: sink) {
                    guard let target = m.scalarText(lp.value, lp.name) else { continue }
                    if !values.contains(target) {
                        sink.error("label '\(lp.name)' maps to '\(target)', which is not a value of '\(p.name)'\(Suggestion.hint(for: target, in: values))", at: lp.value.location)
                    }
                    labels.append((lp.name, target))
                }
            }
        } else {
            for k in ["values", "labels"] where m.has(k) {
                sink.error("'\(k)' applies to enum fields only", at: m.value(k)!.location)
            }
        }
        let pattern = m.located("pattern")
        if let pattern {
            if kind != .string { sink.error("'pattern' applies to string fields only", at: pattern.location) }
            if (try? NSRegularExpression(pattern: pattern.value)) == nil {
                sink.error("invalid pattern '\(pattern.value)'", at: pattern.location)
            }
        }
        let columns = (m.stringList("column") ?? []).map(\.value)
        var f = FieldDecl(name: p.name, kind: kind, columns: columns.isEmpty ? [p.name] : columns,
                          optional: m.bool("optional") ?? false, values: values, labels: labels,
                          pattern: pattern, location: p.key.location)
        readRange(m, into: &f)
        return f
    }

    /// `min`, `max` and `signed` of a number field.
    static func readRange(_ m: MappingReader, into f: inout FieldDecl) {
        let signed = m.bool("signed") ?? false
        guard f.isNumber else {
            for k in ["min", "max", "signed"] where m.has(k) {
                m.sink.error("'\(k)' applies to integer, decimal and money fields only", at: m.value(k)!.location)
            }
            return
        }
        func bound(_ key: String) -> FieldDecl.Bound? {
            guard let v = m.located(key) else { return nil }
            let text = v.value.trimmingCharacters(in: .whitespaces)
            let value: Fraction?
            switch f.kind {
            case .integer: value = Fraction(parsing: Substring(text)).flatMap { $0.isInteger ? $0 : nil }
            case .money: value = Money(parsingWritten: text).flatMap { Fraction($0.minorUnits, 100) }
            default: value = Fraction(parsingRatio: Substring(text))
            }
            guard let value else {
                let what = f.kind == .integer ? "an integer" : f.kind == .money ? "an amount (e.g. 0 or 1000.50)" : "a number (e.g. 0, 0.5 or 100%)"
                m.sink.error("'\(key)' of a \(f.kind.rawValue) field must be \(what), found \(Excerpt.quoted(text))", at: v.location)
                return nil
            }
            return FieldDecl.Bound(value: value, text: text, location: v.location)
        }
        f.minimum = bound("min")
        f.maximum = bound("max")
        if signed, let given = f.minimum?.location {
            m.sink.error("'signed' and 'min' together: 'min' already says how low the field goes", at: given)
        }
        if let lo = f.minimum, let hi = f.maximum, hi.value < lo.value, let at = hi.location {
            m.sink.error("'max' (\(hi.text)) is less than 'min' (\(lo.text))", at: at)
        }
        if f.minimum == nil && !signed {
            if let hi = f.maximum, hi.value < .zero, let at = hi.location {
                m.sink.error("'max' (\(hi.text)) is below 0, the least an unsigned field holds: add 'signed: true' or a 'min'", at: at)
            }
            f.minimum = .zero
        }
    }

    // MARK: - Rules

    static func ruleID(_ m: MappingReader, sink: DiagnosticSink) -> Located<String>? {
        guard let id = m.located("id") else { return nil }
        checkID(id, sink: sink)
        return id
    }

    static func readTable(_ node: YAMLNode, sink: DiagnosticSink) -> TableDecl? {
        guard let m = MappingReader(node, "a decision table", spec: PolicyKeys.table, sink: sink),
              let id = ruleID(m, sink: sink) else { return nil }
        var outputs: [TableDecl.Output] = []
        if let o = m.value("outputs") {
            for p in eachEntry(o, "outputs", sink: sink) {
                if let s = p.value.scalar, !p.value.isNull {
                    guard let kind = FieldDecl.Kind(rawValue: s) else {
                        sink.error("unknown type '\(s)'\(Suggestion.hint(for: s, in: FieldDecl.Kind.allCases.map(\.rawValue)))", at: p.value.location)
                        continue
                    }
                    outputs.append(.init(name: p.name, kind: kind, values: [], location: p.key.location))
                    continue
                }
                guard let om = MappingReader(p.value, "output '\(p.name)'", spec: PolicyKeys.tableOutput, sink: sink),
                      let kind = om.choice("type", FieldDecl.Kind.self) else { continue }
                let values = (om.stringList("values") ?? []).map(\.value)
                if kind == .enum && values.isEmpty { sink.error("enum output '\(p.name)' needs 'values'", at: p.key.location) }
                outputs.append(.init(name: p.name, kind: kind, values: values, location: p.key.location))
            }
        }
        let outputNames = outputs.map(\.name)
        var rows: [TableDecl.Row] = []
        for r in eachItem(m.value("rows"), "rows", sink: sink) {
            guard let rm = MappingReader(r, "a table row", spec: PolicyKeys.tableRow, extraKeys: outputNames, sink: sink) else { continue }
            var cells: [(String, ExpressionSource)] = []
            for name in outputNames {
                guard let node = rm.value(name) else { continue }
                if node.isNull {
                    // An explicit empty cell: the output is null for this row.
                    cells.append((name, ExpressionSource(text: "null", node: node)))
                } else if let e = rm.expression(name) {
                    cells.append((name, e))
                }
            }
            rows.append(.init(when: rm.expression("when"), outputs: cells, location: r.location))
        }
        for (i, row) in rows.enumerated() where row.when == nil && i < rows.count - 1 {
            sink.error("a row without 'when' always hits, so the rows after it can never hit; move it last", at: row.location)
        }
        return TableDecl(id: id.value, clause: clause(m), hit: m.choice("hit", TableDecl.Hit.self), outputs: outputs, rows: rows, location: id.location)
    }

    static func readAggregate(_ node: YAMLNode, sink: DiagnosticSink) -> AggregateDecl? {
        guard let m = MappingReader(node, "an aggregate", spec: PolicyKeys.aggregate, sink: sink),
              let id = ruleID(m, sink: sink) else { return nil }
        func pairs(_ key: String) -> [(String, ExpressionSource)] {
            guard let v = m.value(key) else { return [] }
            return eachEntry(v, key, sink: sink).compactMap { p in
                if !isIdentifier(p.name) { sink.error("'\(p.name)' is not a valid name", at: p.key.location) }
                return MappingReader.expression(p.value, p.name, sink: sink).map { (p.name, $0) }
            }
        }
        return AggregateDecl(id: id.value, clause: clause(m), by: pairs("by"), filter: m.expression("where"),
                             values: pairs("values"), location: id.location)
    }

    /// A deadline, or one per round when it has `rounds:` (docs/policy-language.md, "Rounds"):
    /// the first round keeps the deadline's id, round k is `<id>#k`, each with its own fine.
    static func readDeadline(_ node: YAMLNode, sink: DiagnosticSink) -> [(DeadlineDecl, PenaltyDecl?)] {
        guard let m = MappingReader(node, "a deadline", spec: PolicyKeys.deadline, sink: sink),
              let id = ruleID(m, sink: sink) else { return [] }
        if m.has("within") == m.has("due") {
            sink.error("a deadline needs exactly one of 'within' (a duration) or 'due' (an instant)", at: id.location)
        }
        guard let clocks = clocks(m, id: id, sink: sink) else { return [] }
        // Read once, so that a problem is reported once however many rounds there are.
        let base = DeadlineDecl(id: id.value, clause: clause(m), title: m.string("title"), when: m.expression("when"),
                                from: clocks[0].from, to: clocks[0].to, within: m.expression("within"), due: m.expression("due"),
                                workingDays: workingDayRule(m), lateness: lateness(m), per: m.located("per"),
                                location: id.location)
        var result: [(DeadlineDecl, PenaltyDecl?)] = []
        for (index, clock) in clocks.enumerated() {
            let roundID = index == 0 ? id : Located(value: "\(id.value)#\(index + 1)", location: clock.location)
            var d = base
            d.id = roundID.value
            d.from = clock.from
            d.to = clock.to
            d.location = roundID.location
            if clocks.count > 1 {
                d.round = index + 1
                // The first round reads as the deadline always did; a later one says which it is.
                if index > 0, let t = base.title { d.title = "\(t) (第\(index + 1)轮)" }
            }
            var inline: PenaltyDecl?
            if let pn = m.value("penalty") {
                if let pm = MappingReader(pn, "the penalty of '\(id.value)'", spec: PolicyKeys.deadlinePenalty, sink: index == 0 ? sink : DiagnosticSink()) {
                    inline = readPenaltyBody(pm, id: Located(value: "\(roundID.value)/penalty", location: pn.location),
                                             on: roundID, per: d.per, defaultClause: d.clause,
                                             sink: index == 0 ? sink : DiagnosticSink())
                    // The fine of a deadline is reported under the deadline's title unless it has its own.
                    if inline?.title == nil { inline?.title = d.title }
                }
            }
            result.append((d, inline))
        }
        return result
    }

    /// The deadline's clock, or its rounds' clocks: `from` and `to`, or `rounds:` (which a group
    /// deadline and a `due:` instant cannot take: a round's due follows its own start).
    static func clocks(_ m: MappingReader, id: Located<String>, sink: DiagnosticSink)
        -> [(from: ExpressionSource, to: ExpressionSource, location: SourceLocation)]? {
        guard let rounds = m.value("rounds") else {
            for key in ["from", "to"] where !m.has(key) {
                sink.error("a deadline needs '\(key)' (or 'rounds', each with its own 'from' and 'to')", at: m.node.location)
            }
            guard let from = m.expression("from"), let to = m.expression("to") else { return nil }
            return [(from, to, id.location)]
        }
        var ok = true
        for key in ["from", "to", "due", "per"] where m.has(key) {
            let why = key == "due" ? "a round's due instant follows its own start: use 'within'"
                : key == "per" ? "a group deadline runs once per group, not per round"
                : "each round gives its own 'from' and 'to'"
            sink.error("a deadline with 'rounds' cannot have '\(key)': \(why)", at: m.value(key)!.location)
            ok = false
        }
        let items = eachItem(rounds, "rounds", sink: sink)
        if items.isEmpty, rounds.sequence != nil || rounds.isNull {
            sink.error("'rounds' needs at least one round", at: rounds.location)
            ok = false
        }
        var clocks: [(from: ExpressionSource, to: ExpressionSource, location: SourceLocation)] = []
        for (index, item) in items.enumerated() {
            guard let r = MappingReader(item, "round \(index + 1) of '\(id.value)'", spec: PolicyKeys.round, sink: sink),
                  let from = r.expression("from"), let to = r.expression("to") else { ok = false; continue }
            clocks.append((from, to, item.location))
        }
        return ok ? clocks : nil
    }

    static func readPenalty(_ node: YAMLNode, sink: DiagnosticSink) -> PenaltyDecl? {
        guard let m = MappingReader(node, "a penalty", spec: PolicyKeys.penalty, sink: sink),
              let id = ruleID(m, sink: sink) else { return nil }
        if !m.has("on") && !m.has("when") && !m.has("per") {
            sink.error("a penalty needs 'on' (a deadline whose breach it fines), 'when' (a condition), or both", at: id.location)
        }
        return readPenaltyBody(m, id: id, on: m.located("on"), per: m.located("per"), defaultClause: nil, sink: sink)
    }

    static func readPenaltyBody(_ m: MappingReader, id: Located<String>, on: Located<String>?, per: Located<String>?,
                                defaultClause: String?, sink: DiagnosticSink) -> PenaltyDecl? {
        var parties: [PenaltyDecl.Party] = []
        if let to = m.value("to") {
            let items = to.sequence ?? [to]
            for item in items {
                if item.mapping != nil {
                    guard let pm = MappingReader(item, "a liable party", spec: PolicyKeys.party, sink: sink),
                          let who = pm.expression("party") else { continue }
                    parties.append(.init(who: who, share: pm.expression("share")))
                } else if let e = MappingReader.expression(item, "to", sink: sink) {
                    parties.append(.init(who: e, share: nil))
                }
            }
        }
        var tiers: [PenaltyDecl.Tier] = []
        for t in eachItem(m.value("tiers"), "tiers", sink: sink) {
            guard let tm = MappingReader(t, "a tier", spec: PolicyKeys.tier, sink: sink),
                  let least = tm.expression("at_least"), let amount = tm.expression("amount") else { continue }
            tiers.append(.init(atLeast: least, amount: amount, location: t.location))
        }
        let amount = m.expression("amount")
        let sanctionSource = m.expression("sanction")
        let sanction = sanctionSource.flatMap { PenaltyDecl.isSanctionName($0.text) ? $0.text : nil }
        if amount == nil && tiers.isEmpty && sanctionSource == nil {
            sink.error("a penalty needs 'amount', 'tiers' or 'sanction'", at: id.location)
        }
        if amount != nil && !tiers.isEmpty {
            sink.error("a penalty has either 'amount' or 'tiers', not both", at: m.value("tiers")!.location)
        }
        if !tiers.isEmpty && !m.has("measure") {
            sink.error("'tiers' need a 'measure' (the count or sum the tiers are read against)", at: m.value("tiers")!.location)
        }
        let apportion = m.choice("apportion", PenaltyDecl.Apportion.self)
        if !m.has("to") && !m.has("apportion") {
            sink.error("a penalty needs 'to' (who is fined) or 'apportion' (how a department shares it)", at: id.location)
        }
        if apportion != nil && !m.has("among") {
            sink.error("'apportion' needs 'among' (the department whose members share the amount)", at: m.value("apportion")!.location)
        }
        var remainder: Located<PenaltyDecl.Remainder>?
        if let r = m.choice("remainder", PenaltyDecl.Remainder.self), let node = m.value("remainder") {
            remainder = Located(value: r, location: node.location)
            if !parties.contains(where: { $0.share != nil }) {
                sink.error("'remainder' says who bears what the shares leave over; no party here has a 'share'", at: node.location)
            }
        }
        let members = m.choice("members", PenaltyDecl.Members.self)
        if let v = m.value("members"), !m.has("apportion") {
            sink.error("'members' says who shares an apportioned amount; it needs 'apportion' and 'among'", at: v.location)
        }
        return PenaltyDecl(id: id.value, clause: clause(m) ?? defaultClause, title: m.string("title"), on: on,
                           when: m.expression("when"), per: per, to: parties, amount: amount,
                           measure: m.expression("measure"), tiers: tiers, apportion: apportion,
                           among: m.expression("among"), remainder: remainder, members: members ?? .direct,
                           fires: m.choice("fires", PenaltyDecl.Fires.self).flatMap { f in m.value("fires").map { Located(value: f, location: $0.location) } },
                           sanction: sanction, sanctionSource: sanctionSource,
                           uncapped: m.bool("capped") == false ? m.value("capped")?.location : nil,
                           at: m.expression("at"), note: m.expression("note"), location: id.location)
    }

    /// `lateness: working-time | calendar`.
    static func lateness(_ m: MappingReader) -> TimeSpan.Clock? {
        guard let v = m.located("lateness") else { return nil }
        if let w = PolicyKeys.latenessWords.first(where: { $0.word == v.value }) { return w.clock }
        let all = PolicyKeys.latenessWords.map(\.word).joined(separator: ", ")
        m.sink.error("'\(v.value)' is not a valid 'lateness'; expected one of: \(all)", at: v.location)
        return nil
    }

    /// `working_days: same-time | end-of-day`; same-time when absent.
    static func workingDayRule(_ m: MappingReader) -> WorkingDayRule {
        guard let v = m.located("working_days") else { return .sameTimeOfDay }
        if let rule = WorkingDayRule(policyKeyword: v.value) { return rule }
        let all = WorkingDayRule.policyKeywords.map(\.keyword)
        m.sink.error("'\(v.value)' is not a valid 'working_days'\(Suggestion.hint(for: v.value, in: all)); expected one of: \(all.joined(separator: ", "))", at: v.location)
        return .sameTimeOfDay
    }

    static func readCap(_ node: YAMLNode, sink: DiagnosticSink) -> CapDecl? {
        guard let m = MappingReader(node, "a cap", spec: PolicyKeys.cap, sink: sink),
              let id = ruleID(m, sink: sink), let limit = m.expression("limit") else { return nil }
        let per = m.stringList("per") ?? []
        if per.map(\.value) != PolicyKeys.capPeriods, let first = per.first {
            sink.error("a cap is kept per [person, month]", at: first.location)
        }
        return CapDecl(id: id.value, clause: clause(m), per: per.map(\.value), limit: limit,
                       excess: m.choice("excess", CapDecl.Excess.self) ?? .carryForward,
                       rounding: m.choice("rounding", CapDecl.Rounding.self) ?? .down,
                       missingBonus: m.choice("missing_bonus", CapDecl.MissingBonus.self) ?? .error,
                       carryUntil: m.choice("carry_until", CapDecl.CarryUntil.self) ?? .asOf,
                       penalties: m.stringList("penalties") ?? [], location: id.location)
    }

    static func readEscalation(_ node: YAMLNode, sink: DiagnosticSink) -> EscalationDecl? {
        guard let m = MappingReader(node, "an escalation", spec: PolicyKeys.escalation, sink: sink),
              let id = ruleID(m, sink: sink), let when = m.expression("when") else { return nil }
        if m.has("require") != m.has("within") {
            sink.error("'require' and 'within' go together: the step required, and how soon", at: id.location)
        }
        if m.has("from") && !m.has("require") {
            sink.error("'from' needs 'require' and 'within'", at: m.value("from")!.location)
        }
        if m.has("require") && !m.has("from") && !m.has("per") {
            sink.error("'require' needs 'from': the instant the time limit runs from", at: id.location)
        }
        return EscalationDecl(id: id.value, clause: clause(m), title: m.string("title"), when: when,
                              action: m.string("action"), per: m.located("per"), require: m.expression("require"),
                              from: m.expression("from"), within: m.expression("within"),
                              workingDays: workingDayRule(m), note: m.expression("note"), location: id.location)
    }

    // MARK: - Uniqueness

    static func checkUniqueness(_ p: Policy, sink: DiagnosticSink) {
        var ids: [String: SourceLocation] = [:]
        let rules: [(String, SourceLocation)] =
            p.tables.map { ($0.id, $0.location) } + p.aggregates.map { ($0.id, $0.location) } +
            p.deadlines.map { ($0.id, $0.location) } + p.penalties.map { ($0.id, $0.location) } +
            p.caps.map { ($0.id, $0.location) } + p.escalations.map { ($0.id, $0.location) }
        for (id, loc) in rules {
            if let first = ids[id] {
                sink.error("duplicate rule id '\(id)' (first defined at \(place(first, from: loc)))", at: loc)
            } else {
                ids[id] = loc
            }
        }
        var names: [String: SourceLocation] = [:]
        let values: [(String, SourceLocation)] =
            p.fields.map { ($0.name, $0.location) } + p.derived.map { ($0.name, $0.location) } +
            p.tables.flatMap { $0.outputs.map { ($0.name, $0.location) } }
        for (name, loc) in values {
            if let first = names[name] {
                sink.error("'\(name)' is already defined (at \(place(first, from: loc)))", at: loc)
            } else if let rule = ids[name] {
                sink.error("'\(name)' is both a value and a rule id (rule at \(place(rule, from: loc)))", at: loc)
            } else {
                names[name] = loc
            }
        }
    }

    /// `12:5` in the same file, `rules/company/penalty-cap.yaml:12:5` in another (an include).
    static func place(_ l: SourceLocation, from here: SourceLocation) -> String {
        l.file == here.file ? "\(l.line):\(l.column)" : "\(l)"
    }
}
