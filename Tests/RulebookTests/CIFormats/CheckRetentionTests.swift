import Testing
@testable import Rulebook

/// `check` counts a finding without making it when its kind and status decide that no rule
/// keeps it. That answer must be `counts`' own for every finding of that kind and status.
@Suite struct CheckRetentionTests {
    static let ruleSets: [[CheckRule]] = [
        CheckRule.defaults, [.breaches], [.overdue], [.escalations], [.penalties], [.ratios],
        [.penaltiesOver(Money(minorUnits: 2_000))], [.personMonthOver(Money(minorUnits: 5_000))],
        [.breaches, .penaltiesOver(Money(minorUnits: 2_000))], [.overdue, .personMonthOver(Money(minorUnits: 1))],
    ]
    static let amounts: [Money?] = [nil, .zero, Money(minorUnits: 1_999), Money(minorUnits: 2_000), Money(minorUnits: 2_001)]

    @Test func aDecidedAnswerIsTheFindingsOwn() {
        var decided = 0
        for rules in Self.ruleSets {
            let gate = CheckGate(rules)
            for kind in FindingKind.allCases {
                let template = FindingTemplate(kind: kind, rule: "r", clause: nil, title: nil)
                for status in Finding.Status.allCases {
                    guard let answer = gate.decides(kind, status) else { continue }
                    decided += 1
                    for amount in Self.amounts {
                        var f = Finding(subject: "c", row: 1, template: template, status: status)
                        f.amount = amount
                        #expect(gate.counts(f) == answer, "\(rules) \(kind) \(status) \(String(describing: amount))")
                    }
                }
            }
        }
        #expect(decided > 200)
        // A fine's amount matters to penalties-over: not decided without the finding.
        #expect(CheckGate([.penaltiesOver(Money(minorUnits: 2_000))]).decides(.penalty, .fined) == nil)
        // The default gate keeps a breach and drops a met or open step without seeing it.
        #expect(CheckGate().decides(.deadline, .breached) == true)
        #expect(CheckGate().decides(.deadline, .met) == false)
        #expect(CheckGate().decides(.deadline, .open) == false)
    }

    /// The store counts a dropped finding as `append` would have: the same tallies.
    @Test func aDroppedFindingIsCountedAsAppendCountsIt() throws {
        let template = FindingTemplate(kind: .deadline, rule: "r", clause: nil, title: nil)
        let retention = CheckGate().retention
        let made = FindingStore(ruleOrder: ["r": 0], templates: [template], runSize: 100, retention: retention)
        let counted = FindingStore(ruleOrder: ["r": 0], templates: [template], runSize: 100, retention: retention)
        for status in [Finding.Status.met, .open, .met, .breached, .overdue, .open] {
            made.append(Finding(subject: "c", row: 1, template: template, status: status))
            if counted.drops(.deadline, status) {
                counted.count(template, status: status)
            } else {
                counted.append(Finding(subject: "c", row: 1, template: template, status: status))
            }
            try made.commit()
            try counted.commit()
        }
        try made.finish()
        try counted.finish()
        #expect(made.counts == counted.counts)
        #expect(made.counts.isEmpty == false)
    }
}
