import Foundation

/// `include:` — shared company rules (a 经济处罚准则's cap, the export fields every policy reads,
/// the calendar) written once in a file of their own, a *shared rules file* whose first key is
/// `shared:`, and taken into each policy that includes it.
///
/// The merge is made on the YAML tree before the policy is read: the policy's own `calendar`,
/// `fields` and `caps` come first, then each included file's, in the order of `include:` (a
/// file's own includes after it). Every node keeps its own file's line and column, so a
/// problem in a shared rule is reported where it is written. A key declared both in the policy
/// and in an included file (or in two included files) is an error naming both places; the
/// first declaration is kept. Includes are resolved relative to the file that names them, like
/// a calendar's `extends`, with the same cycle check.
enum PolicyIncludes {
    /// What a shared rules file may give a policy.
    static let sharedKeys = ["calendar", "fields", "caps"]

    /// A shared rules file as read: its tree and the place that included it.
    struct Shared {
        var path: String
        var root: YAMLNode
    }

    /// `root` (the policy in `file`) with its `include:` resolved and merged in, and the
    /// `include` key itself dropped; problems go to `sink`. The same tree when nothing is
    /// included.
    static func merge(_ root: YAMLNode, file: String, sink: DiagnosticSink) -> YAMLNode {
        guard let pairs = root.mapping, let include = root["include"] else { return root }
        var shared: [Shared] = []
        var seen: Set<String> = []
        collect(include, from: file, chain: [CalendarPath.normalize(file)], into: &shared, seen: &seen, sink: sink)
        var merged = pairs.filter { $0.name != "include" }
        for key in sharedKeys {
            merge(key, into: &merged, from: shared, policyFile: file, sink: sink)
        }
        var out = root
        out.content = .mapping(merged)
        return out
    }

    /// Checks a shared rules file on its own (`rulebook validate`): its keys, the shapes of its
    /// fields and caps, and its includes. Its expressions are type-checked in each policy that
    /// includes it, against that policy's fields.
    static func validate(_ root: YAMLNode, file: String, sink: DiagnosticSink) {
        guard check(root, file: file, sink: sink) else { return }
        var shared: [Shared] = []
        var seen: Set<String> = [CalendarPath.normalize(file)]
        if let include = root["include"] {
            collect(include, from: file, chain: [CalendarPath.normalize(file)], into: &shared, seen: &seen, sink: sink)
        }
        if let fields = root["fields"] {
            for p in PolicyLoader.eachEntry(fields, "fields", sink: sink) { _ = PolicyLoader.readField(p, sink: sink) }
        }
        for item in PolicyLoader.eachItem(root["caps"], "caps", sink: sink) { _ = PolicyLoader.readCap(item, sink: sink) }
    }

    /// The keys and id of a shared rules file; false when it is no mapping.
    private static func check(_ root: YAMLNode, file: String, sink: DiagnosticSink) -> Bool {
        guard let m = MappingReader(root, "a shared rules file", spec: PolicyKeys.shared, sink: sink) else { return false }
        if let id = m.located("shared") { PolicyLoader.checkID(id, sink: sink) }
        return true
    }

