/// JSON Schemas (draft 2020-12) of the files rulebook reads, for editors: with one, an editor
/// completes keys, shows what each means, and flags a misspelt key or a word that is not one
/// of a choice where it is typed. Generated from the tables the loaders check keys against,
/// so a schema cannot accept a key the loader refuses or refuse one it accepts (except a
/// table row's outputs, which each policy names). The loader stays the judge of meaning:
/// names, types and ranges.
package enum FileSchema {
    /// The kinds of file with a schema.
    package enum Kind: String, CaseIterable, Sendable {
        /// A policy (`rules/*.yaml`).
        case policy
        /// A business calendar (`rules/calendars/*.yaml`).
        case calendar
        /// A policy test file (`rules/tests/*.test.yaml`).
        case test
        /// A shared rules file that policies include (`rules/company/*.yaml`).
        case shared
        /// One record of a roster in JSON Lines, with every accepted header.
        case roster
    }

    /// The schema as JSON text, ending with a newline; the same bytes on every run.
    package static func text(for kind: Kind) -> String {
        document(for: kind).text() + "\n"
    }

    static func document(for kind: Kind) -> SchemaJSON {
        switch kind {
        case .policy:
            return SchemaGenerator.document(title: "rulebook policy", description: "A complaint-handling policy. See docs/policy-language.md.",
                                            root: PolicyKeys.policy)
        case .calendar:
            return SchemaGenerator.document(title: "rulebook calendar", description: "A business calendar. See rules/calendars/README.md.",
                                            root: CalendarKeys.file)
        case .test:
            return SchemaGenerator.document(title: "rulebook policy tests", description: "Tests of a policy. See docs/policy-tests.md.",
                                            root: PolicyTestKeys.suite)
        case .shared:
            return SchemaGenerator.document(title: "rulebook shared rules", description: "Shared company rules that policies include. See docs/policy-language.md.",
                                            root: PolicyKeys.shared)
        case .roster:
            return SchemaGenerator.rosterRecord()
        }
    }
}
