/// What one mapping of a YAML file accepts, declared once: the loaders check a mapping's keys
/// against it (an unknown key is an error with a did-you-mean, a missing required key is an
/// error), and `SchemaGenerator` describes the same tables as JSON Schema for editors
/// (`rulebook schema`), so the two cannot drift. The tables: `PolicyKeys`, `CalendarKeys`,
/// `PolicyTestKeys`.
struct MappingSpec: Sendable {
    /// The definition's name in the schema (`deadline`), also its `$defs` key.
    var name: String
    /// One line for an editor's hover text.
    var summary: String
    var keys: [KeySpec]
    /// Keys beyond the declared ones that a file may add, and what they hold: a table row's
    /// outputs, which each policy names. nil: no other key is accepted.
    var otherKeys: ValueSpec? = nil
    /// What the other keys are, for hover text.
    var otherKeysSummary = ""
    /// Whether the loader lowercases a key before looking it up (weekdays: `Monday`).
    var ignoringCase = false

    /// The accepted keys, in the order the documentation lists them.
    var names: [String] { keys.map(\.name) }
    /// The keys the loader requires, in declaration order.
    var required: [String] { keys.filter(\.required).map(\.name) }

    func key(_ name: String) -> KeySpec? { keys.first { $0.name == name } }

    /// The same mapping without some keys, under another name (a deadline's inline penalty is a
    /// penalty without `id`, `on` and `per`).
    func without(_ dropped: [String], name: String, summary: String) -> MappingSpec {
        MappingSpec(name: name, summary: summary, keys: keys.filter { !dropped.contains($0.name) },
                    otherKeys: otherKeys, otherKeysSummary: otherKeysSummary, ignoringCase: ignoringCase)
    }

    /// The same mapping with exactly these keys required.
    func requiring(_ names: [String]) -> MappingSpec {
        var m = self
        m.keys = keys.map { k in
            var k = k
            k.required = names.contains(k.name)
            return k
        }
        return m
    }
}

/// One key of a mapping.
struct KeySpec: Sendable {
    var name: String
    var value: ValueSpec
    var required: Bool
    /// One line for an editor's hover text.
    var summary: String

    static func key(_ name: String, _ value: ValueSpec, required: Bool = false, _ summary: String) -> KeySpec {
        KeySpec(name: name, value: value, required: required, summary: summary)
    }
}

/// What a key's value may be, as far as its shape goes: what the loader reads before it looks
/// at meaning (names, types, ranges). YAML scalars are text to the loader, so `8.2` and `"8.2"`
/// are the same clause; the schema lets a scalar be a string, a number or a boolean wherever
/// the loader reads text.
indirect enum ValueSpec: Sendable {
    /// Text for people that the loader keeps no value of (`description`): any YAML.
    case comment
    /// One value, read as text.
    case text
    /// Text compiled as an expression when the policy is compiled (docs/policy-language.md).
    case expression
    /// `true`, `false`, `yes` or `no` (`MappingReader.booleanWords`).
    case boolean
    /// One of these words; `ignoringCase` when the loader lowercases it first (weekdays).
    case word([String], ignoringCase: Bool)
    /// Text of a documented form (a timestamp, a duration, a date).
    case written(WrittenForm)
    /// A number, or text of this form (`20 CNY`).
    case number(WrittenForm)
    /// A whole number, written as a number or as digits; in this range when given.
    case whole(ClosedRange<Int>?)
    /// A value or a list of them: `column: 接收时间` or `column: [received_at, 接收时间]`.
    case oneOrMore(ValueSpec)
    /// Exactly this list: a cap's `per: [person, month]`.
    case exactly([String])
    /// A list; empty (null) means none.
    case list(ValueSpec)
    /// A mapping of names the file chooses (`fields`, `derive`) to values; empty (null) means
    /// none unless `atLeastOne`.
    case names(ValueSpec, atLeastOne: Bool)
    /// A mapping with keys of its own.
    case mapping(MappingSpec)
    /// Any of these (a shorthand or the full form).
    case either([ValueSpec])
    /// The value, or nothing written (null).
    case orEmpty(ValueSpec)

    static func word(_ words: [String]) -> ValueSpec { .word(words, ignoringCase: false) }
}

/// A textual form a loader parses, described for editors by a regular expression (ECMA-262
/// and ICU alike) that accepts every text the loader's parser accepts. It checks the shape
/// only: the loader still refuses 2025-02-30 or a duration over 100 years.
struct WrittenForm: Sendable, Equatable {
    /// What the text is, for hover text: "a timestamp".
    var name: String
    var pattern: String
    var examples: [String]
}
