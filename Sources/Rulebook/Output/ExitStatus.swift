import Foundation
import Synchronization

/// The exit codes, decided for the whole tool: 0 fine; 1 violations, differences or failed
/// policy tests; 2 bad input (including a file that does not exist or cannot be opened); 64 a
/// usage error (the argument parser's); 74 an I/O error (an output that cannot be written, an
/// input that fails while being read).
package enum ExitStatus {
    static let ok: Int32 = 0
    package static let findings: Int32 = 1
    package static let badInput: Int32 = 2
    static let usage: Int32 = 64
    package static let ioError: Int32 = 74

    /// How a command that threw `error` ends: its exit code and what to print on standard
    /// error (nothing for standard output closed by its reader). Nil for errors the argument
    /// parser reports itself (`ValidationError`, exit codes). Two options naming the same file
    /// are a usage error: the command line is what must change.
    package static func ending(for error: Error) -> (code: Int32, message: String)? {
        switch error {
        case let e as DiagnosticError:
            return (badInput, e.diagnostics.sortedForDisplay().map { $0.description + "\n" }.joined())
        case let e as SameFileCheck.Conflict:
            return (usage, "Error: \(e)\n")
        case let e as IOFailure:
            return (ioError, e.isClosedStandardOutput ? "" : e.description + "\n")
        default:
            return nil
        }
    }
}

/// Standard error, written at once with `write(2)` (unbuffered, as notes and diagnostics must
/// not wait), remembering whether a write failed: the tool then exits 74, since what it had
/// to say was lost.
package enum StandardError {
    private static let failure = Mutex<IOFailure?>(nil)

    package static func write(_ text: String) {
        guard !text.isEmpty else { return }
        let bytes = Array(text.utf8)
        if let code = ByteOutput.writeAll(STDERR_FILENO, bytes) {
            failure.withLock { $0 = $0 ?? IOFailure(path: StandardStreams.errorName, action: "cannot write", code: code) }
        }
    }

    /// The first failed write, if any.
    package static var failed: IOFailure? { failure.withLock { $0 } }
}
