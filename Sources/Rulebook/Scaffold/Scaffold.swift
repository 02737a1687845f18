import Foundation

extension Scaffold {
    /// Writes the files under `folder` (made when missing) and returns their paths. Writes
    /// nothing when any of them exists already: `init` never overwrites a policy being edited.
    public static func write(into folder: String) throws -> [String] {
        let fm = FileManager.default
        let paths = files.map { (folder as NSString).appendingPathComponent($0.path) }
        let existing = paths.filter { fm.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            throw DiagnosticError(existing.map {
                .error("already exists: rulebook init writes only files that do not exist yet (choose a new folder)",
                       at: SourceLocation(file: $0, line: 1, column: 1))
            })
        }
        for (path, file) in zip(paths, files) {
            do {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data((file.text + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            } catch let e as CocoaError {
                throw IOFailure(path: path, action: "cannot write", code: Int32((e.userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? Int(EIO)))
            }
        }
        return paths
    }
}
