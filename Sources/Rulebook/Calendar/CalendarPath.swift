/// Lexical path handling for `extends`, so diagnostics name files the way the user wrote them
/// (`rules/calendars/cn-2025.yaml`) and the cache sees one key per file.
enum CalendarPath {
    /// `a/./b/../c.yaml` → `a/c.yaml`; leading `..` are kept; absolute stays absolute.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// `reference` resolved against the directory of `file`.
    static func resolve(_ reference: String, relativeTo file: String) -> String {
        if reference.hasPrefix("/") { return normalize(reference) }
        guard let slash = file.lastIndex(of: "/") else { return normalize(reference) }
        return normalize(String(file[..<slash]) + "/" + reference)
    }
}
