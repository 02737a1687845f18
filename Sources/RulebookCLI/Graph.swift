import ArgumentParser
import Rulebook

extension GraphRenderer.Format: ExpressibleByArgument {}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a policy's rule graph (Graphviz DOT or Mermaid), nodes labelled with rule ids and clauses."
    )

    @Argument(help: "The policy file.")
    var policy: String

    @Option(help: "dot or mermaid.")
    var format: GraphRenderer.Format = .dot

    func validate() throws { try requirePath(policy, "the policy argument") }

    func run() throws {
        try reportingFailures {
            let compiled = try PolicyCompiler.compile(path: policy)
            try writeStandardOutput(GraphRenderer.render(compiled.graph, title: compiled.policy.id, format: format))
        }
    }
}
