import Foundation

/// What an edit did to a policy's text: rules and values added, removed or changed, with the
/// keys that changed. Layout and comments are ignored (canonical YAML is compared).
package struct StructuralDiff: Sendable {
    struct Change: Sendable, Equatable {
        enum Kind: String, Sendable { case added, removed, changed }
        var kind: Kind
        /// `deadline closure`, `field region`, `policy version`.
        var subject: String
        /// For changes: `within: 13d → 15d`, one per changed key.
        var details: [String]
    }
    var changes: [Change]

    static let sections: [(key: String, noun: String)] = [
        ("fields", "field"), ("derive", "derived value"), ("tables", "table"), ("aggregates", "aggregate"),
        ("deadlines", "deadline"), ("penalties", "penalty"), ("caps", "cap"), ("escalations", "escalation"),
    ]

    /// The policies as compiled (their files are read again for their text; their calendars
    /// are compared as loaded).
    package static func compare(old: CompiledPolicy, new: CompiledPolicy) throws -> StructuralDiff {
        func root(_ p: String) throws -> YAMLNode {
            // With its shared rules merged in: an edit to an included cap changes the policy.
            let tree = try YAMLReader.singleDocument([UInt8](FileManager.default.contents(atPath: p) ?? Data()), file: p)
            return PolicyIncludes.merge(tree, file: p, sink: DiagnosticSink())
        }
        let a = try root(old.policy.file), b = try root(new.policy.file)
        var changes: [Change] = []
        if let change = calendarChange(a["calendar"], old.calendar, b["calendar"], new.calendar) { changes.append(change) }
        for key in ["policy", "title", "version", "source", "timezone", "currency"] {
            let x = a[key].map(Fingerprint.canonical), y = b[key].map(Fingerprint.canonical)
            if x != y {
                changes.append(Change(kind: .changed, subject: "policy \(key)",
                                      details: ["\(a[key]?.scalar ?? "(none)") → \(b[key]?.scalar ?? "(none)")"]))
            }
        }
        for (key, noun) in sections {
            let x = entries(a[key]), y = entries(b[key])
            for (id, node) in y where !x.contains(where: { $0.0 == id }) {
                changes.append(Change(kind: .added, subject: "\(noun) \(id)", details: []))
                _ = node
            }
            for (id, _) in x where !y.contains(where: { $0.0 == id }) {
                changes.append(Change(kind: .removed, subject: "\(noun) \(id)", details: []))
            }
            for (id, old) in x {
                guard let new = y.first(where: { $0.0 == id })?.1, Fingerprint.canonical(old) != Fingerprint.canonical(new) else { continue }
                changes.append(Change(kind: .changed, subject: "\(noun) \(id)", details: keyChanges(old, new)))
            }
        }
        return StructuralDiff(changes: changes)
    }

    /// Named entries of a section: list items by `id`, mapping entries by key.
    static func entries(_ node: YAMLNode?) -> [(String, YAMLNode)] {
        guard let node else { return [] }
        if let items = node.sequence {
            return items.enumerated().map { i, item in (item["id"]?.scalar ?? "#\(i + 1)", item) }
        }
        return node.mapping?.map { ($0.name, $0.value) } ?? []
    }

    static func text(_ n: YAMLNode?) -> String {
        guard let n else { return "(none)" }
        if let s = n.scalar { return n.isNull ? "(empty)" : s }
        return Fingerprint.canonical(n)
    }

    /// `within: 13d → 15d`; inside a nested mapping by its path (`penalty.amount: 20 CNY →
    /// 25 CNY`), so a changed fine reads as the amounts, not as two mappings' text.
    static func keyChanges(_ a: YAMLNode, _ b: YAMLNode, prefix: String = "") -> [String] {
        guard let pa = a.mapping, let pb = b.mapping else { return ["\(prefix.isEmpty ? "" : prefix + ": ")\(text(a)) → \(text(b))"] }
        var out: [String] = []
        var keys = pa.map(\.name)
        for k in pb.map(\.name) where !keys.contains(k) { keys.append(k) }
        for k in keys {
            let x = a[k], y = b[k]
            guard x.map(Fingerprint.canonical) != y.map(Fingerprint.canonical) else { continue }
            let path = prefix.isEmpty ? k : prefix + "." + k
            if let x, let y, x.mapping != nil, y.mapping != nil {
                out += keyChanges(x, y, prefix: path)
            } else {
                out.append("\(path): \(text(x)) → \(text(y))")
            }
        }
        return out
    }

    /// The calendars compared by what they say — every day's kind and working hours, as the
    /// fingerprint reads them — not by where they are or how they are written: a policy copied
    /// elsewhere with its calendar's path rewritten changes nothing; a calendar whose hours or
    /// holidays were edited does.
    static func calendarChange(_ a: YAMLNode?, _ x: BusinessCalendar?, _ b: YAMLNode?, _ y: BusinessCalendar?) -> Change? {
        let xs = x.map { Fingerprint.sha256($0.canonicalDescription.utf8) }, ys = y.map { Fingerprint.sha256($0.canonicalDescription.utf8) }
        guard xs != ys else { return nil }
        var details: [String] = []
        let (pa, pb) = (a?.scalar ?? "(none)", b?.scalar ?? "(none)")
        if pa != pb { details.append("\(pa) → \(pb)") }
        if let xs, let ys { details.append("working days and hours sha256:\(xs.prefix(12))… → sha256:\(ys.prefix(12))…") }
        return Change(kind: .changed, subject: "policy calendar", details: details)
    }
}
