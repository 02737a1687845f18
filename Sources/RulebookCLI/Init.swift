import ArgumentParser
import Foundation
import Rulebook

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a policy: a policy, its calendar, a sample export and roster, and tests that pass at once."
    )

    @Argument(help: "The folder to write into (made when missing; no file in it is overwritten).")
    var folder: String

    func validate() throws { try requirePath(folder, "the folder argument") }

    func run() throws {
        try reportingFailures {
            let written = try Scaffold.write(into: folder)
            let shown = written.map { "  \($0)\n" }.joined()
            try writeStandardOutput("""
            wrote
            \(shown)next: rulebook test \(folder)
                  rulebook check --rules \(folder)/policy.yaml --cases \(folder)/cases.csv --roster \(folder)/roster.csv --as-of 2026-12-01T09:00

            """)
        }
    }
}
