/// The keys of a policy file, mapping by mapping: what `PolicyLoader` accepts (anything else is
/// `unknown key … (did you mean …?)`) and requires, and what `rulebook schema policy` describes.
/// The words of each choice come from the model's own enums. See docs/policy-language.md.
enum PolicyKeys {
    /// `lateness:` and the clock each word names.
    static let latenessWords: [(word: String, clock: TimeSpan.Clock)] = [("working-time", .workingTime), ("calendar", .calendar)]
    /// The currencies a policy may name.
    static let currencies = ["CNY"]
    /// The languages reports for people are written in (`ReportLanguage`).
    static let languages = ["zh", "en"]
    /// A cap is kept per person and month, and says so.
    static let capPeriods = ["person", "month"]

    static let fieldTypes = FieldDecl.Kind.allCases.map(\.rawValue)
    /// `owner: person`: every type but `enum`, which needs its values.
    static let shorthandFieldTypes = FieldDecl.Kind.allCases.filter { $0 != .enum }.map(\.rawValue)

    // MARK: - Rules' common keys

    static let id = KeySpec.key("id", .text, required: true, "the rule's id (letters, digits, '_', '-'; starts with a letter), cited by findings")
    static let clause = KeySpec.key("clause", .text, "the source's clause number, cited by findings")
    static let title = KeySpec.key("title", .text, "a title, shown in reports")
    static let unreadTitle = KeySpec.key("title", .comment, "a title for people")
    static let description = KeySpec.key("description", .comment, "text for people")
    static let workingDays = KeySpec.key("working_days", .word(WorkingDayRule.policyKeywords.map(\.keyword)),
                                         "how N working days are counted (rules/calendars/README.md); same-time when absent")
    static let note = KeySpec.key("note", .expression, "text for the finding, per case (e.g. a decision table's output)")

    // MARK: - The file

    static let policy = MappingSpec(name: "policy", summary: "a rulebook policy (docs/policy-language.md)", keys: [
        .key("policy", .text, required: true, "the policy id (letters, digits, '_', '-'; starts with a letter)"),
        .key("title", .text, "the policy's title"),
        .key("source", .text, "the document the policy encodes"),
        .key("version", .text, "the policy's version"),
        .key("timezone", .text, "IANA zone for timestamps without an offset, and for reports (default Asia/Shanghai)"),
        .key("calendar", .text, "the business calendar file, relative to the policy (calendars/cn-office.yaml)"),
        .key("currency", .word(currencies), "the currency of amounts"),
        .key("language", .word(languages), "the language of reports for people: zh or en (default: the language of the titles)"),
        .key("include", .oneOrMore(.text), "shared rules files (first key 'shared:') whose calendar, fields and caps the policy takes, relative to the policy"),
        description,
        .key("notes", .comment, "notes for people"),
        .key("fields", .names(.either([.word(shorthandFieldTypes), .mapping(field)]), atLeastOne: true), required: true,
             "the case record's fields: a type (`owner: person`) or a mapping; the field named case_id, else the first, identifies a case"),
        .key("derive", .names(.expression, atLeastOne: false), "named values computed from fields and other values"),
        .key("tables", .list(.mapping(table)), "first-hit decision tables"),
        .key("aggregates", .list(.mapping(aggregate)), "counts, sums, minima and maxima per group of cases"),
        .key("deadlines", .list(.mapping(deadline)), "time limits between two steps"),
        .key("penalties", .list(.mapping(penalty)), "fines and sanctions"),
        .key("caps", .list(.mapping(cap)), "limits on a person's deductions per month"),
        .key("escalations", .list(.mapping(escalation)), "conditions that raise an action"),
    ])

    /// A shared rules file: what several policies take by `include:` (docs/policy-language.md,
    /// "Shared company rules").
    static let shared = MappingSpec(name: "shared", summary: "shared company rules that policies include (docs/policy-language.md)", keys: [
        .key("shared", .text, required: true, "the shared rules' id (letters, digits, '_', '-'; starts with a letter)"),
        .key("title", .text, "a title for people"),
        .key("source", .text, "the document the rules encode"),
        description,
        .key("notes", .comment, "notes for people"),
        .key("include", .oneOrMore(.text), "further shared rules files, relative to this one"),
        .key("calendar", .text, "the business calendar file, relative to this file"),
        .key("fields", .names(.either([.word(shorthandFieldTypes), .mapping(field)]), atLeastOne: false),
             "case record fields every including policy reads"),
        .key("caps", .list(.mapping(cap)), "the company's limit on a person's deductions per month"),
    ])

