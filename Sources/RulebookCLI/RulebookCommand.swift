import ArgumentParser
import Rulebook

@main
struct RulebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rulebook",
        abstract: "Evaluate complaint-handling policies declared in YAML against case exports.",
        version: Rulebook.version,
        subcommands: []
    )
}
