/// What names mean where an expression is compiled.
struct Scope {
    enum Binding {
        /// A case-level value in `EvaluationContext.slots`.
        case slot(Int, ValueType)
        /// A group-level value in `EvaluationContext.group`.
        case group(Int, ValueType)
        /// A deadline's outcome, read through members such as `.breached`; the clock its
        /// lateness is measured on.
        case deadline(Int, lateness: TimeSpan.Clock)
        case constant(Value, ValueType)
    }

    var bindings: [String: Binding] = [:]
    /// Set while compiling an aggregate's values: `count()`, `sum(x)` … register accumulators
    /// here, and their arguments are compiled in `caseScope`.
    var aggregates: AggregateRegistry?
    /// Names that exist but may not be read here, with the reason (e.g. a later rule).
    var unavailable: [String: String] = [:]
    /// Set while compiling a penalty's amount, which runs once the booking month is known:
    /// `bonus(person)` without a month may be used only there.
    var knowsBookingMonth = false
    /// The per-case deadlines of the policy in declaration order, for `deadlines.late`: what a
    /// `where` condition may select them by.
    var deadlines: [DeadlineInfo] = []

    func lookup(_ name: String) -> Binding? { bindings[name] }
}

/// A deadline as `deadlines.… where …` selects it: by its id, clause and title.
struct DeadlineInfo: Sendable {
    var id: String
    var clause: String?
    var title: String?
}

/// The accumulators an aggregate needs, collected while its value expressions compile.
final class AggregateRegistry {
    enum Kind: String { case count, sum, min, max }
    struct Accumulator {
        var kind: Kind
        /// The per-case argument: the value summed, or the condition counted.
        var argument: CompiledExpression?
        var type: ValueType
    }
    private(set) var accumulators: [Accumulator] = []
    let caseScope: Scope

    init(caseScope: Scope) { self.caseScope = caseScope }

    func add(_ a: Accumulator) -> Int {
        accumulators.append(a)
        return accumulators.count - 1
    }
}

/// A type-checked expression ready to run. A class: rules hold and pass expressions for
/// every case, and a reference is one retain where the closures would be several.
final class CompiledExpression: Sendable {
    typealias Evaluate = @Sendable (EvaluationContext) throws -> Value
    let type: ValueType
    /// The general form: a closure over the operands' expressions.
    private let run: Evaluate
    /// Set when the value does not depend on any case: literals and pure functions of them.
    let constant: Value?
    /// The slot a bare name reads (a field, a derived value), or -1. Half of an expression
    /// tree's nodes are such reads or constants: `evaluate` answers them without a call
    /// through a closure (which costs a context retain and release each time).
    let slot: Int
    /// For money arithmetic: the exact amount in minor units before rounding, so that
    /// `0.5% * loss * 3` rounds once, at the end, not after every step.
    let exactMoney: (@Sendable (EvaluationContext) throws -> Fraction?)?
    /// `field == "value"` or `!=` of a slot holding an enum: the condition of most rules
    /// (`severity == "major"`), tested in place, without the closure and a copy of the value.
    private let enumTest: EnumTest?

    struct EnumTest: Sendable {
        let slot: Int
        let value: String
        let negate: Bool
    }

    /// The value for the case in `ctx`.
    @inline(__always)
    func evaluate(_ ctx: EvaluationContext) throws -> Value {
        if slot >= 0 { return ctx.slots[slot] }
        if let constant { return constant }
        // Anything but an enum value (null) is the closure's to answer.
        if let t = enumTest, let equal = ctx.slots.enumValue(at: t.slot, is: t.value) { return .bool(equal != t.negate) }
        return try run(ctx)
    }

    /// The value for the case in `ctx` when it is an instant, else nil: a step's clocks, read
    /// from a slot where they lie (a copy of the slot's value went through `Value`'s outlined
    /// copy and destroy, for every start and end of every step).
    @inline(__always)
    func timestamp(_ ctx: EvaluationContext) throws -> Timestamp? {
        if slot >= 0 { return ctx.slots.timestamp(at: slot) }
        guard case .timestamp(let t) = try evaluate(ctx) else { return nil }
        return t
    }

    /// Operands are held as expressions and called: `f(ctx)` is `f.evaluate(ctx)`.
    @inline(__always)
    func callAsFunction(_ ctx: EvaluationContext) throws -> Value { try evaluate(ctx) }

    /// The exact minor units of a money expression.
    var exactMinorUnits: @Sendable (EvaluationContext) throws -> Fraction? {
        if let exactMoney { return exactMoney }
        return { [self] ctx in
            guard case .money(let m) = try evaluate(ctx) else { return nil }
            return Fraction(m.minorUnits)
        }
    }

    /// `exactMoney`: for a folded money expression, its exact amount before rounding.
    init(type: ValueType, constant: Value, exactMoney exact: Fraction? = nil) {
        self.type = type
        self.constant = constant
        self.slot = -1
        self.run = { _ in constant }
        exactMoney = exact.map { v in { @Sendable _ in v } }
        enumTest = nil
    }

    /// A read of slot `slot`.
    init(type: ValueType, slot: Int) {
        precondition(slot >= 0)
        self.type = type
        self.constant = nil
        self.slot = slot
        self.run = { ctx in ctx.slots[slot] }
        self.exactMoney = nil
        enumTest = nil
    }

    init(type: ValueType, exactMoney: (@Sendable (EvaluationContext) throws -> Fraction?)? = nil, _ evaluate: @escaping Evaluate) {
        self.type = type
        self.run = evaluate
        self.constant = nil
        self.slot = -1
        self.exactMoney = exactMoney
        enumTest = nil
    }

    /// A test of an enum slot against one of its values; `evaluate` is the general form, for
    /// a slot that holds no enum value.
    init(testing test: EnumTest, _ evaluate: @escaping Evaluate) {
        type = .boolean
        run = evaluate
        constant = nil
        slot = -1
        exactMoney = nil
        enumTest = test
    }
}
