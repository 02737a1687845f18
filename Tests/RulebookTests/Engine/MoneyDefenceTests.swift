import Foundation
import Testing
@testable import Rulebook
import RulebookBench

/// Money a payroll office can explain: shares within 0–100% that add up, no 0.00 fines, a
/// cap that never exceeds its limit, a ledger without empty months, numbers in range.
@Suite struct MoneyDefenceTests {
    static func evaluate(_ yaml: String, _ csv: String, roster: Roster? = nil, rejects: Bool = false) throws -> EvaluationReport {
        try RunTimeErrorTests.run(yaml, csv, roster: roster, rejects: rejects)
    }

    static func diagnostics(_ yaml: String) -> [String] {
        do {
            let policy = try PolicyLoader.load(bytes: Array(yaml.utf8), file: "inline.yaml")
            let c = Compilation(policy)
            _ = c.run()
            return c.sink.diagnostics.map(\.description)
        } catch let e as DiagnosticError {
            return e.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    /// The run's error, its lines joined; nil when it runs.
    static func rowError(_ yaml: String, _ csv: String, roster: Roster? = nil) -> String? {
        let lines = RunTimeErrorTests.failure(yaml, csv, roster: roster)
        return lines == ["no error"] ? nil : lines.joined(separator: "\n")
    }

    static func fines(_ r: EvaluationReport) -> [String: Money] {
        Dictionary(r.findings.filter { $0.status == .fined }.map { ($0.party!, $0.amount!) }, uniquingKeysWith: +)
    }

    static var joint: String { PenaltySplitTests.joint }

    // MARK: - Splitting to the fen

    /// The split's three promises, over random amounts and weights: the shares add up to the
    /// amount exactly; each is within one fen of its exact value (floor or floor + 1); and of
    /// two equal weights the earlier never gets less.
    @Test func apportionKeepsItsPromises() throws {
        var rng = SeededRandom(seed: 20261130)
        for _ in 0..<3000 {
            let amount = Money(minorUnits: Int64(rng.next() % 4 == 0 ? rng.next() % 10 : rng.next() % 1_000_000_000_000))
            let n = Int(rng.next() % 12) + 1
            var weights: [Fraction] = []
            for _ in 0..<n {
                // Base points such as 1, 0.8, 1.5, and some equal weights to tie.
                let w = rng.next() % 3 == 0 ? Fraction(1) : Fraction(Int64(rng.next() % 40) + 1, Int64(rng.next() % 10) + 1)!
                weights.append(w)
            }
            let shares = try Evaluator.apportion(amount, weights: weights)
            #expect(shares.reduce(Int64(0)) { $0 + $1.minorUnits } == amount.minorUnits)
            let total = weights.reduce(Fraction.zero) { $0.adding($1)! }
            for (w, s) in zip(weights, shares) {
                let exact = Fraction(amount.minorUnits).multiplied(by: w)!.divided(by: total)!
                let floor = exact.roundedDown()
                #expect(s.minorUnits == floor || s.minorUnits == floor + 1, "\(amount) by \(weights): \(s) vs exact \(exact)")
            }
            for i in weights.indices {
                for j in weights.indices where i < j && weights[i] == weights[j] {
                    #expect(shares[i] >= shares[j], "a tie goes to the earlier: \(weights) → \(shares)")
                }
            }
        }
    }

    @Test func aTieGoesToTheEarlierParty() throws {
        // 0.01 between two equal shares: the fen to the first listed (the 责任人), not by name.
        let r = try Self.evaluate(Self.joint, "case_id,at,loss,maker,checker,ratio\nA,2026-11-02 09:00,0.03,乙,甲,50%\n")
        #expect(Self.fines(r) == ["乙": Money(minorUnits: 2), "甲": Money(minorUnits: 1)])
    }

    // MARK: - Shares

    @Test func aShareOutsideTheRangeIsTheRowsErrorAtItsColumn() throws {
        let csv = "case_id,at,loss,maker,checker,ratio\nA,2026-11-02 09:00,100,甲,乙,150%\n"
        let e = try #require(Self.rowError(Self.joint, csv))
        #expect(e.contains("inline.csv:2:28: error: column ratio: '150%' is above 100%, the most the field holds"), "\(e)")
        // `60` meant as 60%: the message says how to write it.
        let e60 = try #require(Self.rowError(Self.joint, "case_id,at,loss,maker,checker,ratio\nA,2026-11-02 09:00,100,甲,乙,60\n"))
        #expect(e60.contains("'60' is above 100%, the most the field holds (a percentage is written with '%': '60%')"), "\(e60)")
        // With --rejects the row is set aside with that reason, and nothing is fined.
        let r = try Self.evaluate(Self.joint, csv, rejects: true)
        #expect(r.rejections.map(\.column) == ["ratio"])
        #expect(r.findings.isEmpty)
    }

    @Test func aShareComputedOutsideTheRangeIsAnErrorNamingTheRule() throws {
        // The field has no range, so the policy compiles with a warning and the row fails.
        let yaml = Self.joint.replacingOccurrences(of: "ratio: { type: decimal, min: 0%, max: 100% }", with: "ratio: { type: decimal, signed: true }")
        let d = Self.diagnostics(yaml)
        #expect(d.contains { $0.hasPrefix("inline.yaml:13:33: warning: 'share' can leave 0–100% (it may come to any value)") }, "\(d)")
        let e = try #require(Self.rowError(yaml, "case_id,at,loss,maker,checker,ratio\nA,2026-11-02 09:00,100,甲,乙,-20%\n"))
        #expect(e.contains("rule joint-fault: the share of '甲' ('ratio') comes to -20%; a share is 0–100% of the amount"), "\(e)")
    }

    @Test func sharesMustAddUpUnlessTheRuleSaysWhoBearsTheRest() throws {
        let yaml = """
        policy: partial
        fields:
          case_id: string
          at: timestamp
          loss: money
          a: person
          b: person
          ra: { type: decimal, max: 100% }
          rb: { type: decimal, max: 100% }
        penalties:
          - id: split
            amount: loss
            when: true
            to: [{ party: a, share: ra }, { party: b, share: rb }]
        """
        let csv = "case_id,at,loss,a,b,ra,rb\nA,2026-11-02 09:00,100,甲,乙,60%,30%\n"
        let e = try #require(Self.rowError(yaml, csv))
        #expect(e.contains("the shares add up to 90%, not 100%: the rule does not say who bears the other 10% (remainder: company)"), "\(e)")
        let over = try #require(Self.rowError(yaml, "case_id,at,loss,a,b,ra,rb\nA,2026-11-02 09:00,100,甲,乙,60%,50%\n"))
        #expect(over.contains("the shares add up to 110%: more than the whole amount"), "\(over)")
        // The company bears the rest: 33.33% and 33.33% of 100.00 with 33.34% unfined.
        let company = yaml + "\n    remainder: company\n"
        let r = try Self.evaluate(company, "case_id,at,loss,a,b,ra,rb\nA,2026-11-02 09:00,100,甲,乙,1/3,1/3\n".replacingOccurrences(of: "1/3", with: "33.33%"))
        #expect(Self.fines(r) == ["甲": Money(minorUnits: 3333), "乙": Money(minorUnits: 3333)])
        let r2 = try Self.evaluate(company, csv)
        #expect(Self.fines(r2) == ["甲": Money(yuan: 60), "乙": Money(yuan: 30)])
    }

    /// A warning is no error: a penalty whose share only warns still feeds the cap. (A node
    /// with any diagnostic used to count as failed, and the cap reading it was dropped
    /// silently: 600.00 deducted from a bonus of 100.00.)
    @Test func aPenaltyThatWarnsIsStillCapped() throws {
        let yaml = """
        policy: warn-cap
        fields: { case_id: string, at: timestamp, loss: money, maker: person, checker: person, ratio: decimal }
        penalties:
          - { id: joint, when: true, amount: loss, to: [{ party: maker, share: ratio }, { party: checker, share: 100% - ratio }] }
        caps:
          - { id: cap, per: [person, month], limit: 50% of bonus, excess: carry-forward }
        """
        #expect(try RunTimeErrorTests.compile(yaml).warnings.count == 2)
        let roster = Roster(people: [.init(name: "甲", defaultBonus: Money(yuan: 100)), .init(name: "乙", defaultBonus: Money(yuan: 100))])
        let r = try Self.evaluate(yaml, "case_id,at,loss,maker,checker,ratio\nA,2026-10-02 09:00,1000,甲,乙,60%\n", roster: roster)
        let october = r.ledger.filter { $0.month == "2026-10" }
        #expect(october.map(\.cap) == [Money(yuan: 50), Money(yuan: 50)])
        #expect(october.map(\.deducted) == [Money(yuan: 50), Money(yuan: 50)])
    }

    @Test func constantSharesAreCheckedWhenCompiled() throws {
        let yaml = """
        policy: constant
        fields: { case_id: string, at: timestamp, a: person, b: person }
        penalties:
          - { id: over, when: true, amount: 100 CNY, to: [{ party: a, share: 110% }, { party: b, share: 0% }] }
          - { id: short, when: true, amount: 100 CNY, to: [{ party: a, share: 60% }, { party: b, share: 30% }] }
          - { id: rest, when: true, amount: 100 CNY, remainder: company, to: [{ party: a, share: 60% }, { party: b, share: 30% }] }
        """
        let d = Self.diagnostics(yaml)
        #expect(d.contains("inline.yaml:4:70: error: 'share' is 110%: a share is at most 100% of the amount"), "\(d)")
        #expect(d.contains("inline.yaml:4:11: error: the shares add up to 110%: more than the whole amount"), "\(d)")
        #expect(d.contains("inline.yaml:5:11: error: the shares add up to 90%, not 100%: say who bears the rest ('remainder: company')"), "\(d)")
        #expect(d.count == 3, "\(d)")
        let none = """
        policy: constant
        fields: { case_id: string, at: timestamp, a: person }
        penalties:
          - { id: none, when: true, amount: 100 CNY, remainder: company, to: a }
        """
        #expect(Self.diagnostics(none) == ["inline.yaml:4:57: error: 'remainder' says who bears what the shares leave over; no party here has a 'share'"])
    }

    // MARK: - Nothing fined at 0.00

    @Test func aFullShareLeavesTheOtherPartyUnfined() throws {
        let r = try Self.evaluate(Self.joint, "case_id,at,loss,maker,checker,ratio\nA,2026-11-02 09:00,100,甲,乙,100%\n")
        #expect(Self.fines(r) == ["甲": Money(yuan: 100)])
        #expect(!r.findings.contains { $0.party == "乙" })
        #expect(!r.findings.contains { $0.status == .notFined })
    }

    @Test func aLossTooSmallToSplitIsOneNoteNotZeroFines() throws {
        // 0.07 over ten people of equal points: seven get 0.01 (ties to the earlier in the
        // roster), three get nothing; one note says so.
        var roster = Roster(source: "roster.csv")
        let names = ["赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七", "王八", "冯九", "陈十"]
        for n in names { roster.add(.init(name: n, department: "生产部", basePoints: Fraction(1), defaultBonus: Money(yuan: 1000))) }
        let yaml = """
        policy: unit
        fields: { case_id: string, at: timestamp, loss: money, dept: department }
        penalties:
          - { id: unit-loss, when: loss > 0 CNY, amount: loss, apportion: base-points, among: dept }
        """
        let r = try Self.evaluate(yaml, "case_id,at,loss,dept\nA,2026-11-02 09:00,0.07,生产部\n", roster: roster)
        #expect(r.findings.filter { $0.status == .fined }.count == 7)
        #expect(!r.findings.contains { $0.amount == .zero })
        let notes = r.findings.filter { $0.status == .notFined }
        #expect(notes.count == 1)
        #expect(notes.first?.note?.hasPrefix("0.07 CNY is too small to split to the fen among 10: 3 of the shares come to 0.00 and are not fined (") == true, "\(notes)")
        #expect(notes.first?.isViolation == false)
        #expect(r.totalFined == Money(minorUnits: 7))
        #expect(r.ledger.count == 7)
    }

    @Test func aZeroAmountIsNoFineButASanctionStands() throws {
        let yaml = """
        policy: zero
        fields: { case_id: string, at: timestamp, who: person, bonus: money, demerit: boolean }
        penalties:
          - { id: bonus-forfeit, when: true, to: who, amount: bonus }
          - { id: major, when: demerit, to: who, amount: bonus, sanction: major-demerit }
        """
        let r = try Self.evaluate(yaml, "case_id,at,who,bonus,demerit\nA,2026-11-02 09:00,甲,0,是\n")
        let byRule = Dictionary(grouping: r.findings, by: \.rule)
        #expect(byRule["bonus-forfeit"]?.map(\.status) == [.notFined])
        #expect(byRule["bonus-forfeit"]?.first?.note == "the amount comes to 0.00 CNY: nobody is fined")
        #expect(byRule["major"]?.map(\.status) == [.sanctioned])
        #expect(byRule["major"]?.first?.amount == nil)
        #expect(r.ledger.isEmpty)
        #expect(r.violationCount == 1)
    }

    // MARK: - Numbers in range

    @Test func numbersBelowZeroAreRowErrorsUnlessSigned() throws {
        let yaml = """
        policy: counts
        fields: { case_id: string, at: timestamp, defective: integer, delta: { type: integer, signed: true } }
        escalations:
          - { id: many, when: defective > 3, action: report }
        """
        let e = try #require(Self.rowError(yaml, "case_id,at,defective,delta\nA,2026-11-02 09:00,-4,1\n"))
        #expect(e.contains("column defective: '-4' is below 0, the least the field holds (a field that may be negative says 'signed: true')"), "\(e)")
        let r = try Self.evaluate(yaml, "case_id,at,defective,delta\nA,2026-11-02 09:00,4,-4\n")
        #expect(r.findings.map(\.rule) == ["many"])
    }

    @Test func rangeDeclarationsAreChecked() throws {
        let yaml = """
        policy: ranges
        fields:
          case_id: { type: string, min: 1 }
          a: { type: decimal, min: x }
          b: { type: integer, min: 5, max: 2 }
          c: { type: money, min: 0, signed: true }
          d: { type: integer, max: -1 }
          e: { type: money, min: ¥10, max: 1000元 }
        """
        #expect(Self.diagnostics(yaml) == [
            "inline.yaml:3:33: error: 'min' applies to integer, decimal and money fields only",
            "inline.yaml:4:28: error: 'min' of a decimal field must be a number (e.g. 0, 0.5 or 100%), found 'x'",
            "inline.yaml:5:36: error: 'max' (2) is less than 'min' (5)",
            "inline.yaml:6:26: error: 'signed' and 'min' together: 'min' already says how low the field goes",
            "inline.yaml:7:28: error: 'max' (-1) is below 0, the least an unsigned field holds: add 'signed: true' or a 'min'",
        ])
    }

