/// The physical line each row of an export starts on, for reports that point into the file
/// (SARIF, GitHub annotations). A row is what a person counts (`RawRecord.row`); its line
/// differs once a quoted CSV cell has held a line break, or where a JSON array spreads an
/// object over lines. Kept as the rows where `line − row` changes, so an export whose rows
/// are its lines costs two numbers.
///
/// A change is 8 bytes (row and difference as 32-bit halves) in chunks of a fixed size, so
/// that an export with a line break in every fifteenth row (the generated ones) costs half a
/// megabyte a million rows and never a doubled array's copy; a row or difference past 32 bits
/// goes, with every later one, to plain pairs.
struct RowLines: Sendable, Equatable {
    private static let chunkBits = 12
    private static let chunkSize = 1 << chunkBits

    /// The changes that fit 32 bits, in full chunks but the last: the row in the high half,
    /// the difference from there on (an `Int32`'s bits) in the low.
    private var chunks: [[UInt64]] = []
    /// The changes after the first that did not fit, as rows and differences.
    private var wideStarts: [Int] = []
    private var wideShifts: [Int] = []
    /// The last row noted.
    private var last = 0

    init() {}

    /// Notes that `row` starts on `line`. Rows come in increasing order (a reader's order);
    /// a row at or before the last one noted is ignored.
    mutating func note(row: Int, line: Int) {
        guard row > last else { return }
        let shift = line - row
        if lastShift != shift || last + 1 != row { append(row, shift) }
        last = row
    }

    /// The changes in `chunks`.
    private var narrowCount: Int {
        chunks.isEmpty ? 0 : (chunks.count - 1) << RowLines.chunkBits + chunks[chunks.count - 1].count
    }

    /// The difference the last row was noted with: the last change's.
    private var lastShift: Int? {
        if let s = wideShifts.last { return s }
        return narrowCount > 0 ? narrow(narrowCount - 1).shift : nil
    }

    private mutating func append(_ row: Int, _ shift: Int) {
        if wideStarts.isEmpty, let r = UInt32(exactly: row), let s = Int32(exactly: shift) {
            if narrowCount & (RowLines.chunkSize - 1) == 0 {
                chunks.append([])
                chunks[chunks.count - 1].reserveCapacity(RowLines.chunkSize)
            }
            chunks[chunks.count - 1].append(UInt64(r) << 32 | UInt64(UInt32(bitPattern: s)))
        } else {
            wideStarts.append(row)
            wideShifts.append(shift)
        }
    }

    private func narrow(_ i: Int) -> (row: Int, shift: Int) {
        let e = chunks[i >> RowLines.chunkBits][i & (RowLines.chunkSize - 1)]
        return (Int(e >> 32), Int(Int32(bitPattern: UInt32(truncatingIfNeeded: e))))
    }

    /// The line `row` starts on; nil for a row not read (0, which group findings carry).
    func line(ofRow row: Int) -> Int? {
        guard row >= 1, row <= last else { return nil }
        if let first = wideStarts.first, row >= first {
            return row + wideShifts[RowLines.lastIndex(atOrBefore: row, count: wideStarts.count) { wideStarts[$0] }]
        }
        guard narrowCount > 0, row >= narrow(0).row else { return nil }
        return row + narrow(RowLines.lastIndex(atOrBefore: row, count: narrowCount) { narrow($0).row }).shift
    }

    /// The last of `count` increasing starts at or before `row` (the first is).
    private static func lastIndex(atOrBefore row: Int, count: Int, start: (Int) -> Int) -> Int {
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if start(mid) <= row { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
