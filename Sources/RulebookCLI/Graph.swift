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

    func run() throws {
        do {
            let compiled = try PolicyCompiler.compile(path: policy)
            print(GraphRenderer.render(compiled.graph, title: compiled.policy.id, format: format), terminator: "")
        } catch let e as DiagnosticError {
            report(e.diagnostics)
            throw Exit.badInput
        }
    }
}
