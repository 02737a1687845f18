import ArgumentParser
import Rulebook

extension GraphRenderer.Format: ExpressibleByArgument {}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a policy's rule graph (Graphviz DOT or Mermaid), nodes labelled with rule ids, titles and clauses."
    )

    @Option(help: "The policy file (like every other command).")
    var rules: String?

    @Argument(help: "The policy file, as an argument (the older form of --rules).")
    var policyArgument: String?

    @Option(help: "dot or mermaid.")
    var format: GraphRenderer.Format = .dot

    @OptionGroup var language: LanguageOption

    func validate() throws {
        switch (rules, policyArgument) {
        case (nil, nil): throw ValidationError("give the policy with --rules FILE")
        case (.some(let a), .some(let b)) where a != b:
            throw ValidationError("two policies given: --rules \(a) and the argument \(b); give one")
        default: try requirePath(rules ?? policyArgument, rules != nil ? "--rules" : "the policy argument")
        }
    }

    func run() throws {
        try reportingFailures {
            let compiled = try PolicyCompiler.compile(path: rules ?? policyArgument!)
            try writeStandardOutput(GraphLabels.render(compiled, format: format, language: try language.choose(compiled)))
        }
    }
}
