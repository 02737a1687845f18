/// How two run-time values compare, for the operators, `min`/`max` and the engine's
/// aggregates and thresholds alike: -1, 0 or 1, nil when they do not compare (a null, or
/// values of different kinds). Strings compare by code point, numbers exactly.
extension Value {
    static func order(_ x: Value, _ y: Value) -> Int? {
        switch (x, y) {
        case (.money(let p), .money(let q)): return p < q ? -1 : p == q ? 0 : 1
        case (.timestamp(let p), .timestamp(let q)): return p < q ? -1 : p == q ? 0 : 1
        case (.date(let p), .date(let q)): return p < q ? -1 : p == q ? 0 : 1
        case (.span(let p), .span(let q)): return p.amount < q.amount ? -1 : p.amount == q.amount ? 0 : 1
        case (.string(let p), .string(let q)):
            let a = Array(p.unicodeScalars.map(\.value)), b = Array(q.unicodeScalars.map(\.value))
            return a.lexicographicallyPrecedes(b) ? -1 : a == b ? 0 : 1
        default:
            guard let p = x.fraction, let q = y.fraction else { return nil }
            return p < q ? -1 : p == q ? 0 : 1
        }
    }
}