    // MARK: - The cap and the ledger

    static let capped = """
    policy: capped
    fields: { case_id: string, at: timestamp, who: person, loss: money }
    penalties:
      - { id: loss-fine, when: true, to: who, amount: loss, at: at }
    caps:
      - { id: cap, per: [person, month], limit: 50% of bonus }
    """

    @Test func theCapRoundsDownUnlessTheRuleSaysOtherwise() throws {
        var roster = Roster(source: "roster.csv")
        roster.add(.init(name: "甲", department: "业务部", basePoints: Fraction(1), defaultBonus: Money(minorUnits: 10_001)))
        let csv = "case_id,at,who,loss\nA,2026-11-02 09:00,甲,80\n"
        let r = try Self.evaluate(Self.capped, csv, roster: roster)
        // 50% of 100.01 is 50.005: never more than half, so 50.00.
        #expect(r.ledger.first?.cap == Money(yuan: 50))
        #expect(r.ledger.first?.deducted == Money(yuan: 50))
        let halfUp = Self.capped.replacingOccurrences(of: "limit: 50% of bonus", with: "limit: 50% of bonus, rounding: half-up")
        let r2 = try Self.evaluate(halfUp, csv, roster: roster)
        #expect(r2.ledger.first?.cap == Money(minorUnits: 5001))
        let bad = Self.capped.replacingOccurrences(of: "limit: 50% of bonus", with: "limit: 50% of bonus, rounding: up")
        #expect(Self.diagnostics(bad) == ["inline.yaml:6:69: error: 'up' is not a valid 'rounding'; expected one of: down, half-up"])
    }

