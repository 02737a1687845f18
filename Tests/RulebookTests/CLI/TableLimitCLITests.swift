import Foundation
import Testing
@testable import Rulebook
import RulebookBench

/// `eval --format table` on a terminal lists the worst rows of each list, bounded, and says
/// how many more there are; to a pipe or a file it lists every row. `--limit` and `--all`
/// decide either way. The terminal is a pseudo-terminal (`script`), not a timed run.
@Suite struct TableLimitCLITests {
    @Test func aTerminalGetsABoundedTableAPipeGetsItAll() throws {
        _ = Paths.root
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-limit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = ByteOutput.memory()
        CaseGenerator(policy: .s1, seed: 5).write(count: 1_500, format: .csv, to: out)
        try out.text.write(toFile: "\(dir)/cases.csv", atomically: true, encoding: .utf8)
        try CaseGenerator(policy: .s1, seed: 5).roster().write(toFile: "\(dir)/roster.csv", atomically: true, encoding: .utf8)
        let args = ["eval", "--rules", "rules/s1-complaint-handling.yaml", "--cases", "\(dir)/cases.csv", "--roster", "\(dir)/roster.csv",
                    "--as-of", "2026-12-31T18:00+08:00", "--lang", "en"]
        let env = ["RULEBOOK_PROGRESS_AFTER": "3600"]

        let piped = try runRulebook(args + ["--format", "table"], environment: env)
        #expect(piped.status == 0)
        let breachedRows = Self.rows(piped.stdout, "Breached and overdue")
        #expect(breachedRows > 60, "\(breachedRows)")
        #expect(!piped.stdout.contains("worst first") && !piped.stdout.contains("more rows not shown"))

        // On a terminal: table by default, 50 rows a list, the rest counted.
        let terminal = try ProgressLineTests.runOnATerminal(args, environment: env)
        #expect(terminal.status == 0)
        let text = terminal.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(text.contains("Breached and overdue (the 50 worst of \(breachedRows), worst first)"), "\(text.prefix(2000))")
        #expect(text.contains("… \(breachedRows - 50) more rows not shown: --all lists every row, --limit N the N worst"))
        #expect(Self.rows(text, "Breached and overdue") == 50)
        // The worst first: open and overdue before any step done late.
        let listed = Self.lines(text, "Breached and overdue")
        let firstBreached = listed.firstIndex { $0.contains(" breached ") } ?? listed.count
        #expect(listed[firstBreached...].allSatisfy { !$0.contains(" overdue ") })

        // --all on a terminal is the piped table; --limit to a pipe bounds it.
        let all = try ProgressLineTests.runOnATerminal(args + ["--all"], environment: env)
        #expect(all.stdout.replacingOccurrences(of: "\r\n", with: "\n") == piped.stdout)
        let three = try runRulebook(args + ["--format", "table", "--limit", "3"], environment: env)
        #expect(Self.rows(three.stdout, "Breached and overdue") == 3)
        #expect(three.stdout.contains("(the 3 worst of \(breachedRows), worst first)"))
        // The ledger is never bounded.
        #expect(three.stdout.components(separatedBy: "\nLedger (CNY)\n").last == piped.stdout.components(separatedBy: "\nLedger (CNY)\n").last)

        let bad = try runRulebook(args + ["--limit", "0"])
        #expect(bad.status == 64 && bad.stderr.contains("--limit must be at least 1"))
        let both = try runRulebook(args + ["--limit", "5", "--all"])
        #expect(both.status == 64)
    }

    /// The rows of the list titled `title`: the lines between its rule line and a blank line
    /// or the "more" line.
    static func lines(_ text: String, _ title: String) -> [String] {
        guard let start = text.range(of: "\n" + title) else { return [] }
        let after = text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3)
        return after.prefix { !$0.isEmpty && !$0.hasPrefix("…") }.map(String.init)
    }

    static func rows(_ text: String, _ title: String) -> Int { lines(text, title).count }
}
