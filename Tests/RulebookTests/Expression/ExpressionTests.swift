import Foundation
import Testing
@testable import Rulebook

/// Compiles and runs expressions against a small schema.
struct ExpressionHarness {
    var scope = Scope()
    var values: [Value] = []
    let zone = Zone(identifier: "Asia/Shanghai")!

    init() {
        add("received_at", .timestamp, .timestamp(ts("2026-11-20T09:15:00+08:00")))
        add("replied_at", .timestamp, .null)
        add("severity", .enumeration(EnumDomain(name: "severity", values: ["general", "major"])), .enumValue("major"))
        add("loss", .money, .money(Money(minorUnits: 123_456)))
        add("quantity", .integer, .integer(2000))
        add("defective", .integer, .integer(7))
        add("hazard", .boolean, .null)
        add("owner", .person, .person("张三"))
        add("case_id", .string, .string("2611-07"))
    }

    mutating func add(_ name: String, _ t: ValueType, _ v: Value) {
        scope.bindings[name] = .slot(values.count, t)
        values.append(v)
    }

    func ts(_ s: String) -> Timestamp { TimestampParser.timestamp(Array(s.utf8)[...], zone: zone)! }

    func compile(_ text: String) throws -> CompiledExpression {
        let syntax = try Parser.parse(text)
        var c = ExpressionCompiler(scope: scope)
        guard let e = c.compile(syntax) else {
            throw EvaluationError(c.problems.map { "\($0.range.lowerBound): \($0.message)" }.joined(separator: "; "))
        }
        return e
    }

    func eval(_ text: String) throws -> Value {
        let e = try compile(text)
        let ctx = EvaluationContext(slots: values.count, deadlines: 0, zone: zone, calendar: nil, people: nil)
        ctx.slots.load(values, fill: .null)
        return try e.evaluate(ctx)
    }

    /// The first problem's offset and message.
    func problem(_ text: String) -> String {
        do {
            _ = try compile(text)
            return "no problem"
        } catch let f as Parser.Failure {
            return "\(f.range.lowerBound): \(f.message)"
        } catch {
            return "\(error)"
        }
    }
}

@Suite struct ExpressionTests {
    let h = ExpressionHarness()

    @Test func moneyIsExactAndRoundsHalfAwayFromZero() throws {
        #expect(try h.eval("20 CNY + 30元") == .money(Money(yuan: 50)))
        #expect(try h.eval("¥0.10 + 0.20 CNY") == .money(Money(minorUnits: 30)))
        // 1234.56 × 50% = 617.28 exactly.
        #expect(try h.eval("50% of loss") == .money(Money(minorUnits: 61_728)))
        // 1234.56 × 0.5% × 3 days = 18.5184 → 18.52.
        #expect(try h.eval("0.5% * loss * 3") == .money(Money(minorUnits: 1852)))
        // 0.05 / 2 = 0.025 → 0.03 (half away from zero).
        // Rounded once at the end: 1234.56 × 0.5% = 6.1728, not 6.17 carried on.
        #expect(try h.eval("0.5% * loss * 3 - 0.5% * loss * 2") == .money(Money(minorUnits: 617)))
        #expect(try h.eval("0.05 CNY / 2") == .money(Money(minorUnits: 3)))
        #expect(try h.eval("-(0.05 CNY / 2)") == .money(Money(minorUnits: -3)))
    }

    @Test func ratiosArePerMilleAndPercentExactly() throws {
        // 7 / 2000 = 3.5‰: above 3‰, below 1%.
        #expect(try h.eval("defective / quantity > 3‰") == .bool(true))
        #expect(try h.eval("defective / quantity > 1%") == .bool(false))
        #expect(try h.eval("defective / quantity == 0.0035") == .bool(true))
        #expect(try h.eval("defective / 0") == .null)
    }