    static let field = MappingSpec(name: "field", summary: "a field of the case record", keys: [
        .key("type", .word(fieldTypes), required: true, "the field's type"),
        .key("column", .oneOrMore(.text), "the headers the field may have in an export (default: the field's name)"),
        .key("optional", .boolean, "whether the value may be empty (null)"),
        .key("values", .oneOrMore(.text), "an enum field's values"),
        .key("labels", .names(.text, atLeastOne: false), "an enum field's source texts, each mapped onto a value (一般: general)"),
        .key("pattern", .text, "a string field's regular expression every value must match"),
        .key("min", .number(.bound), "a number's least value (0%, 1000元); without it and `signed`, 0"),
        .key("max", .number(.bound), "a number's greatest value"),
        .key("signed", .boolean, "a number without `min` may be below 0"),
        description,
    ])

    // MARK: - Values

    static let table = MappingSpec(name: "table", summary: "a first-hit decision table", keys: [
        id, clause, unreadTitle, description,
        .key("hit", .word(TableDecl.Hit.allCases.map(\.rawValue)), "`first`: the rows' order is their priority on purpose (partly overlapping rows are then not warned about)"),
        .key("outputs", .names(.either([.word(fieldTypes), .mapping(tableOutput)]), atLeastOne: false), required: true,
             "the values the table sets: a type, or { type, values }"),
        .key("rows", .list(.mapping(tableRow)), required: true, "rows tried in order; the first whose `when` holds sets the outputs; a row without `when` is the default, last"),
    ])

    static let tableOutput = MappingSpec(name: "tableOutput", summary: "an output of a decision table", keys: [
        .key("type", .word(fieldTypes), required: true, "the output's type"),
        .key("values", .oneOrMore(.text), "an enum output's values"),
        description,
    ])

    /// A row's other keys are the table's outputs, which each policy names.
    static let tableRow = MappingSpec(
        name: "tableRow", summary: "a row of a decision table: `when` and a cell per output",
        keys: [
            .key("when", .expression, "the row's condition; none: the row always hits"),
            .key("note", .comment, "text for people"),
        ],
        otherKeys: .orEmpty(.expression), otherKeysSummary: "the cell of an output: an enum value or an expression; empty for null")

    static let aggregate = MappingSpec(name: "aggregate", summary: "counts and sums per group of cases", keys: [
        id, clause, unreadTitle, description,
        .key("by", .names(.expression, atLeastOne: false), required: true, "the group's keys: name → expression (person: responsible, month: month(received_at))"),
        .key("where", .expression, "the cases counted"),
        .key("values", .names(.expression, atLeastOne: false), required: true, "the group's values: name → count(), sum(x), min(x), max(x) …"),
    ])

    // MARK: - Rules

    static let deadline = MappingSpec(name: "deadline", summary: "a time limit between two steps; exactly one of `within` and `due`", keys: [
        id, clause, title, description,
        .key("when", .expression, "the condition under which the deadline applies"),
        .key("from", .expression, "the instant the clock starts (null: the deadline does not apply); required unless `rounds` gives it"),
        .key("to", .expression, "the instant the step was done (null: still open); required unless `rounds` gives it"),
        .key("rounds", .list(.mapping(round)), "instead of `from` and `to`: each round judged on its own clock, a finding and a fine of its own (a reopened case)"),
        .key("within", .expression, "the time allowed: 2h, 3d, 8 working hours, 3 working days"),
        .key("due", .expression, "the due instant, instead of `within`"),
        workingDays,
        .key("lateness", .word(latenessWords.map(\.word)), "the clock lateness is measured and judged on"),
        .key("per", .text, "an aggregate's id: the deadline runs once per group"),
        .key("penalty", .mapping(deadlinePenalty), "the fine for a breach"),
    ])

    /// One round of a deadline with `rounds:`: the second round is `<id>#2` (docs/policy-language.md, "Rounds").
    static let round = MappingSpec(name: "round", summary: "one round of a deadline: its own clock, finding and fine", keys: [
        .key("from", .expression, required: true, "the instant the round's clock starts (null: the round did not happen)"),
        .key("to", .expression, required: true, "the instant the round's step was done (null: still open)"),
    ])

