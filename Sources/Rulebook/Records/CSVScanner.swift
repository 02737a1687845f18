import CByteScan

/// The byte-level RFC 4180 state machine behind `CSVReader`. Pure: it only reports where a
/// record ends, so a record cut off by the end of the window can simply be scanned again.
enum CSVScanner {
    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    enum Problem {
        case unterminatedQuote, quoteInUnquotedField, textAfterClosingQuote

        var message: String {
            switch self {
            case .unterminatedQuote: "quoted field is not closed before the end of the file"
            case .quoteInUnquotedField: "quote inside an unquoted field (quote the whole field and double the quote: \"\")"
            case .textAfterClosingQuote: "text after a closing quote (expected ',' or the end of the line)"
            }
        }
    }

    enum Scan {
        /// The record ends before `next`; `lines` line breaks were consumed.
        case complete(next: Int, lines: Int)
        /// An empty line: no record.
        case blank(next: Int, lines: Int)
        /// The window ends before the record does.
        case needMore
        case failure(Problem, at: Int)
    }

    /// Scans one record starting at `p`, putting its fields' spans in `fields` (`hasEscapes`:
    /// the field holds doubled quotes).
    static func scanRecord(_ b: UnsafeBufferPointer<UInt8>, from p: Int, end: Int, eof: Bool,
                           fields: inout [FieldSpan]) -> Scan {
        fields.removeAll(keepingCapacity: true)
        // The spans are gathered on the stack and appended a stretch at a time: an append per
        // field checked the array's uniqueness and capacity each time, a sixth of the scan.
        return withUnsafeTemporaryAllocation(of: FieldSpan.self, capacity: SpanStretch.capacity) { room in
            var spans = SpanStretch(room)
            let scan = scanRecord(b, from: p, end: end, eof: eof, spans: &spans, fields: &fields)
            spans.flush(into: &fields)
            return scan
        }
    }

    /// Spans gathered in a fixed room, moved to the record's array when it is full and at the end.
    struct SpanStretch: ~Copyable {
        static let capacity = 32
        private let room: UnsafeMutableBufferPointer<FieldSpan>
        private var count = 0

        init(_ room: UnsafeMutableBufferPointer<FieldSpan>) { self.room = room }

        @inline(__always)
        mutating func append(_ span: FieldSpan, overflow fields: inout [FieldSpan]) {
            if count == room.count { flush(into: &fields) }
            room.initializeElement(at: count, to: span)  // a trivial type: nothing to deinitialize
            count &+= 1  // at most `capacity`
        }

        mutating func flush(into fields: inout [FieldSpan]) {
            fields.append(contentsOf: UnsafeBufferPointer(rebasing: room[..<count]))
            count = 0
        }
    }

