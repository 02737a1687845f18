import Foundation

/// The built-in functions. All are total and cheap: no loops over data, no I/O.
extension ExpressionCompiler {
    static let functionNames = [
        "coalesce", "latest", "earliest", "abs", "min", "max", "ceil", "floor",
        "date", "time", "year", "month", "week", "day", "hour",
        "start_of_day", "end_of_day", "end_of_week", "start_of_month", "following_month_day",
        "working_time", "working_days", "days", "hours",
        "matches", "length", "contains", "starts_with", "bonus", "ratio",
        "count", "sum", "all_done", "any", "all",
    ]

    mutating func call(_ f: String, _ args: [Syntax], _ r: Range<Int>) throws -> CompiledExpression {
        if let registry = scope.aggregates, ["count", "sum", "min", "max", "all_done"].contains(f),
           f == "count" || args.count == 1 {
            return try aggregate(f, args, r, registry)
        }
        if f == "any" || f == "all" {
            return try listFunction(f, args, try args.map { try expr($0) }, r)
        }
        // Outside an aggregate, `count` of a list counts its true values (`count(deadlines.late)`).
        if f == "count", args.count == 1, case let c = try expr(args[0]), case .list = c.type {
            return try listFunction(f, args, [c], r)
        }
        if f == "count" || f == "sum" || f == "all_done" {
            throw Problem(message: "'\(f)' is an aggregate: use it in an aggregate's values", range: r)
        }
        let c = try args.map { try expr($0) }
        let e = try call(f, args, c, r)
        return Self.pureFunctions.contains(f) ? try folded(e, if: c, r) : e
    }

    /// Functions whose value depends on their arguments alone (not on the zone or calendar),
    /// computed at compile time when their arguments are constants.
    static let pureFunctions: Set<String> = ["coalesce", "latest", "earliest", "abs", "min", "max", "ceil", "floor",
                                             "days", "hours", "matches", "length", "contains", "starts_with"]

