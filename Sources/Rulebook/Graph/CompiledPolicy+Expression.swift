/// An expression compiled against a policy's case values from outside a policy file: what the
/// fuzz harnesses (`fuzz/`, which see only the public API) and tools need to parse, type-check
/// and run one expression without writing a policy around it.
struct PolicyExpression {
    /// The expression's static type.
    let type: ValueType
    let compiled: CompiledExpression

    /// Runs the expression on a case held in `context` (see `CompiledPolicy.makeContext`).
    func evaluate(_ context: EvaluationContext) throws -> Value {
        try compiled.evaluate(context)
    }
}

extension CompiledPolicy {
    /// `text` parsed and type-checked as if written in a case-level rule of this policy (its
    /// fields, derived values, table outputs and deadlines in scope). Throws `DiagnosticError`
    /// located in `file` at line 1, the column counting Unicode scalars.
    func expression(_ text: String, file: String = "<expression>") throws -> PolicyExpression {
        func at(_ offset: Int) -> SourceLocation { SourceLocation(file: file, line: 1, column: offset + 1) }
        let syntax: Syntax
        do {
            syntax = try Parser.parse(text)
        } catch let f as Parser.Failure {
            throw DiagnosticError(.error("in expression: \(f.message)", at: at(f.range.lowerBound)))
        }
        var compiler = ExpressionCompiler(scope: caseScope)
        compiler.source = text
        guard let compiled = compiler.compile(syntax) else {
            throw DiagnosticError(compiler.problems.map { .error($0.message, at: at($0.range.lowerBound)) })
        }
        return PolicyExpression(type: compiled.type, compiled: compiled)
    }

    /// A context sized for this policy's cases (every value unset, every deadline not
    /// applicable), on its zone and calendar; fill `slots` in `valueTypes` order.
    func makeContext(people: PeopleDirectory? = nil) -> EvaluationContext {
        EvaluationContext(slots: slotNames.count, deadlines: deadlineCount, zone: zone, calendar: calendar, people: people)
    }
}
