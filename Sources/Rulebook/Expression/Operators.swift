/// Typing and evaluation of the operators. Null in, null out, except for `and`/`or`, which
/// follow three-valued logic (false and null is false), and `??`.
extension ExpressionCompiler {
    mutating func unary(_ op: String, _ a: CompiledExpression, _ r: Range<Int>) throws -> CompiledExpression {
        let f = a
        switch op {
        case "not":
            guard a.type == .boolean || a.type == .null else {
                throw Problem(message: "'not' needs true or false, but this is \(a.type)", range: r)
            }
            return CompiledExpression(type: .boolean) { ctx in
                if case .bool(let b) = try f(ctx) { return .bool(!b) }
                return .null
            }
        default:  // unary minus
            // -(-2^63) does not fit: every negation is checked.
            switch a.type {
            case .integer: return CompiledExpression(type: .integer) { ctx in
                let v = try f(ctx)
                guard case .integer(let i) = v else { return .null }
                let (n, o) = Int64(0).subtractingReportingOverflow(i)
                if o { throw EvaluationError.overflow("-", v) }
                return .integer(n)
            }
            case .decimal: return CompiledExpression(type: .decimal) { ctx in
                let v = try f(ctx)
                guard case .decimal(let d) = v else { return .null }
                guard let n = d.negated else { throw EvaluationError.overflow("-", v) }
                return .decimal(n)
            }
            case .money:
                let em = a.exactMinorUnits
                return Self.money { ctx in
                    guard let m = try em(ctx) else { return nil }
                    guard let n = m.negated else { throw EvaluationError("arithmetic overflow: -(\(m) fen) does not fit in 64 bits", arithmetic: true) }
                    return n
                }
            case .span(let c): return CompiledExpression(type: .span(c)) { ctx in
                let v = try f(ctx)
                guard case .span(let s) = v else { return .null }
                guard let n = s.negated else { throw EvaluationError.overflow("-", v) }
                return .span(n)
            }
            default:
                throw Problem(message: "cannot negate \(a.type)", range: r)
            }
        }
    }

    /// Turns a string literal compared with an enum into that enum's value, checking that it
    /// is one of the enum's values at compile time.
    private func enumConstant(_ e: CompiledExpression, as other: ValueType, _ range: Range<Int>) throws -> CompiledExpression {
        guard case .enumeration(let d) = other, e.type == .string || e.type == .list(.string) else { return e }
        func check(_ v: Value) throws -> Value {
            guard case .string(let s) = v else { return v }
            guard d.values.contains(s) else {
                throw Problem(message: "'\(s)' is not a value of \(d.name)\(Suggestion.hint(for: s, in: d.values)); values: \(d.values.joined(separator: ", "))", range: range)
            }
            return .enumValue(s)
        }
        guard let c = e.constant else {
            throw Problem(message: "compare \(d.name) with one of its values written as a literal, e.g. \"\(d.values.first ?? "")\"", range: range)
        }
        if case .list(let xs) = c { return CompiledExpression(type: .list(other), constant: .list(try xs.map(check))) }
        return CompiledExpression(type: other, constant: try check(c))
    }

