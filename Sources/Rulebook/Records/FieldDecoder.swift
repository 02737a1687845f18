import Foundation

/// Turns a record's raw fields into typed values by the policy's field schema. Strict: a
/// value that does not read as its type is a row error naming the column, never a guess.
///
/// A class, one per thread (it remembers what it read lately, `days` and `names`): a struct
/// of arrays was copied (a retain and release of each) at calls from closures, and threads
/// sharing those arrays contended on their counts.
final class FieldDecoder {
    let fields: [CompiledField]
    let zone: Zone
    /// Each field's kind and whether it may be empty, read out once: the loop over a row's
    /// fields then touches no field object (a retain and release each).
    private let kinds: [FieldDecl.Kind]
    private let optional: [Bool]
    private let patterns: [RegexBox?]
    /// Per number field: the least and greatest value a row may hold, money in fen, so that a
    /// row compares its value as read (no fraction made and reduced per row).
    private let ranges: [(min: FieldDecl.Bound?, max: FieldDecl.Bound?)]
    /// Per enum field: accepted text (values and labels) → value.
    private let enumText: [[String: String]?]
    /// The same as UTF-8 bytes, matched first: a Chinese label is found without hashing a
    /// String (which normalizes non-ASCII text) or allocating one.
    /// Those of 16 bytes or fewer (nearly all) as `ShortBytes`: a row's text is compared with
    /// them in registers, without reading each accepted text's array.
    private let enumBytes: [[(text: [UInt8], value: String)]]
    private let enumShort: [[(text: ShortBytes, value: String)]]
    /// Accepted booleans, lower case.
    private static let booleanWords: [(text: [UInt8], value: Bool)] =
        [("true", true), ("yes", true), ("y", true), ("1", true), ("是", true), ("对", true), ("✓", true),
         ("false", false), ("no", false), ("n", false), ("0", false), ("否", false), ("不", false), ("✗", false)]
        .map { (Array($0.utf8), $1) }
    /// The same, each of at most 16 bytes: a decoder's own copy (a static one is reached
    /// through its lazy initializer's check on every read).
    private let booleanShort: [(text: ShortBytes, value: Bool)] = FieldDecoder.booleanWords.map { (ShortBytes($0.text)!, $0.value) }

    /// Dates of timestamps read lately, and names: most repeat one read a moment before.
    /// `@exclusivity(unchecked)`: read and written for most fields of every row, on the one
    /// thread that owns the decoder, and never while a caller holds them.
    @exclusivity(unchecked) private var days = RecentDays()
    @exclusivity(unchecked) private var names = RecentNames()

    init(policy: CompiledPolicy) {
        fields = policy.fields
        zone = policy.zone
        kinds = policy.fields.map(\.decl.kind)
        optional = policy.fields.map(\.decl.optional)
        patterns = policy.fields.map { f in
            f.decl.pattern.flatMap { p in (try? NSRegularExpression(pattern: p.value)).map(RegexBox.init) }
        }
        ranges = policy.fields.map { f in
            guard f.decl.kind == .money else { return (f.decl.minimum, f.decl.maximum) }
            func inFen(_ b: FieldDecl.Bound?) -> FieldDecl.Bound? {
                b.map { var b = $0; b.value = $0.value.multiplied(by: Fraction(100)) ?? $0.value; return b }  // bounds fit: ≤ 15 digits
            }
            return (inFen(f.decl.minimum), inFen(f.decl.maximum))
        }
        enumText = policy.fields.map { f in
            guard f.decl.kind == .enum else { return nil }
            var m: [String: String] = [:]
            for v in f.decl.values { m[v] = v }
            for (label, v) in f.decl.labels { m[label] = v }
            return m
        }
        enumBytes = enumText.map { m in (m ?? [:]).map { (Array($0.key.utf8), $0.value) }.sorted { $0.text.lexicographicallyPrecedes($1.text) } }
        enumShort = enumBytes.map { texts in texts.compactMap { t in ShortBytes(t.text).map { ($0, t.value) } } }
    }

