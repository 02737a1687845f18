/// Warnings about a decision table, found by trying every kind of input its conditions can tell
/// apart: a row that can never be the first to match (an earlier row covers every input it
/// does), an input no row matches (a gap), and two rows that partly overlap with different
/// outputs (the first wins, which the order alone decides). Rows are tried first to last, so a
/// specific row before a general one (`x == "a" and y is not null`, then `x == "a"`) is the
/// usual way to write a table and not an overlap: only rows neither of which contains the other
/// are.
///
/// Conditions are read when they are `and`s of tests of one value against constants — `==`,
/// `!=`, `<`, `<=`, `>`, `>=`, `in [..]`, `not in [..]`, `is null`, `is not null`, a boolean
/// value or its `not`. A table with any other condition gets no warning: the analysis makes no
/// claim it cannot check. Each value's inputs are its enum values, the constants it is compared
/// with (and the numbers between and around them), "any other value" for text, and null where
/// the value may be unset.
///
/// Only `validate` asks for it (`tableWarnings`): evaluating an export does not pay for it.
extension CompiledPolicy {
    func tableWarnings() -> [Diagnostic] {
        policy.tables.flatMap { t in
            (TableModel(t, scope: caseScope, fields: policy.fields)?.warnings() ?? []).map { Diagnostic(.warning, at: $0.location, $0.message) }
        }
    }
}

struct TableModel {
    /// One test of one value; a row's condition is their conjunction.
    struct Atom {
        var variable: Int
        var test: (Value) -> Bool
    }
    struct Row {
        var atoms: [Atom]
        var outputs: String
        var location: SourceLocation
    }
    var names: [String] = []
    var domains: [[Value]] = []
    var rows: [Row] = []
    let table: TableDecl

    /// The most inputs tried, and tests run over them (inputs × the rows' tests); a table
    /// needing more is left alone, so that `validate` stays quick on any policy.
    static let maxInputs = 20_000
    static let maxTests = 2_000_000

    init?(_ t: TableDecl, scope: Scope, fields: [FieldDecl]) {
        table = t
        var constants: [[Value]] = []
        var kinds: [ValueType] = []
        var nullable: [Bool] = []
        func variable(_ s: Syntax) -> Int? {
            let name: String, type: ValueType, mayBeNull: Bool
            switch s {
            case .name(let n, _):
                guard case .slot(_, let ty)? = scope.lookup(n) else { return nil }
                name = n
                type = ty
                mayBeNull = fields.first { $0.name == n }.map(\.optional) ?? true
            case .member(.name(let n, _), let m, _):
                guard case .deadline? = scope.lookup(n) else { return nil }
                name = n + "." + m
                type = .boolean
                mayBeNull = false
            default: return nil
            }
            if let i = names.firstIndex(of: name) { return i }
            names.append(name)
            kinds.append(type)
            nullable.append(mayBeNull)
            constants.append([])
            return names.count - 1
        }
        func literal(_ s: Syntax) -> Value? {
            guard case .literal(let l, _) = s else { return nil }
            switch l {
            case .string(let x): return .string(x)
            case .integer(let i): return .decimal(Fraction(i))
            case .decimal(let f): return .decimal(f)
            case .bool(let b): return .bool(b)
            case .money(let m): return Fraction(m.minorUnits, 100).map(Value.decimal)  // yuan, like the values tried
            default: return nil
            }
        }
        /// Equal, or ordered, as the engine compares a value with a constant; nil: not comparable.
        func order(_ v: Value, _ k: Value) -> Int? {
            switch (v, k) {
            case (.decimal(let a), .decimal(let b)): return a < b ? -1 : a == b ? 0 : 1
            case (.string(let a), .string(let b)): return a == b ? 0 : nil
            case (.bool(let a), .bool(let b)): return a == b ? 0 : nil
            default: return nil
            }
        }
        func atoms(_ s: Syntax) -> [Atom]? {
            switch s {
            case .binary("and", let a, let b, _):
                guard let x = atoms(a), let y = atoms(b) else { return nil }
                return x + y
            case .literal(.bool(true), _):
                return []
            case .isNull(let x, let negated, _):
                guard let v = variable(x) else { return nil }
                return [Atom(variable: v) { $0.isNull != negated }]
            case .binary("in", let x, .list(let items, _), _), .unary("not", .binary("in", let x, .list(let items, _), _), _):
                guard let v = variable(x) else { return nil }
                let set = items.compactMap(literal)
                guard set.count == items.count else { return nil }
                constants[v] += set
                var negated = false
                if case .unary = s { negated = true }
                return [Atom(variable: v) { value in
                    guard !value.isNull else { return false }
                    return set.contains { order(value, $0) == 0 } != negated
                }]
            case .binary(let op, let a, let b, _) where ["==", "!=", "<", "<=", ">", ">="].contains(op):
                var (x, k, flipped) = (a, b, false)
                if literal(a) != nil { (x, k, flipped) = (b, a, true) }
                guard let v = variable(x), let constant = literal(k) else { return nil }
                if case .string = constant, !["==", "!="].contains(op) { return nil }
                constants[v].append(constant)
                let o = flipped ? ["<": ">", "<=": ">=", ">": "<", ">=": "<="][op] ?? op : op
                return [Atom(variable: v) { value in
                    guard let d = order(value, constant) else { return false }
                    switch o {
                    case "==": return d == 0
                    case "!=": return d != 0
                    case "<": return d < 0
                    case "<=": return d <= 0
                    case ">": return d > 0
                    default: return d >= 0
                    }
                }]
            case .unary("not", let x, _):
                guard let v = variable(x), kinds[v] == .boolean else { return nil }
                return [Atom(variable: v) { $0 == .bool(false) }]
            case .name, .member:
                guard let v = variable(s), kinds[v] == .boolean else { return nil }
                return [Atom(variable: v) { $0 == .bool(true) }]
            default:
                return nil
            }
        }
        for r in t.rows {
            var row = Row(atoms: [], outputs: r.outputs.map { "\($0.name)=\($0.value.text)" }.sorted().joined(separator: ", "),
                          location: r.location)
            if let w = r.when {
                guard let syntax = try? Parser.parse(w.text), let a = atoms(syntax) else { return nil }
                row.atoms = a
            }
            rows.append(row)
        }
        // Each value's inputs: what tells its tests apart.
        for v in names.indices {
            var domain: [Value] = nullable[v] ? [.null] : []
            switch kinds[v] {
            case .boolean:
                domain += [.bool(true), .bool(false)]
            case .enumeration(let d):
                domain += d.values.map(Value.string)
            case .integer, .decimal, .money:
                let points = Set(constants[v].compactMap { $0.fraction }).sorted()
                guard !points.isEmpty else { domain.append(.decimal(.zero)); break }
                var between: [Fraction] = []
                if let low = points.first?.subtracting(Fraction(1)) { between.append(low) }
                for (a, b) in zip(points, points.dropFirst()) {
                    if let mid = a.adding(b)?.divided(by: Fraction(2)) { between.append(mid) }
                }
                if let high = points.last?.adding(Fraction(1)) { between.append(high) }
                domain += (points + between).sorted().map(Value.decimal)
            default:
                // Text and the like: the constants it is compared with, and any other value.
                var seen = Set<String>()
                for k in constants[v] { if case .string(let s) = k, seen.insert(s).inserted { domain.append(k) } }
                domain.append(.string(TableModel.otherValue))
            }
            domains.append(domain)
        }
        let inputs = domains.reduce(1) { $0 > TableModel.maxInputs ? $0 : $0 * max(1, $1.count) }
        let tests = rows.reduce(0) { $0 + $1.atoms.count + 1 }
        guard inputs <= TableModel.maxInputs, inputs * tests <= TableModel.maxTests else { return nil }
    }

