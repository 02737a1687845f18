import Foundation

/// `rulebook validate`: checks every policy and calendar file under the given paths and
/// gathers every problem, so one run reports them all.
package enum Validator {
    package struct Report: Sendable {
        package var files: [(path: String, kind: RulebookFileKind?)] = []
        package var diagnostics: [Diagnostic] = []
        var isValid: Bool { !diagnostics.hasErrors }
        /// With `--strict`, warnings fail validation too.
        package func isValid(strict: Bool) -> Bool { strict ? diagnostics.isEmpty : isValid }
    }

    package static func validate(paths: [String]) -> Report {
        var report = Report()
        let files: [String]
        do {
            files = try FileFinder.yamlFiles(in: paths)
        } catch let e as DiagnosticError {
            report.diagnostics = e.diagnostics
            return report
        } catch {
            return report
        }
        for path in files {
            let (kind, diagnostics) = validate(file: path)
            report.files.append((path, kind))
            report.diagnostics += diagnostics
        }
        report.diagnostics = report.diagnostics.sortedForDisplay()
        return report
    }

    /// A file's kind from its first keys, or nil when it is not a rulebook file or unreadable.
    static func kind(of path: String) -> RulebookFileKind? {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? YAMLReader.singleDocument([UInt8](data), file: path) else { return nil }
        return RulebookFileKind.detect(root)
    }

    /// One file's kind and problems.
    static func validate(file path: String) -> (RulebookFileKind?, [Diagnostic]) {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read the file", at: start)])
        }
        let root: YAMLNode
        do {
            root = try YAMLReader.singleDocument([UInt8](data), file: path)
        } catch let e as DiagnosticError {
            return (nil, e.diagnostics)
        } catch {
            return (nil, [.error("\(error)", at: start)])
        }
        let kind = RulebookFileKind.detect(root)
        do {
            switch kind {
            case .policy?:
                // The compiler runs even when loading found problems, so one run reports both;
                // rules that failed to load are simply absent from the graph.
                let sink = DiagnosticSink()
                guard let policy = PolicyLoader.read(root, file: path, sink: sink) else {
                    return (.policy, sink.diagnostics)
                }
                var diagnostics = sink.diagnostics
                do {
                    let compiled = try PolicyCompiler.compile(policy)
                    diagnostics += compiled.warnings + compiled.tableWarnings()
                } catch let e as DiagnosticError {
                    diagnostics += e.diagnostics
                }
                return (.policy, diagnostics.sortedForDisplay())
            case .shared?:
                // Checked as an include: its keys, shapes and includes; its expressions in the
                // policies that include it.
                let sink = DiagnosticSink()
                PolicyIncludes.validate(root, file: path, sink: sink)
                return (.shared, sink.diagnostics.sortedForDisplay())
            case .calendar?:
                try CalendarValidation.validate(path: path)
                return (.calendar, [])
            case .tests?:
                let suite = try PolicyTestLoader.load(path: path)
                // Checked against its policy when that compiles (its own errors are its file's).
                guard let policy = try? PolicyCompiler.compile(path: suite.policyPath) else { return (.tests, []) }
                return (.tests, suite.problems(against: policy))
            case nil:
                return (nil, [.error("not a rulebook file: expected a top-level 'policy', 'calendar', 'shared' or 'tests' key", at: root.location)])
            }
        } catch let e as DiagnosticError {
            return (kind, e.diagnostics)
        } catch {
            return (kind, [.error("\(error)", at: start)])
        }
    }
}

/// Calendar files are checked by loading them, parents included.
enum CalendarValidation {
    static func validate(path: String) throws {
        try CalendarLoader().validate(path: path)
    }
}
