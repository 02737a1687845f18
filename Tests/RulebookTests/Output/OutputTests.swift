import Foundation
import Testing
@testable import Rulebook

/// Outputs written whole or not at all, devices written through, failures named.
@Suite struct OutputFileTests {
    static func folder() throws -> String { try TemporaryFolder.make("output") }

    static func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aFileIsReplacedOnlyOnCommit() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/report.jsonl"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let f = try OutputFile(path: path)
        f.output.write("new")
        try f.output.finish()
        #expect(Self.text(path) == "old")
        let temp = try #require(f.temporary)
        #expect(temp == dir + "/.report.jsonl.\(getpid()).tmp")
        #expect(TemporaryFiles.livePaths.contains(temp))  // removed on a signal
        try f.commit()
        #expect(Self.text(path) == "new")
        #expect(!TemporaryFiles.livePaths.contains(temp))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["report.jsonl"])
    }

    @Test func aDiscardedOutputLeavesTheTargetAsItWas() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/report.jsonl"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let f = try OutputFile(path: path)
            f.output.write("half")
        }  // dropped without commit: as when a report throws
        #expect(Self.text(path) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["report.jsonl"])
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
        try "old".write(toFile: dir + "/real/target", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "real/target")
        try FileManager.default.createSymbolicLink(atPath: dir + "/chain", withDestinationPath: "link")
        try OutputFile.write("new", to: dir + "/chain")
        #expect(Self.text(dir + "/real/target") == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/chain") == "link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link") == "real/target")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/real") == ["target"])
    }

    @Test func devicesAreWrittenThrough() throws {
        try OutputFile.write("nothing", to: "/dev/null")
        #expect(throws: IOFailure(path: "/dev/full", action: "cannot write", code: ENOSPC)) {
            try OutputFile.write("too much", to: "/dev/full")
        }
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func failuresNameThePathAsGiven() throws {
        #expect(throws: IOFailure(path: "no/such/dir/r.csv", action: "cannot write", code: ENOENT)) {
            try OutputFile.write("x", to: "no/such/dir/r.csv")
        }
        let out = ByteOutput(fd: STDOUT_FILENO)
        #expect(out.name == "<stdout>")
        #expect("\(IOFailure(path: "report.jsonl", action: "cannot write", code: ENOSPC))"
                == "report.jsonl: error: cannot write: No space left on device")
    }

    /// A full device fails the first write; later writes are not attempted, the first error is kept.
    @Test func byteOutputStopsAtTheFirstFailure() throws {
        let fd = open("/dev/full", O_WRONLY)
        defer { close(fd) }
        let out = ByteOutput(fd: fd, name: "full")
        for _ in 0..<3 { out.write(String(repeating: "x", count: 1 << 20)) }  // whole blocks, on the writer thread
        #expect(out.hasFailed)
        #expect(throws: IOFailure(path: "full", action: "cannot write", code: ENOSPC)) { try out.finish() }
    }
}

@Suite struct SameFileCheckTests {
    @Test func theSameFileUnderAnyNameIsRefused() throws {
        let dir = try OutputFileTests.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "a,b\n".write(toFile: dir + "/cases.csv", atomically: false, encoding: .utf8)
        try FileManager.default.linkItem(atPath: dir + "/cases.csv", toPath: dir + "/hard.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/soft.csv", withDestinationPath: "cases.csv")
        let cases = PathOption("--cases", dir + "/cases.csv")
        for same in ["/cases.csv", "/./cases.csv", "/hard.csv", "/soft.csv", "/../" + (dir as NSString).lastPathComponent + "/cases.csv"] {
            #expect(throws: SameFileCheck.Conflict.self, "\(same)") {
                try SameFileCheck.check(inputs: [cases], outputs: [PathOption("-o", dir + same)])
            }
        }
        // Two outputs not yet created, spelled differently.
        #expect(throws: SameFileCheck.Conflict.self) {
            try SameFileCheck.check(inputs: [cases], outputs: [PathOption("-o", dir + "/r.csv"), PathOption("--rejects", dir + "/./r.csv")])
        }
        // An output through a dangling link to an output.
        try FileManager.default.createSymbolicLink(atPath: dir + "/later", withDestinationPath: "r.csv")
        #expect(throws: SameFileCheck.Conflict.self) {
            try SameFileCheck.check(inputs: [], outputs: [PathOption("-o", dir + "/r.csv"), PathOption("--rejects", dir + "/later")])
        }
        try SameFileCheck.check(inputs: [cases, PathOption("--cases", "-")],
                                outputs: [PathOption("-o", dir + "/r.csv"), PathOption("--rejects", dir + "/s.csv")])
    }

    @Test func devicesMayBeShared() throws {
        try SameFileCheck.check(inputs: [PathOption("--cases", "/dev/null")],
                                outputs: [PathOption("-o", "/dev/null"), PathOption("--rejects", "/dev/null")])
    }

    @Test func theMessageNamesBothOptions() {
        let c = SameFileCheck.Conflict(output: PathOption("-o", "x.csv"), other: PathOption("--cases", "./x.csv"), otherIsOutput: false)
        #expect(c.description == "-o and --cases name the same file ('x.csv' and './x.csv'): writing it would replace the input")
        #expect(ExitStatus.ending(for: c)?.code == 64)
    }
}

