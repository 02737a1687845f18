import Foundation
import Testing
@testable import Rulebook

/// `ShortBytes` holds a text's bytes as they are: its words are the bytes zero-padded, for
/// every length it takes, and its case folding is the byte-by-byte one.
struct ShortBytesTests {
    /// The words as a byte-by-byte copy makes them.
    static func words(_ b: [UInt8]) -> (UInt64, UInt64) {
        var w: (UInt64, UInt64) = (0, 0)
        b.withUnsafeBytes { bytes in withUnsafeMutableBytes(of: &w) { $0.copyMemory(from: bytes) } }
        return (UInt64(littleEndian: w.0), UInt64(littleEndian: w.1))
    }

    @Test func wordsAreTheBytesForEveryLength() {
        var x: UInt64 = 0x2545_F491_4F6C_DD1D
        for n in 0...17 {
            for _ in 0..<200 {
                var b: [UInt8] = []
                for _ in 0..<n {
                    x ^= x << 13; x ^= x >> 7; x ^= x << 17
                    b.append(UInt8(truncatingIfNeeded: x))
                }
                let s = ShortBytes(b)
                if n == 0 || n > 16 {
                    #expect(s == nil, "\(n)")
                    continue
                }
                let (head, tail) = Self.words(b)
                #expect(s?.head == head && s?.tail == tail && s?.count == n, "\(b)")
                // Texts that differ in a byte or in length differ.
                var other = b
                other[Int(x % UInt64(n))] ^= 1
                #expect(ShortBytes(other) != s)
                #expect(ShortBytes(b + [0]) != s || n == 16)
            }
        }
    }

    @Test func lowercasingFoldsOnlyASCIICapitals() {
        for b in 0...255 {
            let s = ShortBytes([UInt8(b), 0x41, UInt8(b), 0x5A, 0xC3, 0x89, 0x7B, 0x40, UInt8(b)])!.lowercasedASCII()
            let folded = [UInt8(b), 0x41, UInt8(b), 0x5A, 0xC3, 0x89, 0x7B, 0x40, UInt8(b)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            #expect(s == ShortBytes(folded), "\(b)")
        }
    }
}

/// The decoder's booleans and enum labels, matched as `ShortBytes`: every accepted spelling in
/// any ASCII case, labels and values, and texts that are none of them refused.
struct ShortWordDecodingTests {
    static func decode(registered: String, severity: String) throws -> (registered: Value, severity: Value) {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let decoder = FieldDecoder(policy: policy)
        // The first case of the S1 fixture, its severity (third column) and 品管已登记
        // (fifteenth) written as asked: the columns before the quoted last one hold no comma.
        let lines = try Data(contentsOf: URL(fileURLWithPath: "fixtures/s1/cases.csv")).split(separator: 0x0A)
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .newlines) }
        let header = lines[0].components(separatedBy: ",")
        var row = lines[1].components(separatedBy: ",")
        #expect(header[2] == "投诉等级" && header[14] == "品管已登记")
        row[2] = severity
        row[14] = registered
        let csv = lines[0] + "\n" + row.joined(separator: ",") + "\n"
        var bound = try BoundRecords(try CSVReader(file: "c.csv", input: MemoryInput(Array(csv.utf8), maxRead: 4096), chunkSize: 4096),
                                     wanted: decoder.wanted)
        let record = try #require(try bound.next())
        var values: [Value] = []
        try decoder.decode(record, columns: bound.columns, headers: bound.source.columnNames, replacing: &values)
        func field(_ name: String) -> Value { values[policy.fields.firstIndex { $0.decl.name == name }!] }
        return (field("qa_registered"), field("severity"))
    }

    @Test(arguments: [("true", true), ("TRUE", true), ("True", true), ("yes", true), ("YeS", true), ("Y", true), ("1", true),
                      ("是", true), ("对", true), ("✓", true), ("false", false), ("FALSE", false), ("No", false), ("n", false),
                      ("0", false), ("否", false), ("不", false), ("✗", false), (" yes ", true)])
    func booleans(text: String, value: Bool) throws {
        #expect(try Self.decode(registered: text, severity: "一般").registered == .bool(value))
    }

    @Test(arguments: ["yess", "ye", "truefalse", "是的", "1.0", "tRUEx", "abcdefghijklmnopq"])
    func notBooleans(text: String) {
        #expect(throws: DecodeError.self) { try Self.decode(registered: text, severity: "一般") }
    }

    @Test(arguments: [("一般", "general"), ("重大", "major"), ("general", "general"), ("major", "major")])
    func enumLabelsAndValues(text: String, value: String) throws {
        #expect(try Self.decode(registered: "是", severity: text).severity == .enumValue(value))
    }

    @Test(arguments: ["General", "一", "重大的", "minor"])
    func notEnumValues(text: String) {
        #expect(throws: DecodeError.self) { try Self.decode(registered: "是", severity: text) }
    }
}
