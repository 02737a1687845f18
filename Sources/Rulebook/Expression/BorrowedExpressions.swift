/// A function's arguments as its compiled closure calls them for every case: each expression
/// referenced without being counted. Taken from an array (`for g in arguments`), an expression
/// was retained and released around each call, two atomic operations per argument per case.
///
/// Sound because `owned` holds every expression for as long as this value lives, and the
/// closure that holds this value holds it for its own life: no expression is freed while it is
/// called. The references are used only inside `Unmanaged._withUnsafeGuaranteedRef`, for the
/// length of one call.
struct BorrowedExpressions: Sendable {
    private let owned: [CompiledExpression]
    private let borrowed: [Unmanaged<CompiledExpression>]

    init(_ expressions: [CompiledExpression]) {
        owned = expressions
        borrowed = expressions.map { .passUnretained($0) }
    }

    var indices: Range<Int> { borrowed.indices }

    /// Argument `i`'s value for the case in `ctx`.
    @inline(__always)
    func evaluate(_ i: Int, _ ctx: EvaluationContext) throws -> Value {
        try borrowed[i]._withUnsafeGuaranteedRef { try $0.evaluate(ctx) }
    }
}
