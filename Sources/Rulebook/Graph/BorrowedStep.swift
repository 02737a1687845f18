/// A `Step` as the evaluator walks it for every case: its rule referenced without being
/// counted. Copying a `Step` out of the policy retains its rule and releases it after, two
/// atomic operations for every step of every case (4% of a `check`).
///
/// Sound because each reference is borrowed from `CompiledPolicy.steps`, which holds every
/// rule for as long as the policy lives, and an evaluator holds its policy: no rule is freed
/// while a step of it runs. The references are used only inside
/// `Unmanaged._withUnsafeGuaranteedRef`, for the length of one step.
enum BorrowedStep: Sendable {
    case derive(Unmanaged<CompiledDerive>)
    case table(Unmanaged<CompiledTable>)
    case deadline(Unmanaged<CompiledDeadline>)
    case penalty(Unmanaged<CompiledPenalty>)
    case escalation(Unmanaged<CompiledEscalation>)

    init(_ step: Step) {
        switch step {
        case .derive(let d): self = .derive(.passUnretained(d))
        case .table(let t): self = .table(.passUnretained(t))
        case .deadline(let d): self = .deadline(.passUnretained(d))
        case .penalty(let p): self = .penalty(.passUnretained(p))
        case .escalation(let e): self = .escalation(.passUnretained(e))
        }
    }

    /// The step, counted again: for a failure's message, never on the way of a case.
    var step: Step {
        switch self {
        case .derive(let d): return .derive(d.takeUnretainedValue())
        case .table(let t): return .table(t.takeUnretainedValue())
        case .deadline(let d): return .deadline(d.takeUnretainedValue())
        case .penalty(let p): return .penalty(p.takeUnretainedValue())
        case .escalation(let e): return .escalation(e.takeUnretainedValue())
        }
    }
}
