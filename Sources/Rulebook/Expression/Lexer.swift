/// Splits expression text into tokens. Number-led literals are recognised here, so that
/// `20 CNY`, `50%`, `3‰`, `2h`, `13 days` and `8 working hours` are single tokens.
struct Lexer {
    static let keywords: Set<String> = ["and", "or", "not", "in", "is", "null", "true", "false",
                                        "if", "then", "else", "of", "where"]

    struct Failure: Error {
        var message: String
        var offset: Int
    }

    private let s: [Unicode.Scalar]
    private var i = 0

    init(_ text: String) { s = Array(text.unicodeScalars) }

    static func tokens(_ text: String) throws -> [Token] {
        var lexer = Lexer(text)
        var out: [Token] = []
        while true {
            let t = try lexer.next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

    private static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic
    }
    private static func isIdentPart(_ c: Unicode.Scalar) -> Bool {
        isIdentStart(c) || ("0"..."9").contains(c)
    }

    private mutating func skipSpace() {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1 }
    }

    mutating func next() throws -> Token {
        skipSpace()
        let start = i
        guard let c = peek() else { return Token(kind: .end, offset: i, length: 0) }
        func token(_ k: Token.Kind) -> Token { Token(kind: k, offset: start, length: i - start) }

        if ("0"..."9").contains(c) { return try number(start) }
        if Lexer.isIdentStart(c) {
            // Identifiers may hold hyphens between letters or digits (rule ids such as
            // `qa-reply`); subtraction between names needs spaces: `a - b`.
            var name = ""
            while let d = peek() {
                if Lexer.isIdentPart(d) {
                    name.unicodeScalars.append(d)
                    i += 1
                } else if d == "-", let e = peek(1), Lexer.isIdentStart(e), !name.isEmpty {
                    name.unicodeScalars.append(d)
                    i += 1
                } else {
                    break
                }
            }
            return token(Lexer.keywords.contains(name) ? .keyword(name) : .identifier(name))
        }
        if c == "\"" || c == "'" { return try string(quote: c, start) }
        if c == "¥" || c == "￥" {
            i += 1
            skipSpace()
            guard let d = peek(), ("0"..."9").contains(d) else {
                throw Failure(message: "expected an amount after '\(c)'", offset: start)
            }
            let t = try number(i)
            let value: Fraction
            switch t.kind {
            case .integer(let v): value = Fraction(v)
            case .decimal(let f): value = f
            default: throw Failure(message: "expected an amount after '\(c)'", offset: start)
            }
            return Token(kind: .money(try Lexer.money(value, start)), offset: start, length: i - start)
        }
        let two = peek(1).map { String(c) + String($0) } ?? ""
        if ["==", "!=", "<=", ">=", "??"].contains(two) {
            i += 2
            return token(.op(two))
        }
        if "+-*/<>()[],.".unicodeScalars.contains(c) {
            i += 1
            return token(.op(String(c)))
        }
        if c == "=" {
            throw Failure(message: "'=' is not an operator; compare with '=='", offset: start)
        }
        if c == "&" || c == "|" || c == "!" {
            let word = c == "&" ? "and" : c == "|" ? "or" : "not"
            throw Failure(message: "'\(c)' is not an operator; write '\(word)'", offset: start)
        }
        throw Failure(message: "unexpected character '\(c)'", offset: start)
    }

    /// An amount in fen, within `Money.policyLimit`.
    private static func money(_ f: Fraction, _ start: Int) throws -> Money {
        let fen = f.multiplied(by: Fraction(100))
        guard let fen, fen.numerator.magnitude <= UInt64(Money.policyLimit) else {
            throw Failure(message: "amount too large: a policy's amounts are at most \(Money.policyLimitText)", offset: start)
        }
        guard fen.isInteger else { throw Failure(message: "an amount has at most two decimals", offset: start) }
        return Money(minorUnits: fen.numerator)
    }

    /// A span within `TimeSpan.policyLimitDays`; `amount` nil when it overflowed on the way.
    private static func span(_ clock: TimeSpan.Clock, _ amount: Fraction?, _ start: Int) throws -> TimeSpan {
        guard let amount, case let s = TimeSpan(clock, amount.numerator), s.isWithinPolicyLimit else {
            throw Failure(message: "duration too long: a policy's durations are at most \(TimeSpan.policyLimitText)", offset: start)
        }
        guard amount.isInteger else { throw Failure(message: "duration is not a whole number of seconds", offset: start) }
        return s
    }

