import Synchronization

/// A progress line for a long run on a terminal: rows read, their rate and the time taken,
/// redrawn in place (`\r`) on standard error. A run shorter than `delay` prints nothing, so a
/// quick check stays one line of output; `finish()` clears the line before the report's own
/// notes. Whether to show one at all (standard error a terminal) is the caller's decision.
///
/// `update` is called from the thread that reads rows; the time is read at most once per call
/// and the line redrawn at most every `interval`, so the cost per call is a clock read.
package final class ProgressLine: Sendable {
    private struct State {
        var drawn = false
        var lastDrawn: Double = -.infinity
    }
    private let state = Mutex(State())
    private let delay: Double
    private let interval: Double
    private let start: Double
    private let now: @Sendable () -> Double
    private let write: @Sendable (String) -> Void

    /// `now`: seconds on a monotonic clock (tests give their own); `write`: where the line goes.
    package init(delay: Double = 1, interval: Double = 0.2, now: @escaping @Sendable () -> Double = ProgressLine.monotonicSeconds,
                write: @escaping @Sendable (String) -> Void) {
        self.delay = delay
        self.interval = interval
        self.now = now
        self.write = write
        start = now()
    }

    package static let monotonicSeconds: @Sendable () -> Double = {
        let d = ContinuousClock.now - ProgressLine.origin
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    private static let origin = ContinuousClock.now

    /// `rows` read so far.
    package func update(rows: Int) {
        let t = now()
        let elapsed = t - start
        guard elapsed >= delay else { return }
        let draw = state.withLock { s -> Bool in
            guard t - s.lastDrawn >= interval else { return false }
            s.lastDrawn = t
            s.drawn = true
            return true
        }
        if draw { write("\r" + ProgressLine.text(rows: rows, seconds: elapsed) + ProgressLine.clearToEnd) }
    }

    /// Clears the line when one was drawn.
    package func finish() {
        let drawn = state.withLock { s -> Bool in
            defer { s.drawn = false }
            return s.drawn
        }
        if drawn { write("\r" + ProgressLine.clearToEnd) }
    }

    /// Erases from the cursor to the end of the line (ECMA-48 EL).
    static let clearToEnd = "\u{1B}[K"

    /// `1,234,567 rows read · 85,000 rows/s · 14.5 s`.
    package static func text(rows: Int, seconds: Double) -> String {
        let rate = seconds > 0 ? Int((Double(rows) / seconds).rounded()) : 0
        let tenths = Int((seconds * 10).rounded())
        return "\(grouped(rows)) rows read · \(grouped(rate)) rows/s · \(tenths / 10).\(tenths % 10) s"
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
