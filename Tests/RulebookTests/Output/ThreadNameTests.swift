import Foundation
import Testing
@testable import Rulebook

/// The library's threads name themselves where the system shows it (`bench/phases.sh` groups
/// a profile's samples by these names).
@Suite struct ThreadNameTests {
    /// The system's name of the calling thread.
    static func current() -> String? {
        (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/thread-self/comm")))
    func aThreadTakesItsRolesName() {
        let seen = Condition<[String?]>([])
        for role in [ThreadName.reader, .evaluator, .renderer, .writer] {
            let thread = Thread {
                let before = ThreadNameTests.current()
                role.adopt()
                let after = ThreadNameTests.current()
                seen.update { $0 += [before, after] }
            }
            thread.start()
        }
        let names = seen.read(when: { $0.count == 8 }) { $0 }
        let after = Set(stride(from: 1, to: 8, by: 2).map { names[$0] })
        #expect(after == ["rulebook-read", "rulebook-eval", "rulebook-render", "rulebook-write"])
        // Each within the system's 15 bytes, and a change: the thread had another name before.
        #expect(stride(from: 0, to: 8, by: 2).allSatisfy { !after.contains(names[$0]) })
        #expect([ThreadName.reader, .evaluator, .renderer, .writer].allSatisfy { $0.rawValue.utf8.count <= 15 })
    }
}