    @Test func nullPropagatesAndLogicIsThreeValued() throws {
        #expect(try h.eval("replied_at - received_at") == .null)
        #expect(try h.eval("replied_at - received_at > 2h") == .null)
        #expect(try h.eval("hazard or true") == .bool(true))
        #expect(try h.eval("hazard and false") == .bool(false))
        #expect(try h.eval("hazard and true") == .null)
        #expect(try h.eval("not hazard") == .null)
        #expect(try h.eval("replied_at is null") == .bool(true))
        #expect(try h.eval("received_at is not null") == .bool(true))
        #expect(try h.eval("replied_at ?? received_at") == .timestamp(h.ts("2026-11-20T09:15:00+08:00")))
        #expect(try h.eval("coalesce(replied_at, received_at + 2h)") == .timestamp(h.ts("2026-11-20T11:15:00+08:00")))
    }

    @Test func enumsCompareWithCheckedLiterals() throws {
        #expect(try h.eval("severity == \"major\"") == .bool(true))
        #expect(try h.eval("severity in [\"general\"]") == .bool(false))
        #expect(try h.eval("severity not in [\"general\"]") == .bool(true))
        #expect(h.problem("severity == \"mayor\"").contains("'mayor' is not a value of severity (did you mean 'major'?)"))
    }

    /// A field tested against one of its values is answered in place, without the closure:
    /// the same answers, null for an unset field, on either side and with `!=`.
    @Test func enumTestsInPlace() throws {
        for (severity, equal) in [(Value.enumValue("major"), Value.bool(true)), (.enumValue("general"), .bool(false)), (.null, .null)] {
            var h = ExpressionHarness()
            h.values[2] = severity
            let negated: Value = equal == .null ? .null : .bool(equal != .bool(true))
            #expect(try h.eval("severity == \"major\"") == equal)
            #expect(try h.eval("\"major\" == severity") == equal)
            #expect(try h.eval("severity != \"major\"") == negated)
            #expect(try h.eval("(severity == \"major\") ?? false") == (equal == .null ? .bool(false) : equal))
        }
    }

    @Test func timestampsAndDurations() throws {
        #expect(try h.eval("received_at + 13d") == .timestamp(h.ts("2026-12-03T09:15:00+08:00")))
        #expect(try h.eval("time(\"2026-11-20T10:15+08:00\") - received_at") == .span(.seconds(3600)))
        #expect(try h.eval("time(\"2026-11-20T02:15Z\") == time(\"2026-11-20T10:15+08:00\")") == .bool(true))
        #expect(try h.eval("month(received_at)") == .string("2026-11"))
        #expect(try h.eval("week(received_at)") == .string("2026-W47"))
        #expect(try h.eval("end_of_day(received_at)") == .timestamp(h.ts("2026-11-21T00:00:00+08:00")))
        // 2026-11-20 is a Friday; its ISO week ends on Sunday the 22nd.
        #expect(try h.eval("end_of_week(received_at)") == .timestamp(h.ts("2026-11-23T00:00:00+08:00")))
        #expect(try h.eval("following_month_day(received_at, 10)") == .timestamp(h.ts("2026-12-11T00:00:00+08:00")))
        #expect(try h.eval("days(36h)") == .decimal(Fraction(3, 2)!))
        #expect(try h.eval("latest(replied_at, received_at)") == .timestamp(h.ts("2026-11-20T09:15:00+08:00")))
        #expect(try h.eval("max(replied_at, received_at)") == .null)
    }

    @Test func conditionalsAndText() throws {
        #expect(try h.eval("if quantity > 1000 then 17d else 13d") == .span(.seconds(17 * 86_400)))
        #expect(try h.eval("matches(case_id, \"\\\\d{2}(0[1-9]|1[0-2])-\\\\d{2,}\")") == .bool(true))
        #expect(try h.eval("starts_with(case_id, \"26\") and length(case_id) == 7") == .bool(true))
    }

    @Test func typeErrorsNameTheProblem() {
        #expect(h.problem("received_at - received_at > 8 working hours").contains("cannot compare a duration with a working-time duration: they run on different clocks"))
        #expect(h.problem("loss + 1").contains("cannot apply '+' to money and integer"))
        #expect(h.problem("quantity and true").contains("'and' needs true or false on both sides, but this is integer"))
        #expect(h.problem("owner.salary").contains("a person has no member 'salary'"))
        #expect(h.problem("received_at < 3").contains("cannot compare timestamp with integer"))
        #expect(h.problem("if hazard then 1 else \"x\"").contains("'then' gives integer but 'else' gives string"))
        #expect(h.problem("recieved_at").contains("unknown name 'recieved_at' (did you mean 'received_at'?)"))
        #expect(h.problem("received_at-replied_at").contains("to subtract, put spaces around '-': 'received_at - replied_at'"))
        #expect(h.problem("count()").contains("'count' is an aggregate"))
    }