    /// `a` and `b`: the operands `sa` and `sb`, compiled.
    mutating func binary(_ op: String, _ a: CompiledExpression, _ b: CompiledExpression,
                         _ sa: Syntax, _ sb: Syntax, _ r: Range<Int>) throws -> CompiledExpression {
        var a = a, b = b
        switch op {
        case "and", "or":
            for (e, s) in [(a, sa), (b, sb)] where e.type != .boolean && e.type != .null {
                throw Problem(message: "'\(op)' needs true or false on both sides, but this is \(e.type)", range: s.range)
            }
            let fa = a, fb = b
            if op == "and" {
                return CompiledExpression(type: .boolean) { ctx in
                    let x = try fa(ctx)
                    if case .bool(false) = x { return .bool(false) }
                    let y = try fb(ctx)
                    if case .bool(false) = y { return .bool(false) }
                    return x.isNull || y.isNull ? .null : .bool(true)
                }
            }
            return CompiledExpression(type: .boolean) { ctx in
                let x = try fa(ctx)
                if case .bool(true) = x { return .bool(true) }
                let y = try fb(ctx)
                if case .bool(true) = y { return .bool(true) }
                return x.isNull || y.isNull ? .null : .bool(false)
            }
        case "??":
            guard let t = Self.unify(a.type, b.type) else {
                throw Problem(message: "'??' needs the same type on both sides: \(a.type) and \(b.type)", range: r)
            }
            let fa = Self.widen(a, to: t), fb = Self.widen(b, to: t)
            return CompiledExpression(type: t) { ctx in
                let x = try fa(ctx)
                return x.isNull ? try fb(ctx) : x
            }
        case "in":
            guard case .list(let elementType) = b.type else {
                throw Problem(message: "'in' needs a list on its right, e.g. [\"a\", \"b\"]", range: sb.range)
            }
            b = try enumConstant(b, as: a.type, sb.range)
            if case .list(let et) = b.type, Self.unify(a.type, et) == nil, et != .null {
                throw Problem(message: "cannot look for \(a.type) in a list of \(elementType)", range: r)
            }
            let fa = a, fb = b
            return CompiledExpression(type: .boolean) { ctx in
                let x = try fa(ctx)
                guard !x.isNull, case .list(let xs) = try fb(ctx) else { return .null }
                return .bool(xs.contains { Self.equal(x, $0) == true })
            }
        case "==", "!=", "<", "<=", ">", ">=":
            a = try enumConstant(a, as: b.type, sa.range)
            b = try enumConstant(b, as: a.type, sb.range)
            return try comparison(op, a, b, r)
        default:
            return try arithmetic(op, a, b, r)
        }
    }

    /// A money expression computed exactly in minor units and rounded to the fen (halves away
    /// from zero, 四舍五入) only where the amount is read.
    static func money(_ exact: @escaping @Sendable (EvaluationContext) throws -> Fraction?) -> CompiledExpression {
        CompiledExpression(type: .money, exactMoney: exact) { ctx in
            guard let v = try exact(ctx) else { return .null }
            return .money(Money(minorUnits: v.roundedHalfAwayFromZero()))
        }
    }

    /// Constants whose equality with another value is `Value`'s own `==`: not numbers (an
    /// integer equals the decimal of its value) and not null.
    static func isPlainEquality(_ c: Value) -> Bool {
        switch c {
        case .bool, .string, .enumValue, .person, .department: return true
        default: return false
        }
    }

    static func equal(_ x: Value, _ y: Value) -> Bool? {
        if x.isNull || y.isNull { return nil }
        if let p = x.fraction, let q = y.fraction { return p == q }
        return x == y
    }

    private func comparison(_ op: String, _ a: CompiledExpression, _ b: CompiledExpression, _ r: Range<Int>) throws -> CompiledExpression {
        let ordered = !(op == "==" || op == "!=")
        let ok: Bool
        switch (a.type, b.type) {
        case (.null, _), (_, .null): ok = !ordered
        case let (x, y) where x.isNumeric && y.isNumeric: ok = true
        case (.enumeration(let x), .enumeration(let y)) where x.values == y.values:
            // Two enums over the same values (a routing table's output and a field) compare.
            ok = !ordered
        case (.span(let c), .span(let d)):
            guard c == d else {
                // A month has no fixed length: it is compared by adding it to an instant.
                let hint = c == .months || d == .months ? "; a month has no fixed length, so compare timestamps instead (end < start + 1 month)" : ""
                throw Problem(message: "cannot compare a \(a.type) with a \(b.type): they run on different clocks\(hint)", range: r)
            }
            ok = true
        case let (x, y) where x == y:
            switch x {
            case .money, .timestamp, .date, .string: ok = true
            case .boolean, .enumeration, .person, .department: ok = !ordered
            default: ok = false
            }
        default: ok = false
        }
        guard ok else {
            let what = a.type == b.type ? "\(a.type) values cannot be ordered with '\(op)'" : "cannot compare \(a.type) with \(b.type)"
            throw Problem(message: what, range: r)
        }
        let fa = a, fb = b
        let test: @Sendable (Int) -> Bool
        switch op {
        case "<": test = { $0 < 0 }
        case "<=": test = { $0 <= 0 }
        case ">": test = { $0 > 0 }
        case ">=": test = { $0 >= 0 }
        default: test = { _ in false }
        }
        if !ordered {
            let negate = op == "!="
            // A value against a text or true/false constant (`severity == "major"`, a
            // condition of most rules): one test of the case's value, without the general
            // equality's look at numbers.
            if let (e, c) = b.constant.map({ (a, $0) }) ?? a.constant.map({ (b, $0) }), e.constant == nil, Self.isPlainEquality(c) {
                if case .enumValue(let t) = c {
                    // An enum's value against one of its values (the constant was checked to
                    // be one): the texts compared, no look at the case of both.
                    if e.slot >= 0 {
                        return CompiledExpression(testing: .init(slot: e.slot, value: t, negate: negate)) { ctx in
                            let x = try e(ctx)
                            if case .enumValue(let s) = x { return .bool((s == t) != negate) }
                            if x.isNull { return .null }
                            return .bool((x == c) != negate)
                        }
                    }
                    return CompiledExpression(type: .boolean) { ctx in
                        let x = try e(ctx)
                        if case .enumValue(let s) = x { return .bool((s == t) != negate) }
                        if x.isNull { return .null }
                        return .bool((x == c) != negate)
                    }
                }
                return CompiledExpression(type: .boolean) { ctx in
                    let x = try e(ctx)
                    if x.isNull { return .null }
                    return .bool((x == c) != negate)
                }
            }
            return CompiledExpression(type: .boolean) { ctx in
                guard let e = Self.equal(try fa(ctx), try fb(ctx)) else { return .null }
                return .bool(e != negate)
            }
        }
        return CompiledExpression(type: .boolean) { ctx in
            guard let o = Value.order(try fa(ctx), try fb(ctx)) else { return .null }
            return .bool(test(o))
        }
    }

