/// The physical line each row of an export starts on, for reports that point into the file
/// (SARIF, GitHub annotations). A row is what a person counts (`RawRecord.row`); its line
/// differs once a quoted CSV cell has held a line break, or where a JSON array spreads an
/// object over lines. Kept as the rows where `line − row` changes, so an export whose rows
/// are its lines costs two numbers.
struct RowLines: Sendable, Equatable {
    /// Rows where a new difference starts, increasing, and the difference from there on.
    private var starts: [Int] = []
    private var shifts: [Int] = []
    /// The last row noted.
    private var last = 0

    init() {}

    /// Notes that `row` starts on `line`. Rows come in increasing order (a reader's order);
    /// a row at or before the last one noted is ignored.
    mutating func note(row: Int, line: Int) {
        guard row > last else { return }
        let shift = line - row
        if shifts.last != shift || last + 1 != row {
            starts.append(row)
            shifts.append(shift)
        }
        last = row
    }

    /// The line `row` starts on; nil for a row not read (0, which group findings carry).
    func line(ofRow row: Int) -> Int? {
        guard row >= 1, row <= last, let first = starts.first, row >= first else { return nil }
        // The last start at or before `row`.
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= row { lo = mid } else { hi = mid - 1 }
        }
        return row + shifts[lo]
    }
}