    /// A month without a bonus row fails the run by default, naming person and month;
    /// `missing_bonus: zero` takes the bonus as 0.00, so the month's capped fines carry on.
    @Test func aMissingBonusFailsUnlessThePolicySaysZero() throws {
        var roster = Roster(source: "roster.csv")
        roster.add(.init(name: "甲", department: "业务部", basePoints: Fraction(1), bonusByMonth: ["2026-11": Money(yuan: 1000)]))
        let csv = "case_id,at,who,loss\nA,2026-10-12 09:00,甲,100\n"
        let failure = Self.rowError(Self.capped, csv, roster: roster) ?? ""
        #expect(failure.contains("rule cap: '甲' in 2026-10: the roster has no monthly bonus for '甲' in 2026-10"), "\(failure)")
        #expect(failure.contains("missing_bonus: zero"), "\(failure)")
        let zero = Self.capped.replacingOccurrences(of: "limit: 50% of bonus", with: "limit: 50% of bonus, missing_bonus: zero")
        let r = try Self.evaluate(zero, csv, roster: roster)
        #expect(r.ledger.map(\.month) == ["2026-10", "2026-11"])
        #expect(r.ledger.map(\.cap) == [Money.zero, Money(yuan: 500)])
        #expect(r.ledger.map(\.bonus) == [nil, Money(yuan: 1000)])
        #expect(r.ledger.map(\.deducted) == [Money.zero, Money(yuan: 100)])
        #expect(r.ledger.map(\.carriedOut) == [Money(yuan: 100), Money.zero])
        let bad = Self.capped.replacingOccurrences(of: "limit: 50% of bonus", with: "limit: 50% of bonus, missing_bonus: 0")
        #expect(Self.diagnostics(bad) == ["inline.yaml:6:74: error: '0' is not a valid 'missing_bonus'; expected one of: error, zero"])
    }

