import Testing
@testable import Rulebook

/// The scanner finds an unquoted field's end from 64-byte masks (`CByteScan`) while 64 bytes
/// remain, and byte by byte after: both must give what RFC 4180 says, wherever a field, a
/// quote or a non-ASCII byte falls against a block's edges. Checked here against a plain
/// reading of the RFC written for the test, on records made at random (seeded).
@Suite struct CSVScannerBlockTests {
    /// What a scan found, in a form two scanners can be compared by.
    struct Outcome: Equatable, CustomStringConvertible {
        var result: String
        var fields: [String]
        var description: String { "\(result) \(fields)" }
    }

    static func span(_ start: Int, _ end: Int, _ source: Int, escapes: Bool, ascii: Bool) -> String {
        "\(start)..<\(end)@\(source)\(escapes ? " escapes" : "")\(ascii ? "" : " utf8")"
    }

    /// The scanner under test, over the whole of `b` (the end of the input).
    static func scanned(_ b: [UInt8], from p: Int) -> Outcome {
        var fields: [FieldSpan] = []
        let scan = b.withUnsafeBufferPointer { CSVScanner.scanRecord($0, from: p, end: b.count, eof: true, fields: &fields) }
        let result: String
        switch scan {
        case let .complete(next, lines): result = "complete \(next) \(lines)"
        case let .blank(next, lines): result = "blank \(next) \(lines)"
        case .needMore: result = "need more"
        case let .failure(problem, at): result = "failure \(problem) \(at)"
        }
        return Outcome(result: result, fields: fields.map {
            span($0.start, $0.end, $0.sourceOffset, escapes: $0.hasEscapes, ascii: $0.isASCII)
        })
    }

    /// RFC 4180 byte by byte, as plainly as it can be written: the answer the scanner must give.
    static func reference(_ b: [UInt8], from p: Int) -> Outcome {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        let end = b.count
        var fields: [String] = []
        var lines = 0
        func lineEnd(_ k: Int) -> Int { b[k] == cr && k + 1 < end && b[k + 1] == lf ? k + 2 : k + 1 }
        if b[p] == lf || b[p] == cr { return Outcome(result: "blank \(lineEnd(p)) 1", fields: []) }
        var i = p
        while true {
            if i < end && b[i] == quote {
                let open = i
                var j = i + 1
                var escapes = false, ascii = true
                while true {
                    if j == end { return Outcome(result: "failure unterminatedQuote \(open)", fields: fields) }
                    let c = b[j]
                    if c == quote {
                        if j + 1 < end && b[j + 1] == quote { escapes = true; j += 2; continue }
                        break
                    }
                    if c >= 0x80 { ascii = false }
                    if c == lf || (c == cr && !(j + 1 < end && b[j + 1] == lf)) { lines += 1 }
                    j += 1
                }
                fields.append(span(open + 1, j, open, escapes: escapes, ascii: ascii))
                i = j + 1
                if i == end { return Outcome(result: "complete \(i) \(lines)", fields: fields) }
                if b[i] == comma { i += 1; continue }
                if b[i] == lf || b[i] == cr { return Outcome(result: "complete \(lineEnd(i)) \(lines + 1)", fields: fields) }
                return Outcome(result: "failure textAfterClosingQuote \(i)", fields: fields)
            }
            var j = i
            var ascii = true
            while j < end && b[j] != comma && b[j] != lf && b[j] != cr {
                if b[j] == quote { return Outcome(result: "failure quoteInUnquotedField \(j)", fields: fields) }
                if b[j] >= 0x80 { ascii = false }
                j += 1
            }
            fields.append(span(i, j, i, escapes: false, ascii: ascii))
            if j == end { return Outcome(result: "complete \(j) \(lines)", fields: fields) }
            if b[j] == comma { i = j + 1; continue }
            return Outcome(result: "complete \(lineEnd(j)) \(lines + 1)", fields: fields)
        }
    }

