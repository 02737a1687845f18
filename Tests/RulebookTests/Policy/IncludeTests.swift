import Foundation
import Testing
@testable import Rulebook

/// `include:`: shared company rules (rules/company/penalty-cap.yaml, seed 000's cap) taken into
/// S1 and S2, with located conflicts and the cycle check; `capped: false`.
@Suite struct IncludeTests {
    @Test func s1AndS2TakeTheSharedCapWhereItIsWritten() throws {
        _ = Paths.root
        for path in ["rules/s1-complaint-handling.yaml", "rules/s2-case-management.yaml", "rules/s2-case-management-v2.yaml"] {
            let policy = try PolicyCompiler.compile(path: path)
            let cap = try #require(policy.caps.first)
            #expect(policy.caps.count == 1)
            #expect(cap.decl.id == "bonus-cap")
            #expect(cap.decl.clause == "客户投诉经济处罚准则 (三)4")
            #expect(cap.decl.location.file == "rules/company/penalty-cap.yaml", "\(path)")
        }
    }

    @Test func s2sSanctionsAreOutsideTheSharedCap() throws {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s2-case-management.yaml")
        let covered = try #require(policy.caps.first?.penalties)
        #expect(covered == ["loss-individual", "loss-joint", "loss-unit"])
        // S1 leaves no penalty out: its cap covers all, as before.
        #expect(try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml").caps.first?.penalties == nil)
    }

    /// The shared cap gives the figures the inline cap gave: S1 with the cap written back into
    /// the policy (as before the include) renders the same report but for the fingerprint.
    @Test func theSharedCapChangesNoFigure() throws {
        _ = Paths.root
        let path = "rules/s1-complaint-handling.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let inline = text.replacingOccurrences(of: "include: company/penalty-cap.yaml", with: "")
            + "\ncaps:\n  - { id: bonus-cap, per: [person, month], limit: 50% of bonus, excess: carry-forward }\n"
        #expect(inline != text)
        let roster = try RosterReader.load(path: "fixtures/s1/roster.csv")
        func render(_ policy: CompiledPolicy) throws -> String {
            let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)
            var report = try EvaluationRun(casesPath: "fixtures/s1/cases.csv", roster: roster, asOf: asOf).run(policy)
            report.policyFingerprint = ""
            return try ReportFormat.json.render(report) + ReportFormat.ledgerCSV.render(report)
        }
        let shared = try render(PolicyCompiler.compile(path: path))
        let written = try render(PolicyCompiler.compile(PolicyLoader.load(bytes: Array(inline.utf8), file: path)))
        #expect(shared == written)
    }

    @Test func anIncludeCycleIsReportedAtTheEntryClosingIt() {
        _ = Paths.root
        let dir = "fixtures/broken/includes/"
        let a = dir + "cycle-a.yaml", b = dir + "cycle-b.yaml"
        func messages(_ path: String) -> [String] { Validator.validate(file: path).1.map(\.description) }
        #expect(messages(a) == ["\(b):2:11: error: include cycle: \(a) → \(b) → \(a)"])
        #expect(messages(b) == ["\(a):2:10: error: include cycle: \(b) → \(a) → \(b)"])
        #expect(Validator.validate(file: a).0 == .shared)
    }

    @Test func aSharedRulesFileIsValidatedAsAnIncludeNotAPolicy() {
        _ = Paths.root
        let (kind, problems) = Validator.validate(file: "fixtures/broken/includes/company.yaml")
        #expect(kind == .shared)
        #expect(problems.isEmpty)
        let bad = Validator.validate(file: "fixtures/broken/includes/bad-keys.yaml").1.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        #expect(bad == [
            "2:9: 'bad keys' is not a valid id: start with a letter; use letters, digits, '_' and '-'; not a keyword",
            "3:1: unknown key 'penalties' in a shared rules file",
            "9:11: a cap is kept per [person, month]",
        ])
        let shipped = Validator.validate(paths: ["rules"])
        #expect(shipped.isValid)
        #expect(shipped.files.contains { $0.path == "rules/company/penalty-cap.yaml" && $0.kind == .shared })
    }

    @Test func aCalendarFromASharedFileIsReadRelativeToThatFile() throws {
        _ = Paths.root
        #expect(PolicyIncludes.relativePath("rules/calendars/cn-office.yaml", from: "rules") == "calendars/cn-office.yaml")
        #expect(PolicyIncludes.relativePath("rules/calendars/cn-office.yaml", from: "fixtures/diff") == "../../rules/calendars/cn-office.yaml")
        #expect(PolicyIncludes.relativePath("/etc/cal.yaml", from: "rules") == "/etc/cal.yaml")
        // A policy with no calendar of its own takes company.yaml's (written relative to it).
        let text = """
        policy: takes-the-calendar
        include: ../includes/company.yaml
        fields: { case_id: string, received_at: timestamp, replied_at: timestamp }
        deadlines:
          - { id: reply, from: received_at, to: replied_at, within: 1 working day }
        """
        let policy = try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(text.utf8), file: "fixtures/broken/policies/takes.yaml"))
        #expect(policy.calendar?.id == "cn-office")
        #expect(policy.caps.first?.decl.location.file == "fixtures/broken/includes/company.yaml")
        #expect(policy.policy.fields.map(\.name) == ["case_id", "received_at", "replied_at", "responsible"])
    }
}
