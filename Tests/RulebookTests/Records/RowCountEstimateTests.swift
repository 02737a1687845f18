import Foundation
import Testing
@testable import Rulebook

/// The rows an export holds, estimated from its size (`RowCountEstimate`): close for a regular
/// file, none for anything else or too few rows; a hint only, never an error.
@Suite struct RowCountEstimateTests {
    /// The estimate reading the CSV at `path` (nil when none came).
    static func estimate(_ path: String, reading text: String) throws -> Int? {
        var estimate = RowCountEstimate(path: path)
        var result: Int?
        var source = try CSVReader(file: path, input: MemoryInput(Array(text.utf8)))
        while let record = try source.next() {
            if let n = estimate.note(record) {
                #expect(result == nil, "one estimate")
                result = n
            }
        }
        return result
    }

    static func csv(rows: Int) -> String {
        "id,name,note\n" + (1...rows).map { "C-\($0),张伟,\($0 % 3 == 0 ? "\"long, quoted\"" : "x")" }.joined(separator: "\n") + "\n"
    }

    @Test func aRegularFileIsEstimatedFromItsFirstRows() throws {
        try TemporaryFolder.with(["cases.csv": Self.csv(rows: 3_000), "few.csv": Self.csv(rows: 100), "empty.csv": ""], label: "estimate") { dir in
            let n = try Self.estimate(dir + "/cases.csv", reading: Self.csv(rows: 3_000))
            #expect(n.map { (2_700...3_300).contains($0) } == true, "\(n.map(String.init) ?? "none")")
            // Fewer rows than the sample: no estimate (none is needed).
            #expect(try Self.estimate(dir + "/few.csv", reading: Self.csv(rows: 100)) == nil)
            // Not a regular file, or no file: no estimate, whatever is read.
            for path in ["-", dir, dir + "/missing.csv", "/dev/null"] {
                #expect(try Self.estimate(path, reading: Self.csv(rows: 3_000)) == nil, "\(path)")
            }
            // An empty file read as rows (the size says nothing of them): an estimate of 0,
            // which sizes nothing.
            #expect(try Self.estimate(dir + "/empty.csv", reading: Self.csv(rows: 3_000)) == 0)
        }
    }
}
