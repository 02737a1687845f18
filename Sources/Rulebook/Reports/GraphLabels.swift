/// `rulebook graph` in a report language: each rule's title in its node's label, the kinds
/// of node named in the language (`时限: qa-reply-general`).
package enum GraphLabels {
    package static func render(_ policy: CompiledPolicy, format: GraphRenderer.Format, language: ReportLanguage) -> String {
        var titles: [String: String] = [:]
        for d in policy.policy.deadlines { if let t = d.title { titles[d.id] = t } }
        for p in policy.policy.penalties { if let t = p.title { titles[p.id] = t } }
        for e in policy.policy.escalations { if let t = e.title { titles[e.id] = t } }
        let kinds = language == .zh ? zhKinds : [:]
        return GraphRenderer.render(policy.graph, title: policy.policy.id, format: format, words: GraphRenderer.Words(titles: titles, kinds: kinds))
    }

    static let zhKinds = ["field": "字段", "derived": "派生值", "table": "决策表", "aggregate": "汇总", "deadline": "时限",
                          "penalty": "处罚", "cap": "上限", "escalation": "升级"]
}
