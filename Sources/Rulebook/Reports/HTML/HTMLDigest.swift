/// What the HTML report shows, gathered in one pass over the findings in report order: the
/// charts' counts over every finding, and the lists bounded (`limit` rows and cases), so that
/// the page stays readable and its size bounded however large the export.
struct HTMLDigest {
    /// A chart's segments of a violation.
    enum Segment: Int, CaseIterable {
        case overdue, breached, penalised, raised
    }

    /// A rule as the page names it: its title (a deadline's own penalty takes the deadline's),
    /// its id and clause.
    struct RuleName {
        var title: String?
        var clause: String?
    }

    let limit: Int
    /// Violations per rule (by segment), and the rules' names and declaration order.
    var byRule: [String: [Int]] = [:]
    var rules: [String: RuleName] = [:]
    var ruleOrder: [String: Int] = [:]
    /// Violations per month (`2026-09`), by segment; those with no date are counted apart.
    var byMonth: [String: [Int]] = [:]
    var undated = 0
    /// The current case's violations with no date of their own (an escalation), by segment:
    /// they count in the month the case's first step started, if any.
    private var caseUndated = [0, 0, 0, 0]
    /// Fines (findings `fined`) per person fined.
    var finesByParty: [String: Int] = [:]
    /// The violation rows listed, overdue ones apart so that they come first, and how many
    /// there are of each.
    var overdueRows: [Finding] = []
    var otherRows: [Finding] = []
    var overdueTotal = 0
    var otherTotal = 0
    /// Cases (subjects) kept for the details, by class: with an overdue deadline, with a
    /// violation, the others; at most `limit` of each, in report order.
    var detailed: [[[Finding]]] = [[], [], []]
    var caseTotal = 0

    init(limit: Int, ruleOrder: [String: Int]) {
        self.limit = max(1, limit)
        self.ruleOrder = ruleOrder
    }

    /// The segment a finding counts in, if it is a violation the charts show: a deadline (or
    /// an escalation's) breached or overdue, a penalty of a clause of its own (a deadline's own
    /// penalty, `deadline/penalty`, is the same violation as its deadline), an escalation raised.
    static func segment(_ f: Finding) -> Segment? {
        switch (f.kind, f.status) {
        case (.deadline, .overdue), (.escalation, .overdue): return .overdue
        case (.deadline, .breached), (.escalation, .breached): return .breached
        case (.penalty, .fined), (.penalty, .sanctioned): return f.rule.hasSuffix("/penalty") ? nil : .penalised
        case (.escalation, .raised): return .raised
        default: return nil
        }
    }

    /// The month a violation counts in: when it was due, else when its penalty is booked, else
    /// when it started (one with none of these, an escalation, takes its case's first start).
    static func month(_ f: Finding) -> String? {
        if let d = f.due { return String(d.closingDate.description.prefix(7)) }
        if let m = f.month { return m }
        if let t = f.incurredAt ?? f.start ?? f.done { return String(t.description.prefix(7)) }
        return nil
    }

    /// The rule that names a finding in the charts: a deadline's own penalty is its deadline.
    static func chartRule(_ f: Finding) -> String {
        f.rule.hasSuffix("/penalty") ? String(f.rule.dropLast("/penalty".count)) : f.rule
    }

    /// Reads every finding of `report` (in report order) into a digest.
    static func make(_ report: EvaluationReport, limit: Int) throws -> HTMLDigest {
        var d = HTMLDigest(limit: limit, ruleOrder: report.findingStore.templates.ruleOrder)
        var current: [Finding] = []
        try report.forEachFinding { f in
            if let first = current.first, first.subject != f.subject {
                d.closeCase(current)
                current.removeAll(keepingCapacity: true)
            }
            current.append(f)
            d.add(f)
        }
        if !current.isEmpty { d.closeCase(current) }
        return d
    }

    mutating func add(_ f: Finding) {
        if rules[f.rule] == nil || (rules[f.rule]?.title == nil && f.title != nil) {
            rules[f.rule] = RuleName(title: f.title, clause: f.clause)
        }
        if f.status == .fined, let p = f.party { finesByParty[p, default: 0] += 1 }
        guard let s = HTMLDigest.segment(f) else { return }
        let rule = HTMLDigest.chartRule(f)
        byRule[rule, default: [0, 0, 0, 0]][s.rawValue] += 1
        if let m = HTMLDigest.month(f) { byMonth[m, default: [0, 0, 0, 0]][s.rawValue] += 1 } else { caseUndated[s.rawValue] += 1 }
        if s == .overdue {
            overdueTotal += 1
            if overdueRows.count < limit { overdueRows.append(f) }
        } else {
            otherTotal += 1
            if otherRows.count < limit { otherRows.append(f) }
        }
    }

    private mutating func closeCase(_ findings: [Finding]) {
        caseTotal += 1
        if caseUndated != [0, 0, 0, 0] {
            if let first = findings.compactMap(\.start).min() {
                let m = String(first.description.prefix(7))
                for i in caseUndated.indices { byMonth[m, default: [0, 0, 0, 0]][i] += caseUndated[i] }
            } else {
                undated += caseUndated.reduce(0, +)
            }
            caseUndated = [0, 0, 0, 0]
        }
        let c = findings.contains { $0.status == .overdue } ? 0 : findings.contains(where: \.isViolation) ? 1 : 2
        if detailed[c].count < limit { detailed[c].append(findings) }
    }

    /// The cases listed in detail: overdue first, then with violations, then the others, at
    /// most `limit` in all.
    var listedCases: [[Finding]] { Array(detailed.joined().prefix(limit)) }

    /// The violation rows listed: overdue first, at most `limit` in all, and how many are not.
    var listedRows: (rows: [Finding], more: Int) {
        let rows = Array((overdueRows + otherRows).prefix(limit))
        return (rows, overdueTotal + otherTotal - rows.count)
    }

    /// A rule's title for the page: its own, else its deadline's (`x/penalty` → `x`).
    func title(of rule: String) -> String? {
        if let t = rules[rule]?.title { return t }
        if rule.hasSuffix("/penalty") { return rules[String(rule.dropLast("/penalty".count))]?.title }
        return nil
    }

    /// Rules in declaration order (then by id).
    func ordered(_ ids: some Sequence<String>) -> [String] {
        ids.sorted { a, b in
            let x = ruleOrder[a] ?? Int.max, y = ruleOrder[b] ?? Int.max
            return x != y ? x < y : a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
    }
}
