/// Expressions as a compiled closure or the evaluator calls them for every case, referenced
/// without being counted: taken from an array (`for g in arguments`, `agg.keys[j]`) or bound
/// from an optional, an expression was retained and released around each call, two atomic
/// operations per expression per case. An entry may be absent (an aggregate without `where`,
/// a `count` without an argument).
///
/// Sound because `owned` holds every expression for as long as this value lives, and whatever
/// holds this value (a closure, a compiled aggregate) holds it for its own life: no expression
/// is freed while it is called. The references are used only inside
/// `Unmanaged._withUnsafeGuaranteedRef`, for the length of one call.
struct BorrowedExpressions: Sendable {
    private let owned: [CompiledExpression?]
    private let borrowed: [Unmanaged<CompiledExpression>?]

    init(_ expressions: [CompiledExpression?]) {
        owned = expressions
        borrowed = expressions.map { $0.map { .passUnretained($0) } }
    }

    var indices: Range<Int> { borrowed.indices }

    /// Entry `i`'s value for the case in `ctx`; nil when the entry is absent.
    @inline(__always)
    func evaluate(_ i: Int, _ ctx: EvaluationContext) throws -> Value? {
        guard let e = borrowed[i] else { return nil }
        return try e._withUnsafeGuaranteedRef { try $0.evaluate(ctx) }
    }
}