    private mutating func number(_ start: Int) throws -> Token {
        var text = ""
        while let d = peek(), ("0"..."9").contains(d) || d == "_" {
            if d != "_" { text.unicodeScalars.append(d) }
            i += 1
        }
        var isDecimal = false
        if peek() == ".", let d = peek(1), ("0"..."9").contains(d) {
            isDecimal = true
            text.append(".")
            i += 1
            while let d = peek(), ("0"..."9").contains(d) {
                text.unicodeScalars.append(d)
                i += 1
            }
        }
        guard let value = Fraction(parsing: Substring(text)) else {
            throw Failure(message: "number '\(text)' is too large: numbers have at most 18 digits", offset: start)
        }
        func token(_ k: Token.Kind) -> Token { Token(kind: k, offset: start, length: i - start) }

        // Suffixes written directly after the number.
        if let c = peek() {
            if c == "%" || c == "‰" {
                i += 1
                guard let p = value.divided(by: Fraction(c == "%" ? 100 : 1000)) else {
                    throw Failure(message: "number '\(text)\(c)' has too many decimals", offset: start)
                }
                return token(.percent(p))
            }
            if c == "元" {
                i += 1
                return token(.money(try Lexer.money(value, start)))
            }
        }
        // A unit word, possibly after spaces: `2h`, `2 hours`, `8 working hours`, `20 CNY`.
        let save = i
        skipSpace()
        var word = ""
        while let d = peek(), Lexer.isIdentPart(d) {
            word.unicodeScalars.append(d)
            i += 1
        }
        var working = false
        if word == "working" {
            working = true
            skipSpace()
            word = ""
            while let d = peek(), Lexer.isIdentPart(d) {
                word.unicodeScalars.append(d)
                i += 1
            }
        }
        if word == "CNY" || word == "yuan" {
            return token(.money(try Lexer.money(value, start)))
        }
        if working && !Lexer.workingUnits.contains(word) {
            throw Failure(message: "expected 'hours', 'minutes' or 'days' after 'working'", offset: start)
        }
        if let unit = Lexer.unitSeconds[word] {
            if working {
                if word.hasPrefix("day") {
                    // Half a day is half of that day's working time, not a fixed number of hours.
                    if value == Fraction(1, 2) { return token(.span(TimeSpan(.halfWorkingDays, 1))) }
                    guard value.isInteger else {
                        throw Failure(message: "working days are whole or half a day (0.5 working days); write other parts of a day in working hours", offset: start)
                    }
                    return token(.span(try Lexer.span(.workingDays, value, start)))
                }
                return token(.span(try Lexer.span(.workingTime, value.multiplied(by: Fraction(unit)), start)))
            }
            return token(.span(try Lexer.span(.calendar, value.multiplied(by: Fraction(unit)), start)))
        }
        if working {
            throw Failure(message: "expected 'hours', 'minutes' or 'days' after 'working'", offset: start)
        }
        if let months = Lexer.unitMonths[word] {
            guard value.isInteger else {
                throw Failure(message: "calendar months and years are whole; write part of a month in days", offset: start)
            }
            return token(.span(try Lexer.span(.months, value.multiplied(by: Fraction(months)), start)))
        }
        if !word.isEmpty, !Lexer.keywords.contains(word) {
            throw Failure(message: "unknown unit '\(word)'\(Suggestion.hint(for: word, in: Lexer.unitWords)); durations are written 30m, 2h, 13d, 1 month, 8 working hours, 3 working days", offset: start)
        }
        // Not a unit: the word (if any) is the next token.
        i = save
        if isDecimal { return token(.decimal(value)) }
        return token(.integer(value.numerator))
    }

    static let workingUnits: Set<String> = ["minute", "minutes", "hour", "hours", "day", "days"]
    static let unitWords = ["s", "seconds", "m", "minutes", "h", "hours", "d", "days", "w", "weeks", "months", "years", "CNY", "working"]

    /// Calendar months per unit: a year is twelve of them (民法典 第二百零二条 counts both alike).
    static let unitMonths: [String: Int64] = ["month": 1, "months": 1, "year": 12, "years": 12]

    static let unitSeconds: [String: Int64] = [
        "s": 1, "sec": 1, "second": 1, "seconds": 1,
        "m": 60, "min": 60, "minute": 60, "minutes": 60,
        "h": 3600, "hour": 3600, "hours": 3600,
        "d": 86_400, "day": 86_400, "days": 86_400,
        "w": 604_800, "week": 604_800, "weeks": 604_800,
    ]

    private mutating func string(quote: Unicode.Scalar, _ start: Int) throws -> Token {
        i += 1
        var out = ""
        while let c = peek() {
            i += 1
            if c == quote { return Token(kind: .string(out), offset: start, length: i - start) }
            if c == "\\", let n = peek() {
                i += 1
                switch n {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\\", "\"", "'": out.unicodeScalars.append(n)
                default: throw Failure(message: "unknown escape '\\\(n)'", offset: i - 2)
                }
                continue
            }
            out.unicodeScalars.append(c)
        }
        throw Failure(message: "unterminated string", offset: start)
    }
}