    @Test func syntaxErrorsPointAtTheToken() {
        #expect(h.problem("quantity = 3") == "9: '=' is not an operator; compare with '=='")
        #expect(h.problem("quantity > 3 && hazard") == "13: '&' is not an operator; write 'and'")
        #expect(h.problem("(quantity > 3") == "13: expected ')' to close '(', found the end of the expression")
        #expect(h.problem("1 < 2 < 3") == "6: comparisons do not chain; join them with 'and'")
        #expect(h.problem("\"open") == "0: unterminated string")
        #expect(h.problem("2.5 working days") == "0: working days are whole or half a day (0.5 working days); write other parts of a day in working hours")
        #expect(h.problem("30 minuets").contains("unknown unit 'minuets' (did you mean 'minutes'?)"))
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(h.problem(deep).contains("nests deeper than 48 levels"))
    }

    @Test func integerOverflowIsAnErrorNotAWrap() {
        #expect(throws: EvaluationError.self) { _ = try h.eval("quantity * 999999999999999999 * 10") }
    }
}

/// `week(…)`'s ISO week text, written digit by digit, against Foundation's ISO 8601 calendar
/// on every day of 1990–2030 (weeks 52 and 53, and the days of January that belong to the
/// previous year's last week).
@Suite struct ISOWeekTextTests {
    @Test func everyDayAgreesWithFoundation() throws {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = try #require(CivilDate(year: 1990, month: 1, day: 1))
        let end = try #require(CivilDate(year: 2030, month: 12, day: 31))
        while !(end < day) {
            let date = Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400))
            let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            let expected = String(format: "%04d-W%02d", c.yearForWeekOfYear!, c.weekOfYear!)
            #expect(ExpressionCompiler.isoWeek(day) == expected, "\(day)")
            day = day.adding(days: 1)
        }
    }
}

/// The remembered weeks give each instant's own week: at its offset (the local day, not the
/// UTC one), before 1970, and when two days 1,024 apart take turns at one entry.
@Suite struct WeekNamesTests {
    @Test func rememberedWeeksAreEachDaysOwn() throws {
        let weeks = WeekNames()
        // 2026-01-04 (Sunday, 2026-W01) 23:30 at +08:00 is 15:30 UTC, and the next local day
        // (2026-W02) starts 30 minutes later.
        let sunday = Timestamp(date: try #require(CivilDate(year: 2026, month: 1, day: 4)), secondOfDay: 23 * 3600 + 1800, offsetSeconds: 28_800)
        for _ in 0..<2 {
            #expect(weeks.week(of: sunday) == "2026-W01")
            #expect(weeks.week(of: sunday.adding(seconds: 1800)) == "2026-W02")
        }
        var day = try #require(CivilDate(year: 1960, month: 12, day: 25))
        for _ in 0..<4000 {
            for offset: Int32 in [-36_000, 0, 28_800] {
                let t = Timestamp(date: day, secondOfDay: 43_200, offsetSeconds: offset)
                let far = Timestamp(date: day.adding(days: 1024), secondOfDay: 0, offsetSeconds: offset)
                #expect(weeks.week(of: t) == ExpressionCompiler.isoWeek(day))
                #expect(weeks.week(of: far) == ExpressionCompiler.isoWeek(day.adding(days: 1024)))
                #expect(weeks.week(of: t) == ExpressionCompiler.isoWeek(day))
            }
            day = day.adding(days: 3)
        }
    }
}

/// The month text written digit by digit is the date's own text cut at the month, in every
/// month of the supported years (and a day of each, the first and the last).
@Suite struct MonthTextTests {
    @Test func everyMonthAgreesWithTheDatesText() throws {
        for year in Timestamp.supportedYears {
            for month in 1...12 {
                for day in [1, CivilDate.daysIn(month: month, year: year)] {
                    let d = try #require(CivilDate(year: year, month: month, day: day))
                    #expect(d.monthText == String(d.description.prefix(7)))
                }
            }
        }
    }
}
