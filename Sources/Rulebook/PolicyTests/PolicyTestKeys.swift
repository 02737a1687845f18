/// The keys of a policy test file: what `PolicyTestLoader` accepts (anything else is
/// `unknown key …` with a did-you-mean) and requires, how it reads each expected value (an
/// amount, a whole number, a duration, an instant, or text), and what `rulebook schema test`
/// describes. See docs/policy-tests.md.
enum PolicyTestKeys {
    static let suite = MappingSpec(name: "testFile", summary: "policy tests (docs/policy-tests.md); paths are relative to this file", keys: [
        .key("suite", .text, "a name for the file's tests"),
        .key("policy", .text, required: true, "the policy tested"),
        .key("roster", .text, "the roster file"),
        .key("cases", .text, "the default export of every test"),
        .key("as_of", .written(.testInstant), "the default as-of instant; quote it"),
        .key("tests", .list(.mapping(test)), required: true, "the tests"),
        .key("description", .comment, "text for people"),
    ])

    static let test = MappingSpec(name: "test", summary: "one test: its input and what it expects", keys: [
        .key("name", .text, required: true, "the test's name (`rulebook test --run` matches it)"),
        .key("cases", .text, "an export for this test, instead of the file's"),
        .key("rows", .list(.names(.orEmpty(.text), atLeastOne: false)), "inline rows, each a mapping of column headers to values"),
        .key("as_of", .written(.testInstant), "the as-of instant for this test; quote it"),
        .key("expect", .mapping(expect), required: true, "what the test asserts; only what it names"),
        .key("description", .comment, "text for people"),
    ])

    static let expect = MappingSpec(name: "expect", summary: "what a test asserts", keys: [
        .key("findings", .list(.mapping(finding)), "each must match at least one finding (`count`: exactly that many)"),
        .key("absent", .list(.mapping(finding)), "none may match"),
        .key("ledger", .list(.mapping(ledger)), "ledger lines, matched on person and month"),
        .key("totals", .mapping(totals), "the report's totals"),
        .key("rejected", .list(.mapping(rejected)), "rows set aside as bad input (the test then runs with rejects collected)"),
    ])

    static let finding = MappingSpec(name: "finding", summary: "a partial description of a finding", keys: [
        .key("case", .text, "the case id, or a group's subject"),
        .key("kind", .text, "deadline, penalty, escalation …"),
        .key("rule", .text, "the rule's id (a deadline's own penalty: id/penalty)"),
        .key("clause", .text, "the clause"),
        .key("status", .text, "met, breached, open, overdue, fined, sanctioned, not-fined, raised …"),
        .key("party", .text, "the person fined"),
        .key("amount", .number(.testAmount), "the amount (20 CNY equals 20.00)"),
        .key("month", .text, "the ledger month (2026-09)"),
        .key("sanction", .text, "the sanction"),
        .key("action", .text, "an escalation's action"),
        .key("due", .written(.testInstant), "the due instant (any offset; without one, the policy's zone)"),
        .key("done", .written(.testInstant), "the instant the step was done"),
        .key("late_by", .written(.duration), "the lateness, on the rule's clock"),
        .key("count", .whole(0...Int.max), "exactly this many findings match"),
    ])

    static let ledger = MappingSpec(name: "ledgerLine", summary: "a partial description of a ledger line", keys: [
        .key("person", .text, "the person"),
        .key("month", .text, "the month (2026-09)"),
        .key("bonus", .number(.testAmount), "the month's bonus"),
        .key("cap", .number(.testAmount), "the cap"),
        .key("incurred", .number(.testAmount), "fines incurred in the month"),
        .key("carried_in", .number(.testAmount), "excess carried in"),
        .key("deducted", .number(.testAmount), "deducted in the month"),
        .key("carried_out", .number(.testAmount), "excess carried to the next month"),
    ])

    static let totals = MappingSpec(name: "totals", summary: "the report's totals", keys: [
        .key("fined", .number(.testAmount), "all fines"),
        .key("deducted", .number(.testAmount), "all deductions"),
        .key("outstanding", .number(.testAmount), "fines not yet deducted"),
        .key("rows_read", .whole(nil), "rows read"),
        .key("rows_evaluated", .whole(nil), "rows evaluated"),
        .key("rows_rejected", .whole(nil), "rows set aside"),
        .key("violations", .whole(nil), "violations"),
    ])

    static let rejected = MappingSpec(name: "rejectedRow", summary: "a row set aside as bad input", keys: [
        .key("row", .whole(nil), "the row number"),
        .key("column", .text, "the column"),
        .key("message", .text, "a part of the message"),
    ])

    /// The expected values' keys, by how `PolicyTestLoader.field` reads them. A key has one
    /// meaning in every mapping it appears in (`PolicyTestKeysTests`).
    static let expectedValueMappings = [finding, ledger, totals, rejected]
    static let moneyKeys = keys { if case .number(.testAmount) = $0 { true } else { false } }
    static let integerKeys = keys { if case .whole(.none) = $0 { true } else { false } }
    static let durationKeys = keys { if case .written(.duration) = $0 { true } else { false } }
    static let instantKeys = keys { if case .written(.testInstant) = $0 { true } else { false } }

    static func keys(_ holding: (ValueSpec) -> Bool) -> Set<String> {
        Set(expectedValueMappings.flatMap(\.keys).filter { holding($0.value) }.map(\.name))
    }
}
