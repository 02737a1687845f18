import ArgumentParser
import Foundation
import Rulebook

@main
struct RulebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rulebook",
        abstract: "Evaluate complaint-handling policies declared in YAML against case exports.",
        version: Rulebook.version,
        subcommands: [Validate.self, Eval.self, Check.self, Explain.self, Test.self, Diff.self, Graph.self, Generate.self]
    )
}

/// Exit codes shared by the commands: 0 fine, 1 violations/differences, 2 bad input.
enum Exit {
    static let badInput = ExitCode(2)
}

/// Prints diagnostics one per line on standard error.
func report(_ diagnostics: [Diagnostic]) {
    for d in diagnostics.sortedForDisplay() {
        FileHandle.standardError.write(Data((d.description + "\n").utf8))
    }
}
