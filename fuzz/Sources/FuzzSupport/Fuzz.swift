import CFuzzer
import Foundation
@testable import Rulebook

/// What every harness shares: where the shipped files are, a fixed as-of instant, and the
/// rule for what counts as a finding.
///
/// A finding is a crash (a Swift trap, a signal), a hang (libFuzzer's `-timeout`) or a memory
/// blow-up (`-rss_limit_mb`, `-malloc_limit_mb`). A thrown error is bad input correctly refused,
/// a normal outcome. With `RULEBOOK_FUZZ_STRICT=1`, an error of a type the API does not
/// promise (anything but `DiagnosticError` from a loader, say) is a finding too: the CLI would
/// print it without a file and line.
public enum Fuzz {
    /// The repository: `RULEBOOK_ROOT`, else three folders above this source file
    /// (`fuzz/Sources/FuzzSupport/`), as compiled in.
    public static let root: String = {
        if let r = ProcessInfo.processInfo.environment["RULEBOOK_ROOT"], !r.isEmpty { return r }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `relative` inside the repository.
    public static func path(_ relative: String) -> String { root + "/" + relative }

    static let strict = ProcessInfo.processInfo.environment["RULEBOOK_FUZZ_STRICT"] == "1"

    /// The as-of instant of every run, so that an input always gives the same result (the
    /// shipped policy tests use the same one).
    public static let asOf: Timestamp = {
        let zone = Zone(identifier: "Asia/Shanghai")!
        return zone.timestamp(date: CivilDate(year: 2026, month: 11, day: 30)!, secondOfDay: 18 * 3600)
    }()

    /// Hands the process to libFuzzer (its usual flags and arguments apply), which calls `body`
    /// with each input. `expected` are the error types the code under test may throw for bad
    /// input besides `DiagnosticError`; others are findings only in strict mode.
    public static func main(expected: [Error.Type] = [], _ body: @escaping ([UInt8]) throws -> Void) -> Never {
        harness = (expected, body)
        // The readers allocate megabyte windows for every input; served by mmap, each run
        // pays for zeroed fresh pages (measured: 7 times slower). Keep them on the heap.
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }

    /// Set once, before libFuzzer starts calling `testOneInput`.
    nonisolated(unsafe) static var harness: (expected: [Error.Type], body: ([UInt8]) throws -> Void)?

    static let testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { data, size in
        Fuzz.one(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }

    @inline(never)
    static func one(_ bytes: [UInt8]) {
        let (expected, body) = harness!
        do {
            try body(bytes)
        } catch is DiagnosticError {
        } catch {
            if strict, !expected.contains(where: { type(of: error) == $0 }) {
                fatalError("unexpected error type \(type(of: error)): \(error)")
            }
        }
    }

    /// A setup step that must work (a shipped file that must load): stops with its error,
    /// which points at a broken checkout or `RULEBOOK_ROOT`, not at the input.
    public static func setUp<T>(_ what: String, _ body: () throws -> T) -> T {
        do {
            return try body()
        } catch {
            fatalError("fuzz setup: cannot load \(what) (RULEBOOK_ROOT=\(root)): \(error)")
        }
    }

    /// A shipped policy, compiled, with its fixture roster when it has one.
    public static func shippedPolicy(_ rules: String, roster: String?) -> (CompiledPolicy, Roster?) {
        let policy = setUp(rules) { try PolicyCompiler.compile(path: path(rules)) }
        let people = roster.map { r in setUp(r) { try RosterReader.load(path: path(r)) } }
        return (policy, people)
    }
}
