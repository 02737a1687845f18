import Foundation
import Testing
@testable import Rulebook

/// `ByteWriter.jsonString` (which skips the escaping loop for texts with nothing to escape,
/// found eight bytes at a time) writes what `JSONText.string` does, for every length up to a
/// few words and every place of a byte to escape.
struct JSONStringWriterTests {
    static func written(_ s: String) -> String {
        var out: [UInt8] = []
        ByteWriter.appending(to: &out, most: ByteWriter.jsonStringBound(s)) { $0.jsonString(s) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Characters near the tests' edges: controls, the two escaped ones, their neighbours
    /// (0x21, 0x23, 0x5B, 0x5D), 0x7F and text of two and three bytes.
    static let alphabet: [Character] = ["a", "Z", "0", " ", "!", "#", "[", "]", "\u{7F}", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{0}", "é", "张", "三"]

    @Test func sameAsJSONText() {
        var random = SplitMix64(seed: 7)
        for length in 0...40 {
            for _ in 0..<60 {
                // Mostly plain text, with now and then one character from the whole alphabet.
                let s = String((0..<length).map { _ in
                    random.next() % 8 == 0 ? Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] : Self.alphabet[Int(random.next() % 3)]
                })
                #expect(Self.written(s) == JSONText.string(s), "\(s.debugDescription)")
            }
        }
    }

    @Test func everyPlaceOfAnEscapedByte() {
        for length in 1...24 {
            for at in 0..<length {
                for special in ["\"", "\\", "\u{1}", "\u{1F}", "\n"] {
                    var chars = Array(repeating: "x", count: length)
                    chars[at] = special
                    let s = chars.joined()
                    #expect(Self.written(s) == JSONText.string(s), "\(s.debugDescription)")
                    #expect(s.utf8.withContiguousStorageIfAvailable { ByteWriter.needsEscape(UnsafeRawBufferPointer($0)) } == true)
                }
            }
            // Bytes just above the tested ones, and high bytes, are not escaped.
            let plain = String(repeating: "!#[]\u{7F} 张", count: length)
            #expect(plain.utf8.withContiguousStorageIfAvailable { ByteWriter.needsEscape(UnsafeRawBufferPointer($0)) } == false)
        }
    }

    /// `JSONText.string` itself (which quotes a text with nothing to escape whole): what
    /// Foundation's JSON parser reads back is the text, and only the bytes JSON must escape
    /// are escaped (a text without them comes back quoted, byte for byte).
    @Test func jsonTextReadsBack() throws {
        var random = SplitMix64(seed: 11)
        for length in 0...40 {
            for _ in 0..<30 {
                let s = String((0..<length).map { _ in Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] })
                let quoted = JSONText.string(s)
                let back = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed) as? String
                #expect(back == s, "\(s.debugDescription)")
                let plain = !s.unicodeScalars.contains { $0.value < 0x20 || $0 == "\"" || $0 == "\\" }
                #expect((quoted == "\"" + s + "\"") == plain, "\(s.debugDescription) as \(quoted)")
            }
        }
    }
}
