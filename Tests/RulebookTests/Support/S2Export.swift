import Foundation

/// Exports made from the S2 fixture for the overflow tests.
enum S2Export {
    /// The S2 fixture's first row `rows` times, under new case ids, every `every`-th with a
    /// loss of 999,999,999,999,999 CNY (column 20) fined in full to one person (the others
    /// 1 CNY): with 100 such rows the export's fines add up to more than 64 bits of fen.
    static func hundredHugeLosses(rows: Int = 100, every: Int = 1) throws -> String {
        let source = try String(contentsOfFile: Paths.root + "/fixtures/s2/cases.csv", encoding: .utf8)
        var lines = source.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst()
        var row = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var csv = header + "\n"
        for i in 1...rows {
            row[0] = "2609-\(i < 10 ? "0" : "")\(i)"
            row[20] = i % every == 0 ? "999999999999999" : "1"
            csv += row.joined(separator: ",") + "\n"
        }
        return csv
    }
}
