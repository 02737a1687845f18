import ArgumentParser
import Foundation
import Rulebook

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the policy tests (*.test.yaml); exit 0 all pass, 1 a failure, 2 a broken test file."
    )

    @Argument(help: "Test files, or folders to search for them.")
    var paths: [String]

    @Option(name: .customLong("run"), help: "Run only the tests whose suite or name contains this text.")
    var pattern: String?

    @Flag(help: "Do not list the rules no test names.")
    var noCoverage = false

    @Option(help: "Run the tests against this policy file instead of the one each test file names (an edited copy, say).")
    var rules: String?

    func validate() throws {
        for p in paths { try requirePath(p, "a file or folder argument") }
        try requirePath(rules, "--rules")
    }

    func run() throws {
        try reportingFailures(runTests)
    }

    func runTests() throws {
        var broken: [Diagnostic] = []
        var passed = 0, failed = 0
        var coverage: [String: PolicyTestRunner.Coverage] = [:]
        let (files, problems) = try PolicyTestFiles.select(paths)
        broken += problems
        let runner = PolicyTestRunner(filter: pattern)
        var out = ""
        for file in files {
            do {
                var suite = try PolicyTestLoader.load(path: file)
                if let rules { suite.policyPath = rules }
                let (results, cov) = try runner.run(suite)
                for r in results {
                    if r.passed {
                        passed += 1
                        out += "PASS  \(r.suite) › \(r.test)\n"
                    } else {
                        failed += 1
                        out += "FAIL  \(r.suite) › \(r.test)  (\(r.location))\n"
                        for f in r.failures { out += "      \(f)\n" }
                    }
                }
                if var c = coverage[cov.policy] {
                    c.exercised.formUnion(cov.exercised)
                    coverage[cov.policy] = c
                } else {
                    coverage[cov.policy] = cov
                }
            } catch let e as DiagnosticError {
                broken += e.diagnostics
            }
        }
        if !noCoverage {
            for (policy, c) in coverage.sorted(by: { $0.key < $1.key }) {
                let done = c.rules.count - c.missing.count
                out += "coverage: \(policy): \(done) of \(c.rules.count) rules named by a test"
                out += c.missing.isEmpty ? "\n" : "; not named: \(c.missing.joined(separator: ", "))\n"
            }
        }
        out += "\(passed) passed, \(failed) failed\n"
        try writeStandardOutput(out)
        if passed + failed == 0 && broken.isEmpty { broken.append(PolicyTestFiles.nothingRan(pattern: pattern, files: files)) }
        if !broken.isEmpty {
            report(broken)
            throw Exit.badInput
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
