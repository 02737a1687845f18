import Testing
@testable import Rulebook

@Suite struct PolicyCompilerTests {
    func compile(_ yaml: String) throws -> CompiledPolicy {
        try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(yaml.utf8), file: "p.yaml"))
    }

    func errors(_ yaml: String) -> [String] {
        do {
            _ = try compile(yaml)
            return []
        } catch let e as DiagnosticError {
            return e.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    static let validity = """
    policy: s6-validity
    fields:
      received_at: timestamp
      incident_at: { type: timestamp, optional: true }
      kind: { type: enum, values: [attitude, goods, timeliness] }
      facts_contradict: boolean
      media_reach: boolean
      plan_at: { type: timestamp, optional: true }
      handler: person
    tables:
      - id: classify
        clause: "篇六 二"
        outputs:
          validity: { type: enum, values: [vicious, general, invalid] }
          reason: string
        rows:
          - when: facts_contradict
            validity: invalid
            reason: '"facts contradict the complaint"'
          - when: kind == "attitude" and received_at - incident_at > 30d
            validity: invalid
            reason: '"attitude complaint raised more than one month later"'
          - when: media_reach
            validity: vicious
          - validity: general
    deadlines:
      - id: handling-plan
        clause: "篇六 四"
        when: validity != "invalid"
        from: received_at
        to: plan_at
        within: 30m
        penalty: { to: handler, amount: 20 CNY }
    """

    @Test func decisionTableFeedsADeadline() throws {
        let p = try compile(Self.validity)
        let names = p.valueTypes.map(\.name)
        #expect(names.suffix(2) == ["validity", "reason"])
        // The table runs before the deadline that reads its output.
        guard case .table(let t)? = p.steps.first else { Issue.record("table first"); return }
        #expect(t.rows.count == 4)
        #expect(p.steps.count == 3)
        let order = p.graph.order().map { p.graph.nodes[$0].id }
        #expect(order.firstIndex(of: "classify")! < order.firstIndex(of: "handling-plan")!)
        #expect(order.firstIndex(of: "handling-plan")! < order.firstIndex(of: "handling-plan/penalty")!)
    }

    @Test func tableCellsAreChecked() {
        let bad = Self.validity.replacingOccurrences(of: "validity: vicious", with: "validity: viscious")
            .replacingOccurrences(of: "reason: '\"facts contradict the complaint\"'", with: "reason: facts")
        #expect(errors(bad) == [
            "19:17: 'reason' is text: quote it, e.g. '\"facts\"'",
            "24:19: 'viscious' is not a value of 'validity' (did you mean 'vicious'?); values: vicious, general, invalid",
        ])
    }

    static let graduated = """
    policy: s9-counts
    fields:
      received_at: timestamp
      pharmacist: person
      valid: boolean
    aggregates:
      - id: monthly
        by: { person: pharmacist, month: month(received_at) }
        where: valid
        values:
          complaints: count()
          first: min(received_at)
    penalties:
      - id: repeated-complaints
        clause: "篇十 3"
        per: monthly
        measure: complaints
        tiers:
          - { at_least: 3, amount: 200 CNY }
          - { at_least: 4, amount: 300 CNY }
        to: person
    escalations:
      - id: dismissal
        clause: "篇十 3"
        per: monthly
        when: complaints > 5
        action: 辞退
    caps:
      - id: bonus-cap
        per: [person, month]
        limit: 50% of bonus
        excess: carry-forward
    """

    @Test func aggregatesTiersAndCapsCompile() throws {
        let p = try compile(Self.graduated)
        #expect(p.aggregates.count == 1)
        #expect(p.aggregates[0].accumulators.map(\.kind) == [.count, .min])
        #expect(p.groupSteps.count == 2)
        #expect(p.caps.count == 1)
        #expect(p.caps[0].penalties == nil)
        // The cap depends on every penalty.
        let cap = p.graph.lookup("bonus-cap")!
        #expect(p.graph.dependencies[cap].map { p.graph.nodes[$0].id } == ["repeated-complaints"])
    }

    @Test func groupRulesSeeOnlyTheirGroup() {
        let bad = Self.graduated.replacingOccurrences(of: "when: complaints > 5", with: "when: complaints > 5 and valid")
        #expect(errors(bad) == ["26:30: unknown name 'valid'"])
    }

    @Test func tiersMustMatchTheirMeasure() {
        let bad = Self.graduated.replacingOccurrences(of: "at_least: 4,", with: "at_least: 4 CNY,")
        #expect(errors(bad) == ["20:21: 'at_least' is money but the measure is integer"])
    }

    @Test func cycleThroughDerivedValuesAndATable() {
        let yaml = """
        policy: loop
        fields: { x: integer }
        derive:
          score: level_points + x
        tables:
          - id: grade
            outputs: { level_points: integer }
            rows:
              - { when: score > 3, level_points: 2 }
              - { level_points: 1 }
        """
        #expect(errors(yaml) == ["4:3: cycle in the rules: score → grade → score"])
    }

    @Test func penaltyOnMustNameADeadline() {
        let yaml = """
        policy: p
        fields: { t: timestamp, who: person }
        aggregates:
          - { id: agg, by: { p: who }, values: { n: count() } }
        penalties:
          - { id: x, on: agg, to: who, amount: 1 CNY }
        """
        #expect(errors(yaml) == ["6:18: 'on' names a deadline, and 'agg' is an aggregate"])
    }

    @Test func everyProblemIsReportedInOneRun() {
        let yaml = """
        policy: many
        fields: { t: timestamp, who: person }
        derive:
          a: t + 1
          b: nope
        deadlines:
          - { id: d, from: t, to: t, within: 2 hourz }
        penalties:
          - { id: p, when: t, to: who, amount: 5 CNY }
        """
        #expect(errors(yaml).count == 4)
    }
}
