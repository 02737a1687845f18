/// An input a run was not given but needed. The library says what is missing in its own
/// terms, ending the message with `phrase`; a front end that knows how the input is given
/// adds that (the `rulebook` command: a note naming `--roster`).
package enum MissingInput: CaseIterable, Sendable {
    /// The roster: people, departments, base points and monthly bonuses.
    case roster

    /// The end of every message about this input.
    package var phrase: String {
        switch self {
        case .roster: return "no roster was given"
        }
    }

    /// The input a message ends by saying is missing, if any.
    package static func named(in message: String) -> MissingInput? {
        allCases.first { message.hasSuffix($0.phrase) }
    }
}
