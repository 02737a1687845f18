import Foundation

/// Paths in the package, for tests that read fixtures and shipped rules.
enum Paths {
    /// The package root, and the working directory for tests that use relative paths (as a
    /// user would from the repository root).
    static let root: String = {
        let url = URL(fileURLWithPath: #filePath)
        let root = url.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        _ = FileManager.default.changeCurrentDirectoryPath(root)
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

/// Runs the built tool. `stdin`: what it reads on standard input (else nothing: /dev/null);
/// `environment`: added to this process's; `stdoutPath`, `stderrPath`: open those files as
/// its standard output or error (`/dev/full`) instead of capturing them.
func runRulebook(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                 stdoutPath: String? = nil, stderrPath: String? = nil) throws -> CommandResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Paths.binary)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: Paths.root)
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    let input = Pipe()
    if let stdoutPath { p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath)) } else { p.standardOutput = out }
    if let stderrPath { p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath)) } else { p.standardError = err }
    p.standardInput = stdin == nil ? FileHandle.nullDevice : input
    try p.run()
    if let stdin {
        // Written from another thread, so that a large input cannot stall against a large output.
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
    }
    // Read before waiting so a large output cannot fill the pipe and stall the child.
    let o = Locked(Data())
    var e = Data()
    let group = DispatchGroup()
    if stdoutPath == nil {
        group.enter()
        Thread { o.value = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }.start()
    }
    if stderrPath == nil {
        e = err.fileHandleForReading.readDataToEndOfFile()
    }
    group.wait()
    p.waitUntilExit()
    return CommandResult(status: p.terminationStatus, stdout: String(decoding: o.value, as: UTF8.self),
                         stderr: String(decoding: e, as: UTF8.self))
}