@Suite struct TemporaryFilesTests {
    @Test func registeredPathsAreListedUntilUnregistered() {
        let path = "/tmp/rulebook-registry-\(UUID().uuidString)"
        let r = TemporaryFiles.register(path)
        #expect(TemporaryFiles.livePaths.contains(path))
        TemporaryFiles.unregister(r)
        #expect(!TemporaryFiles.livePaths.contains(path))
        // Too long for a slot: not recorded, nothing breaks.
        let long = TemporaryFiles.register("/" + String(repeating: "x", count: 5000))
        #expect(long.slot == nil)
        TemporaryFiles.unregister(long)
    }
}

/// A full or unusable temporary folder while findings spill: an I/O failure naming the folder.
@Suite struct SpillFailureTests {
    @Test func aFullSpillFileIsAnIOFailure() throws {
        let spill = SpillFile(fd: open("/dev/full", O_RDWR), directory: "/tmp")
        #expect(throws: IOFailure(path: "/tmp", action: "cannot write a temporary file", code: ENOSPC)) {
            try spill.append([1, 2, 3])
        }
    }

    @Test(arguments: [1, 2])
    func anUnusableTemporaryFolderFailsTheRun(threads: Int) throws {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        var run = EvaluationRun(casesPath: "fixtures/s1/cases.csv", roster: try RosterReader.load(path: "fixtures/s1/roster.csv"),
                                asOf: Timestamp(seconds: 1_790_000_000, offsetSeconds: 28_800))
        run.threads = threads
        run.findingRunSize = 2
        run.temporaryDirectory = "/dev/null/tmp"
        #expect(throws: IOFailure(path: "/dev/null/tmp", action: "cannot create a temporary file", code: ENOTDIR)) {
            _ = try run.run(policy)
        }
    }
}

@Suite struct EvaluationGateTests {
    static func report(read: Int, rejected: Int) throws -> EvaluationReport {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let run = EvaluationRun(casesPath: "fixtures/s1/bad/header-only.csv", roster: try RosterReader.load(path: "fixtures/s1/roster.csv"),
                                asOf: Timestamp(seconds: 1_790_000_000, offsetSeconds: 28_800), collectRejects: true)
        var r = try run.run(policy)
        r.rowsRead = read
        r.rowsRejected = rejected
        r.rowsEvaluated = read - rejected
        r.inputFile = "cases.csv"
        return r
    }

    @Test func everyRowRejectedIsBadInput() throws {
        let e = #expect(throws: DiagnosticError.self) {
            _ = try EvaluationGate.check(try Self.report(read: 3, rejected: 3), rejectsPath: "r.csv")
        }
        #expect(e?.description == "cases.csv:1:1: error: no row could be evaluated: all 3 rows were set aside in r.csv")
        #expect(throws: DiagnosticError.self) { _ = try EvaluationGate.check(try Self.report(read: 1, rejected: 1), rejectsPath: "r.csv") }
    }

    @Test func someRowsRejectedIsANote() throws {
        #expect(try EvaluationGate.check(try Self.report(read: 5, rejected: 2), rejectsPath: "r.csv")
                == "note: 2 of 5 rows set aside in r.csv; the verdict covers the rest")
        #expect(try EvaluationGate.check(try Self.report(read: 5, rejected: 0), rejectsPath: "r.csv") == nil)
        #expect(try EvaluationGate.check(try Self.report(read: 0, rejected: 0), rejectsPath: "r.csv") == nil)  // an empty export
    }
}
