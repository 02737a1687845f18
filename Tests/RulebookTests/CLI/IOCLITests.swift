import Foundation
import Testing
@testable import Rulebook
import RulebookBench

/// Files, exits and streams: an output never replaces an input or another output, devices and
/// FIFOs are written through, a failed write exits 74 naming the output, standard input works
/// on every thread count, and a signal leaves no temporary file behind.
@Suite(.serialized) struct IOCLITests {
    static let s1 = ["--rules", "rules/s1-complaint-handling.yaml", "--roster", "fixtures/s1/roster.csv",
                     "--as-of", "2026-11-30T18:00+08:00"]

    static func folder() throws -> String { try TemporaryFolder.make("io") }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    // MARK: Standard output full (/dev/full) or closed

    static let full = "<stdout>: error: cannot write: No space left on device\n"

    @Test(arguments: [
        ["validate", "rules/"],
        ["graph", "rules/s1-complaint-handling.yaml"],
        ["test", "rules/"],
        ["explain", "--case", "2609-01", "--cases", "fixtures/s1/cases.csv"] + s1,
        ["diff", "--rules", "rules/s1-complaint-handling.yaml", "--against", "fixtures/diff/s1-four-days.yaml",
         "--cases", "fixtures/s1/cases.csv", "--roster", "fixtures/s1/roster.csv", "--as-of", "2026-11-30T18:00+08:00"],
        ["eval", "--cases", "fixtures/s1/cases.csv"] + s1,
        ["eval", "--cases", "fixtures/s1/cases.csv", "--format", "table"] + s1,
        ["check", "--cases", "fixtures/s1/cases.csv"] + s1,
        ["validate", "fixtures/broken/policies/unknown-key.yaml"],  // the summary line of a failed validation
    ])
    func aFullStandardOutputExits74(_ arguments: [String]) throws {
        let r = try runRulebook(arguments, stdoutPath: "/dev/full")
        #expect(r.status == 74, "\(arguments): \(r.stderr)")
        #expect(r.stderr.hasSuffix(Self.full), "\(arguments): \(r.stderr)")
    }

    /// `check` with violations to a full output is not "violations" (1): nothing was said.
    @Test func checkToAFullOutputIsNotAVerdict() throws {
        let r = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv"] + Self.s1, stdoutPath: "/dev/full")
        #expect(r.status == 74 && r.stderr == Self.full)
    }

    @Test func aFullStandardErrorExits74() throws {
        // The diagnostics of a broken file could not be said: not a plain "bad input".
        let broken = try runRulebook(["validate", "fixtures/broken/policies/unknown-key.yaml"], stderrPath: "/dev/full")
        #expect(broken.status == 74)
        // check's note about the current time, lost.
        let note = try runRulebook(["check", "--rules", "rules/s1-complaint-handling.yaml", "--roster", "fixtures/s1/roster.csv",
                                    "--cases", "fixtures/s1/bad/compliant.csv"], stderrPath: "/dev/full")
        #expect(note.status == 74)
        // Nothing to say on standard error: the verdict stands.
        let quiet = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv"] + Self.s1, stderrPath: "/dev/full")
        #expect(quiet.status == 1)
    }

