import Foundation

/// What an edit did to a policy's text: rules and values added, removed or changed, with the
/// keys that changed. Layout and comments are ignored (canonical YAML is compared).
public struct StructuralDiff: Sendable {
    public struct Change: Sendable, Equatable {
        public enum Kind: String, Sendable { case added, removed, changed }
        public var kind: Kind
        /// `deadline closure`, `field region`, `policy version`.
        public var subject: String
        /// For changes: `within: 13d → 15d`, one per changed key.
        public var details: [String]
    }
    public var changes: [Change]

    static let sections: [(key: String, noun: String)] = [
        ("fields", "field"), ("derive", "derived value"), ("tables", "table"), ("aggregates", "aggregate"),
        ("deadlines", "deadline"), ("penalties", "penalty"), ("caps", "cap"), ("escalations", "escalation"),
    ]

    public static func compare(old: String, new: String) throws -> StructuralDiff {
        func root(_ p: String) throws -> YAMLNode {
            try YAMLReader.singleDocument([UInt8](FileManager.default.contents(atPath: p) ?? Data()), file: p)
        }
        let a = try root(old), b = try root(new)
        var changes: [Change] = []
        for key in ["policy", "title", "version", "source", "timezone", "calendar", "currency"] {
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

    static func keyChanges(_ a: YAMLNode, _ b: YAMLNode) -> [String] {
        guard let pa = a.mapping, let pb = b.mapping else { return ["\(text(a)) → \(text(b))"] }
        var out: [String] = []
        var keys = pa.map(\.name)
        for k in pb.map(\.name) where !keys.contains(k) { keys.append(k) }
        for k in keys {
            let x = a[k], y = b[k]
            if x.map(Fingerprint.canonical) != y.map(Fingerprint.canonical) { out.append("\(k): \(text(x)) → \(text(y))") }
        }
        return out
    }
}
