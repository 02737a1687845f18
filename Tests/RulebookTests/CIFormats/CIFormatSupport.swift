import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Rulebook

/// Reading the CI reports back with independent parsers: libxml2 (through Foundation's
/// `XMLDocument`) for JUnit, `JSONSerialization` for SARIF.
enum CIRead {
    /// The JUnit document; a parse error fails the test that asked.
    static func xml(_ text: String) throws -> XMLDocument {
        try XMLDocument(data: Data(text.utf8), options: [])
    }

    /// The elements `xpath` selects, from the document or from an element.
    static func elements(_ node: XMLNode, _ xpath: String) throws -> [XMLElement] {
        try node.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    static func int(_ e: XMLElement, _ name: String) -> Int? { e.attribute(forName: name)?.stringValue.flatMap { Int($0) } }

    static func string(_ e: XMLElement, _ name: String) -> String? { e.attribute(forName: name)?.stringValue }

    /// The SARIF log as plain dictionaries and arrays.
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func results(_ log: [String: Any]) throws -> [[String: Any]] {
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs[0]["results"] as? [[String: Any]])
    }

    static func rules(_ log: [String: Any]) throws -> [[String: Any]] {
        let runs = try #require(log["runs"] as? [[String: Any]])
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "rulebook")
        #expect(driver["version"] as? String == Rulebook.version)
        return try #require(driver["rules"] as? [[String: Any]])
    }

    /// `(uri, uriBaseId, startLine, startColumn)` of a SARIF location.
    static func place(_ location: [String: Any]) throws -> (uri: String, base: String?, line: Int, column: Int?) {
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        let region = try #require(physical["region"] as? [String: Any])
        return (try #require(artifact["uri"] as? String), artifact["uriBaseId"] as? String,
                try #require(region["startLine"] as? Int), region["startColumn"] as? Int)
    }
}

/// Where things are in the fixture files, found by reading the files as text — not through
/// the readers whose locations are under test.
enum FixtureText {
    /// The 1-based line of `file` that starts with `prefix`.
    static func line(startingWith prefix: String, in file: String) throws -> Int {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let i = try #require(lines.firstIndex { $0.hasPrefix(prefix) }, "no line of \(file) starts with \(prefix)")
        return i + 1
    }

    /// Line and column (in Unicode scalars) of the first `text` in `file`.
    static func position(of text: String, in file: String) throws -> (line: Int, column: Int) {
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for (i, l) in lines.enumerated() {
            if let r = l.range(of: text) { return (i + 1, l[..<r.lowerBound].unicodeScalars.count + 1) }
        }
        Issue.record("\(text) is not in \(file)")
        return (0, 0)
    }
}
