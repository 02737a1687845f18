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

    @Option(help: "text (PASS/FAIL per test, coverage, counts), junit (JUnit XML) or sarif (SARIF 2.1.0).")
    var format: PolicyTestFormat = .text

    func validate() throws {
        for p in paths { try requirePath(p, "a file or folder argument") }
        try requirePath(rules, "--rules")
    }

    func run() throws {
        try reportingFailures {
            let session = try PolicyTestSession.run(paths, filter: pattern, policy: rules)
            try writeStandardOutput(format.render(session, coverage: !noCoverage))
            if !session.broken.isEmpty {
                report(session.broken)
                throw Exit.badInput
            }
            if session.failed > 0 { throw ExitCode(1) }
        }
    }
}

extension PolicyTestFormat: ExpressibleByArgument {}
