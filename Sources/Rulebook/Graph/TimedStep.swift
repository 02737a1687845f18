/// The timed part of a deadline (or of an escalation's `require:`), laid out for the
/// evaluator: the expressions it runs for every case and the settings it reads, copied out of
/// the rule's declaration when the policy is compiled. A declaration is a large struct of
/// texts and locations; the evaluator reads the few words it needs here, close together.
struct TimedStep: Sendable {
    /// Nil: the step always applies.
    let when: CompiledExpression?
    let from: CompiledExpression?
    let to: CompiledExpression?
    /// The time allowed, or (without it) `due:`, the instant it is due.
    let within: CompiledExpression?
    let due: CompiledExpression?
    let workingDays: WorkingDayRule
    /// The clock lateness is measured on when the rule chooses one.
    let lateness: TimeSpan.Clock?
    /// The `to:` text: a row error about a step done before its start points at its column
    /// when it names a field.
    let doneText: String?
}