    /// An excess is carried up to the as-of month (what is left is outstanding), or with
    /// `carry_until: roster` through the last month the roster gives a bonus for.
    @Test func carryForwardRunsToTheAsOfMonthOrThroughTheRoster() throws {
        var roster = Roster(source: "roster.csv")
        let months = ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]
        roster.add(.init(name: "甲", department: "业务部", basePoints: Fraction(1),
                         bonusByMonth: Dictionary(uniqueKeysWithValues: months.map { ($0, Money(yuan: 1000)) })))
        let csv = "case_id,at,who,loss\nA,2026-09-02 09:00,甲,2600\n"
        let asOf = try Self.evaluate(Self.capped, csv, roster: roster)  // as of 2026-11-30
        #expect(asOf.ledger.map(\.month) == ["2026-09", "2026-10", "2026-11"])
        #expect(asOf.ledger.last?.carriedOut == Money(yuan: 1100))
        let through = Self.capped.replacingOccurrences(of: "limit: 50% of bonus", with: "limit: 50% of bonus, carry_until: roster")
        let r = try Self.evaluate(through, csv, roster: roster)
        #expect(r.ledger.map(\.month) == months)
        #expect(r.ledger.map(\.deducted) == [500, 500, 500, 500, 500].map { Money(yuan: $0) })
        #expect(r.ledger.last?.carriedOut == Money(yuan: 100))
        // A roster that ends before the as-of month does not cut the carry short.
        var short = Roster(source: "roster.csv")
        short.add(.init(name: "甲", department: "业务部", basePoints: Fraction(1), defaultBonus: Money(yuan: 1000)))
        #expect(try Self.evaluate(through, csv, roster: short).ledger.map(\.month) == ["2026-09", "2026-10", "2026-11"])
        // A roster month past the supported years is refused where it is written, so the carry
        // cannot be made to run a line a month for thousands of years.
        let far = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-far-\(UUID().uuidString).csv").path
        try "person,department,bonus,month\n甲,业务部,1000,2026-09\n甲,业务部,1000,9999-12\n".write(toFile: far, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: far) }
        #expect(throws: DiagnosticError.self) { try RosterReader.load(path: far) }
        do { _ = try RosterReader.load(path: far) } catch let e as DiagnosticError {
            #expect(e.diagnostics.map(\.description) == ["\(far):3:12: error: row 3: column month: '9999-12' is outside the years 1900–2199 a policy handles"])
        }
        let bad = Self.capped.replacingOccurrences(of: "limit: 50% of bonus", with: "limit: 50% of bonus, carry_until: never")
        #expect(Self.diagnostics(bad) == ["inline.yaml:6:72: error: 'never' is not a valid 'carry_until'; expected one of: as-of, roster"])
    }

    @Test func theLedgerLeavesOutMonthsWithNothingInThem() throws {
        var roster = Roster(source: "roster.csv")
        roster.add(.init(name: "甲", department: "业务部", basePoints: Fraction(1), defaultBonus: Money(yuan: 1000)))
        // September and November fines, nothing carried: no October line.
        let r = try Self.evaluate(Self.capped, "case_id,at,who,loss\nA,2026-09-02 09:00,甲,100\nB,2026-11-02 09:00,甲,100\n", roster: roster)
        #expect(r.ledger.map(\.month) == ["2026-09", "2026-11"])
        // A carried excess keeps its months: 1,300 against a 500 cap runs Sep, Oct, Nov.
        let r2 = try Self.evaluate(Self.capped, "case_id,at,who,loss\nA,2026-09-02 09:00,甲,1300\n", roster: roster)
        #expect(r2.ledger.map(\.month) == ["2026-09", "2026-10", "2026-11"])
        #expect(r2.ledger.map(\.deducted) == [Money(yuan: 500), Money(yuan: 500), Money(yuan: 300)])
    }

    // MARK: - Periods not over

    static let monthly = """
    policy: monthly
    fields: { case_id: string, at: timestamp, who: person }
    aggregates:
      - { id: per-month, by: { person: who, month: month(at) }, values: { n: count() } }
    penalties:
      - { id: repeated, per: per-month, measure: n, tiers: [{ at_least: 2, amount: 200 CNY }], to: person }
    """
    static let twoAMonth = "case_id,at,who\nA,2026-10-02 09:00,甲\nB,2026-10-03 09:00,甲\nC,2026-11-02 09:00,甲\nD,2026-11-29 09:00,甲\nE,2026-12-01 09:00,甲\nF,2026-12-02 09:00,甲\n"

    @Test func aFineForAMonthNotOverIsProvisionalNotBooked() throws {
        // As of 11-30 18:00: October is over (booked); November ends at 23:59:59 and December
        // has not begun: both are shown as provisional, with their amounts, and not booked.
        let r = try Self.evaluate(Self.monthly, Self.twoAMonth)
        let byMonth = Dictionary(uniqueKeysWithValues: r.findings.map { ($0.month!, $0) })
        #expect(byMonth["2026-10"]?.status == .fined)
        #expect(byMonth["2026-11"]?.status == .provisional)
        #expect(byMonth["2026-11"]?.amount == Money(yuan: 200))
        #expect(byMonth["2026-11"]?.note == "the period ends 2026-11-30T23:59:59+08:00, after the as-of instant; booked once it has ended")
        #expect(byMonth["2026-12"]?.status == .provisional)
        #expect(r.ledger.map(\.month) == ["2026-10"])
        #expect(r.totalFined == Money(yuan: 200))
        #expect(r.violationCount == 1)
        let table = try ReportFormat.table.render(r)
        #expect(table.contains("Penalties not booked"))
        #expect(table.contains("provisional"))
        #expect(try ReportFormat.json.render(r).contains("\"status\":\"provisional\""))
    }

    @Test func aRuleThatFiresAtOnceIsBookedWhileItsMonthRuns() throws {
        let atOnce = Self.monthly.replacingOccurrences(of: "to: person }", with: "to: person, fires: at-once }")
        let r = try Self.evaluate(atOnce, Self.twoAMonth)
        #expect(r.findings.map(\.status) == [.fined, .fined, .fined])
        #expect(r.ledger.map(\.month) == ["2026-10", "2026-11", "2026-12"])
        #expect(r.totalFined == Money(yuan: 600))
    }

    @Test func firesIsRefusedWhereNoPeriodCanBeRunning() throws {
        let perCase = """
        policy: p
        fields: { case_id: string, at: timestamp, who: person }
        penalties:
          - { id: once, when: true, to: who, amount: 20 CNY, fires: at-once }
        """
        #expect(RunTimeErrorTests.problems(perCase) == [
            "inline.yaml:4:61: error: 'fires' applies to a penalty per group with a 'month' or 'week' key, whose period can still be running",
        ])
        let bad = Self.monthly.replacingOccurrences(of: "to: person }", with: "to: person, fires: \"\" }")
        #expect(RunTimeErrorTests.problems(bad).first?.contains("is not a valid 'fires'; expected one of: at-period-end, at-once") == true,
                "\(RunTimeErrorTests.problems(bad))")
    }

    @Test func moneyRangesCompareInFen() throws {
        let yaml = """
        policy: m
        fields: { case_id: string, at: timestamp, loss: { type: money, min: 0.01, max: ¥99999999999999 } }
        escalations:
          - { id: any, when: true, action: x }
        """
        #expect(try Self.evaluate(yaml, "case_id,at,loss\nA,2026-11-02 09:00,0.01\n").findings.count == 1)
        #expect(Self.rowError(yaml, "case_id,at,loss\nA,2026-11-02 09:00,0.00\n")?.contains("'0.00' is below 0.01, the least the field holds") == true)
        #expect(Self.rowError(yaml, "case_id,at,loss\nA,2026-11-02 09:00,999999999999999\n")?.contains("is above ¥99999999999999") == true)
    }
}
