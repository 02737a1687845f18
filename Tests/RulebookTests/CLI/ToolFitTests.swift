import Foundation
import Testing
@testable import Rulebook

/// The frictions a new user met (issue "Fit the tools people already use"): gates that passed on
/// garbage, money `--fail-on` could not read, tests that checked nothing, a copied policy that
/// lost its calendar, a diff in raw JSON, `-o report.csv` writing JSON Lines, `graph` unlike
/// every other command.
@Suite(.serialized) struct ToolFitTests {
    static let s1 = ["--rules", "rules/s1-complaint-handling.yaml", "--roster", "fixtures/s1/roster.csv",
                     "--as-of", "2026-11-30T18:00+08:00"]

    // MARK: check's gate

    @Test func failOnReadsMoneyAsAPolicyWritesIt() throws {
        for written in ["25", "25元", "¥25", "25 CNY", "￥25.00"] {
            #expect(CheckRule(parsing: "penalties-over=\(written)") == .penaltiesOver(Money(yuan: 25)), "\(written)")
        }
        #expect(CheckRule(parsing: "penalties-over=120元,per-person-month") == .personMonthOver(Money(yuan: 120)))
        #expect(CheckRule(parsing: "penalties-over=-5") == nil)
        #expect(CheckRule(parsing: "penalties-over=25 dollars") == nil)
        #expect(CheckRule(parsing: "breach") == .breaches)
    }

