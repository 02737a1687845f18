import ArgumentParser
import Rulebook

extension FileSchema.Kind: ExpressibleByArgument {}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of a policy, calendar, policy test file or roster record, for editors."
    )

    @Argument(help: "policy, calendar, test or roster.")
    var kind: FileSchema.Kind

    func run() throws {
        try reportingFailures { try writeStandardOutput(FileSchema.text(for: kind)) }
    }
}
