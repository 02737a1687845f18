import Crypto
import Foundation

/// SHA-256 fingerprints that tie a report to the exact policy and input it came from.
public enum Fingerprint {
    public static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of a file's bytes, read in chunks.
    public static func ofFile(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DiagnosticError(.error("cannot read the file", at: SourceLocation(file: path, line: 1, column: 1)))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The policy's canonical form: its YAML tree with comments and layout gone and mapping
    /// keys sorted, plus the calendar's effective days and hours. Reformatting a policy or
    /// reordering its keys keeps the fingerprint; changing a figure changes it.
    public static func ofPolicy(_ policy: CompiledPolicy) throws -> String {
        let root = try YAMLReader.singleDocument(
            [UInt8](FileManager.default.contents(atPath: policy.policy.file) ?? Data()), file: policy.policy.file)
        var text = canonical(root)
        if let cal = policy.calendar { text += "\ncalendar:" + cal.canonicalDescription }
        return sha256(text.utf8)
    }

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

extension BusinessCalendar {
    /// Every covered day's kind and working intervals, for the policy fingerprint.
    var canonicalDescription: String {
        var out = "\(id) \(zone.identifier) \(years.lowerBound)-\(years.upperBound)"
        for i in intervalStarts.indices { out += " \(intervalStarts[i])-\(intervalEnds[i])" }
        return out
    }
}
