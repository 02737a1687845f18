import Foundation
import Testing
@testable import Rulebook

/// The group table groups exactly as `[Value]`'s equality does, whatever the bytes.
@Suite struct GroupTableTests {
    static func state(_ n: Int64) -> Evaluator.GroupState { .init(accumulators: [.integer(n)]) }

    @Test func canonicallyEqualNamesAreOneGroup() {
        var t = GroupTable()
        let composed = "José", decomposed = "Jose\u{301}"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        t[[.person(composed), .string("2026-W47")]] = Self.state(1)
        #expect(t.index(forKey: [.person(decomposed), .string("2026-W47")]) == 0)
        // A Kelvin sign is a K under normal form C; 王芳 in Han ideographs is hashed as it is.
        t[[.string("\u{212A}")]] = Self.state(2)
        #expect(t[[.string("K")]]?.accumulators == [.integer(2)])
        t[[.person("王芳")]] = Self.state(3)
        #expect(t[[.person("王芳")]]?.accumulators == [.integer(3)])
        // Another case of Value is another key, though its text is the same.
        #expect(t.index(forKey: [.department("王芳")]) == nil)
        #expect(t.count == 3)
    }

    @Test func oneInstantAtTwoOffsetsIsOneKey() {
        var t = GroupTable()
        t[[.timestamp(Timestamp(seconds: 1_780_000_000, offsetSeconds: 28_800))]] = Self.state(1)
        #expect(t.index(forKey: [.timestamp(Timestamp(seconds: 1_780_000_000, offsetSeconds: 0))]) == 0)
        #expect(t.index(forKey: [.timestamp(Timestamp(seconds: 1_780_000_001, offsetSeconds: 28_800))]) == nil)
    }

    /// Against a dictionary: 20,000 keys of names, weeks, numbers and nulls, looked up twice,
    /// with growth on the way; iteration gives the groups in the order first seen.
    @Test func agreesWithADictionary() {
        var t = GroupTable()
        var d: [[Value]: Int64] = [:]
        var order: [[Value]] = []
        let names = ["王芳", "李四", "张三", "José", "Jose\u{301}", "a", "", "ÅngströmÅ"]
        var rng = SystemRandomNumberGenerator()
        for i in 0..<40_000 {
            let n = Int.random(in: 0..<20_000, using: &rng)
            let key: [Value] = [.string("2026-W\(n % 53)"), n % 7 == 0 ? .null : .person(names[n % names.count] + "\(n / 53)"),
                                .integer(Int64(n % 3)), .money(Money(minorUnits: Int64(n % 5)))]
            let before = d[key]
            #expect(t[key]?.accumulators == before.map { [.integer($0)] }, "\(i)")
            if before == nil { order.append(key) }
            d[key, default: 0] += 1
            t[key] = Self.state(d[key]!)
        }
        #expect(t.count == d.count)
        #expect(t.map(\.key) == order)
        for (key, state) in t { #expect(state.accumulators == [.integer(d[key]!)]) }
    }

    /// `find`, which first matches a key by the bytes its values are held in, gives the group
    /// `index(forKey:)` gives: for keys of the same texts held again (short and long), of
    /// canonically equal texts in other bytes, of one instant at two offsets, and for keys
    /// of no group; asked in turn, so that its memo holds the earlier keys.
    @Test func findAgreesWithTheHashedLookUp() {
        var t = GroupTable()
        let long = String(repeating: "很长的名字", count: 4)  // 60 bytes: held in storage
        let stored: [[Value]] = [
            [.string("2026-W47"), .person("王芳")],
            [.string("2026-W47"), .person(long)],
            [.person("José")],
            [.timestamp(Timestamp(seconds: 1_780_000_000, offsetSeconds: 28_800))],
            [.null, .bool(true), .integer(7)],
        ]
        for (i, key) in stored.enumerated() { t[key] = Self.state(Int64(i)) }
        let asked: [[Value]] = stored + stored.map { $0 } + [
            [.string("2026-W" + "47"), .person(String("王" + "芳"))],  // the same texts, made again
            [.string("2026-W47"), .person(String(repeating: "很长的名字", count: 4))],
            [.person("Jose\u{301}")],
            [.timestamp(Timestamp(seconds: 1_780_000_000, offsetSeconds: 0))],
            [.null, .bool(true), .integer(7)],
            [.string("2026-W48"), .person("王芳")],
            [.department("José")],
            [.null, .bool(false), .integer(7)],
        ]
        for _ in 0..<3 {
            for key in asked {
                let expected = t.index(forKey: key)
                #expect(t.find(key) == expected, "\(key)")
            }
        }
        #expect(t.find([.person("Jose\u{301}")]) == 2)
        #expect(t.find([.string("2026-W48"), .person("王芳")]) == nil)
    }

    /// Byte-equal keys are equal keys, and a key held twice is byte-equal only where its
    /// texts are held in the string itself.
    @Test func keyBytes() {
        let a: [Value] = [.string("2026-W47"), .person("王芳")]
        let b: [Value] = [.string("2026-" + "W47"), .person("王" + "芳")]
        #expect(KeyBytes.same(a, b))
        #expect(KeyBytes.hash(a) == KeyBytes.hash(b))
        #expect(!KeyBytes.same(a, [.string("2026-W47"), .person("王芳芳")]))
        #expect(!KeyBytes.same(a, [.string("2026-W47")]))
        let long = String(repeating: "名", count: 20)
        #expect(KeyBytes.same([.person(long)], [.person(long)]))
    }
}
