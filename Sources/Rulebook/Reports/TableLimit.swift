/// How many rows each list of `--format table` shows (`rulebook eval --limit N`, `--all`).
package enum TableLimit {
    /// The rows a list shows on a terminal when no limit is given: a screen or two.
    package static let terminalDefault = 50

    /// `limit` when given; every row (nil) with `all`; else `terminalDefault` rows when the
    /// table goes to a terminal — someone reading — and every row when it goes to a file or a
    /// pipe, which is kept or searched.
    package static func rows(limit: Int?, all: Bool, terminal: Bool) -> Int? {
        if let limit { return limit }
        if all { return nil }
        return terminal ? terminalDefault : nil
    }
}