    /// A record of 0–40 fields, unquoted or quoted (with commas, line breaks and doubled quotes
    /// inside), of ASCII, two- and three-byte UTF-8, ended by LF, CRLF, CR or the input's end;
    /// one in eight is bytes at random from the same pieces (quotes where they may not be).
    static func record(_ g: inout SplitMix64) -> [UInt8] {
        let plain = ["a", "7", " ", "-", ":", "中", "é", "2026-01-05 09:15"]
        let inQuotes = plain + [",", "\n", "\r\n", "\r", "\"\""]
        let loose = inQuotes + ["\"", ",", ","]
        var out = ""
        if Int.random(in: 0..<8, using: &g) == 0 {
            for _ in 0..<Int.random(in: 1...200, using: &g) { out += loose.randomElement(using: &g)! }
        } else {
            let count = Int.random(in: 0...40, using: &g)
            for f in 0..<count {
                if f > 0 { out += "," }
                let length = Int.random(in: 0...(Int.random(in: 0..<4, using: &g) == 0 ? 90 : 12), using: &g)
                if Int.random(in: 0..<4, using: &g) == 0 {
                    out += "\""
                    for _ in 0..<length { out += inQuotes.randomElement(using: &g)! }
                    out += "\""
                } else {
                    for _ in 0..<length { out += plain.randomElement(using: &g)! }
                }
            }
        }
        out += ["\n", "\r\n", "\r", ""].randomElement(using: &g)!
        var bytes = Array(out.utf8)
        // One in eight with hostile bytes put in: invalid UTF-8 (a lone continuation, 0xFF, a
        // lead without its continuation) and NUL, which the masks must treat as any other byte.
        if !bytes.isEmpty, Int.random(in: 0..<8, using: &g) == 0 {
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                bytes[Int.random(in: 0..<bytes.count, using: &g)] = [0x80, 0xFF, 0xE4, 0x00].randomElement(using: &g)!
            }
        }
        return bytes
    }

    @Test func agreesWithTheRFCOnRandomRecords() {
        var g = SplitMix64(seed: 20_261_202)  // the same records on every run
        var checked = 0, blockSized = 0
        for _ in 0..<4000 {
            let r = Self.record(&g)
            guard !r.isEmpty else { continue }
            // The record alone (its last bytes byte by byte), after some text (not at the
            // buffer's start), and followed by more rows (its last fields through blocks).
            let prefix = Array(repeating: UInt8(ascii: "x"), count: Int.random(in: 0...70, using: &g)) + [0x0A]
            let more = Array(String(repeating: "9,中文,2026-01-05 09:15\n", count: 4).utf8)
            for (bytes, p) in [(r, 0), (prefix + r, prefix.count), (r + more, 0)] {
                let want = Self.reference(bytes, from: p)
                let got = Self.scanned(bytes, from: p)
                #expect(got == want, "\(String(decoding: bytes, as: UTF8.self).debugDescription) from \(p)")
                checked += 1
                if bytes.count - p >= 64 { blockSized += 1 }
            }
        }
        // Most inputs are long enough for the blocks to be used.
        #expect(checked > 11_000 && blockSized > checked / 2)
    }

    /// Fields ending at every offset of a block, with a non-ASCII byte just before, at and
    /// after the end, and a stray quote at each place: the masks' edges.
    @Test func everyOffsetOfABlock() {
        for width in 0..<70 {
            for mark in ["", "é", "中"] {
                let field = String(repeating: "a", count: width) + mark
                for text in [field + ",b\n", "z," + field + ",\"q,\"\"\"\n", field + "\"x,b\n"] {
                    let bytes = Array((text + String(repeating: "c,", count: 80) + "\n").utf8)
                    #expect(Self.scanned(bytes, from: 0) == Self.reference(bytes, from: 0), "\(text.debugDescription)")
                }
            }
        }
    }
}

/// The tests' seeded generator, for the standard library's `random(in:using:)`.
extension SplitMix64: RandomNumberGenerator {}