    private mutating func call(_ f: String, _ args: [Syntax], _ c: [CompiledExpression], _ r: Range<Int>) throws -> CompiledExpression {
        func arity(_ n: ClosedRange<Int>) throws {
            guard n.contains(args.count) else {
                let want = n.lowerBound == n.upperBound ? "\(n.lowerBound)" : "\(n.lowerBound) to \(n.upperBound)"
                throw Problem(message: "'\(f)' takes \(want) argument\(n.upperBound == 1 ? "" : "s"), not \(args.count)", range: r)
            }
        }
        func want(_ i: Int, _ types: [ValueType], _ what: String) throws {
            guard c[i].type == .null || types.contains(c[i].type) else {
                throw Problem(message: "argument \(i + 1) of '\(f)' must be \(what), not \(c[i].type)", range: args[i].range)
            }
        }
        let fs = c
        func timestampFunction(_ t: ValueType, _ body: @escaping @Sendable (Timestamp, EvaluationContext) throws -> Value) throws -> CompiledExpression {
            try arity(1...1)
            try want(0, [.timestamp], "a timestamp")
            let g = fs[0]
            return CompiledExpression(type: t) { ctx in
                guard case .timestamp(let ts) = try g(ctx) else { return .null }
                return try body(ctx.localize(ts), ctx)
            }
        }

        switch f {
        case "coalesce", "latest", "earliest", "min", "max":
            guard !args.isEmpty else { throw Problem(message: "'\(f)' needs at least one argument", range: r) }
            var t: ValueType = .null
            for (i, e) in c.enumerated() {
                guard let u = Self.unify(t, e.type) else {
                    throw Problem(message: "arguments of '\(f)' mix \(t) and \(e.type)", range: args[i].range)
                }
                t = u
            }
            if f == "latest" || f == "earliest" {
                guard t == .timestamp || t == .date || t == .null else {
                    throw Problem(message: "'\(f)' compares timestamps or dates, not \(t)", range: r)
                }
            }
            if f == "min" || f == "max" {
                guard t.isNumeric || t == .money || t == .timestamp || t == .date || t == .null || { if case .span = t { return true }; return false }() else {
                    throw Problem(message: "'\(f)' needs numbers, money, durations or times, not \(t)", range: r)
                }
            }
            let widened = c.map { Self.widen($0, to: t) }
            // The arguments called borrowed (see `BorrowedExpressions`), all of them present.
            let arguments = BorrowedExpressions(widened)
            if f == "coalesce" {
                return CompiledExpression(type: t) { ctx in
                    for i in arguments.indices {
                        let v = try arguments.evaluate(i, ctx)!
                        if !v.isNull { return v }
                    }
                    return .null
                }
            }
            // latest/earliest skip unset values; min/max of anything unset is unset.
            let skipNull = f == "latest" || f == "earliest"
            let wantGreater = f == "latest" || f == "max"
            return CompiledExpression(type: t) { ctx in
                var best: Value = .null
                for i in arguments.indices {
                    let v = try arguments.evaluate(i, ctx)!
                    if v.isNull {
                        if skipNull { continue }
                        return .null
                    }
                    if best.isNull { best = v; continue }
                    if let o = Value.order(v, best), wantGreater ? o > 0 : o < 0 { best = v }
                }
                return best
            }
        case "abs":
            try arity(1...1)
            let t = c[0].type
            guard t.isNumeric || t == .money || t == .null else { throw Problem(message: "'abs' needs a number or money, not \(t)", range: r) }
            let g = fs[0]
            return CompiledExpression(type: t) { ctx in
                // abs(-2^63) does not fit: checked, like negation.
                let v = try g(ctx)
                switch v {
                case .integer(let i):
                    guard i != .min else { throw EvaluationError.overflow("abs", v) }
                    return .integer(abs(i))
                case .decimal(let d):
                    guard let n = d < .zero ? d.negated : d else { throw EvaluationError.overflow("abs", v) }
                    return .decimal(n)
                case .money(let m):
                    guard let n = m.magnitude else { throw EvaluationError.overflow("abs", v) }
                    return .money(n)
                default: return .null
                }
            }
        case "ceil", "floor":
            try arity(1...1)
            try want(0, [.integer, .decimal], "a number")
            let g = fs[0], up = f == "ceil"
            return CompiledExpression(type: .integer) { ctx in
                guard let v = try g(ctx).fraction else { return .null }
                var q = v.numerator / v.denominator
                let rem = v.numerator % v.denominator
                if rem != 0 && (up ? v.numerator > 0 : v.numerator < 0) { q += up ? 1 : -1 }
                return .integer(q)
            }
        case "date", "time":
            try arity(1...1)
            if c[0].type == .string {
                guard case .string(let s)? = c[0].constant else {
                    throw Problem(message: "'\(f)' reads a literal such as \(f)(\"2026-11-30\"); for a field, declare its type", range: r)
                }
                guard let p = TimestampParser.parse(s), let sod = p.secondOfDay ?? (f == "date" ? 0 : nil) else {
                    throw Problem(message: "cannot read \"\(s)\" as a \(f == "date" ? "date" : "timestamp") (write 2026-11-30\(f == "time" ? "T18:00+08:00" : ""))", range: args[0].range)
                }
                guard Timestamp.supportedYears.contains(p.date.year) else {
                    throw Problem(message: "\"\(s)\" is outside the years \(Timestamp.supportedYearsText) a policy handles", range: args[0].range)
                }
                if f == "date" { return CompiledExpression(type: .date, constant: .date(p.date)) }
                if let o = p.offsetSeconds {
                    return CompiledExpression(type: .timestamp, constant: .timestamp(Timestamp(date: p.date, secondOfDay: sod, offsetSeconds: o)))
                }
                return CompiledExpression(type: .timestamp) { ctx in .timestamp(ctx.zone.timestamp(date: p.date, secondOfDay: sod)) }
            }
            guard f == "date" else { throw Problem(message: "'time' reads a literal such as time(\"2026-11-30T18:00+08:00\")", range: r) }
            return try timestampFunction(.date) { ts, _ in .date(ts.localDate) }
        case "year": return try timestampFunction(.integer) { ts, _ in .integer(Int64(ts.localDate.year)) }
        case "day": return try timestampFunction(.integer) { ts, _ in .integer(Int64(ts.localDate.day)) }
        case "hour": return try timestampFunction(.integer) { ts, _ in .integer(ts.localSecondOfDay / 3600) }
        case "month":
            // A period key: "2026-11", sortable as text.
            return try timestampFunction(.string) { ts, _ in .string(ts.localDate.monthText) }
        case "week":
            return try timestampFunction(.string) { ts, ctx in .string(ctx.weeks.week(of: ts)) }
        case "start_of_day":
            return try timestampFunction(.timestamp) { ts, ctx in .timestamp(ctx.zone.timestamp(date: ts.localDate, secondOfDay: 0)) }
        case "end_of_day":
            // 24:00 of the timestamp's day (the next day's 00:00): a step done within the day is
            // on time, one done after it is late by the time since midnight, not a second more.
            return try timestampFunction(.timestamp) { ts, ctx in .timestamp(ctx.zone.timestamp(date: ts.localDate, secondOfDay: 86_400)) }
        case "end_of_week":
            // Sunday 24:00 of the timestamp's ISO week.
            return try timestampFunction(.timestamp) { ts, ctx in
                let d = ts.localDate
                return .timestamp(ctx.zone.timestamp(date: d.adding(days: Int64(7 - d.isoWeekday)), secondOfDay: 86_400))
            }
        case "start_of_month":
            return try timestampFunction(.timestamp) { ts, ctx in
                let d = ts.localDate
                guard let first = CivilDate(year: d.year, month: d.month, day: 1) else { return .null }
                return .timestamp(ctx.zone.timestamp(date: first, secondOfDay: 0))
            }
        case "following_month_day":
            // The end of day N of the month after the timestamp's month (e.g. "by the 10th").
            try arity(2...2)
            try want(0, [.timestamp], "a timestamp")
            try want(1, [.integer], "a day of the month")
            let g = fs[0], h = fs[1]
            return CompiledExpression(type: .timestamp) { ctx in
                guard case .timestamp(let ts) = try g(ctx), case .integer(let n) = try h(ctx) else { return .null }
                let d = ctx.localize(ts).localDate
                let (y, m) = d.month == 12 ? (d.year + 1, 1) : (d.year, d.month + 1)
                guard let day = CivilDate(year: y, month: m, day: Int(min(max(n, 1), Int64(CivilDate.daysIn(month: m, year: y))))) else { return .null }
                return .timestamp(ctx.zone.timestamp(date: day, secondOfDay: 86_400))
            }
        case "working_time", "working_days":
            try arity(2...2)
            try want(0, [.timestamp], "a timestamp")
            try want(1, [.timestamp], "a timestamp")
            let clock: TimeSpan.Clock = f == "working_time" ? .workingTime : .workingDays
            let g = fs[0], h = fs[1]
            return CompiledExpression(type: .span(clock)) { ctx in
                guard case .timestamp(let a) = try g(ctx), case .timestamp(let b) = try h(ctx) else { return .null }
                guard let cal = ctx.calendar else { throw EvaluationError("working time needs the policy's calendar") }
                return .span(try cal.measure(from: a, to: b, on: clock))
            }
        case "days", "hours":
            try arity(1...1)
            guard case .span(let clock) = c[0].type, clock == .calendar || clock == .workingTime else {
                throw Problem(message: "'\(f)' converts a duration or working-time duration to a number, not \(c[0].type)", range: r)
            }
            let g = fs[0], unit: Int64 = f == "days" ? 86_400 : 3600
            return CompiledExpression(type: .decimal) { ctx in
                guard case .span(let s) = try g(ctx) else { return .null }
                return Fraction(s.amount, unit).map(Value.decimal) ?? .null
            }
        case "matches":
            try arity(2...2)
            try want(0, [.string], "text")
            guard case .string(let pattern)? = c[1].constant else {
                throw Problem(message: "the pattern of 'matches' must be a literal string", range: args.count > 1 ? args[1].range : r)
            }
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: pattern)
            } catch {
                throw Problem(message: "invalid pattern \"\(pattern)\"", range: args[1].range)
            }
            let box = RegexBox(regex)
            let g = fs[0]
            return CompiledExpression(type: .boolean) { ctx in
                guard case .string(let s) = try g(ctx) else { return .null }
                return .bool(box.matchesWhole(s))
            }
        case "length":
            try arity(1...1)
            try want(0, [.string], "text")
            let g = fs[0]
            return CompiledExpression(type: .integer) { ctx in
                guard case .string(let s) = try g(ctx) else { return .null }
                return .integer(Int64(s.count))
            }
        case "contains", "starts_with":
            try arity(2...2)
            try want(0, [.string], "text")
            try want(1, [.string], "text")
            let g = fs[0], h = fs[1], prefix = f == "starts_with"
            return CompiledExpression(type: .boolean) { ctx in
                guard case .string(let s) = try g(ctx), case .string(let t) = try h(ctx) else { return .null }
                return .bool(prefix ? s.hasPrefix(t) : s.contains(t))
            }
        case "bonus":
            return try bonus(args, c, r)
        case "ratio":
            return try ratio(args, c, r)
        default:
            throw Problem(message: "unknown function '\(f)'\(Suggestion.hint(for: f, in: Self.functionNames))", range: r)
        }
    }

    /// `2026-W47`: ISO week-numbering year and week.
    static func isoWeek(_ d: CivilDate) -> String {
        let thursday = d.adding(days: Int64(4 - d.isoWeekday))
        // The Thursday's Jan 1, by day count (a constructed date could fail).
        let firstOfMonth = thursday.daysSinceEpoch - Int64(thursday.day - 1)
        var jan1 = firstOfMonth
        for m in 1..<thursday.month { jan1 -= Int64(CivilDate.daysIn(month: m, year: thursday.year)) }
        let week = Int((thursday.daysSinceEpoch - jan1) / 7 + 1)
        let year = thursday.year
        guard (1000...9999).contains(year) else { return "\(year)-W\(week < 10 ? "0" : "")\(week)" }
        // Written digit by digit (`week(…)` keys a group of every case, and string
        // interpolation took 3% of a `check` run).
        return CivilDate.periodText(year: year, separator: UInt8(ascii: "W"), number: week)
    }

    private mutating func aggregate(_ f: String, _ args: [Syntax], _ r: Range<Int>, _ registry: AggregateRegistry) throws -> CompiledExpression {
        var inner = ExpressionCompiler(scope: registry.caseScope)
        let argument = try args.first.map { try inner.expr($0) }
        if f == "count" {
            guard args.count <= 1 else { throw Problem(message: "'count' takes at most one condition", range: r) }
            if let a = argument, a.type != .boolean {
                throw Problem(message: "'count(condition)' counts cases where the condition holds; this is \(a.type)", range: args[0].range)
            }
            let i = registry.add(.init(kind: .count, argument: argument, type: .integer))
            return CompiledExpression(type: .integer) { ctx in ctx.group[i] }
        }
        guard let a = argument else { throw Problem(message: "'\(f)' needs a value", range: r) }
        if f == "all_done" { return try allDone(a, args[0], registry) }
        let okTypes: Bool
        switch a.type {
        case .integer, .decimal, .money, .span: okTypes = true
        case .timestamp, .date: okTypes = f != "sum"
        default: okTypes = false
        }
        guard okTypes else { throw Problem(message: "cannot take '\(f)' of \(a.type)", range: args[0].range) }
        let kind = AggregateRegistry.Kind(rawValue: f)!
        let i = registry.add(.init(kind: kind, argument: a, type: a.type))
        return CompiledExpression(type: a.type) { ctx in ctx.group[i] }
    }
}

