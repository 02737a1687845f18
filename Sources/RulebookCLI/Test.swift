import ArgumentParser
import Foundation
import Rulebook

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
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

    @Option(help: "text (PASS/FAIL per test, coverage, counts), junit (JUnit XML) or sarif (SARIF 2.1.0). Default: what -o's extension says (.xml, .sarif, .txt), else text.")
    var format: PolicyTestFormat?

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        for p in paths { try requirePath(p, "a file or folder argument") }
        try requirePath(rules, "--rules")
        try requirePath(output, "-o/--output")
        do { _ = try FormatChoice.choose(given: format, output: output, fallback: PolicyTestFormat.text) } catch let e as FormatChoiceError {
            throw ValidationError(e.message)
        }
    }

    func run() throws {
        try reportingFailures {
            let format = (try? FormatChoice.choose(given: format, output: output, fallback: .text)) ?? .text
            if let output {
                // Not over a file the tests read: those named here (a folder's are found later).
                try SameFileCheck.check(inputs: paths.map { PathOption("a test path", $0) } + (rules.map { [PathOption("--rules", $0)] } ?? []),
                                        outputs: [PathOption("-o", output)])
            }
            let tuning = RunTuning()
            let session = try PolicyTestSession.run(paths, filter: pattern, policy: rules,
                                                    threads: tuning.threads, findingRunSize: tuning.findingRunSize)
            let text = format.render(session, coverage: !noCoverage)
            if let output { try OutputFile.write(text, to: output) } else { try writeStandardOutput(text) }
            if !session.broken.isEmpty {
                report(session.broken)
                throw Exit.badInput
            }
            if session.failed > 0 { throw ExitCode(1) }
        }
    }
}

extension PolicyTestFormat: ExpressibleByArgument {}