    /// `b` equals `text`.
    private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ text: [UInt8]) -> Bool {
        b.count == text.count && text.withUnsafeBufferPointer { b.elementsEqual($0) }
    }

    /// The columns each field may come from.
    var wanted: [WantedField] {
        fields.map { f in
            WantedField(name: f.decl.name, aliases: f.decl.columns.filter { $0 != f.decl.name }, required: !f.decl.optional)
        }
    }

    /// The header name a field was read from, for messages.
    static func columnName(_ field: CompiledField, column: Int?, headers: [String]) -> String {
        if let c = column, c < headers.count { return headers[c].trimmedHeader }
        return field.decl.columns.first ?? field.decl.name
    }

    func decode(_ record: RawRecord, columns: [Int?], headers: [String]) throws -> [Value] {
        var out: [Value] = []
        try decode(record, columns: columns, headers: headers, replacing: &out)
        return out
    }

    /// The row's values into `row`, which holds one value per field (the previous row's,
    /// each released as it is replaced): one row at a time, reusing one array. When it throws,
    /// `row` holds some of this row's values and some of the last.
    func decode(_ record: RawRecord, columns: [Int?], headers: [String], replacing row: inout [Value]) throws {
        let n = kinds.count
        if row.count != n { row = Array(repeating: .null, count: n) }
        guard n > 0 else { return }
        try row.withUnsafeMutableBufferPointer { try decode(record, columns: columns, headers: headers, into: $0) }
    }

    /// The same into `row`, one initialized value per field, each replaced (a case's slots,
    /// decoded into where the case is evaluated).
    func decode(_ record: RawRecord, columns: [Int?], headers: [String], into row: UnsafeMutableBufferPointer<Value>) throws {
        let n = kinds.count
        precondition(row.count == n, "a value per field")
        try record.withView { view in
            for i in 0..<n { row[i] = try value(i, of: view, columns: columns, headers: headers) }
        }
    }

    /// Field `i` of the row, or the row's error about it, at its column.
    @inline(__always)
    private func value(_ i: Int, of record: RecordView, columns: [Int?], headers: [String]) throws -> Value {
        guard let c = columns[i] else {
            return try value(i, kind: nil, bytes: UnsafeBufferPointer(start: nil, count: 0), column: nil, headers: headers)
        }
        return try value(i, kind: record.kind(c), bytes: record.bytes(c), column: c, headers: headers)
    }

    /// Field `i` of a row, read from `bytes` (of `kind`, nil when absent) in `column`.
    @inline(__always)
    private func value(_ i: Int, kind: FieldKind?, bytes: UnsafeBufferPointer<UInt8>, column c: Int?, headers: [String]) throws -> Value {
        guard let kind, kind != .null else {
            if !optional[i] {
                throw DecodeError("a value is required", column: FieldDecoder.columnName(fields[i], column: c, headers: headers))
            }
            return .null
        }
        if kind == .object || kind == .array {
            throw DecodeError("expected a single value, found a JSON \(kind == .object ? "object" : "array")",
                              column: FieldDecoder.columnName(fields[i], column: c, headers: headers))
        }
        let v: Value
        do {
            v = try decode(bytes, field: i, kind: kind)
        } catch var e as DecodeError {
            if e.column == nil { e.column = FieldDecoder.columnName(fields[i], column: c, headers: headers) }
            throw e
        }
        if v.isNull && !optional[i] {
            throw DecodeError("a value is required", column: FieldDecoder.columnName(fields[i], column: c, headers: headers))
        }
        return v
    }

    /// What can be read of a row that failed to decode: every field's value, null where it
    /// could not be read (or a required one is empty), and the names of those fields. A row
    /// set aside still tells the groups it belongs to (`Evaluator.countLost`).
    func salvage(_ record: RawRecord, columns: [Int?], headers: [String]) -> (values: [Value], unreadable: Set<String>) {
        var values: [Value] = []
        var unreadable = Set<String>()
        record.withView { view in
            for i in 0..<kinds.count {
                do {
                    values.append(try value(i, of: view, columns: columns, headers: headers))
                } catch {
                    values.append(.null)
                    unreadable.insert(fields[i].decl.name)
                }
            }
        }
        return (values, unreadable)
    }

    /// Row `r` of `texts` into `row` (one value per field, each replaced), as
    /// `decode(_:columns:headers:replacing:)` reads a record; `headers`: the columns' names
    /// when the rows were read, for messages.
    func decode(_ texts: FieldTexts, row r: Int, headers: [String], replacing row: UnsafeMutableBufferPointer<Value>) throws {
        let n = kinds.count
        precondition(row.count == n && texts.width == n, "a value per field")
        try texts.withRow(r) { view in
            for i in 0..<n {
                row[i] = try value(i, kind: view.kind(i), bytes: view.bytes(i), column: view.column(i), headers: headers)
            }
        }
    }

    /// As `salvage(_:columns:headers:)`, for row `r` of `texts`.
    func salvage(_ texts: FieldTexts, row r: Int, headers: [String]) -> (values: [Value], unreadable: Set<String>) {
        var values: [Value] = []
        var unreadable = Set<String>()
        texts.withRow(r) { view in
            for i in 0..<kinds.count {
                do {
                    values.append(try value(i, kind: view.kind(i), bytes: view.bytes(i), column: view.column(i), headers: headers))
                } catch {
                    values.append(.null)
                    unreadable.insert(fields[i].decl.name)
                }
            }
        }
        return (values, unreadable)
    }

    /// Whether field `i` of a record reads as its bytes as written: a string field without a
    /// pattern, with something in it. Those bytes are then the text of its value, and a caller
    /// that needs only the text (a case id, looked up) need not make a String of them.
    func readsAsWritten(_ i: Int, of record: RawRecord, columns: [Int?]) -> Bool {
        guard kinds[i] == .string, patterns[i] == nil, let c = columns[i], let kind = record.kind(c),
              kind == .text || kind == .number || kind == .bool else { return false }
        return record.withBytes(c) { !FieldDecoder.trimmed($0).isEmpty }
    }

    /// Field `i` alone of a record (a row's case id, read ahead of the rest); nil when it
    /// cannot be read.
    func value(_ i: Int, of record: RawRecord, columns: [Int?]) -> Value? {
        record.withView { view in
            return try? value(i, of: view, columns: columns, headers: [])
        }
    }

    /// Dates outside `Timestamp.supportedYears` are refused (the row is set aside with
    /// `--rejects`): the zone tables stop there, and arithmetic on them would leave 64 bits or
    /// four-digit years.
    private static func checkYear(_ d: CivilDate, _ b: UnsafeBufferPointer<UInt8>) throws {
        guard Timestamp.supportedYears.contains(d.year) else {
            throw DecodeError("\(Excerpt.quoted(bytes: b)) is outside the years \(Timestamp.supportedYearsText) a policy handles")
        }
    }

    /// A number outside its field's `min`/`max` (by default: below 0) is the row's error, at
    /// the column, with the value as written: a ratio of 150% or a quantity of −4 would
    /// otherwise become a negative fine or a count that shrinks.
    private func checkRange(_ v: Fraction, field i: Int, _ b: UnsafeBufferPointer<UInt8>) throws {
        let (lo, hi) = ranges[i]
        if let lo, v < lo.value {
            let how = lo.location == nil ? " (a field that may be negative says 'signed: true')" : ""
            throw DecodeError("\(Excerpt.quoted(bytes: b)) is below \(lo.text), the least the field holds\(how)")
        }
        if let hi, hi.value < v {
            var hint = ""
            // `60` where `60%` was meant: a ratio written as a percentage without its sign.
            if kinds[i] == .decimal, hi.value == .one, v <= Fraction(100), b.last != UInt8(ascii: "%") {
                hint = " (a percentage is written with '%': '\(String(decoding: b, as: UTF8.self))%')"
            }
            throw DecodeError("\(Excerpt.quoted(bytes: b)) is above \(hi.text), the most the field holds\(hint)")
        }
    }

    /// The field without surrounding blanks: a narrower view of the same bytes, not a copy.
    @inline(__always)
    private static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D { hi -= 1 }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    private func decode(_ raw: UnsafeBufferPointer<UInt8>, field i: Int, kind: FieldKind) throws -> Value {
        if raw.isEmpty { return .null }  // most optional cells: nothing to trim
        let b = FieldDecoder.trimmed(raw)
        if b.isEmpty { return .null }
        func fail(_ what: String) -> DecodeError {
            DecodeError("cannot read \(Excerpt.quoted(bytes: b)) as \(what)", column: nil)
        }
        switch kinds[i] {
        case .string:
            let s = String(decoding: raw, as: UTF8.self)
            if let p = patterns[i], !p.matchesWhole(s) {
                throw DecodeError("\(Excerpt.quoted(s)) does not match the pattern '\(fields[i].decl.pattern!.value)'")
            }
            return .string(s)
        case .person:
            return .person(names.text(b))
        case .department:
            return .department(names.text(b))
        case .integer:
            guard let v = Fraction(parsing: Substring(String(decoding: b, as: UTF8.self))), v.isInteger else { throw fail("an integer") }
            try checkRange(v, field: i, b)
            return .integer(v.numerator)
        case .decimal:
            guard let d = Fraction(parsingRatio: Substring(String(decoding: b, as: UTF8.self))) else { throw fail("a number") }
            try checkRange(d, field: i, b)
            return .decimal(d)
        case .money:
            guard let m = Money(parsingWritten: String(decoding: b, as: UTF8.self)) else {
                throw fail("an amount of money (e.g. 20 or 20.50)")
            }
            try checkRange(Fraction(m.minorUnits), field: i, b)
            return .money(m)
        case .timestamp:
            if let t = days.timestamp(b) { return .timestamp(t) }
            guard let p = TimestampParser.parse(b) else { throw fail("a timestamp") }
            guard let sod = p.secondOfDay else {
                throw DecodeError("\(Excerpt.quoted(bytes: b)) has no time of day; a timestamp needs one (e.g. 2026-11-03 09:15)")
            }
            try FieldDecoder.checkYear(p.date, b)
            // An instant written with an offset (`Z`, `-05:00`) is held at the policy's zone, as
            // one written without: one instant is then one value however a row spelled it, so an
            // aggregate's min or max, a group's key or a note reads the same in any row order.
            if let o = p.offsetSeconds { return .timestamp(zone.localize(Timestamp(date: p.date, secondOfDay: sod, offsetSeconds: o))) }
            days.note(b, date: p.date, zone: zone)
            return .timestamp(zone.timestamp(date: p.date, secondOfDay: sod))
        case .date:
            guard let p = TimestampParser.parse(b), p.secondOfDay == nil else { throw fail("a date (e.g. 2026-11-03)") }
            try FieldDecoder.checkYear(p.date, b)
            return .date(p.date)
        case .boolean:
            if let key = ShortBytes(b)?.lowercasedASCII() {
                for w in booleanShort where w.text == key { return .bool(w.value) }
            }
            // The same words written otherwise (other case forms, other Unicode spellings).
            let text = String(decoding: b, as: UTF8.self).lowercased()
            guard let w = FieldDecoder.booleanWords.first(where: { String(decoding: $0.text, as: UTF8.self) == text }) else {
                throw fail("true or false (是/否, yes/no, 1/0)")
            }
            return .bool(w.value)
        case .enum:
            if let key = ShortBytes(b) {
                let short = enumShort[i]
                for j in short.indices where short[j].text == key { return .enumValue(short[j].value) }
            } else {
                for e in enumBytes[i] where FieldDecoder.matches(b, e.text) { return .enumValue(e.value) }
            }
            let text = String(decoding: b, as: UTF8.self)
            if let v = enumText[i]?[text] { return .enumValue(v) }
            let accepted = fields[i].decl.values + fields[i].decl.labels.map(\.label)
            throw DecodeError("\(Excerpt.quoted(text)) is not one of: \(accepted.joined(separator: ", "))\(Suggestion.hint(for: text, in: accepted))")
        }
    }
}