extension ExpressionCompiler {
    /// `all_done(x)`: the latest `x` of the group once every case has one, null while any case
    /// lacks it — a step done for the whole group ("statistics are done once every case of
    /// the week is in them"), written once instead of `if count(x is null) > 0 then null else
    /// max(x)`.
    fileprivate func allDone(_ a: CompiledExpression, _ syntax: Syntax, _ registry: AggregateRegistry) throws -> CompiledExpression {
        guard a.type == .timestamp || a.type == .date || a.type == .null else {
            throw Problem(message: "'all_done' takes the time a step was done (a timestamp or a date), not \(a.type)", range: syntax.range)
        }
        let value = a
        let missing = registry.add(.init(kind: .count, argument: CompiledExpression(type: .boolean) { ctx in .bool(try value(ctx).isNull) },
                                         type: .integer))
        let latest = registry.add(.init(kind: .max, argument: a, type: a.type))
        return CompiledExpression(type: a.type) { ctx in
            if case .integer(let n) = ctx.group[missing], n > 0 { return .null }
            return ctx.group[latest]
        }
    }
}

/// A pattern matched against a whole value (`matches`, a field's `pattern`).
final class RegexBox: Sendable {
    let regex: NSRegularExpression
    init(_ regex: NSRegularExpression) { self.regex = regex }
    func matchesWhole(_ s: String) -> Bool {
        let ns = s as NSString
        guard let m = regex.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return false }
        return m.range.location == 0 && m.range.length == ns.length
    }
}
