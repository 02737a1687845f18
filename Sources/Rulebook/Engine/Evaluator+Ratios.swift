/// A `ratio(…)` that could not be taken is a finding of the rule that read it, so that a
/// ratio with no whole is never silently "not above the line" (see `RatioFunction.swift`).
extension Evaluator {
    /// Turns the ratios `origin` could not take into findings, one per `ratio(…)` however
    /// often the rule read it, and clears them.
    func reportUndefinedRatios(_ origin: RuleOrigin, subject: String, row: Int) {
        let ctx = context
        var seen: [ObjectIdentifier] = []
        for u in ctx.undefinedRatios where !seen.contains(ObjectIdentifier(u.site)) {
            seen.append(ObjectIdentifier(u.site))
            var f = Finding(subject: subject, row: row, template: ratioTemplate(u.site, origin), status: .undefined)
            f.note = u.reason
            append(&f)
        }
        ctx.undefinedRatios.removeAll(keepingCapacity: true)
    }

    /// `ratio undefined: ratio(defective, delivered)` under the rule's id and clause; made once.
    private func ratioTemplate(_ site: RatioSite, _ origin: RuleOrigin) -> FindingTemplate {
        let key = RatioTemplateKey(site: ObjectIdentifier(site), rule: origin.id)
        if let t = ratioTemplates[key] { return t }
        let clause = policy.graph.lookup(origin.id).flatMap { policy.graph.nodes[$0].clause }
        let t = FindingTemplate(kind: .ratio, rule: origin.id, clause: clause, title: Evaluator.undefinedRatioTitle + site.text)
        ratioTemplates[key] = t
        return t
    }

    /// What an undefined ratio's title says before the ratio.
    static let undefinedRatioTitle = "ratio undefined: "

    struct RatioTemplateKey: Hashable {
        var site: ObjectIdentifier
        var rule: String
    }
}

extension Step {
    /// The rule or derived value the step evaluates.
    var origin: RuleOrigin {
        switch self {
        case .derive(let d): return d.origin
        case .table(let t): return t.origin
        case .deadline(let d): return d.origin
        case .penalty(let p): return p.origin
        case .escalation(let e): return e.origin
        }
    }
}
