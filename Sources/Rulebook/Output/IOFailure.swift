import Foundation

/// An output that could not be written (a full disk, a closed pipe, a target that cannot be
/// created) or an input that failed while being read: not bad input but the system's failure,
/// so the command exits 74 (sysexits' EX_IOERR) with `path: error: what: reason`.
package struct IOFailure: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file as the user named it; `<stdout>`, `<stderr>`; the temporary folder for spill runs.
    var path: String
    /// What failed: `cannot write`, `cannot read`, `cannot create a temporary file`.
    var action: String
    /// The system's error number.
    var code: Int32

    init(path: String, action: String, code: Int32) {
        self.path = path
        self.action = action
        self.code = code
    }

    /// The system's reason (`No space left on device`).
    var reason: String { String(cString: strerror(code)) }

    package var description: String { "\(path): error: \(action): \(reason)" }

    /// Standard output closed by its reader (`rulebook check … | head`): the command stops
    /// quietly, as other Unix tools do, with exit code 74 (see README, exit codes).
    var isClosedStandardOutput: Bool { code == EPIPE && path == StandardStreams.outputName }
}

/// The names messages give the standard streams.
enum StandardStreams {
    static let outputName = "<stdout>"
    static let errorName = "<stderr>"

    /// `<stdout>`, `<stderr>`, or `<fd N>`.
    static func name(ofDescriptor fd: Int32) -> String {
        fd == STDOUT_FILENO ? outputName : fd == STDERR_FILENO ? errorName : "<fd \(fd)>"
    }
}
