import Foundation
import Testing
@testable import Rulebook

/// `--cases -`: standard input is read once, on one thread or two, and ends as the file does.
@Suite(.serialized) struct StandardInputCLITests {
    static let s1 = IOCLITests.s1

    /// One thread or two, standard input or the file: the same report, the same message,
    /// the same rejects, byte for byte.
    @Test(arguments: ["cases.csv", "bad/duplicate-id.csv", "bad/mixed.csv", "bad/unknown-person.csv", "bad/bad-date.csv"])
    func standardInputOnOneAndTwoThreads(_ file: String) throws {
        let dir = try IOCLITests.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: "fixtures/s1/" + file, encoding: .utf8)
        var endings: Set<String> = []
        for threads in ["1", "2"] {
            for rejects in [false, true] {
                let rejectsFile = dir + "/rejects-\(threads)-\(rejects).csv"
                let r = try runRulebook(["eval", "--cases", "-", "--format", "json"] + Self.s1 + (rejects ? ["--rejects", rejectsFile] : []),
                                        stdin: text, environment: ["RULEBOOK_THREADS": threads])
                #expect(!r.stderr.contains("empty file"), "\(file), \(threads) threads: \(r.stderr)")
                let rejected = rejects ? String(decoding: IOCLITests.bytes(rejectsFile) ?? Data(), as: UTF8.self) : ""
                endings.insert("\(rejects) \(r.status)\n\(r.stdout)\n\(r.stderr)\n\(rejected)")
            }
        }
        #expect(endings.count == 2, "\(file): \(endings.sorted())")  // one ending with --rejects, one without
        let plain = try runRulebook(["eval", "--cases", "-", "--format", "json"] + Self.s1, stdin: text)
        if file == "cases.csv" {
            #expect(plain.status == 0 && plain.stdout.contains("\"rows_evaluated\": 11,"), "\(plain.stderr)")
        } else {
            #expect(plain.status == 2 && plain.stderr.hasPrefix("-:"), "\(plain.stderr)")
        }
    }

    @Test func aDuplicateOnStandardInputIsReportedAsInTheFile() throws {
        let text = try String(contentsOfFile: "fixtures/s1/bad/duplicate-id.csv", encoding: .utf8)
        let r = try runRulebook(["eval", "--cases", "-"] + Self.s1, stdin: text, environment: ["RULEBOOK_THREADS": "2"])
        #expect(r.status == 2)
        #expect(r.stderr == "-:3:1: error: column 投诉编号: duplicate case id '2609-01' (first at row 2)\n")
    }
}
