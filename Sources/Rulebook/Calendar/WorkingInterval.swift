/// A span of working time within one local day, in seconds since local midnight: `[start, end)`.
/// `24:00` is allowed as an end; shifts across midnight are two intervals on two days.
struct WorkingInterval: Hashable, Sendable, CustomStringConvertible {
    var start: Int32
    var end: Int32

    var length: Int32 { end - start }

    /// `08:30-12:00`
    var description: String { "\(WorkingInterval.clockText(start))-\(WorkingInterval.clockText(end))" }

    /// `08:30`, or `08:30:15` when seconds are set.
    static func clockText(_ secondOfDay: Int32) -> String {
        func p2(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let base = "\(p2(secondOfDay / 3600)):\(p2(secondOfDay / 60 % 60))"
        return secondOfDay % 60 == 0 ? base : base + ":\(p2(secondOfDay % 60))"
    }
}

/// A problem inside a scalar, with the offset (in Unicode scalars) it starts at, so the
/// diagnostic points at the offending token.
struct ScalarProblem: Error {
    var message: String
    var offset: Int
}

/// Strict readers for the times and dates written in calendar files.
enum CalendarSyntax {
    /// `08:30-12:00` (spaces around `-` allowed, `HH:MM` or `HH:MM:SS`).
    static func interval(_ text: String) -> Result<WorkingInterval, ScalarProblem> {
        let s = Array(text.unicodeScalars)
        guard let dash = s.firstIndex(of: "-") else {
            return .failure(ScalarProblem(message: "expected an interval like '08:30-12:00', found '\(text)'", offset: 0))
        }
        var a = 0, b = dash
        while a < b, s[a] == " " { a += 1 }
        while b > a, s[b - 1] == " " { b -= 1 }
        var c = dash + 1, d = s.count
        while c < d, s[c] == " " { c += 1 }
        while d > c, s[d - 1] == " " { d -= 1 }
        let start: Int32, end: Int32
        switch clock(s, a, b, allow24: false) {
        case .success(let v): start = v
        case .failure(let p): return .failure(p)
        }
        switch clock(s, c, d, allow24: true) {
        case .success(let v): end = v
        case .failure(let p): return .failure(p)
        }
        guard end > start else {
            return .failure(ScalarProblem(message: "interval '\(text)' ends before it starts", offset: 0))
        }
        return .success(WorkingInterval(start: start, end: end))
    }

    /// `H:MM`, `HH:MM` or `HH:MM:SS` in `s[from..<to]`; `24:00` only when `allow24`.
    static func clock(_ s: [Unicode.Scalar], _ from: Int, _ to: Int, allow24: Bool) -> Result<Int32, ScalarProblem> {
        let text = String(String.UnicodeScalarView(s[from..<to]))
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        func isDigits(_ p: Substring, _ counts: ClosedRange<Int>) -> Bool {
            counts.contains(p.count) && p.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
        }
        guard (2...3).contains(parts.count), isDigits(parts[0], 1...2), isDigits(parts[1], 2...2),
              parts.count == 2 || isDigits(parts[2], 2...2),
              let h = Int32(parts[0]), let m = Int32(parts[1]) else {
            return .failure(ScalarProblem(message: "expected a time like '08:30', found '\(text)'", offset: from))
        }
        let sec = parts.count == 3 ? Int32(parts[2])! : 0
        if h == 24 && m == 0 && sec == 0 {
            if allow24 { return .success(86_400) }
            return .failure(ScalarProblem(message: "'24:00' can only end an interval", offset: from))
        }
        guard h <= 23 else {
            return .failure(ScalarProblem(message: "invalid time '\(text)': hours run from 00 to 23", offset: from))
        }
        guard m <= 59, sec <= 59 else {
            return .failure(ScalarProblem(message: "invalid time '\(text)': minutes and seconds run from 00 to 59", offset: from))
        }
        return .success(h * 3600 + m * 60 + sec)
    }

    /// `2025-01-28`, strictly; a date that does not exist says why.
    static func date(_ text: String) -> Result<CivilDate, ScalarProblem> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard parts.count == 3,
              zip(parts, widths).allSatisfy({ p, w in p.count == w && p.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            return .failure(ScalarProblem(message: "expected a date like '2025-01-28', found '\(text)'", offset: 0))
        }
        guard (1...12).contains(m) else {
            return .failure(ScalarProblem(message: "invalid date '\(text)': there is no month \(m)", offset: 5))
        }
        guard let date = CivilDate(year: y, month: m, day: d) else {
            let days = CivilDate.daysIn(month: m, year: y)
            return .failure(ScalarProblem(
                message: "invalid date '\(text)': \(monthNames[m - 1]) \(y) has \(days) days", offset: 8))
        }
        return .success(date)
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
}
