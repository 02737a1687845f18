import Foundation

/// Exports made from the S2 fixture for the overflow tests.
enum S2Export {
    /// The S2 fixture's first row a hundred times, under new case ids, each with a loss of
    /// 999,999,999,999,999 CNY (column 20) fined in full to one person: the export's fines
    /// add up to more than 64 bits of fen.
    static func hundredHugeLosses() throws -> String {
        let source = try String(contentsOfFile: Paths.root + "/fixtures/s2/cases.csv", encoding: .utf8)
        var lines = source.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst()
        var row = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var csv = header + "\n"
        for i in 1...100 {
            row[0] = "2609-\(i < 10 ? "0" : "")\(i)"
            row[20] = "999999999999999"
            csv += row.joined(separator: ",") + "\n"
        }
        return csv
    }
}
