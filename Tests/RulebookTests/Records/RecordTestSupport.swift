import Foundation
@testable import Rulebook

/// Fixtures live next to this file; read by path so Package.swift declares no resources.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(relativePath)))
    }
}

struct ReadRecord: Equatable {
    var fields: [String]
    var row: Int
    var line: Int
}

/// Every record of a source, header row included for CSV, as strings.
func readAll(_ source: inout some RecordSource, includeHeader: Bool) throws -> [ReadRecord] {
    var out: [ReadRecord] = []
    if includeHeader { out.append(ReadRecord(fields: source.columnNames, row: 1, line: source.headerLocation.line)) }
    while let r = try source.next() {
        out.append(ReadRecord(fields: (0..<r.columnCount).map { r.string($0) }, row: r.row, line: r.line))
    }
    return out
}

/// The diagnostics an expression throws, as printed; `["no error"]` when it does not throw.
func errorMessages(_ body: () throws -> Void) -> [String] {
    do {
        try body()
        return ["no error"]
    } catch let e as DiagnosticError {
        return e.diagnostics.map(\.description)
    } catch {
        return ["unexpected \(error)"]
    }
}

func csv(_ text: String, chunkSize: Int = 1 << 20, maxRead: Int = .max) throws -> CSVReader {
    try CSVReader(file: "t.csv", input: MemoryInput(Array(text.utf8), maxRead: maxRead), chunkSize: chunkSize)
}

func csvRecords(_ text: String, chunkSize: Int = 1 << 20) throws -> [[String]] {
    var r = try csv(text, chunkSize: chunkSize)
    return try readAll(&r, includeHeader: true).map(\.fields)
}

func csvErrors(_ text: String, chunkSize: Int = 1 << 20) -> [String] {
    errorMessages {
        var r = try csv(text, chunkSize: chunkSize)
        _ = try readAll(&r, includeHeader: false)
    }
}
