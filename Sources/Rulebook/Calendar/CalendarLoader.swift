import Foundation

/// Loads calendar files, resolves `extends`, and builds `BusinessCalendar`s, caching both the
/// resolved files (a parent shared by many calendars is read once) and the built calendars.
///
/// Not thread-safe: load calendars up front, then share the immutable `BusinessCalendar`s.
final class CalendarLoader {
    private let baseDirectory: String
    private let memoryFiles: [String: String]?
    private var definitions: [String: CalendarDefinition] = [:]
    private var calendars: [String: BusinessCalendar] = [:]

    /// Relative paths (and the file names in diagnostics) are relative to `baseDirectory`.
    init(baseDirectory: String = FileManager.default.currentDirectoryPath) {
        self.baseDirectory = baseDirectory
        self.memoryFiles = nil
    }

    /// Calendars from memory, keyed by path; for tests and the fuzz harnesses (`fuzz/`).
    init(files: [String: String]) {
        self.baseDirectory = "."
        self.memoryFiles = Dictionary(uniqueKeysWithValues: files.map { (CalendarPath.normalize($0.key), $0.value) })
    }

    /// The calendar in `path` with everything it extends. Throws `DiagnosticError` listing
    /// every problem in the file and its parents.
    func load(path: String) throws -> BusinessCalendar {
        let key = CalendarPath.normalize(path)
        if let cached = calendars[key] { return cached }
        var bag = DiagnosticBag()
        let start = SourceLocation(file: key, line: 1, column: 1)
        guard let definition = resolve(key, chain: [], referencedAt: nil, into: &bag),
              let calendar = BusinessCalendar.build(definition, into: &bag) else {
            if !bag.hasErrors { bag.error("cannot load calendar", at: start) }
            throw DiagnosticError(bag.diagnostics)
        }
        try bag.check()
        calendars[key] = calendar
        return calendar
    }

    /// Checks a calendar file and its parents. A calendar without a working week (an official
    /// holiday list meant to be extended) is checked as a definition and not built.
    func validate(path: String) throws {
        let key = CalendarPath.normalize(path)
        var bag = DiagnosticBag()
        guard let definition = resolve(key, chain: [], referencedAt: nil, into: &bag) else {
            if !bag.hasErrors { bag.error("cannot load calendar", at: SourceLocation(file: key, line: 1, column: 1)) }
            throw DiagnosticError(bag.diagnostics)
        }
        if definition.week != nil { _ = try load(path: path) }
        try bag.check()
    }

    /// The file at `path` merged with its parents; nil after reporting problems.
    func resolve(_ path: String, chain: [String], referencedAt reference: SourceLocation?,
                 into bag: inout DiagnosticBag) -> CalendarDefinition? {
        if let cached = definitions[path] { return cached }
        guard let bytes = read(path) else {
            bag.error("cannot read calendar file '\(path)'" + missingFileHint(path),
                      at: reference ?? SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        let root: YAMLNode
        do {
            root = try YAMLReader.singleDocument(bytes, file: path)
        } catch let error as DiagnosticError {
            bag.append(contentsOf: error.diagnostics)
            return nil
        } catch {
            bag.error("cannot read calendar file '\(path)': \(error)", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        let errorsBefore = bag.diagnostics.count
        let file = CalendarFileParser.parse(root, path: path, into: &bag)

        var parents: [(definition: CalendarDefinition, via: SourceLocation)] = []
        var parentsComplete = true
        for (reference, location) in file?.extends ?? [] {
            let parentPath = CalendarPath.resolve(reference, relativeTo: path)
            let chainHere = chain + [path]
            if let loop = chainHere.firstIndex(of: parentPath) {
                let cycle = (chainHere[loop...] + [parentPath]).joined(separator: " → ")
                bag.error("inheritance cycle: \(cycle)", at: location)
                parentsComplete = false
                continue
            }
            if let parent = resolve(parentPath, chain: chainHere, referencedAt: location, into: &bag) {
                parents.append((parent, location))
            } else {
                parentsComplete = false
            }
        }
        guard let file, parentsComplete, bag.diagnostics.count == errorsBefore else { return nil }
        guard let merged = CalendarDefinition.merge(file, parents: parents, into: &bag) else { return nil }
        definitions[path] = merged
        return merged
    }

    private func read(_ path: String) -> [UInt8]? {
        if let memoryFiles { return memoryFiles[path].map { Array($0.utf8) } }
        let full = path.hasPrefix("/") ? path : baseDirectory + "/" + path
        return FileManager.default.contents(atPath: full).map { Array($0) }
    }

    /// ` (did you mean 'cn-2025.yaml'?)` from the files next to the missing one.
    private func missingFileHint(_ path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let siblings: [String]
        if let memoryFiles {
            siblings = memoryFiles.keys.filter { CalendarPath.resolve("x", relativeTo: $0) == CalendarPath.resolve("x", relativeTo: path) }
                .map { String($0.split(separator: "/").last ?? "") }
        } else {
            let full = dir.hasPrefix("/") ? dir : baseDirectory + "/" + dir
            siblings = (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []
        }
        return Suggestion.hint(for: name, in: siblings)
    }
}