    @Test func aPersonsMonthIsJudgedOnItsTotal() throws {
        // 王芳 owes 120 in September in fines of 30: no single fine is over 30, the month is.
        let single = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv", "--fail-on", "penalties-over=30元"] + Self.s1)
        #expect(single.status == 0, "\(single.stdout)")
        let month = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv", "--fail-on", "penalties-over=¥30,per-person-month"] + Self.s1)
        #expect(month.status == 1)
        #expect(month.stdout.contains("王芳 2026-09: fines 120.00 CNY in the month, over 30.00 CNY (penalties-over, per person and month)"),
                "\(month.stdout)")
    }

    @Test func rejectAllowances() {
        #expect(RejectAllowance(parsing: "3") == .rows(3))
        #expect(RejectAllowance(parsing: "2.5%") == .share(Fraction(5, 2)!))
        #expect(RejectAllowance(parsing: "101%") == nil)
        #expect(RejectAllowance(parsing: "-1") == nil)
        #expect(RejectAllowance.rows(2).allows(rejected: 2, of: 5))
        #expect(!RejectAllowance.rows(2).allows(rejected: 3, of: 5))
        #expect(RejectAllowance.share(Fraction(40)).allows(rejected: 2, of: 5))
        #expect(!RejectAllowance.share(Fraction(39)).allows(rejected: 2, of: 5))
        #expect(RejectAllowance.share(Fraction(100)).allows(rejected: 5, of: 5))
    }

    /// A CI system reads the report, not only the exit code: rows set aside beyond the
    /// allowance are a failure there too, at the export's first line.
    @Test func tooManyRejectsFailTheCIReportsToo() throws {
        let dir = try TemporaryFolder.make("fit")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["check", "--cases", "fixtures/s1/bad/mixed.csv", "--rejects", dir + "/rejects.csv"] + Self.s1
        let sarif = try runRulebook(args + ["--format", "sarif"])
        #expect(sarif.status == 1)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let rejected = results.filter { $0["ruleId"] as? String == "max-rejects" }
        #expect(rejected.count == 1)
        #expect((rejected.first?["message"] as? [String: Any])?["text"] as? String
                == "fixtures/s1/bad/mixed.csv:1:1: error: 2 of 5 rows were set aside in \(dir)/rejects.csv, more than --max-rejects allows (0 rows): the verdict does not cover the export")
        let junit = try runRulebook(args + ["--format", "junit"])
        #expect(junit.stdout.contains("<testcase name=\"max-rejects\""))
        #expect(junit.stdout.contains("<failure type=\"over-limit\" message=\"fixtures/s1/bad/mixed.csv:1:1: error: 2 of 5 rows were set aside"))
        // Tolerated: the rule is listed and passes.
        let tolerated = try runRulebook(args + ["--format", "junit", "--max-rejects", "2"])
        #expect(tolerated.stdout.contains("<testcase name=\"max-rejects\""))
        #expect(!tolerated.stdout.contains("2 of 5 rows were set aside in"))
        let github = try runRulebook(args + ["--format", "github"])
        #expect(github.stdout.contains("file=fixtures/s1/bad/mixed.csv,line=1"))
    }

    @Test func maxRejectsNeedsRejects() throws {
        let r = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv", "--max-rejects", "3"] + Self.s1)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--max-rejects applies with --rejects"))
    }

    // MARK: Policy tests that check something

    static func suite(_ expectations: String) throws -> String {
        let dir = try TemporaryFolder.make("fit")
        let root = FileManager.default.currentDirectoryPath
        let text = """
        suite: fit
        policy: \(root)/rules/s1-complaint-handling.yaml
        roster: \(root)/fixtures/s1/roster.csv
        cases: \(root)/fixtures/s1/cases.csv
        as_of: "2026-11-30T18:00+08:00"
        tests:
          - name: misspelt
            expect:
        \(expectations)
        """
        try text.write(toFile: dir + "/fit.test.yaml", atomically: true, encoding: .utf8)
        return dir + "/fit.test.yaml"
    }

    @Test func anExpectationNamingWhatThePolicyCannotReportIsAnError() throws {
        let file = try Self.suite("""
              absent:
                - { rule: notify-departmnts/penalty }
              findings:
                - { rule: notify-departments, status: mett }
                - { kind: deadlines }
        """)
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        let suite = try PolicyTestLoader.load(path: file)
        let problems = suite.problems(against: try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")).map(\.description)
        #expect(problems == [
            "\(file):10:19: error: rule 'notify-departmnts/penalty' is not one policy s1-complaint-handling can report (did you mean 'notify-departments/penalty'?); an expectation naming it would pass without checking anything",
            "\(file):12:47: error: status 'mett' is not one policy s1-complaint-handling can report (did you mean 'met'?); an expectation naming it could never match",
            "\(file):13:19: error: kind 'deadlines' is not one policy s1-complaint-handling can report (did you mean 'deadline'?); an expectation naming it could never match",
        ])
        let test = try runRulebook(["test", file])
        #expect(test.status == 2)
        #expect(test.stderr.contains("did you mean 'notify-departments/penalty'?"))
        let validate = try runRulebook(["validate", file])
        #expect(validate.status == 2)
        #expect(validate.stdout.contains("did you mean 'met'?") || validate.stderr.contains("did you mean 'met'?"))
    }

    @Test func testsRunAgainstAnEditedCopyOfThePolicy() throws {
        let dir = try TemporaryFolder.make("fit")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // 8.1's fine raised to 25: the shipped test that expects 20 fails against the copy.
        let text = try String(contentsOfFile: "rules/s1-complaint-handling.yaml", encoding: .utf8)
            .replacingOccurrences(of: "calendar: calendars/", with: "calendar: \(FileManager.default.currentDirectoryPath)/rules/calendars/")
            .replacingOccurrences(of: "include: company/", with: "include: \(FileManager.default.currentDirectoryPath)/rules/company/")
            .replacingOccurrences(of: "penalty: { to: marketing_owner, amount: 20 CNY }", with: "penalty: { to: marketing_owner, amount: 25 CNY }")
        try text.write(toFile: dir + "/edited.yaml", atomically: true, encoding: .utf8)
        let shipped = try runRulebook(["test", "rules/tests/s1-complaint-handling.test.yaml"])
        #expect(shipped.status == 0)
        let edited = try runRulebook(["test", "rules/tests/s1-complaint-handling.test.yaml", "--rules", dir + "/edited.yaml"])
        #expect(edited.status == 1, "\(edited.stdout)\(edited.stderr)")
        #expect(edited.stdout.contains("FAIL"))
    }

    // MARK: A policy copied elsewhere

    @Test func aCalendarNotFoundSaysWhereToLook() throws {
        let dir = try TemporaryFolder.make("fit")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: "rules/s1-complaint-handling.yaml", toPath: dir + "/s1.yaml")
        try FileManager.default.createDirectory(atPath: dir + "/company", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "rules/company/penalty-cap.yaml", toPath: dir + "/company/penalty-cap.yaml")  // what it includes
        let r = try runRulebook(["validate", dir + "/s1.yaml"])
        #expect(r.status == 2)
        #expect((r.stdout + r.stderr).contains("unknown calendar 'calendars/cn-office.yaml': no file at \(dir)/calendars/cn-office.yaml (a calendar's path is relative to the policy's folder); "
                                  + "there is rules/calendars/cn-office.yaml: write its path relative to the policy, or copy it beside the policy"),
                "\(r.stdout)\(r.stderr)")
    }

    static func compiled(_ path: String) throws -> CompiledPolicy { try PolicyCompiler.compile(path: path) }

    @Test func diffComparesCalendarsByContentAndShowsAmounts() throws {
        let dir = try TemporaryFolder.make("fit")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = FileManager.default.currentDirectoryPath
        let moved = try String(contentsOfFile: "rules/s1-complaint-handling.yaml", encoding: .utf8)
            .replacingOccurrences(of: "calendar: calendars/cn-office.yaml", with: "calendar: \(root)/rules/calendars/cn-office.yaml")
            .replacingOccurrences(of: "include: company/", with: "include: \(root)/rules/company/")
        try moved.write(toFile: dir + "/moved.yaml", atomically: true, encoding: .utf8)
        try moved.replacingOccurrences(of: "penalty: { to: marketing_owner, amount: 20 CNY }", with: "penalty: { to: marketing_owner, amount: 25 CNY }")
            .write(toFile: dir + "/raised.yaml", atomically: true, encoding: .utf8)
        let same = try StructuralDiff.compare(old: Self.compiled("rules/s1-complaint-handling.yaml"), new: Self.compiled(dir + "/moved.yaml"))
        #expect(same.changes.isEmpty, "\(same.changes)")
        let raised = try StructuralDiff.compare(old: Self.compiled("rules/s1-complaint-handling.yaml"), new: Self.compiled(dir + "/raised.yaml"))
        #expect(raised.changes == [.init(kind: .changed, subject: "deadline notify-departments", details: ["penalty.amount: 20 CNY → 25 CNY"])])
        // An edited calendar is a change even at the same path.
        let cal = try String(contentsOfFile: "rules/calendars/cn-office.yaml", encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/calendars", withIntermediateDirectories: true)
        try cal.write(toFile: dir + "/calendars/cn-office.yaml", atomically: true, encoding: .utf8)
        for parent in ["cn-2025.yaml", "cn-2026.yaml"] {  // what it extends
            try FileManager.default.copyItem(atPath: "rules/calendars/" + parent, toPath: dir + "/calendars/" + parent)
        }
        try FileManager.default.copyItem(atPath: "rules/s1-complaint-handling.yaml", toPath: dir + "/s1.yaml")
        try FileManager.default.createDirectory(atPath: dir + "/company", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "rules/company/penalty-cap.yaml", toPath: dir + "/company/penalty-cap.yaml")  // what it includes
        let copied = try StructuralDiff.compare(old: Self.compiled("rules/s1-complaint-handling.yaml"), new: Self.compiled(dir + "/s1.yaml"))
        #expect(copied.changes.isEmpty)
        // A comment is no change; working hours are.
        try (cal + "\n# edited\n").write(toFile: dir + "/calendars/cn-office.yaml", atomically: true, encoding: .utf8)
        #expect(try StructuralDiff.compare(old: Self.compiled("rules/s1-complaint-handling.yaml"), new: Self.compiled(dir + "/s1.yaml")).changes.isEmpty)
        try cal.replacingOccurrences(of: "13:30-17:30", with: "13:30-18:00")
            .write(toFile: dir + "/calendars/cn-office.yaml", atomically: true, encoding: .utf8)
        let edited = try StructuralDiff.compare(old: Self.compiled("rules/s1-complaint-handling.yaml"), new: Self.compiled(dir + "/s1.yaml"))
        #expect(edited.changes.map(\.subject) == ["policy calendar"])
        #expect(edited.changes.first?.details.first?.hasPrefix("working days and hours sha256:") == true)
    }

    // MARK: A policy editor's loop

    @Test func initGivesAPolicyWhoseTestsPassAtOnce() throws {
        let dir = try TemporaryFolder.make("fit") + "/start"
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let made = try runRulebook(["init", dir])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("next: rulebook test \(dir)"))
        let validate = try runRulebook(["validate", dir])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout.contains("3 files valid (1 policies, 1 calendars, 1 test files)"))
        let test = try runRulebook(["test", dir])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.hasSuffix("4 passed, 0 failed\n"))
        #expect(test.stdout.contains("coverage: my-complaint-policy: 3 of 3 rules named by a test"))
        // The sample export has something to find: a late reply, an unanswered one, a third complaint.
        let check = try runRulebook(["check", "--rules", dir + "/policy.yaml", "--cases", dir + "/cases.csv",
                                     "--roster", dir + "/roster.csv", "--as-of", "2026-12-01T09:00"])
        #expect(check.status == 1)
        #expect(check.stdout.split(separator: "\n").count == 5)
        // A second init overwrites nothing.
        let policyBefore = FileManager.default.contents(atPath: dir + "/policy.yaml")
        try "edited".write(toFile: dir + "/cases.csv", atomically: true, encoding: .utf8)
        let again = try runRulebook(["init", dir])
        #expect(again.status == 2)
        #expect(again.stderr.contains("\(dir)/policy.yaml:1:1: error: already exists"))
        #expect(FileManager.default.contents(atPath: dir + "/policy.yaml") == policyBefore)
        #expect(try String(contentsOfFile: dir + "/cases.csv", encoding: .utf8) == "edited")
    }

    @Test func initWritesAllOrNothing() throws {
        let root = try TemporaryFolder.make("fit")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        // A file where the folder should be.
        try "x".write(toFile: root + "/file", atomically: true, encoding: .utf8)
        let onFile = try runRulebook(["init", root + "/file"])
        #expect(onFile.status == 2)
        #expect(onFile.stderr == "\(root)/file:1:1: error: not a folder: rulebook init writes into a new or existing folder\n")
        // A dangling link where a file would go: refused, its target not created.
        try fm.createDirectory(atPath: root + "/linked", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: root + "/linked/roster.csv", withDestinationPath: root + "/elsewhere.csv")
        #expect(try runRulebook(["init", root + "/linked"]).status == 2)
        #expect(!fm.fileExists(atPath: root + "/elsewhere.csv"))
        #expect(try fm.contentsOfDirectory(atPath: root + "/linked") == ["roster.csv"])
        // A failure half-way (`tests` is a file, so tests/policy.test.yaml cannot be made):
        // nothing is left behind, not even the calendars folder made before it.
        try fm.createDirectory(atPath: root + "/half", withIntermediateDirectories: true)
        try "x".write(toFile: root + "/half/tests", atomically: true, encoding: .utf8)
        let half = try runRulebook(["init", root + "/half"])
        #expect(half.status == 74, "\(half.stderr)")
        #expect(half.stderr.contains("\(root)/half/tests/policy.test.yaml: error: cannot write: Not a directory"), "\(half.stderr)")
        #expect(try fm.contentsOfDirectory(atPath: root + "/half") == ["tests"])
    }

    // MARK: Consistency

    @Test func theOutputsExtensionChoosesTheFormat() throws {
        #expect(try ReportFormat.chosen(given: nil, output: "r.csv", terminal: false) == .csv)
        #expect(try ReportFormat.chosen(given: nil, output: "r.JSON", terminal: true) == .json)
        #expect(try ReportFormat.chosen(given: .ledgerCSV, output: "ledger.csv", terminal: false) == .ledgerCSV)
        #expect(try ReportFormat.chosen(given: nil, output: "report", terminal: false) == .jsonl)
        #expect(try ReportFormat.chosen(given: nil, output: "report.html", terminal: true) == .html)
        #expect(try ReportFormat.chosen(given: nil, output: "Report.HTM", terminal: false) == .html)
        #expect(throws: FormatChoiceError.self) { try ReportFormat.chosen(given: .table, output: "r.html", terminal: false) }
        #expect(try ReportFormat.chosen(given: nil, output: nil, terminal: true) == .table)
        #expect(throws: FormatChoiceError.self) { try ReportFormat.chosen(given: .json, output: "r.csv", terminal: false) }
        let dir = try TemporaryFolder.make("fit")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "-o", dir + "/r.csv"] + Self.s1)
        #expect(r.status == 0)
        #expect(Array(FileManager.default.contents(atPath: dir + "/r.csv") ?? Data()).starts(with: Array("\u{FEFF}case,kind,rule".utf8)))
        let contradiction = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "--format", "json", "-o", dir + "/x.csv"] + Self.s1)
        #expect(contradiction.status == 64)
        #expect(contradiction.stderr.contains("--format json contradicts -o \(dir)/x.csv: a .csv file holds csv or ledger-csv"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.csv"))
        // An extension naming a format the command does not write is refused, not filled with another.
        let sarifFromEval = try runRulebook(["eval", "--cases", "fixtures/s1/cases.csv", "-o", dir + "/r.sarif"] + Self.s1)
        #expect(sarifFromEval.status == 64)
        #expect(sarifFromEval.stderr.contains("a .sarif file holds sarif, which this command does not write; its formats: table, json, jsonl, csv, ledger-csv, html"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.sarif"))
        // check and test take -o too, the extension choosing among their CI formats.
        let sarif = try runRulebook(["check", "--cases", "fixtures/s1/cases.csv", "-o", dir + "/c.sarif"] + Self.s1)
        #expect(sarif.status == 1 && sarif.stdout.isEmpty)
        let log = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: dir + "/c.sarif") ?? Data()) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
        let junit = try runRulebook(["test", "rules/tests/s9-pharmacy-counts.test.yaml", "-o", dir + "/t.xml"])
        #expect(junit.status == 0)
        #expect(String(decoding: FileManager.default.contents(atPath: dir + "/t.xml") ?? Data(), as: UTF8.self).hasPrefix("<?xml"))
        let overInput = try runRulebook(["test", "rules/tests/s9-pharmacy-counts.test.yaml", "-o", "rules/tests/s9-pharmacy-counts.test.yaml"])
        #expect(overInput.status == 64)
        #expect(overInput.stderr.contains("-o and a test path name the same file"))
    }

    @Test func graphTakesRulesLikeEveryCommand() throws {
        let option = try runRulebook(["graph", "--rules", "rules/s9-pharmacy-counts.yaml"])
        let argument = try runRulebook(["graph", "rules/s9-pharmacy-counts.yaml"])
        #expect(option.status == 0)
        #expect(option.stdout == argument.stdout)
        #expect(option.stdout.hasPrefix("digraph"))
        let both = try runRulebook(["graph", "--rules", "rules/s9-pharmacy-counts.yaml", "rules/s1-complaint-handling.yaml"])
        #expect(both.status == 64)
    }
}
