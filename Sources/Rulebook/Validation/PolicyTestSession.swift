/// A run of `rulebook test`: the test files among the paths, each suite's results in file
/// order, the rules the tests name per policy, and what made the run broken.
package struct PolicyTestSession: Sendable {
    /// The results of one test file.
    struct SuiteResults: Sendable {
        var file: String
        var suite: String
        var results: [PolicyTestRunner.Result]
    }

    var suites: [SuiteResults] = []
    /// Per policy id: its rules and those a test names, merged over its test files.
    var coverage: [String: PolicyTestRunner.Coverage] = [:]
    /// Files that could not be read or run, and a run in which no test ran: the run is broken
    /// (exit 2) whatever passed.
    package var broken: [Diagnostic] = []

    var passed: Int { suites.reduce(0) { $0 + $1.results.filter(\.passed).count } }
    package var failed: Int { suites.reduce(0) { $0 + $1.results.filter { !$0.passed }.count } }

    init() {}

    /// Runs the tests of the test files among `paths` (folders searched), those whose suite or
    /// name contains `filter` when given, against `policy` instead of the policy each file
    /// names when given (an edited copy). A file that cannot be read or run is noted in
    /// `broken` and the others still run; only a failure to list the files throws.
    /// `threads`, `findingRunSize`: the runs' (see `PolicyTestRunner`).
    package static func run(_ paths: [String], filter: String? = nil, policy: String? = nil,
                            threads: Int? = nil, findingRunSize: Int? = nil) throws -> PolicyTestSession {
        var session = PolicyTestSession()
        let (files, problems) = try PolicyTestFiles.select(paths)
        session.broken += problems
        var runner = PolicyTestRunner(filter: filter)
        runner.threads = threads
        runner.findingRunSize = findingRunSize
        for file in files {
            do {
                var suite = try PolicyTestLoader.load(path: file)
                if let policy { suite.policyPath = policy }
                let (results, cov) = try runner.run(suite)
                session.suites.append(SuiteResults(file: file, suite: suite.name, results: results))
                if var c = session.coverage[cov.policy] {
                    c.exercised.formUnion(cov.exercised)
                    session.coverage[cov.policy] = c
                } else {
                    session.coverage[cov.policy] = cov
                }
            } catch let e as DiagnosticError {
                session.broken += e.diagnostics
            }
        }
        if session.passed + session.failed == 0 && session.broken.isEmpty {
            session.broken.append(PolicyTestFiles.nothingRan(pattern: filter, files: files))
        }
        return session
    }
}
