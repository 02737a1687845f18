import Foundation

/// The kinds of YAML file rulebook reads, told apart by their first key.
package enum RulebookFileKind: String, Sendable, CaseIterable {
    case tests, policy, shared, calendar

    /// Reads only as much as needed to tell the kind. A test file names its policy too, so
    /// `tests` (or `suite`) is looked for first; a shared rules file may name a calendar, so
    /// `shared` comes before `calendar`.
    static func detect(_ root: YAMLNode) -> RulebookFileKind? {
        guard let pairs = root.mapping else { return nil }
        if pairs.contains(where: { $0.name == "suite" }) { return .tests }
        for k in RulebookFileKind.allCases where pairs.contains(where: { $0.name == k.rawValue }) { return k }
        return nil
    }
}

/// Finds the YAML files under the given paths: files as given, folders searched recursively,
/// in sorted order so output is the same on every machine.
enum FileFinder {
    static func yamlFiles(in paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                throw DiagnosticError(.error("no such file or folder", at: SourceLocation(file: p, line: 1, column: 1)))
            }
            if !isDir.boolValue {
                out.append(p)
                continue
            }
            guard let e = fm.enumerator(atPath: p) else { continue }
            var found: [String] = []
            while let rel = e.nextObject() as? String {
                if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") {
                    found.append((p as NSString).appendingPathComponent(rel))
                }
            }
            out += found.sorted()
        }
        return out
    }
}
