import Foundation
import Synchronization
import Testing
@testable import Rulebook
import RulebookBench

/// A long run shows rows read, rate and time on a terminal's standard error, redrawn in place,
/// and clears it; a short run, or standard error that is no terminal, shows nothing.
@Suite struct ProgressLineTests {
    /// A clock the test moves, and what the line wrote.
    final class Harness: Sendable {
        let time = Mutex(0.0)
        let written = Mutex<[String]>([])
        func line(delay: Double = 1) -> ProgressLine {
            ProgressLine(delay: delay, interval: 0.2, now: { self.time.withLock { $0 } }, write: { s in self.written.withLock { $0.append(s) } })
        }
        func at(_ t: Double) { time.withLock { $0 = t } }
        var texts: [String] { written.withLock { $0 } }
    }

    @Test func nothingBeforeTheDelayThenAThrottledLineThenCleared() {
        let h = Harness()
        let line = h.line()
        h.at(0.5); line.update(rows: 4096)
        #expect(h.texts.isEmpty)
        h.at(1.25); line.update(rows: 100_000)
        #expect(h.texts == ["\r100,000 rows read · 80,000 rows/s · 1.3 s\u{1B}[K"])
        h.at(1.3); line.update(rows: 104_096)  // within 0.2 s of the last drawing: not drawn
        #expect(h.texts.count == 1)
        h.at(2.0); line.update(rows: 1_234_567)
        #expect(h.texts.last == "\r1,234,567 rows read · 617,284 rows/s · 2.0 s\u{1B}[K")
        line.finish()
        #expect(h.texts.last == "\r\u{1B}[K")
        line.finish()  // once cleared, nothing more
        #expect(h.texts.count == 3)
    }

    @Test func aShortRunLeavesNoTrace() {
        let h = Harness()
        let line = h.line()
        h.at(0.9); line.update(rows: 8192)
        line.finish()
        #expect(h.texts.isEmpty)
    }

    @Test func groupsDigits() {
        #expect(ProgressLine.grouped(0) == "0")
        #expect(ProgressLine.grouped(999) == "999")
        #expect(ProgressLine.grouped(1000) == "1,000")
        #expect(ProgressLine.grouped(-1_000_000) == "-1,000,000")
    }

    /// The CLI under a pseudo-terminal: `eval` with standard error on a terminal draws the line
    /// (from the start, with RULEBOOK_PROGRESS_AFTER=0) and clears it; with standard error a
    /// pipe, the same run writes no progress at all. The report is the same either way.
    @Test(arguments: [1, 2])
    func theCLIShowsProgressOnATerminalOnly(threads: Int) throws {
        _ = Paths.root
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-progress-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = ByteOutput.memory()
        CaseGenerator(policy: .s1, seed: 3).write(count: 9_000, format: .csv, to: out)
        try out.text.write(toFile: "\(dir)/cases.csv", atomically: true, encoding: .utf8)
        try CaseGenerator(policy: .s1, seed: 3).roster().write(toFile: "\(dir)/roster.csv", atomically: true, encoding: .utf8)
        func args(_ report: String) -> [String] {
            ["eval", "--rules", "rules/s1-complaint-handling.yaml", "--cases", "\(dir)/cases.csv", "--roster", "\(dir)/roster.csv",
             "--as-of", "2026-12-31T18:00+08:00", "--format", "csv", "-o", "\(dir)/\(report)"]
        }
        let env = ["RULEBOOK_PROGRESS_AFTER": "0", "RULEBOOK_THREADS": "\(threads)"]

        let terminal = try Self.runOnATerminal(args("on-terminal.csv"), environment: env)
        #expect(terminal.status == 0, "\(terminal.stdout)")
        #expect(terminal.stdout.contains(" rows read · "), "\(terminal.stdout)")
        // The first update (4,096 rows) draws at once; the next ones only 0.2 s after it, which a
        // fast machine's 9,000 rows do not last (the redraw interval is tested above, on a
        // clock the test moves).
        #expect(terminal.stdout.contains("4,096 rows read"), "\(terminal.stdout)")
        #expect(terminal.stdout.hasSuffix("\r\u{1B}[K"), "the line is cleared at the end: \(terminal.stdout.debugDescription)")

        let piped = try runRulebook(args("piped.csv"), environment: env)
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "\(piped.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/piped.csv")) == Data(contentsOf: URL(fileURLWithPath: "\(dir)/on-terminal.csv")))
    }

    /// Runs the tool on a pseudo-terminal made by `script` (util-linux, in every Debian): what
    /// the tool writes to the terminal comes back as `stdout`.
    static func runOnATerminal(_ arguments: [String], environment: [String: String]) throws -> CommandResult {
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-q", "-e", "-c", ([Paths.binary] + arguments).map(quoted).joined(separator: " "), "/dev/null"]
        p.currentDirectoryURL = URL(fileURLWithPath: Paths.root)
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CommandResult(status: p.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }
}
