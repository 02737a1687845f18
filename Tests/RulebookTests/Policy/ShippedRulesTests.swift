import Testing
@testable import Rulebook

/// The policies shipped in rules/ compile and encode their sources' clauses.
@Suite struct ShippedRulesTests {
    @Test func everyShippedFileValidates() {
        _ = Paths.root
        let report = Validator.validate(paths: ["rules"])
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.files.contains { $0.path.hasSuffix("s1-complaint-handling.yaml") })
    }

    @Test func s1EncodesEveryClause() throws {
        _ = Paths.root
        let p = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let clauses = Set(p.graph.nodes.compactMap(\.clause))
        for c in ["5.2.2", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6"] {
            #expect(clauses.contains(c), "clause \(c) is not encoded")
        }
        // 8.2 has three deadlines (general reply; major temporary and permanent measures), each
        // in two rounds (5.3.9.2, a reopened case).
        #expect(p.policy.deadlines.filter { $0.clause == "8.2" }.map(\.id) == [
            "qa-reply-general", "qa-reply-general#2", "qa-temporary-measure", "qa-temporary-measure#2",
            "qa-permanent-measure", "qa-permanent-measure#2"])
        // 8.3 fines the responsible person and the manager.
        let records = try #require(p.policy.penalties.first { $0.clause == "8.3" })
        #expect(records.to.map(\.who.text) == ["qa_engineer", "qa_engineer.manager"])
        // Fines are 20 or 30 yuan per occurrence.
        let amounts = Set(p.policy.penalties.compactMap { $0.amount?.text })
        #expect(amounts == ["20 CNY", "30 CNY"])
        #expect(p.caps.count == 1)
    }
}
