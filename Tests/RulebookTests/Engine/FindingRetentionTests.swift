import Foundation
import Testing
@testable import Rulebook

/// A run that keeps only some findings (`check` its violations, the table its listed rows,
/// the ledger none) counts every finding as a run that keeps them all does, on one thread and
/// several, spilled or not, and with rows that fail half-way (their findings counted nowhere).
@Suite struct FindingRetentionTests {
    static func run(_ export: PipelinedRunTests.Export, threads: Int, retention: FindingRetention,
                    fingerprint: Bool = true) throws -> EvaluationReport {
        _ = Paths.root
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-keep-\(UUID().uuidString).csv").path
        try export.text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        var run = EvaluationRun(casesPath: path, roster: try RosterReader.load(path: PipelinedRunTests.rosterPath),
                                asOf: TimestampParser.timestamp(Array("2026-12-31T18:00+08:00".utf8)[...], zone: policy.zone),
                                collectRejects: true)
        run.threads = threads
        run.findingRunSize = 500
        run.retention = retention
        run.fingerprintsInput = fingerprint
        return try run.run(policy)
    }

    /// 1,500 generated cases, a few failing after some of their findings were made (a person
    /// not in the roster is found before any; a bad reply time only at its rule).
    static let export: PipelinedRunTests.Export = {
        var e = PipelinedRunTests.Export.generated(1500)
        for i in [40, 700, 1311] { e.set(e.plain(i), column: PipelinedRunTests.handled, "2020-01-01T00:00:00+08:00") }
        e.set(e.plain(900), column: PipelinedRunTests.person, "不在名册")
        return e
    }()

    static func all(_ r: EvaluationReport) throws -> [Finding] {
        var out: [Finding] = []
        try r.forEachFinding { out.append($0) }
        return out
    }

    @Test(arguments: [1, 2])
    func onlyTheKeptFindingsAreListedAndAllAreCounted(threads: Int) throws {
        let everything = try Self.run(Self.export, threads: threads, retention: .all)
        #expect(everything.rowsRejected >= 2)
        let violations = try Self.run(Self.export, threads: threads, retention: .only(\.isViolation))
        let none = try Self.run(Self.export, threads: threads, retention: .only { _ in false })
        let kept = try Self.all(violations)
        #expect(kept == (try Self.all(everything)).filter(\.isViolation))
        #expect(!kept.isEmpty && kept.count < everything.findingCount)
        #expect(try Self.all(none).isEmpty)
        for r in [violations, none] {
            #expect(r.findingCount == everything.findingCount)
            #expect(r.violationCount == everything.violationCount)
            #expect(r.statusCounts.map { "\($0)" } == everything.statusCounts.map { "\($0)" })
            #expect(r.totalFined == everything.totalFined)
            #expect(r.ledger == everything.ledger)
            #expect(r.rejections.map { "\($0.row) \($0.message)" } == everything.rejections.map { "\($0.row) \($0.message)" })
        }
        // The counts are those of the findings kept by a run that keeps them all.
        #expect(everything.findingCount == (try Self.all(everything)).count)
    }

    /// A run told not to fingerprint its input (`check`'s text) reports the same findings and
    /// counts with an empty fingerprint; the fingerprint, when taken, is the same on one
    /// thread and two, and localizing only kept findings shows in none of their instants.
    @Test func aRunWithoutTheInputFingerprintReportsTheSame() throws {
        let one = try Self.run(Self.export, threads: 1, retention: .only(\.isViolation))
        let two = try Self.run(Self.export, threads: 2, retention: .only(\.isViolation))
        #expect(one.inputFingerprint.count == 64 && one.inputFingerprint == two.inputFingerprint)
        let everything = try Self.run(Self.export, threads: 1, retention: .all)
        #expect(try Self.all(one).map { JSONReport.finding($0) }
                == Self.all(everything).filter(\.isViolation).map { JSONReport.finding($0) })
        for threads in [1, 2] {
            let bare = try Self.run(Self.export, threads: threads, retention: .only(\.isViolation), fingerprint: false)
            #expect(bare.inputFingerprint == "")
            #expect(try Self.all(bare).map { JSONReport.finding($0) } == Self.all(one).map { JSONReport.finding($0) })
            #expect(bare.findingCount == one.findingCount && bare.ledger == one.ledger)
        }
    }
}
