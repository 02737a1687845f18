import Foundation
@testable import Rulebook

/// The generated schemas as JSON objects, read back by Foundation's parser.
enum SchemaJSONObject {
    static func parse(_ kind: FileSchema.Kind) throws -> [String: Any] {
        let data = Data(FileSchema.text(for: kind).utf8)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }

    /// A mapping's schema: the root when `name` is nil, else `$defs/name`.
    static func mapping(_ schema: [String: Any], _ name: String?) -> [String: Any]? {
        guard let name else { return schema }
        return (schema["$defs"] as? [String: Any])?[name] as? [String: Any]
    }

    static func properties(_ mapping: [String: Any]) -> Set<String> {
        Set(((mapping["properties"] as? [String: Any]) ?? [:]).keys)
    }

    static func required(_ mapping: [String: Any]) -> Set<String> {
        Set((mapping["required"] as? [String]) ?? [])
    }

    /// The words a property's schema lists (`enum`, also inside `anyOf`).
    static func words(_ mapping: [String: Any], _ key: String) -> [String]? {
        guard let p = (mapping["properties"] as? [String: Any])?[key] as? [String: Any] else { return nil }
        if let e = p["enum"] as? [Any] { return e.compactMap { $0 as? String } }
        for option in (p["anyOf"] as? [[String: Any]]) ?? [] {
            if let e = option["enum"] as? [Any] { return e.compactMap { $0 as? String } }
        }
        return nil
    }

    static func pattern(_ form: WrittenForm) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: form.pattern)
    }
}

extension NSRegularExpression {
    func matchesWhole(_ s: String) -> Bool {
        firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}
