/// Draws a rule graph as Graphviz DOT or Mermaid, nodes labelled with their kind, rule id,
/// the rule's title and clause.
package enum GraphRenderer {
    package enum Format: String, CaseIterable, Sendable { case dot, mermaid }

    /// What a label says besides ids and clauses: each rule's title, each kind's name.
    package struct Words: Sendable {
        package var titles: [String: String] = [:]
        package var kinds: [String: String] = [:]
        package init(titles: [String: String] = [:], kinds: [String: String] = [:]) {
            self.titles = titles
            self.kinds = kinds
        }
    }

    static func label(_ n: RuleGraph.Node, _ words: Words) -> String {
        var text = "\(words.kinds[n.kind.rawValue] ?? n.kind.rawValue): \(n.id)"
        if let t = words.titles[n.id], !t.isEmpty { text += "\n\(t)" }
        if let c = n.clause { text += "\n§ \(c)" }
        return text
    }

    static func shape(_ k: RuleGraph.Kind) -> String {
        switch k {
        case .field: return "note"
        case .derived, .table: return "box"
        case .aggregate: return "folder"
        case .deadline: return "ellipse"
        case .penalty, .cap: return "octagon"
        case .escalation: return "diamond"
        }
    }

    package static func render(_ g: RuleGraph, title: String, format: Format, words: Words = Words()) -> String {
        switch format {
        case .dot: return dot(g, title: title, words)
        case .mermaid: return mermaid(g, words)
        }
    }

    static func escapeDOT(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func dot(_ g: RuleGraph, title: String, _ words: Words) -> String {
        var out = "digraph \"\(escapeDOT(title))\" {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n"
        for (i, n) in g.nodes.enumerated() {
            out += "  n\(i) [label=\"\(escapeDOT(label(n, words)))\", shape=\(shape(n.kind))];\n"
        }
        for (i, deps) in g.dependencies.enumerated() {
            for d in deps { out += "  n\(d) -> n\(i);\n" }
        }
        return out + "}\n"
    }

    static func mermaid(_ g: RuleGraph, _ words: Words) -> String {
        var out = "flowchart LR\n"
        for (i, n) in g.nodes.enumerated() {
            let text = label(n, words).replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: "<br/>")
            let (open, close): (String, String)
            switch n.kind {
            case .deadline: (open, close) = ("([", "])")
            case .escalation: (open, close) = ("{", "}")
            case .penalty, .cap: (open, close) = ("[[", "]]")
            case .field: (open, close) = ("[/", "/]")
            default: (open, close) = ("[", "]")
            }
            out += "  n\(i)\(open)\"\(text)\"\(close)\n"
        }
        for (i, deps) in g.dependencies.enumerated() {
            for d in deps { out += "  n\(d) --> n\(i)\n" }
        }
        return out
    }
}
