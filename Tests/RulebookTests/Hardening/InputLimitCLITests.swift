import Foundation
import Testing
@testable import Rulebook

/// Endless or oversized inputs through the command: exit 2 with a located error, never a read
/// until memory runs out.
@Suite(.serialized) struct InputLimitCLITests {
    let policy = ["--rules", "rules/s1-complaint-handling.yaml", "--as-of", "2026-11-30T18:00+08:00"]

    @Test func casesFromDevZeroInEveryFormat() throws {
        let expected = [
            "csv": "/dev/zero:1:1: error: the header row is longer than 16 MiB (the limit on one record; a missing line break or an unclosed quote?)\n",
            "jsonl": "/dev/zero:1:1: error: line 1 is longer than 16 MiB (the limit on one record)\n",
            "json": "/dev/zero:1:1: error: expected '[': the file must hold one JSON array of objects\n",
        ]
        for (format, message) in expected.sorted(by: { $0.key < $1.key }) {
            let r = try runRulebook(["eval"] + policy + ["--roster", "fixtures/s1/roster.csv", "--cases", "/dev/zero", "--cases-format", format])
            #expect(r.status == 2, "\(format)")
            #expect(r.stderr == message, "\(format)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func rosterFromDevZeroAndASmallerLimit() throws {
        let r = try runRulebook(["check"] + policy + ["--cases", "fixtures/s1/cases.csv", "--roster", "/dev/zero", "--max-record-bytes", "64K"])
        #expect(r.status == 2)
        #expect(r.stderr == "/dev/zero:1:1: error: the header row is longer than 64 KiB (the limit on one record; a missing line break or an unclosed quote?)\n")
    }

    @Test func aBadLimitIsAUsageError() throws {
        let r = try runRulebook(["eval"] + policy + ["--cases", "fixtures/s1/cases.csv", "--max-record-bytes", "lots"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("cannot read --max-record-bytes 'lots'"))
    }

    /// The ledger runs to the as-of month: an as-of in 9999 printed every month up to it.
    @Test func anAsOfOutsideTheSupportedYearsIsRefused() throws {
        let r = try runRulebook(["eval", "--rules", "rules/s1-complaint-handling.yaml", "--cases", "fixtures/s1/cases.csv",
                                 "--roster", "fixtures/s1/roster.csv", "--as-of", "9999-12-31T18:00+08:00"])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("Error: --as-of '9999-12-31T18:00+08:00' is outside the years 1900–2199 a policy handles"))
        #expect(r.stdout.isEmpty)

        let suite = try String(contentsOfFile: "rules/tests/s1-complaint-handling.test.yaml", encoding: .utf8)
            .replacingOccurrences(of: "as_of: \"2026-11-30T18:00+08:00\"", with: "as_of: \"9999-11-30T18:00+08:00\"")
            .replacingOccurrences(of: "../", with: Paths.root + "/rules/../")
        try TemporaryFolder.with(["asof.test.yaml": suite], label: "asof") { dir in
            let t = try runRulebook(["validate", dir + "/asof.test.yaml"])
            #expect(t.status == 2)
            #expect(t.stderr.contains("error: '9999-11-30T18:00+08:00' is outside the years 1900–2199 a policy handles"), "\(t.stderr)")
        }
    }

    /// The tuning variables take hostile values without a crash or a thread per unit asked:
    /// the report is the same bytes.
    @Test func hostileTuningVariablesGiveTheSameReport() throws {
        let args = ["eval"] + policy + ["--cases", "fixtures/s1/cases.csv", "--roster", "fixtures/s1/roster.csv", "--format", "jsonl"]
        let reference = try runRulebook(args)
        #expect(reference.status == 0)
        for (name, value) in [("RULEBOOK_THREADS", "100000"), ("RULEBOOK_THREADS", "-7"), ("RULEBOOK_THREADS", "0"),
                              ("RULEBOOK_FINDING_RUN_SIZE", "0"), ("RULEBOOK_FINDING_RUN_SIZE", "-3"),
                              ("RULEBOOK_FINDING_RUN_SIZE", "99999999999999999999")] {
            let r = try runRulebook(args, environment: [name: value])
            #expect(r.status == 0, "\(name)=\(value): \(r.stderr)")
            #expect(r.stdout == reference.stdout, "\(name)=\(value)")
        }
    }
}
