/// A field the engine wants from each record, found by its name or any alias.
struct WantedField: Sendable, Hashable {
    var name: String
    var aliases: [String]
    var required: Bool

    init(name: String, aliases: [String] = [], required: Bool = true) {
        self.name = name
        self.aliases = aliases
        self.required = required
    }

    /// From the `(name:aliases:required:)` tuples a policy loader may build.
    init(_ field: (name: String, aliases: [String], required: Bool)) {
        self.init(name: field.name, aliases: field.aliases, required: field.required)
    }

    var allNames: [String] { [name] + aliases }
}

/// Which columns hold the wanted fields.
struct HeaderBinding: Sendable {
    /// Per wanted field, every column whose header matches it. CSV binding fails unless
    /// there is at most one; JSON objects each choose the one they have.
    var candidates: [[Int]]
    /// Per column: whether some wanted field reads it (the others need not be decoded).
    var isUsed: [Bool]

    /// Per wanted field, its column (the first candidate), or nil when absent.
    var columns: [Int?] { candidates.map(\.first) }

    var unusedColumns: [Int] { isUsed.indices.filter { !isUsed[$0] } }
}

/// Maps wanted fields to columns by exact header match, after trimming whitespace and a
/// byte order mark around each header (exports often pad them; a BOM can survive in front of
/// the first when a file was concatenated).
enum HeaderBinder {
    /// Binds `wanted` to `headers`, reporting every problem at once:
    /// a header matching two wanted fields, two headers matching one field (when
    /// `allowSeveralCandidates` is false), and missing required fields (when `checkRequired`).
    static func bind(_ wanted: [WantedField], to headers: [String], file: String,
                     at location: SourceLocation, checkRequired: Bool = true,
                     allowSeveralCandidates: Bool = false) throws -> HeaderBinding {
        let trimmed = headers.map(\.trimmedHeader)
        var bag = DiagnosticBag()
        var candidates = Array(repeating: [Int](), count: wanted.count)
        var isUsed = Array(repeating: false, count: headers.count)
        var fieldOfColumn = [Int: Int]()
        var names = [String: [Int]]()  // every wanted name or alias -> fields
        for (f, field) in wanted.enumerated() {
            for n in Set(field.allNames) { names[n, default: []].append(f) }
        }
        for (column, header) in trimmed.enumerated() {
            guard let fields = names[header] else { continue }
            if fields.count > 1 {
                let list = fields.map { "'\(wanted[$0].name)'" }.joined(separator: " and ")
                bag.error("column \(column + 1) '\(header)' matches both \(list); give each field its own names", at: location)
            }
            for f in fields {
                candidates[f].append(column)
                isUsed[column] = true
                fieldOfColumn[column] = f
            }
        }
        for (f, field) in wanted.enumerated() {
            if candidates[f].count > 1 && !allowSeveralCandidates {
                let list = candidates[f].prefix(5).map { "\($0 + 1) \(Excerpt.quoted(trimmed[$0]))" }.joined(separator: " and ")
                bag.error("columns \(list) both match field '\(field.name)'; remove or rename one", at: location)
            }
            if candidates[f].isEmpty && field.required && checkRequired {
                bag.error(missingMessage(field, headers: trimmed, noun: "column"), at: location)
            }
        }
        try bag.check()
        return HeaderBinding(candidates: candidates, isUsed: isUsed)
    }

    /// `missing required column '受理时间' (or: received_at); found: a, b, c (did you mean '接收时间'?)`
    static func missingMessage(_ field: WantedField, headers: [String], noun: String) -> String {
        let alternatives = field.aliases.isEmpty ? "" : " (or: \(field.aliases.joined(separator: ", ")))"
        // Each name cut short and at most 30 of them: a header can be megabytes long.
        var found = headers.isEmpty ? "none" : headers.prefix(30).map { Excerpt.cut($0) }.joined(separator: ", ")
        if headers.count > 30 { found += " and \(headers.count - 30) more" }
        let hint = field.allNames.lazy.map { Suggestion.hint(for: $0, in: headers) }.first { !$0.isEmpty } ?? ""
        return "missing required \(noun) '\(field.name)'\(alternatives); found: \(found)\(hint)"
    }

}