    private static func scanRecord(_ b: UnsafeBufferPointer<UInt8>, from p: Int, end: Int, eof: Bool,
                                   spans: inout SpanStretch, fields: inout [FieldSpan]) -> Scan {
        var i = p
        var lines = 0

        /// After a record's last field, at a CR or LF (or the end of input).
        func lineEnd(_ i: Int, blank: Bool) -> Scan {
            var next = i + 1
            if b[i] == cr {
                if i + 1 < end {
                    if b[i + 1] == lf { next = i + 2 }
                } else if !eof {
                    return .needMore  // a LF may follow in the next read
                }
            }
            return blank ? .blank(next: next, lines: 1) : .complete(next: next, lines: lines + 1)
        }

        if b[p] == lf || b[p] == cr { return lineEnd(p, blank: true) }

        // A block of 64 bytes at `blockAt` and its masks (`CByteScan`): where an unquoted field
        // ends is the first special byte the mask shows at or after the field's start. A block
        // holds about seven fields; byte by byte, each field cost some ninety instructions.
        var blockAt = Int.min / 2
        var specials: UInt64 = 0, highs: UInt64 = 0

        while true {
            if i < end && b[i] == quote {
                let open = i
                i += 1
                var hasEscapes = false
                var high: UInt64 = 0
                let closing: Int
                while true {
                    while i < end {
                        // Eight bytes at a time up to the first quote or control byte.
                        skipWords(b, &i, end, &high) { w in bytesBelow(0x0E, w) | bytesBelow(0x01, w ^ 0x2222_2222_2222_2222) }
                        guard i < end else { break }
                        let c = b[i]
                        high |= UInt64(c)
                        if c == quote { break }
                        if c == lf {
                            lines += 1
                        } else if c == cr {
                            if i + 1 < end {
                                if b[i + 1] != lf { lines += 1 }
                            } else if !eof {
                                return .needMore
                            } else {
                                lines += 1
                            }
                        }
                        i += 1
                    }
                    if i == end { return eof ? .failure(.unterminatedQuote, at: open) : .needMore }
                    if i + 1 < end {
                        if b[i + 1] == quote { hasEscapes = true; i += 2; continue }
                    } else if !eof {
                        return .needMore  // cannot tell `"` from `""` yet
                    }
                    closing = i
                    i += 1
                    break
                }
                spans.append(FieldSpan(start: open + 1, end: closing, sourceOffset: open, kind: .text, isDecoded: false,
                                        hasEscapes: hasEscapes, isASCII: high & 0x8080_8080_8080_8080 == 0), overflow: &fields)
                if i == end { return .complete(next: i, lines: lines) }
                let c = b[i]
                if c == comma { i += 1; continue }
                if c == lf || c == cr { return lineEnd(i, blank: false) }
                return .failure(.textAfterClosingQuote, at: i)
            }

            let start = i
            var high: UInt64 = 0
            // Whole blocks while there are 64 bytes ahead; the last bytes of the window (and a
            // field that runs past them) byte by byte, below.
            var stopped = false
            blocks: while true {
                // Wrapping arithmetic: the places are within the window, far from overflowing,
                // and a check for it was a branch for each of the block's fields.
                if i &- blockAt >= 64 {
                    guard end &- i >= 64 else { break blocks }
                    blockAt = i
                    let m = rulebook_csv_masks64(b.baseAddress! + i)
                    specials = m.specials
                    highs = m.high
                }
                let offset = UInt64(truncatingIfNeeded: i &- blockAt)
                let ahead = specials >> offset
                if ahead == 0 {
                    if highs >> offset != 0 { high |= 0x80 }
                    i = blockAt &+ 64
                    continue
                }
                let k = ahead.trailingZeroBitCount
                if (highs >> offset) & ((1 << UInt64(k)) &- 1) != 0 { high |= 0x80 }
                i &+= k
                stopped = true
                break blocks
            }
            if stopped {
                if b[i] == quote { return .failure(.quoteInUnquotedField, at: i) }
            } else {
                while i < end {
                    // Nearly every byte (letters, digits, UTF-8) is above ',': eight at a time up
                    // to the first that is not.
                    skipWords(b, &i, end, &high) { w in bytesBelow(comma + 1, w) }
                    guard i < end else { break }
                    let c = b[i]
                    // The usual stop first, as plain tests: one `switch` over the four bytes was
                    // a jump table, mispredicted at a quarter of the scanner's time.
                    if c == comma { break }
                    if c < comma {
                        if c == lf { break }
                        if c == cr { break }
                        if c == quote { return .failure(.quoteInUnquotedField, at: i) }
                    }
                    high |= UInt64(c)
                    i += 1
                }
            }
            if i == end && !eof { return .needMore }
            spans.append(FieldSpan(start: start, end: i, sourceOffset: start, kind: .text, isDecoded: false,
                                    isASCII: high & 0x8080_8080_8080_8080 == 0), overflow: &fields)
            if i == end { return .complete(next: i, lines: lines) }
            if b[i] == comma { i &+= 1; continue }  // i < end
            return lineEnd(i, blank: false)
        }
    }

    /// The eight bytes at `i` (which must be in `b`), the first in the lowest byte.
    @inline(__always)
    private static func word(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
    }

    /// Moves `i` eight bytes at a time up to the first byte `stops` marks in a word (its high
    /// bit, as `bytesBelow` marks them), or to the last whole word; ORs the bytes passed into
    /// `high` (to tell ASCII text).
    @inline(__always)
    private static func skipWords(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int, _ high: inout UInt64,
                                  _ stops: (UInt64) -> UInt64) {
        while i + 8 <= end {
            let w = word(b, i)
            let stop = stops(w)
            if stop == 0 { high |= w; i += 8; continue }
            let k = stop.trailingZeroBitCount >> 3
            high |= w & ((1 << (UInt64(k) << 3)) &- 1)
            i += k
            return
        }
    }

    /// The high bit set in some bytes of `w` below `n` (n ≤ 128), and in none of the others
    /// before the first such byte: the lowest set bit marks the first byte below `n`
    /// exactly (a borrow only runs upward, into later bytes). Zero when there is none.
    @inline(__always)
    private static func bytesBelow(_ n: UInt8, _ w: UInt64) -> UInt64 {
        (w &- 0x0101_0101_0101_0101 &* UInt64(n)) & ~w & 0x8080_8080_8080_8080
    }

    /// Turns each `""` into `"` in place; returns the new end. The freed tail is filled with
    /// quotes so that the record's text still has the same lines and columns for diagnostics.
    static func unescape(_ b: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var r = start, w = start
        while r < end {
            let c = b[r]
            b[w] = c
            w += 1
            r += c == quote ? 2 : 1
        }
        var k = w
        while k < end { b[k] = quote; k += 1 }
        return w
    }
}
