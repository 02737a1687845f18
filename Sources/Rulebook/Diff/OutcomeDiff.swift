/// What an edit changes on real data: both policy versions evaluated on the same export.
package struct OutcomeDiff: Sendable {
    struct FindingChange: Sendable {
        var subject: String
        var rule: String
        var party: String?
        var before: Finding?
        var after: Finding?
    }
    struct TotalChange: Sendable {
        var name: String
        var before: Money
        var after: Money
    }

    var old: EvaluationReport
    var new: EvaluationReport
    var structure: StructuralDiff
    /// Deadline and escalation outcomes that differ in status or lateness.
    var outcomes: [FindingChange]
    /// Penalties added, removed or changed in amount.
    var penalties: [FindingChange]
    /// Deducted per person, then per department, before and after, where they differ.
    var people: [TotalChange]
    var departments: [TotalChange]

    package var isEmpty: Bool { outcomes.isEmpty && penalties.isEmpty && people.isEmpty && departments.isEmpty }
    var casesChanged: Int { Set((outcomes + penalties).map(\.subject)).count }

    package static func compare(old: EvaluationReport, new: EvaluationReport, structure: StructuralDiff) -> OutcomeDiff {
        func key(_ f: Finding) -> String { "\(f.subject)\u{1F}\(f.rule)\u{1F}\(f.party ?? "")" }
        func index(_ fs: [Finding]) -> [String: Finding] {
            var d: [String: Finding] = [:]
            for f in fs { d[key(f)] = f }
            return d
        }
        let a = index(old.findings), b = index(new.findings)
        var keys = old.findings.map(key)
        var seen = Set(keys)
        for f in new.findings where seen.insert(key(f)).inserted { keys.append(key(f)) }
        var outcomes: [FindingChange] = [], penalties: [FindingChange] = []
        for k in keys {
            let x = a[k], y = b[k]
            let any = (x ?? y)!
            let change = FindingChange(subject: any.subject, rule: any.rule, party: any.party, before: x, after: y)
            if any.kind == .penalty {
                if x?.amount != y?.amount || x?.sanction != y?.sanction || x?.month != y?.month { penalties.append(change) }
            } else if x?.status != y?.status || x?.lateBy != y?.lateBy {
                // A due instant that moves without changing the outcome is not an outcome change.
                outcomes.append(change)
            }
        }
        func totals(_ r: EvaluationReport, by: (LedgerLine) -> String?) -> [String: Money] {
            var d: [String: Money] = [:]
            for l in r.ledger { if let k = by(l) { d[k, default: .zero] += l.deducted } }
            return d
        }
        func changes(_ x: [String: Money], _ y: [String: Money]) -> [TotalChange] {
            // People and departments in pinyin order.
            HumanOrder.sortedNames(Set(x.keys).union(y.keys)).compactMap { k in
                let p = x[k] ?? .zero, q = y[k] ?? .zero
                return p == q ? nil : TotalChange(name: k, before: p, after: q)
            }
        }
        return OutcomeDiff(old: old, new: new, structure: structure, outcomes: outcomes, penalties: penalties,
                           people: changes(totals(old) { $0.person }, totals(new) { $0.person }),
                           departments: changes(totals(old) { $0.department ?? "(no department)" }, totals(new) { $0.department ?? "(no department)" }))
    }

    static func describe(_ f: Finding?) -> String {
        guard let f else { return "none" }
        if f.kind == .penalty { return f.amount.map { "\($0) CNY" } ?? f.sanction ?? "sanction" }
        var text = f.status.rawValue
        if let d = f.due { text += " (due \(d)" + (f.lateBy.map { ", \($0) late" } ?? "") + ")" }
        return text
    }

    /// The report a reviewer reads: summary on top, then details.
    package var text: String {
        var out = "Policy \(old.policyID) \(old.policyVersion ?? "?") → \(new.policyID) \(new.policyVersion ?? "?") on \(new.inputFile) (\(new.rowsRead) rows), as of \(new.asOf)\n"
        let added = penalties.filter { $0.before == nil }.count, removed = penalties.filter { $0.after == nil }.count
        out += isEmpty ? "No outcome changes.\n" : "\(casesChanged) case\(casesChanged == 1 ? "" : "s") change: \(outcomes.count) outcome\(outcomes.count == 1 ? "" : "s"), \(added) penalt\(added == 1 ? "y" : "ies") added, \(removed) removed, \(penalties.count - added - removed) changed; fined \(old.totalFined) → \(new.totalFined) CNY, deducted \(old.totalDeducted) → \(new.totalDeducted), outstanding \(old.outstanding) → \(new.outstanding)\n"
        if !structure.changes.isEmpty {
            out += "\nPolicy changes\n"
            for c in structure.changes {
                out += "  \(c.kind.rawValue) \(c.subject)\n"
                for d in c.details { out += "    \(d)\n" }
            }
        }
        if !outcomes.isEmpty {
            out += "\nOutcomes\n"
            for c in outcomes { out += "  \(c.subject) \(c.rule): \(Self.describe(c.before)) → \(Self.describe(c.after))\n" }
        }
        if !penalties.isEmpty {
            out += "\nPenalties\n"
            for c in penalties { out += "  \(c.subject) \(c.rule) \(c.party ?? ""): \(Self.describe(c.before)) → \(Self.describe(c.after))\n" }
        }
        if !people.isEmpty {
            out += "\nDeducted per person\n"
            for c in people { out += "  \(c.name): \(c.before) → \(c.after)\n" }
        }
        if !departments.isEmpty {
            out += "\nDeducted per department\n"
            for c in departments { out += "  \(c.name): \(c.before) → \(c.after)\n" }
        }
        return out
    }

    package var json: String {
        func change(_ c: FindingChange) -> String {
            JSONText.object([("case", JSONText.string(c.subject)), ("rule", JSONText.string(c.rule)),
                             ("party", JSONText.optionalString(c.party)),
                             ("before", c.before.map(JSONReport.finding) ?? "null"), ("after", c.after.map(JSONReport.finding) ?? "null")])
        }
        func total(_ t: TotalChange) -> String {
            JSONText.object([("name", JSONText.string(t.name)), ("before", JSONText.string(t.before.description)),
                             ("after", JSONText.string(t.after.description))])
        }
        let structural = structure.changes.map { c in
            JSONText.object([("change", JSONText.string(c.kind.rawValue)), ("subject", JSONText.string(c.subject)),
                             ("details", "[" + c.details.map(JSONText.string).joined(separator: ",") + "]")])
        }
        return "{\n" + [
            "  \"changed\": \(!isEmpty)",
            "  \"cases_changed\": \(casesChanged)",
            "  \"policy_changes\": [" + structural.joined(separator: ",") + "]",
            "  \"outcomes\": [" + outcomes.map(change).joined(separator: ",\n    ") + "]",
            "  \"penalties\": [" + penalties.map(change).joined(separator: ",\n    ") + "]",
            "  \"people\": [" + people.map(total).joined(separator: ",") + "]",
            "  \"departments\": [" + departments.map(total).joined(separator: ",") + "]",
        ].joined(separator: ",\n") + "\n}\n"
    }
}
