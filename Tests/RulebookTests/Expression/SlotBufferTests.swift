import Testing
@testable import Rulebook

/// Exchanging a row's values with the slots moves them: each value ends up in one place,
/// with nothing retained twice or released early.
@Suite struct SlotBufferTests {
    @Test func exchangeAndBack() {
        let slots = SlotBuffer<Value>(repeating: .null, count: 4)
        defer { slots.free() }
        slots[3] = .string("derived")
        var row: [Value] = [.string(String(repeating: "长", count: 20)), .person("王芳"), .integer(7)]
        let original = row
        row.withUnsafeMutableBufferPointer { slots.exchange($0, fill: .null) }
        #expect(Array(slots) == original + [.null])  // the fields, and the rest filled
        #expect(row == [.null, .null, .null])       // what the slots held
        row.withUnsafeMutableBufferPointer { slots.exchangeBack($0) }
        #expect(row == original)
        #expect(Array(slots) == [.null, .null, .null, .null])
        // A second row over the first: the slots take it, the row the first row's values.
        var next: [Value] = [.string("b"), .person("李四"), .integer(8)]
        row.withUnsafeMutableBufferPointer { slots.exchange($0, fill: .null) }
        next.withUnsafeMutableBufferPointer { slots.exchange($0, fill: .null) }
        #expect(next == original)
        #expect(Array(slots.prefix(3)) == [.string("b"), .person("李四"), .integer(8)])
    }
}