    static let penalty = MappingSpec(name: "penalty", summary: "a fine or sanction; needs `on`, `when` or `per`; `amount`, `tiers` or `sanction`; `to` or `apportion`", keys: [
        id, clause, title, description,
        .key("on", .text, "a deadline's id: fires on its breach"),
        .key("when", .expression, "the condition under which the penalty applies"),
        .key("per", .text, "an aggregate's id: the penalty runs once per group"),
        .key("to", .oneOrMore(.either([.mapping(party), .expression])), "who is fined: a person, a list, or { party, share } entries"),
        .key("amount", .expression, "the fine (20 CNY, loss, bonus(responsible))"),
        .key("measure", .expression, "the count or sum `tiers` are read against"),
        .key("tiers", .list(.mapping(tier)), "graduated amounts; the highest reached applies"),
        .key("apportion", .word(PenaltyDecl.Apportion.allCases.map(\.rawValue)), "how a department shares the amount"),
        .key("among", .expression, "the department whose members share an apportioned amount"),
        .key("members", .word(PenaltyDecl.Members.allCases.map(\.rawValue)), "whose base points share it (default direct)"),
        .key("remainder", .word(PenaltyDecl.Remainder.allCases.map(\.rawValue)), "who bears what the parties' shares leave over"),
        .key("fires", .word(PenaltyDecl.Fires.allCases.map(\.rawValue)), "when a fine per month or week is booked (default at-period-end)"),
        .key("sanction", .text, "a non-monetary sanction: its name as one bare word (warning, major-demerit), or an expression giving an enum value, (sanction_decided)"),
        .key("at", .expression, "the instant the fine is incurred, which decides its ledger month"),
        .key("capped", .boolean, "false: the cap does not cover this penalty (a sanction outside a shared cap); default true"),
        note,
    ])

    /// A deadline's own penalty: fires on its breach, per its groups.
    static let deadlinePenalty = penalty
        .without(["id", "on", "per"], name: "deadlinePenalty", summary: "the fine for the deadline's breach")
        .requiring(["to"])

    static let party = MappingSpec(name: "party", summary: "a liable party and their share", keys: [
        .key("party", .expression, required: true, "the person fined"),
        .key("share", .expression, "their part of the amount, 0–100%"),
    ])

    static let tier = MappingSpec(name: "tier", summary: "a graduated amount", keys: [
        .key("at_least", .expression, required: true, "the least measure for this amount"),
        .key("amount", .expression, required: true, "the fine"),
    ])

    static let cap = MappingSpec(name: "cap", summary: "a limit on a person's deductions per month", keys: [
        id, clause, unreadTitle, description,
        .key("per", .exactly(capPeriods), required: true, "always [person, month]"),
        .key("limit", .expression, required: true, "the most deducted in a month (50% of bonus)"),
        .key("excess", .word(CapDecl.Excess.allCases.map(\.rawValue)), "what happens to the excess (default carry-forward)"),
        .key("rounding", .word(CapDecl.Rounding.allCases.map(\.rawValue)), "how the limit is made a figure in fen (default down)"),
        .key("missing_bonus", .word(CapDecl.MissingBonus.allCases.map(\.rawValue)),
             "a month the roster gives no bonus for: the run fails (error, the default) or the bonus is 0.00 (zero)"),
        .key("carry_until", .word(CapDecl.CarryUntil.allCases.map(\.rawValue)),
             "how far an excess is carried: to the as-of month (the default) or through the roster's last bonus month"),
        .key("penalties", .oneOrMore(.text), "the penalties covered (default all)"),
    ])

    static let escalation = MappingSpec(name: "escalation", summary: "a condition that raises an action", keys: [
        id, clause, title, description,
        .key("when", .expression, required: true, "the condition"),
        .key("action", .text, "what is to be done"),
        .key("per", .text, "an aggregate's id: the escalation runs once per group"),
        .key("require", .expression, "the step that must follow (with `from` and `within`)"),
        .key("from", .expression, "the instant the time limit runs from"),
        .key("within", .expression, "how soon the required step must follow"),
        workingDays,
        note,
    ])
}
