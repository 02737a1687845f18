import Foundation
import FuzzSupport
@testable import Rulebook

// The expression lexer, parser and type checker, in the case scope of the shipped S1 policy
// (its fields, derived values and deadlines; its office calendar for working time), then the
// compiled expression run on two cases: every value unset, and every value set to a
// plausible one of its type with the deadlines in mixed states.
//
// `RULEBOOK_FUZZ_WRITE_SEEDS=DIR fuzz-expression` instead writes every expression of the
// shipped policies (`when:`, `due:`, `derive:` … as the loader finds them) to DIR, one file
// each, and exits: `scripts/fuzz` seeds the corpus with them.

if let dir = ProcessInfo.processInfo.environment["RULEBOOK_FUZZ_WRITE_SEEDS"] {
    var texts = Set<String>()
    let rules = Fuzz.setUp("rules/") { try FileManager.default.contentsOfDirectory(atPath: Fuzz.path("rules")) }
    for name in rules.sorted() where name.hasSuffix(".yaml") {
        collect(Fuzz.setUp(name) { try PolicyLoader.load(path: Fuzz.path("rules/" + name)) }, into: &texts)
    }
    for (i, text) in texts.sorted().enumerated() {
        guard FileManager.default.createFile(atPath: "\(dir)/expression-\(i)", contents: Data(text.utf8)) else {
            fatalError("cannot write seeds to \(dir)")
        }
    }
    print("wrote \(texts.count) expressions to \(dir)")
    exit(0)
}

/// Every `ExpressionSource` anywhere in `value`, found by reflection so that a new kind of
/// rule or key is picked up without a change here.
func collect(_ value: Any, into texts: inout Set<String>) {
    if let e = value as? ExpressionSource {
        texts.insert(e.text)
        return
    }
    for child in Mirror(reflecting: value).children { collect(child.value, into: &texts) }
}

let (policy, roster) = Fuzz.shippedPolicy("rules/s1-complaint-handling.yaml", roster: "fixtures/s1/roster.csv")

/// A case with every value set (a person from the roster, an instant in the calendar's years)
/// and the deadlines in turn breached, met, overdue, open and not applicable.
func filled() -> EvaluationContext {
    let ctx = policy.makeContext(people: roster)
    for (i, v) in policy.valueTypes.enumerated() { ctx.slots[i] = sample(v.type) }
    let due = Timestamp(seconds: Fuzz.asOf.seconds - 86_400 * 60, offsetSeconds: 8 * 3600)
    let states: [DeadlineOutcome] = [
        DeadlineOutcome(status: .breached, due: due), DeadlineOutcome(status: .met, due: due),
        DeadlineOutcome(status: .overdue, due: due), DeadlineOutcome(status: .pending, due: due), .notApplicable,
    ]
    for i in ctx.outcomes.indices { ctx.outcomes[i] = states[i % states.count] }
    return ctx
}

func sample(_ type: ValueType) -> Value {
    switch type {
    case .null: return .null
    case .boolean: return .bool(true)
    case .integer: return .integer(7)
    case .decimal: return .decimal(Fraction(7, 2000)!)
    case .money: return .money(Money(minorUnits: 123_456))
    case .string: return .string("2609-01")
    case .timestamp: return .timestamp(Timestamp(seconds: Fuzz.asOf.seconds - 86_400 * 84, offsetSeconds: 8 * 3600))
    case .date: return .date(CivilDate(year: 2026, month: 9, day: 7)!)
    case .span(let clock): return .span(TimeSpan(clock, clock == .workingDays ? 3 : 5400))
    case .enumeration(let d): return d.values.first.map(Value.enumValue) ?? .null
    case .person: return .person("王芳")
    case .department: return .department("生产部")
    case .list(let t): return .list([sample(t)])
    }
}

Fuzz.main(expected: [EvaluationError.self, Evaluator.RowError.self, CalendarError.self]) { bytes in
    let e = try policy.expression(String(decoding: bytes, as: UTF8.self))
    _ = try? e.evaluate(policy.makeContext(people: roster))
    _ = try e.evaluate(filled())
}
