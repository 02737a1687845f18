import ArgumentParser
import Foundation
import Rulebook
import RulebookBench

extension CaseGenerator.Policy: ExpressibleByArgument {}
extension CaseGenerator.Format: ExpressibleByArgument {}

/// `rulebook generate`: synthetic case exports for the benchmark (hidden from help).
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write N synthetic cases for the S1 or S2 policy, deterministic by seed (for bench/).",
        shouldDisplay: false
    )

    @Option(help: "s1 or s2.")
    var policy: CaseGenerator.Policy

    @Option(help: "How many cases.")
    var count: Int

    @Option(help: "The seed: the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Option(help: "csv or jsonl.")
    var format: CaseGenerator.Format = .csv

    @Option(name: .shortAndLong, help: "Write the cases here instead of standard output.")
    var output: String?

    @Option(help: "Also write the roster of the people the cases name (CSV) here.")
    var roster: String?

    func validate() throws {
        try requirePath(output, "-o/--output")
        try requirePath(roster, "--roster")
        do {
            try SameFileCheck.check(inputs: [], outputs: [output.map { PathOption("-o", $0) }, roster.map { PathOption("--roster", $0) }].compactMap { $0 })
        } catch let c as SameFileCheck.Conflict {
            throw ValidationError(c.description)
        }
    }

    func run() throws {
        try reportingFailures {
            let generator = CaseGenerator(policy: policy, seed: seed)
            let file = try output.map { try OutputFile(path: $0) }
            let out = file?.output ?? ByteOutput(fd: STDOUT_FILENO)
            generator.write(count: count, format: format, to: out)
            try out.finish()
            if let roster { try OutputFile.write(generator.roster(), to: roster) }
            try file?.commit()
        }
    }
}
