import ArgumentParser
import Foundation
import Rulebook

/// Every command names itself (`commandName:`): a name derived from the type is worked out
/// with `String(describing:)` of it, which searches the program's conformances; for the
/// commands of one run's parse that was 15 M instructions, about 5 ms of every run.
@main
struct RulebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rulebook",
        abstract: "Evaluate complaint-handling policies declared in YAML against case exports.",
        version: Rulebook.version,
        subcommands: [Validate.self, Eval.self, Merge.self, Check.self, Explain.self, Test.self, Diff.self, Graph.self, Schema.self, Init.self, Generate.self]
    )

    static func main() {
        // Before anything is written: temporary files go on SIGINT/SIGTERM/SIGHUP, and a
        // closed pipe is a failed write (EPIPE), not a silent death.
        TemporaryFiles.installSignalHandlers()
        main(nil)
    }
}

/// Exit codes shared by the commands (see `ExitStatus`).
enum Exit {
    static let badInput = ExitCode(ExitStatus.badInput)
}

/// Prints diagnostics one per line on standard error.
func report(_ diagnostics: [Diagnostic]) {
    StandardError.write(DiagnosticError(diagnostics).withOptionHints.diagnostics.map { $0.description + "\n" }.joined())
}

extension DiagnosticError {
    /// The library says which input a run was not given (`MissingInput`); after such an
    /// error, a note says which option gives it.
    var withOptionHints: DiagnosticError {
        DiagnosticError(diagnostics.flatMap { d -> [Diagnostic] in
            guard d.severity == .error, let missing = MissingInput.named(in: d.message) else { return [d] }
            switch missing {
            case .roster: return [d, Diagnostic(.note, at: d.location, "give the roster with --roster FILE")]
            }
        })
    }
}

/// Runs a command's work: bad input exits 2 with its diagnostics, an I/O failure 74 with its
/// message; when standard error itself could not be written, the command exits 74 whatever
/// it would have.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        var error = (error as? DiagnosticError).map(\.withOptionHints) ?? error
        if let refused = error as? PolicyChangeRefused {
            error = DiagnosticError([refused.diagnostic, Diagnostic(.note, at: refused.diagnostic.location,
                                                                    "give --allow-policy-change to open from it anyway (the report records it)")])
        }
        guard let ending = ExitStatus.ending(for: error) else {
            if StandardError.failed != nil, error is ExitCode { throw ExitCode(ExitStatus.ioError) }
            throw error
        }
        StandardError.write(ending.message)
        throw ExitCode(StandardError.failed != nil ? ExitStatus.ioError : ending.code)
    }
    if StandardError.failed != nil { throw ExitCode(ExitStatus.ioError) }
}

/// Standard output, written through `ByteOutput` so that a failed write is an error.
func writeStandardOutput(_ text: String) throws {
    let out = ByteOutput(fd: STDOUT_FILENO)
    out.write(text)
    try out.finish()
}

/// An empty path is a usage error for every path option (it would name the current folder).
func requirePath(_ path: String?, _ option: String) throws {
    if path?.isEmpty == true { throw ValidationError("\(option) needs a path, not an empty string") }
}
