/// One problem found in an input, with the place it was found.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is. An error makes the input unusable; a warning points at
    /// something legal but suspicious (a fine of 0); a note adds a place to the diagnostic before
    /// it (where the failing rule is declared).
    public enum Severity: String, Sendable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// Whether the input can be used despite the problem.
    public var severity: Severity
    /// Where the problem is: a line and column of a policy, a calendar, or a row of an export.
    public var location: SourceLocation
    /// What is wrong, in one line (long messages are shortened in the middle).
    public var message: String

    /// A message over `Excerpt.maxMessageCharacters` is cut in the middle: one line per
    /// problem stays one readable line whatever the input held.
    package init(_ severity: Severity = .error, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = Excerpt.bounded(message)
    }

    static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    /// `file:line:col: error: message`, one line per problem.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Thrown when an input cannot be used; carries every problem found, sorted by location.
public struct DiagnosticError: Error, CustomStringConvertible, Sendable {
    /// Every problem found, sorted by file, line and column; a note follows the diagnostic it
    /// belongs to.
    public var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sortedForDisplay()
    }

    init(_ diagnostic: Diagnostic) { self.init([diagnostic]) }

    /// One line per diagnostic, `file:line:col: severity: message`, as the command prints them.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    /// File, line, column, then message: stable output whatever order checks ran in. A note
    /// belongs to the diagnostic before it (a row's error, then `rule x is declared here` in
    /// the policy) and stays right after it.
    package func sortedForDisplay() -> [Diagnostic] {
        var groups: [[Diagnostic]] = []
        for d in self {
            if d.severity == .note, !groups.isEmpty {
                groups[groups.count - 1].append(d)
            } else {
                groups.append([d])
            }
        }
        var seen = Set<[Diagnostic]>()
        return groups.filter { seen.insert($0).inserted }.sorted {
            ($0[0].location, $0[0].message) < ($1[0].location, $1[0].message)
        }.flatMap { $0 }
    }

    var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Collects diagnostics while a pass goes on, so that one run reports every problem.
struct DiagnosticBag: Sendable {
    private(set) var diagnostics: [Diagnostic] = []
    init() {}

    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }
    mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, at: location, message))
    }
    mutating func append(_ d: Diagnostic) { diagnostics.append(d) }
    mutating func append(contentsOf ds: [Diagnostic]) { diagnostics.append(contentsOf: ds) }

    var hasErrors: Bool { diagnostics.hasErrors }

    /// Throws when any error was collected.
    func check() throws {
        if hasErrors { throw DiagnosticError(diagnostics) }
    }
}