    /// A reader that stops reading (`| head`): quiet, exit 74 (see README), no trap.
    @Test func aClosedStandardOutputEndsQuietly() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Paths.binary)
        p.arguments = ["generate", "--policy", "s1", "--count", "20000"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try out.fileHandleForReading.close()  // no reader at all: the first full pipe fails
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 74)
        #expect(e.isEmpty, "\(String(decoding: e, as: UTF8.self))")
    }

    // MARK: Outputs

    @Test func outputsThatAreNotRegularFilesAreWrittenThrough() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reference = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv"] + Self.s1).stdout

        // /dev/null: written, still a device.
        let null = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "-o", "/dev/null", "--rejects", "/dev/null"] + Self.s1)
        #expect(null.status == 0, "\(null.stderr)")
        // /dev/full: 74 naming it; the device is left a device.
        let full = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "-o", "/dev/full"] + Self.s1)
        #expect(full.status == 74)
        #expect(full.stderr == "/dev/full: error: cannot write: No space left on device\n")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)

        // A FIFO: its reader gets the report; it stays a FIFO, no temporary file beside it.
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let got = Locked(Data())
        // The semaphore orders the reader's write before the test's read (ThreadSanitizer saw a
        // race when the test polled `isFinished` instead).
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            got.value = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            done.signal()
        }
        reader.start()
        let r = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "-o", fifo] + Self.s1)
        done.wait()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(String(decoding: got.value, as: UTF8.self) == reference)
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["pipe"])

        // A symbolic link: its target is replaced, the link stays (also when the target is new).
        try "old".write(toFile: dir + "/target.jsonl", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.jsonl", withDestinationPath: "target.jsonl")
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.jsonl", withDestinationPath: "new.jsonl")
        for link in ["link.jsonl", "dangling.jsonl"] {
            let l = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "-o", dir + "/" + link] + Self.s1)
            #expect(l.status == 0, "\(l.stderr)")
            #expect(lstat(dir + "/" + link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        }
        #expect(String(decoding: Self.bytes(dir + "/target.jsonl") ?? Data(), as: UTF8.self) == reference)
        #expect(String(decoding: Self.bytes(dir + "/new.jsonl") ?? Data(), as: UTF8.self) == reference)
    }

    @Test func aFileThatIsReplacedKeepsItsPermissions() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/report.jsonl"
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        chmod(out, 0o640)
        let r = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "-o", out] + Self.s1)
        #expect(r.status == 0)
        var info = stat()
        #expect(stat(out, &info) == 0 && info.st_mode & 0o777 == 0o640)
    }

    @Test func anOutputThatCannotBeCreatedExits74() throws {
        let r = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "-o", "/no/such/folder/r.jsonl"] + Self.s1)
        #expect(r.status == 74)
        #expect(r.stderr == "/no/such/folder/r.jsonl: error: cannot write: No such file or directory\n")
    }

    // MARK: Refusals

    @Test func anOutputThatIsAnInputOrAnotherOutputIsRefused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases = dir + "/cases.csv"
        try FileManager.default.copyItem(atPath: "fixtures/s1/cases.csv", toPath: cases)
        try FileManager.default.copyItem(atPath: "fixtures/s1/roster.csv", toPath: dir + "/roster.csv")
        try FileManager.default.copyItem(atPath: "rules/s1-complaint-handling.yaml", toPath: dir + "/policy.yaml")
        try FileManager.default.linkItem(atPath: cases, toPath: dir + "/hard.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/soft.csv", withDestinationPath: "cases.csv")
        let original = Self.bytes(cases)
        let base = ["--cases", cases, "--rules", "rules/s1-complaint-handling.yaml", "--roster", dir + "/roster.csv",
                    "--as-of", "2026-11-30T18:00+08:00"]
        let calendar = Paths.root + "/rules/calendars/cn-office.yaml"
        let calendarBefore = Self.bytes(calendar)
        for (command, extra, says) in [
            ("eval", ["-o", cases], "-o and --cases name the same file"),
            ("eval", ["-o", dir + "/./cases.csv"], "-o and --cases name the same file"),
            ("eval", ["-o", dir + "/hard.csv"], "-o and --cases name the same file"),
            ("eval", ["-o", dir + "/soft.csv"], "-o and --cases name the same file"),
            ("check", ["--rejects", cases], "--rejects and --cases name the same file"),
            ("eval", ["--rejects", dir + "/roster.csv"], "--rejects and --roster name the same file"),
            ("eval", ["-o", "rules/calendars/cn-office.yaml"], "-o and the policy's calendar name the same file"),
            ("eval", ["-o", dir + "/r.csv", "--rejects", dir + "/./r.csv"], "--rejects and -o name the same file"),
        ] {
            let r = try runRulebook([command] + base + extra)
            #expect(r.status == 64, "\(extra): \(r.stderr)")
            #expect(r.stderr.hasPrefix("Error: \(says)"), "\(extra): \(r.stderr)")
        }
        let rules = try runRulebook(["eval", "--cases", cases, "--rules", dir + "/policy.yaml", "--roster", dir + "/roster.csv",
                                     "-o", dir + "/policy.yaml"])
        #expect(rules.status == 64 && rules.stderr.hasPrefix("Error: -o and --rules name the same file"))
        #expect(Self.bytes(cases) == original && Self.bytes(calendar) == calendarBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                == ["cases.csv", "hard.csv", "policy.yaml", "roster.csv", "soft.csv"])
        let gen = try runRulebook(["generate", "--policy", "s1", "--count", "3", "-o", dir + "/g.csv", "--roster", dir + "/./g.csv"])
        #expect(gen.status == 64)
    }

    @Test(arguments: [
        ["eval", "--rules", "", "--cases", "fixtures/s1/cases.csv"],
        ["eval", "--rules", "rules/s1-complaint-handling.yaml", "--cases", ""],
        ["eval", "--cases", "fixtures/s1/cases.csv", "-o", ""] + s1,
        ["eval", "--cases", "fixtures/s1/cases.csv", "--rejects", ""] + s1,
        ["check", "--cases", "fixtures/s1/cases.csv", "--rules", "rules/s1-complaint-handling.yaml", "--roster", ""],
        ["explain", "--case", "x", "--cases", "", "--rules", "rules/s1-complaint-handling.yaml"],
        ["diff", "--rules", "", "--against", "rules/s1-complaint-handling.yaml", "--cases", "fixtures/s1/cases.csv"],
        ["diff", "--rules", "rules/s1-complaint-handling.yaml", "--against", "", "--cases", "fixtures/s1/cases.csv"],
        ["validate", ""],
        ["graph", ""],
        ["test", ""],
        ["generate", "--policy", "s1", "--count", "1", "-o", ""],
    ])
    func anEmptyPathIsAUsageError(_ arguments: [String]) throws {
        let r = try runRulebook(arguments)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains("needs a path, not an empty string"), "\(arguments): \(r.stderr)")
    }

    @Test func commandsThatReadTheExportTwiceRefuseStandardInput() throws {
        let explain = try runRulebook(["explain", "--case", "2609-01", "--cases", "-"] + Self.s1, stdin: "")
        #expect(explain.status == 64 && explain.stderr.contains("standard input can be read once"))
        let diff = try runRulebook(["diff", "--rules", "rules/s1-complaint-handling.yaml", "--against", "rules/s1-complaint-handling.yaml",
                                    "--cases", "-"], stdin: "")
        #expect(diff.status == 64 && diff.stderr.contains("standard input can be read once"))
    }

    // MARK: Inputs

    @Test func anInputFailingWhileReadExits74() throws {
        // Reading this process's memory at address 0 fails with EIO.
        let r = try runRulebook(["eval", "--cases", "/proc/self/mem"] + Self.s1)
        #expect(r.status == 74)
        #expect(r.stderr == "/proc/self/mem: error: cannot read: Input/output error\n")
    }

    // MARK: Rejected rows

    /// `eval` over no evaluable row is bad input (2); `check` fails its verdict (1) unless
    /// `--max-rejects` tolerates the rows set aside.
    @Test func checkOverRowsThatWereAllRejectedIsBadInput() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases = dir + "/all-bad.csv"
        let lines = try String(contentsOfFile: "fixtures/s1/bad/bad-date.csv", encoding: .utf8).split(separator: "\n")
        try ([String(lines[0])] + lines.dropFirst().filter { $0.contains("2026-13-01") }.map(String.init)).joined(separator: "\n")
            .appending("\n").write(toFile: cases, atomically: true, encoding: .utf8)
        for command in ["check", "eval"] {
            let rejects = dir + "/\(command)-rejects.csv", out = dir + "/\(command)-report.jsonl"
            let r = try runRulebook([command, "--cases", cases, "--rejects", rejects] + Self.s1 + (command == "eval" ? ["-o", out] : []))
            if command == "check" {
                #expect(r.status == 1, "\(r.stderr)")
                #expect(r.stderr.hasPrefix("\(cases):1:1: error: 1 of 1 rows were set aside in \(rejects), more than --max-rejects allows (0 rows): the verdict does not cover the export"),
                        "\(r.stderr)")
                let tolerated = try runRulebook([command, "--cases", cases, "--rejects", rejects, "--max-rejects", "100%"] + Self.s1)
                #expect(tolerated.status == 0, "\(tolerated.stderr)")
                #expect(tolerated.stderr.contains("note: 1 of 1 rows set aside"))
            } else {
                #expect(r.status == 2, "\(command): \(r.stderr)")
                #expect(r.stderr.hasSuffix("error: no row could be evaluated: the only row was set aside in \(rejects)\n"), "\(r.stderr)")
            }
            #expect(Self.bytes(rejects).map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("file,row,column,message\n\(cases),") == true)
            #expect(Self.bytes(out) == nil)
        }
        let some = try runRulebook(["check", "--cases", "fixtures/s1/bad/mixed.csv", "--rejects", dir + "/some.csv", "--max-rejects", "2"] + Self.s1)
        #expect(some.status == 1)
        // 2609-02's received time cannot be read: its week, and so its group, is unknown. 8.6 has
        // two weekly aggregates (QA's and marketing's), each short of both rows.
        #expect(some.stderr == "note: 2 of 5 rows set aside in \(dir)/some.csv; the verdict covers the rest\n"
                + "note: 4 groups are short of rejected rows, so counts over them may be too low: "
                + "weekly-complaints: week=2026-W37 qa_head=陈静 (1 lost), weekly-complaints: (group unknown) (1 lost), "
                + "weekly-complaints-marketing: week=2026-W37 marketing_head=赵强 (1 lost), weekly-complaints-marketing: (group unknown) (1 lost)\n")
    }

    // MARK: Temporary files

    /// Spill runs in a temporary folder where nothing can be created: 74 naming the folder.
    @Test func anUnusableTemporaryFolderExits74() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "x".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
        for threads in ["1", "2"] {
            let r = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "-o", dir + "/r.jsonl"] + Self.s1,
                                    environment: ["TMPDIR": dir + "/file/tmp", "RULEBOOK_FINDING_RUN_SIZE": "3", "RULEBOOK_THREADS": threads])
            #expect(r.status == 74, "\(r.stderr)")
            #expect(r.stderr == "\(dir)/file/tmp: error: cannot create a temporary file: Not a directory\n")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["file"])
    }

    /// SIGTERM or SIGINT while the report is being written: the temporary file is removed, the
    /// earlier report left as it was, no spill file left in the temporary folder.
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalLeavesNoTemporaryFile(_ signal: Int32) throws {
        let dir = try Self.folder(), tmp = try Self.folder()
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: tmp)
        }
        let generator = CaseGenerator(policy: .s1, seed: 5)
        let big = ByteOutput.memory()
        generator.write(count: 4000, format: .csv, to: big)
        try big.text.write(toFile: dir + "/cases.csv", atomically: false, encoding: .utf8)
        try generator.roster().write(toFile: dir + "/roster.csv", atomically: false, encoding: .utf8)
        let report = dir + "/report.json"
        try "the earlier report".write(toFile: report, atomically: false, encoding: .utf8)
        var caught = false
        for _ in 0..<5 where !caught {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Paths.binary)
            p.arguments = ["eval", "--rules", "rules/s1-complaint-handling.yaml", "--cases", dir + "/cases.csv",
                           "--roster", dir + "/roster.csv", "--as-of", "2026-12-31T18:00+08:00", "--format", "json", "-o", report]
            p.currentDirectoryURL = URL(fileURLWithPath: Paths.root)
            p.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": tmp, "RULEBOOK_FINDING_RUN_SIZE": "500"]) { $1 }
            try p.run()
            // Wait for the temporary file, stop the process there, then signal it.
            var temp: String?
            while p.isRunning && temp == nil {
                temp = try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasSuffix(".tmp") }
                if temp == nil { usleep(2000) }
            }
            kill(p.processIdentifier, SIGSTOP)
            if let temp, FileManager.default.fileExists(atPath: dir + "/" + temp) {
                caught = true
                kill(p.processIdentifier, signal)
            }
            kill(p.processIdentifier, SIGCONT)
            p.waitUntilExit()
            if caught {
                #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == signal)
            }
            #expect(String(decoding: Self.bytes(report) ?? Data(), as: UTF8.self) == "the earlier report" || !caught)
            try "the earlier report".write(toFile: report, atomically: false, encoding: .utf8)
        }
        #expect(caught, "the report was always written before the signal")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["cases.csv", "report.json", "roster.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
    }
}