    /// Reads the files `include` names (a path or a list), depth first; `chain` is the path of
    /// includes that led here, for the cycle check.
    private static func collect(_ include: YAMLNode, from file: String, chain: [String], into shared: inout [Shared],
                                seen: inout Set<String>, sink: DiagnosticSink) {
        let items: [YAMLNode]
        if let list = include.sequence { items = list } else { items = [include] }
        for item in items {
            guard let reference = item.scalar, !item.isNull else {
                sink.error("'include' lists shared rules files by path, found \(item.kindDescription)", at: item.location)
                continue
            }
            let path = CalendarPath.resolve(reference, relativeTo: file)
            if let loop = chain.firstIndex(of: path) {
                sink.error("include cycle: \((chain[loop...] + [path]).joined(separator: " → "))", at: item.location)
                continue
            }
            // Included twice (two shared files both include the company's calendar file): once.
            guard seen.insert(path).inserted else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                let siblings = (try? FileManager.default.contentsOfDirectory(atPath: folder(of: path))) ?? []
                let name = reference.split(separator: "/").last.map(String.init) ?? reference
                sink.error("cannot read included file '\(reference)': no file at \(path) (an include's path is relative to the file that names it)"
                           + Suggestion.hint(for: name, in: siblings), at: item.location)
                continue
            }
            let root: YAMLNode
            do {
                root = try YAMLReader.singleDocument([UInt8](data), file: path)
            } catch let e as DiagnosticError {
                sink.append(contentsOf: e.diagnostics)
                continue
            } catch {
                sink.error("cannot read included file '\(reference)': \(error)", at: item.location)
                continue
            }
            guard root["shared"] != nil else {
                let why = root["policy"] != nil ? "is a policy; 'include' takes shared rules files (first key 'shared:'), not policies"
                    : root["calendar"] != nil ? "is a calendar; a policy names its calendar with 'calendar:', and 'include' takes shared rules files (first key 'shared:')"
                    : "is not a shared rules file (first key 'shared:')"
                sink.error("'\(reference)' \(why)", at: item.location)
                continue
            }
            guard check(root, file: path, sink: sink) else { continue }
            shared.append(Shared(path: path, root: root))
            if let nested = root["include"] {
                collect(nested, from: path, chain: chain + [path], into: &shared, seen: &seen, sink: sink)
            }
        }
    }

    /// Merges one key of the shared files into the policy's pairs.
    private static func merge(_ key: String, into pairs: inout [YAMLPair], from shared: [Shared], policyFile: String,
                              sink: DiagnosticSink) {
        let own = pairs.firstIndex { $0.name == key }
        var pair = own.map { pairs[$0] }
        for s in shared {
            guard let sp = s.root.mapping?.first(where: { $0.name == key }) else { continue }
            var value = sp.value
            if key == "calendar", let reference = value.scalar, !value.isNull {
                // Relative to the shared file; the policy reads it relative to itself.
                let path = CalendarPath.resolve(reference, relativeTo: s.path)
                value.content = .scalar(relativePath(path, from: folder(of: policyFile)), .plain)
            }
            guard var current = pair else {
                pair = YAMLPair(key: sp.key, value: value)
                continue
            }
            switch key {
            case "calendar":
                conflict("'calendar'", current.value.location, value.location, policyFile: policyFile, sink: sink)
            case "fields":
                guard let mine = current.value.mapping, let theirs = value.mapping else { continue }
                var entries = mine
                for p in theirs {
                    if let first = entries.first(where: { $0.name == p.name }) {
                        conflict("field '\(p.name)'", first.key.location, p.key.location, policyFile: policyFile, sink: sink)
                    } else {
                        entries.append(p)
                    }
                }
                current.value.content = .mapping(entries)
            default:
                guard let mine = current.value.sequence, let theirs = value.sequence else { continue }
                var items = mine
                for item in theirs {
                    let id = item["id"]?.scalar
                    if let id, let first = items.first(where: { $0["id"]?.scalar == id }) {
                        conflict("cap '\(id)'", first.location, item.location, policyFile: policyFile, sink: sink)
                    } else {
                        items.append(item)
                    }
                }
                current.value.content = .sequence(items)
            }
            pair = current
        }
        guard let pair else { return }
        if let own { pairs[own] = pair } else { pairs.append(pair) }
    }

    /// The same thing declared twice: reported in the policy when it is one of the two places,
    /// naming the other.
    private static func conflict(_ what: String, _ first: SourceLocation, _ second: SourceLocation, policyFile: String,
                                 sink: DiagnosticSink) {
        let (at, other) = second.file == policyFile ? (second, first) : first.file == policyFile ? (first, second) : (second, first)
        sink.error("\(what) is declared both here and at \(other) (a shared rules file declares it, and so does the file including it); declare it in one place",
                   at: at)
    }

    /// The folder of `path`, lexically: `.` for a bare file name.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `target` relative to `folder` when both are relative or both absolute (lexically).
    static func relativePath(_ target: String, from folder: String) -> String {
        if target.hasPrefix("/") { return target }
        let f = folder.isEmpty || folder == "." ? [] : folder.split(separator: "/")
        let t = target.split(separator: "/")
        var i = 0
        while i < t.count, i < f.count, t[i] == f[i] { i += 1 }
        // A `..` left in the folder cannot be climbed back out of lexically.
        if folder.hasPrefix("/") || f[i...].contains("..") { return CalendarPath.normalize(FileManager.default.currentDirectoryPath + "/" + target) }
        return (Array(repeating: "..", count: f.count - i) + t[i...].map(String.init)).joined(separator: "/")
    }
}
