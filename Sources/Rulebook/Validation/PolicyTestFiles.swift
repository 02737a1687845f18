import Foundation

/// Which files `rulebook test` runs. A test gate must not pass on garbage: a test file that
/// cannot be read is a broken test file, not "no tests"; a file named on the command line
/// that is not a test file is an error; and a run in which no test ran is not a pass.
enum PolicyTestFiles {
    /// The policy-test files among `paths` (folders searched for `*.yaml`), and the problems
    /// that make the run broken: an unreadable file named directly or called `*.test.yaml`,
    /// a directly named file that is a policy or calendar, no test file at all.
    static func select(_ paths: [String]) throws -> (files: [String], problems: [Diagnostic]) {
        var files: [String] = [], problems: [Diagnostic] = []
        for path in paths {
            var isDir: ObjCBool = false
            let named = FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
            for file in try FileFinder.yamlFiles(in: [path]) {
                let start = SourceLocation(file: file, line: 1, column: 1)
                let isTestName = file.hasSuffix(".test.yaml") || file.hasSuffix(".test.yml")
                switch Validator.kind(of: file) {
                case .tests?:
                    files.append(file)
                case nil where named || isTestName:
                    // Not readable as any kind of file: the validator's errors say why.
                    let diagnostics = Validator.validate(file: file).1
                    problems += diagnostics.isEmpty ? [.error("not a policy test file", at: start)] : diagnostics
                case let kind? where named:
                    problems.append(.error("not a policy test file: this is a \(kind.rawValue) file; "
                        + "its tests are files with 'policy:' and 'tests:' keys (see docs/policy-tests.md)", at: start))
                default:
                    break  // policies and calendars found in a searched folder
                }
            }
        }
        if files.isEmpty && problems.isEmpty, let first = paths.first {
            problems.append(.error("no policy test files here (files with 'policy:' and 'tests:' keys)",
                                   at: SourceLocation(file: first, line: 1, column: 1)))
        }
        return (files, problems)
    }

    /// The error for a run of test files in which no test ran (a `--run` text that matches
    /// nothing, or files with empty `tests:`): nothing was checked, so it cannot pass.
    static func nothingRan(pattern: String?, files: [String]) -> Diagnostic {
        let at = SourceLocation(file: files.first ?? "-", line: 1, column: 1)
        if let pattern {
            return .error("no test's suite or name contains '\(pattern)' (--run); nothing was checked", at: at)
        }
        return .error("these files hold no tests; nothing was checked", at: at)
    }
}
