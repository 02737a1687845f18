import Crypto
import Foundation

/// SHA-256 fingerprints that tie a report to the exact policy and input it came from. Here the
/// hash and the canonical form of a YAML tree, which the policy loader and `diff` need; the
/// fingerprints of an export's rows (`Records`) and of a compiled policy (`Graph`) extend it
/// where their types are.
enum Fingerprint {
    static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).map { String(format: "%02x", $0) }.joined()
    }

    /// A YAML tree as text, comments and layout gone and mapping keys sorted: what the policy
    /// fingerprint hashes (`Policy.canonicalForm`) and `diff` compares.
    static func canonical(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let s, _):
            return JSONText.string(node.isNull ? "" : s)
        case .sequence(let items):
            return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .mapping(let pairs):
            let sorted = pairs.sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
            return "{" + sorted.map { JSONText.string($0.name) + ":" + canonical($0.value) }.joined(separator: ",") + "}"
        }
    }
}
