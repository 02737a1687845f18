import Foundation
import Testing
@testable import Rulebook

/// Every file in fixtures/broken/policies states the diagnostics it must produce in
/// `# expect: line:col: error: message` comments; each is checked exactly, location included.
@Suite struct BrokenPolicyTests {
    static let folder = "fixtures/broken/policies"

    static var files: [String] {
        _ = Paths.root
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func expectations(_ path: String) -> [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix("# expect: ") ? String(line.dropFirst("# expect: ".count)) : nil
        }
    }

    @Test func everyBrokenFixtureStatesItsExpectations() {
        #expect(Self.files.count >= 14)
        for f in Self.files {
            #expect(!Self.expectations("\(Self.folder)/\(f)").isEmpty, "\(f) has no '# expect:' line")
        }
    }

    @Test(arguments: files)
    func brokenPolicyReportsExactly(file: String) {
        let path = "\(Self.folder)/\(file)"
        let expected = Self.expectations(path)
        let (_, diagnostics) = Validator.validate(file: path)
        for d in diagnostics { #expect(d.location.file == path) }
        let actual = diagnostics.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" }
        if expected == ["REFUSE"] {
            #expect(actual.count == 1)
            #expect(actual.first?.contains("refusing to expand") == true)
            return
        }
        #expect(actual.sorted() == expected.sorted())
    }

    @Test func aliasBombIsRefusedFast() {
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = Validator.validate(file: "\(Self.folder)/alias-bomb.yaml") }
        #expect(elapsed < .seconds(1))
    }

    @Test func validateReportsEveryFileInAFolderSorted() {
        let report = Validator.validate(paths: [Self.folder])
        #expect(!report.isValid)
        let files = Set(report.diagnostics.map(\.location.file))
        #expect(files.count == Self.files.count)
        #expect(report.diagnostics == report.diagnostics.sortedForDisplay())
    }
}
