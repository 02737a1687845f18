import Foundation

/// Fresh folders under the system's temporary folder, for tests that write files.
enum TemporaryFolder {
    /// A new empty folder, `rulebook-LABEL-<uuid>`.
    static func make(_ label: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A new folder holding `files` (name → text) while `body` runs with its path; removed after.
    static func with(_ files: [String: String] = [:], label: String = "test", _ body: (String) throws -> Void) throws {
        let dir = try make(label)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        try body(dir)
    }
}