    private func arithmetic(_ op: String, _ a: CompiledExpression, _ b: CompiledExpression, _ r: Range<Int>) throws -> CompiledExpression {
        let fa = a, fb = b
        func make(_ t: ValueType, _ f: @escaping @Sendable (Value, Value, EvaluationContext) throws -> Value) -> CompiledExpression {
            let e = CompiledExpression(type: t) { ctx in
                let x = try fa(ctx)
                if x.isNull { return .null }
                let y = try fb(ctx)
                if y.isNull { return .null }
                return try f(x, y, ctx)
            }
            return e
        }
        let overflow = EvaluationError("arithmetic overflow: '\(op)' gives a result that does not fit in 64 bits", arithmetic: true)
        switch (op, a.type, b.type) {
        case ("+", .integer, .integer), ("-", .integer, .integer), ("*", .integer, .integer):
            return make(.integer) { x, y, _ in
                guard case .integer(let p) = x, case .integer(let q) = y else { return .null }
                let (v, o) = op == "+" ? p.addingReportingOverflow(q) : op == "-" ? p.subtractingReportingOverflow(q) : p.multipliedReportingOverflow(by: q)
                if o { throw EvaluationError.overflow(x, op, y) }
                return .integer(v)
            }
        case (_, let x, let y) where x.isNumeric && y.isNumeric:
            return make(.decimal) { x, y, _ in
                guard let p = x.fraction, let q = y.fraction else { return .null }
                let v: Fraction?
                switch op {
                case "+": v = p.adding(q)
                case "-": v = p.subtracting(q)
                case "*": v = p.multiplied(by: q)
                default:
                    if q == .zero { return .null }
                    v = p.divided(by: q)
                }
                guard let v else { throw EvaluationError.overflow(x, op, y) }
                return .decimal(v)
            }
        case ("+", .money, .money), ("-", .money, .money):
            let ea = a.exactMinorUnits, eb = b.exactMinorUnits
            return Self.money { ctx in
                guard let p = try ea(ctx), let q = try eb(ctx) else { return nil }
                guard let v = op == "+" ? p.adding(q) : p.subtracting(q) else { throw overflow }
                return v
            }
        case ("*", .money, let n) where n.isNumeric, ("*", let n, .money) where n.isNumeric, ("/", .money, let n) where n.isNumeric:
            let moneyFirst = a.type == .money
            let em = moneyFirst ? a.exactMinorUnits : b.exactMinorUnits
            let fn = moneyFirst ? fb : fa
            return Self.money { ctx in
                guard let m = try em(ctx), let f = try fn(ctx).fraction else { return nil }
                if op == "/" {
                    if f == .zero { return nil }
                    guard let v = m.divided(by: f) else { throw overflow }
                    return v
                }
                guard let v = m.multiplied(by: f) else { throw overflow }
                return v
            }
        case ("/", .money, .money):
            return make(.decimal) { x, y, _ in
                guard case .money(let p) = x, case .money(let q) = y, q.minorUnits != 0 else { return .null }
                guard let v = Fraction(p.minorUnits, q.minorUnits) else { throw EvaluationError.overflow(x, op, y) }
                return .decimal(v)
            }
        case ("-", .timestamp, .timestamp):
            return make(.span(.calendar)) { x, y, _ in
                guard case .timestamp(let p) = x, case .timestamp(let q) = y else { return .null }
                let (v, o) = p.seconds.subtractingReportingOverflow(q.seconds)
                if o { throw EvaluationError.overflow(x, op, y) }
                return .span(.seconds(v))
            }
        case ("-", .date, .date):
            return make(.span(.calendar)) { x, y, _ in
                guard case .date(let p) = x, case .date(let q) = y else { return .null }
                // Dates have four-digit years: the difference in seconds fits.
                return .span(.seconds((p.daysSinceEpoch - q.daysSinceEpoch) * 86_400))
            }
        case ("+", .timestamp, .span(.months)), ("-", .timestamp, .span(.months)):
            // Calendar months go back as well as forward: "期满前一个月" is `expires_at - 1 month`.
            return make(.timestamp) { x, y, ctx in
                guard case .timestamp(let t) = x, case .span(let s) = y else { return .null }
                guard let n = op == "+" ? s.amount : s.negated?.amount,
                      let v = ctx.zone.adding(months: n, to: t) else { throw EvaluationError.outOfYears(x, op, y) }
                return .timestamp(v)
            }
        case ("+", .timestamp, .span(let c)), ("-", .timestamp, .span(let c)):
            if c != .calendar && op == "-" {
                throw Problem(message: "cannot subtract working time from a timestamp; measure with working_time(a, b) instead", range: r)
            }
            return make(.timestamp) { x, y, ctx in
                guard case .timestamp(let t) = x, case .span(let s) = y else { return .null }
                if s.clock == .calendar {
                    // A result outside the supported years (or 64 bits) would print and group
                    // wrongly downstream: it is an error here.
                    guard let d = op == "+" ? s.amount : s.negated?.amount,
                          let v = t.addingChecked(seconds: d) else { throw EvaluationError.outOfYears(x, op, y) }
                    return .timestamp(v)
                }
                guard let cal = ctx.calendar else { throw EvaluationError("working time needs the policy's calendar") }
                return .timestamp(try cal.add(s, to: t))
            }
        case (_, .span(.halfWorkingDays), _), (_, _, .span(.halfWorkingDays)):
            // Half of one day's working time: two halves need not make a working day.
            throw Problem(message: "cannot apply '\(op)' to half a working day: add it to a timestamp, or write whole working days or working hours", range: r)
        case ("+", .span(let c), .span(let d)) where c == d, ("-", .span(let c), .span(let d)) where c == d:
            return make(.span(c)) { x, y, _ in
                guard case .span(let p) = x, case .span(let q) = y else { return .null }
                guard let v = op == "+" ? p.adding(q) : p.subtracting(q) else { throw EvaluationError.overflow(x, op, y) }
                return .span(v)
            }
        case ("*", .span(let c), .integer), ("*", .integer, .span(let c)):
            let spanFirst = a.type != .integer
            return make(.span(c)) { x, y, _ in
                let (sv, nv) = spanFirst ? (x, y) : (y, x)
                guard case .span(let s) = sv, case .integer(let n) = nv else { return .null }
                let (v, o) = s.amount.multipliedReportingOverflow(by: n)
                if o { throw EvaluationError.overflow(x, op, y) }
                return .span(TimeSpan(c, v))
            }
        default:
            var hint = ""
            if case .span(let c) = a.type, case .span(let d) = b.type, c != d {
                hint = ": they run on different clocks"
            } else if a.type == .timestamp && b.type == .timestamp && op == "+" {
                hint = ": timestamps can be subtracted, not added"
            }
            throw Problem(message: "cannot apply '\(op)' to \(a.type) and \(b.type)\(hint)", range: r)
        }
    }
}
