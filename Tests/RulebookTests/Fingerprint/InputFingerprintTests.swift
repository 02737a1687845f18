import Foundation
import Testing
@testable import Rulebook

/// The input fingerprint: SipHash as the reference implementation computes it, and a sum of
/// row hashes that ignores row order and export format and sees any changed value.
@Suite struct InputFingerprintTests {
    /// `vectors_sip128` of the reference implementation (github.com/veorq/SipHash, `vectors.h`):
    /// SipHash-2-4 with a 16-byte result, key 00…0f, the message 00…(n−1), for some n.
    static let referenceVectors: [Int: String] = [
        0: "a3817f04ba25a8e66df67214c7550293", 1: "da87c1d86b99af44347659119b22fc45",
        7: "a1f1ebbed8dbc153c0b84aa61ff08239", 8: "3b62a9ba6258f5610f83e264f31497b4",
        9: "264499060ad9baabc47f8b02bb6d71ed", 15: "5493e99933b0a8117e08ec0f97cfc3d9",
        16: "6ee2a4ca67b054bbfd3315bf85230577", 31: "2939b0183223fafc1723de4f52c43d35",
        32: "7c3956ca5eeafc3e363e9d556546eb68", 63: "5150d1772f50834a503e069a973fbd7c",
    ]

    /// The reference's output bytes: each word little-endian, the first first.
    static func hex(_ h: (UInt64, UInt64)) -> String {
        withUnsafeBytes(of: (h.0.littleEndian, h.1.littleEndian)) { $0.map { String(format: "%02x", $0) }.joined() }
    }

    @Test func sipHashMatchesTheReferenceVectors() {
        let key = (UInt64(0x0706_0504_0302_0100), UInt64(0x0f0e_0d0c_0b0a_0908))
        let sip24 = SipHash(key: key, compression: 2, finalization: 4)
        for (n, expected) in Self.referenceVectors {
            let message = (0..<n).map { UInt8($0) }
            #expect(message.withUnsafeBytes { Self.hex(sip24.hash128($0)) } == expected, "length \(n)")
        }
        // The rounds matter: SipHash-1-3 of the same message is another hash.
        let message = (0..<16).map { UInt8($0) }
        #expect(message.withUnsafeBytes { Self.hex(SipHash(key: key).hash128($0)) } != Self.referenceVectors[16])
    }

    /// The fingerprint of an export's rows, as a run takes it.
    static func fingerprint(_ csv: String) throws -> String {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let decoder = FieldDecoder(policy: policy)
        var bound = try BoundRecords(try CSVReader(file: "cases.csv", input: MemoryInput(Array(csv.utf8), maxRead: 300), chunkSize: 300),
                                     wanted: decoder.wanted)
        var rows = Fingerprint.RowSet()
        while let record = try bound.next() { rows.add(record, columns: bound.columns, fields: decoder.wanted.map(\.name)) }
        return rows.finalize(fields: decoder.wanted.map(\.name))
    }

    /// The fixture's header and its records that are one plain line each (no quoted field).
    static func plainRecords() throws -> (header: String, rows: [String]) {
        _ = Paths.root
        let lines = try String(contentsOfFile: "fixtures/s1/cases.csv", encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let commas = lines[0].filter { $0 == "," }.count
        let rows = lines.dropFirst().filter { !$0.contains("\"") && $0.filter { $0 == "," }.count == commas }
        return (lines[0], rows)
    }

    @Test func rowsInAnyOrderGiveOneFingerprintAndAnyChangeAnother() throws {
        let (header, all) = try Self.plainRecords()
        let rows = Array(all.prefix(6))
        #expect(rows.count == 6)
        func csv(_ rows: [String]) -> String { ([header] + rows).joined(separator: "\n") + "\n" }
        let base = try Self.fingerprint(csv(rows))
        #expect(base.count == 64)
        #expect(try Self.fingerprint(csv(rows.reversed())) == base)
        #expect(try Self.fingerprint(csv(Array(rows.dropLast()))) != base)    // a row lost
        #expect(try Self.fingerprint(csv(rows + [rows[0]])) != base)          // a row twice
        // One value changed: a minute of one timestamp.
        let changed = rows[2].replacingOccurrences(of: ":00,", with: ":01,", options: [], range: rows[2].range(of: ":00,"))
        #expect(changed != rows[2])
        #expect(try Self.fingerprint(csv([rows[0], rows[1], changed] + rows[3...])) != base)
    }

    /// A run split over slices adds its slices' sums: the fingerprint of one run over all rows.
    @Test func slicesAddUpToTheWhole() throws {
        let (header, rows) = try Self.plainRecords()
        #expect(rows.count > 6)
        let names = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml").fields.map(\.decl.name)
        func set(_ rows: [String]) throws -> Fingerprint.RowSet {
            let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
            let decoder = FieldDecoder(policy: policy)
            let text = ([header] + rows).joined(separator: "\n") + "\n"
            var bound = try BoundRecords(try CSVReader(file: "c.csv", input: MemoryInput(Array(text.utf8), maxRead: 4096), chunkSize: 4096),
                                         wanted: decoder.wanted)
            var set = Fingerprint.RowSet()
            while let r = try bound.next() { set.add(r, columns: bound.columns, fields: decoder.wanted.map(\.name)) }
            return set
        }
        let whole = try set(rows)
        var sum = try set(Array(rows.prefix(3)))
        sum.add(try set(Array(rows.dropFirst(3))))
        #expect(sum.finalize(fields: names) == whole.finalize(fields: names) && sum.state.count == rows.count)
        // Through a partial result's words and back.
        let state = whole.state
        #expect(state.words.count == 2 && Fingerprint.RowSet(words: state.words, count: state.count)?.finalize(fields: names) == whole.finalize(fields: names))
        #expect(Fingerprint.RowSet(words: [1, 2, 3, 4], count: 1) == nil)  // a sum of SHA-256 digests: another version's
    }

    /// A row's fields are tagged by their names' order, not their declaration's; the names
    /// themselves are hashed once, at the end: another set of fields, another fingerprint.
    @Test func fieldsAreTaggedInNameOrderAndTheNamesCount() {
        #expect(Fingerprint.RowSet.tags(["received_at", "case_id", "severity", "报告人"]) == [1, 0, 2, 3])
        #expect(Fingerprint.RowSet.tags([]) == [])
        let empty = Fingerprint.RowSet()
        #expect(empty.finalize(fields: ["b", "a"]) == empty.finalize(fields: ["a", "b"]))
        #expect(empty.finalize(fields: ["a", "b"]) != empty.finalize(fields: ["a", "c"]))
    }
}
