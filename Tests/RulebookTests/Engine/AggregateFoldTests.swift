import Testing
@testable import Rulebook

/// Group values must not depend on row order or on how rows were split over threads.
@Suite struct AggregateFoldTests {
    static let shanghai = Timestamp(seconds: 1_780_000_000, offsetSeconds: 8 * 3600)
    static let tokyo = Timestamp(seconds: 1_780_000_000, offsetSeconds: 9 * 3600)

    @Test func equalInstantsInTwoOffsetsFoldToTheSameValueInEitherOrder() throws {
        for kind in [AggregateRegistry.Kind.min, .max] {
            let a = try Evaluator.fold(kind, try Evaluator.fold(kind, .null, .timestamp(Self.shanghai)), .timestamp(Self.tokyo))
            let b = try Evaluator.fold(kind, try Evaluator.fold(kind, .null, .timestamp(Self.tokyo)), .timestamp(Self.shanghai))
            #expect(a == b, "\(kind)")
            #expect(a == .timestamp(Self.shanghai) || a == .timestamp(Self.tokyo))
        }
    }

    @Test func minAndMaxStillPickByOrder() throws {
        let later = Timestamp(seconds: Self.shanghai.seconds + 60, offsetSeconds: 8 * 3600)
        #expect(try Evaluator.fold(.min, .timestamp(later), .timestamp(Self.tokyo)) == .timestamp(Self.tokyo))
        #expect(try Evaluator.fold(.max, .timestamp(Self.tokyo), .timestamp(later)) == .timestamp(later))
    }

    /// Partial results of two threads combine to what one thread folds over all rows.
    @Test func partialsCombineLikeOneFold() throws {
        let values: [Value] = [.integer(3), .null, .integer(-2), .integer(7), .integer(7), .null, .integer(0)]
        for kind in [AggregateRegistry.Kind.sum, .min, .max, .count] {
            let start: Value = kind == .count ? .integer(0) : .null
            func fold(_ vs: ArraySlice<Value>) throws -> Value {
                try vs.reduce(start) { try Evaluator.fold(kind, $0, kind == .count ? .bool(!$1.isNull) : $1) }
            }
            let whole = try fold(values[...])
            for split in 0...values.count {
                let combined = try Evaluator.combine(kind, try fold(values[..<split]), try fold(values[split...]))
                #expect(combined == whole, "\(kind) split at \(split)")
            }
        }
    }
}
