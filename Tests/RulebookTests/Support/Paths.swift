import Foundation

/// Paths in the package, for tests that read fixtures and shipped rules.
enum Paths {
    /// The package root, and the working directory for tests that use relative paths (as a
    /// user would from the repository root).
    static let root: String = {
        let url = URL(fileURLWithPath: #filePath)
        let root = url.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        FileManager.default.changeCurrentDirectoryPath(root)
        return root
    }()

    /// The built command-line tool.
    static var binary: String {
        let env = ProcessInfo.processInfo.environment["RULEBOOK_BIN"]
        return env ?? root + "/.build/debug/rulebook"
    }
}

/// Runs the command-line tool and captures what it printed.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

func runRulebook(_ arguments: [String], stdin: String? = nil) throws -> CommandResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Paths.binary)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: Paths.root)
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read before waiting so a large output cannot fill the pipe and stall the child.
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CommandResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                         stderr: String(decoding: e, as: UTF8.self))
}