    /// Stands for every text value the table does not name.
    static let otherValue = "\u{1}other"

    struct Warning {
        var message: String
        var location: SourceLocation
    }

    func warnings() -> [Warning] {
        var firstMatch = Array(repeating: 0, count: rows.count)
        var matches = Array(repeating: 0, count: rows.count)
        var coveredBy = Array(repeating: Set<Int>(), count: rows.count)
        var gap: [Value]?
        var overlaps: [(Int, Int, [Value])] = []
        var input = Array(repeating: Value.null, count: names.count)
        var matchSets = Array(repeating: Set<Int>(), count: rows.count)
        var inputNumber = 0
        func visit(_ v: Int) {
            guard v == names.count else {
                for value in domains[v] {
                    input[v] = value
                    visit(v + 1)
                }
                return
            }
            let hit = rows.indices.filter { r in rows[r].atoms.allSatisfy { $0.test(input[$0.variable]) } }
            for r in hit { matches[r] += 1; matchSets[r].insert(inputNumber) }
            if let first = hit.first {
                firstMatch[first] += 1
                for r in hit.dropFirst() { coveredBy[r].formUnion(hit.prefix { $0 != r }) }
            } else if gap == nil {
                gap = input
            }
            inputNumber += 1
            if hit.count > 1 { overlaps.append((hit[0], hit[1], input)) }
        }
        visit(0)
        var out: [Warning] = []
        func at(_ r: Int) -> String { "row \(r + 1) (\(rows[r].location))" }
        for r in rows.indices where firstMatch[r] == 0 {
            if matches[r] == 0 {
                out.append(Warning(message: "table \(table.id): \(at(r)) can never match: its conditions exclude each other", location: rows[r].location))
            } else {
                let earlier = coveredBy[r].sorted().map { at($0) }.joined(separator: ", ")
                out.append(Warning(message: "table \(table.id): \(at(r)) can never be the first to match: \(earlier) before it match\(coveredBy[r].count == 1 ? "es" : "") every input it does",
                                   location: rows[r].location))
            }
        }
        if let gap {
            out.append(Warning(message: "table \(table.id): no row matches \(describe(gap)): add a row for it, or a last row without 'when'",
                               location: table.location))
        }
        var reported = Set<[Int]>()
        for (i, j, input) in overlaps where table.hit == nil && rows[i].outputs != rows[j].outputs && firstMatch[j] > 0 {
            // Specific before general is the way tables are written: only a partial overlap warns.
            guard !matchSets[i].isSubset(of: matchSets[j]), !matchSets[j].isSubset(of: matchSets[i]),
                  reported.insert([i, j]).inserted else { continue }
            out.append(Warning(message: "table \(table.id): \(at(i)) and \(at(j)) both match \(describe(input)) with different outputs; \(at(i)) wins, by order alone (say 'hit: first' if the order is the priority on purpose)",
                               location: rows[j].location))
        }
        return out
    }

    /// `responsible_function = "sales", group_unit = null`.
    func describe(_ input: [Value]) -> String {
        zip(names, input).map { n, v in
            switch v {
            case .null: return "\(n) unset"
            case .string(TableModel.otherValue): return "\(n) = any other value"
            case .string(let s): return "\(n) = \"\(s)\""
            default: return "\(n) = \(v)"
            }
        }.joined(separator: ", ")
    }
}
