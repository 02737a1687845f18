import Foundation
import Testing
@testable import Rulebook

/// `rulebook test`: the shipped policy tests pass, wrong expectations fail with a readable
/// difference, broken test files exit 2 with their locations.
@Suite(.serialized) struct PolicyTestCLITests {
    @Test func shippedPolicyTestsPass() throws {
        let r = try runRulebook(["test", "rules/"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("PASS  S1 complaint handling › 8.3 records not kept, the person and the manager 20 yuan each\n"))
        #expect(r.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    @Test func wrongExpectationsFailWithTheDifference() throws {
        let r = try runRulebook(["test", "fixtures/policy-tests/failing.test.yaml", "--no-coverage"])
        #expect(r.status == 1)
        #expect(r.stdout == """
            PASS  failing on purpose › passes
            FAIL  failing on purpose › wrong status and amount  (fixtures/policy-tests/failing.test.yaml:12:5)
                  fixtures/policy-tests/failing.test.yaml:15:11: expected a finding { case: 2609-01, rule: qa-reply-general, status: met }
                  actual: { case: 2609-01, rule: qa-reply-general, status: breached, due: 2026-09-10T10:00:00+08:00, late_by: 8h 30m working time }
                  fixtures/policy-tests/failing.test.yaml:17:51: ledger 王芳 2026-09: expected deducted 60.00 CNY, actual 50.00 CNY
                  fixtures/policy-tests/failing.test.yaml:18:24: expected fined 300.00 CNY, actual 320.00 CNY
            FAIL  failing on purpose › wrong count and a finding that should be absent  (fixtures/policy-tests/failing.test.yaml:19:5)
                  fixtures/policy-tests/failing.test.yaml:22:11: expected 3 findings like { rule: qa-records-not-kept, count: 3 }, found 2
                  fixtures/policy-tests/failing.test.yaml:24:11: expected no finding like { case: 2609-04, rule: major-needs-vp-approval }
                  actual: { case: 2609-04, rule: major-needs-vp-approval, status: raised }
            1 passed, 2 failed

            """)
    }

    @Test func runSelectsTests() throws {
        let r = try runRulebook(["test", "fixtures/policy-tests/failing.test.yaml", "--run", "passes", "--no-coverage"])
        #expect(r.status == 0)
        #expect(r.stdout == "PASS  failing on purpose › passes\n1 passed, 0 failed\n")
    }

    @Test func coverageNamesTheRulesNoTestNames() throws {
        let r = try runRulebook(["test", "fixtures/policy-tests/failing.test.yaml", "--run", "passes"])
        #expect(r.stdout.contains("coverage: s1-complaint-handling: 1 of 24 rules named by a test; not named: issue-handling-form, qa-reply-general,"))
    }

    @Test func brokenTestFileExitsTwo() throws {
        let r = try runRulebook(["test", "fixtures/policy-tests/broken.test.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr == """
            fixtures/policy-tests/broken.test.yaml:4:8: error: cannot read '2026-11-31T18:00+08:00' as a timestamp (e.g. "2026-11-30T18:00+08:00")
            fixtures/policy-tests/broken.test.yaml:9:28: error: unknown key 'rul' in an expected item in 'findings' (did you mean 'rule'?)
            fixtures/policy-tests/broken.test.yaml:9:61: error: cannot read 'twenty' as an amount of money (e.g. 20 CNY)

            """)
    }
}
