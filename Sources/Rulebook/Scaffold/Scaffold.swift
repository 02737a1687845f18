import Foundation

extension Scaffold {
    /// Writes the files under `folder` (made when missing) and returns their paths: all of
    /// them or, on a failure, none (what was made is removed). Writes nothing when any of them
    /// exists already, even as a dangling link: `init` never overwrites a policy being edited.
    package static func write(into folder: String) throws -> [String] {
        var info = stat()
        let isFolder = stat(folder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR  // a link to one counts
        if lstat(folder, &info) == 0 && !isFolder {
            throw DiagnosticError(.error("not a folder: rulebook init writes into a new or existing folder",
                                         at: SourceLocation(file: folder, line: 1, column: 1)))
        }
        let paths = files.map { (folder as NSString).appendingPathComponent($0.path) }
        let existing = paths.filter { lstat($0, &info) == 0 }
        guard existing.isEmpty else {
            throw DiagnosticError(existing.map {
                .error("already exists: rulebook init writes only files that do not exist yet (choose a new folder)",
                       at: SourceLocation(file: $0, line: 1, column: 1))
            })
        }
        var madeFolders: [String] = []
        var placed: [String] = []
        do {
            for path in paths {
                try makeFolders((path as NSString).deletingLastPathComponent, made: &madeFolders)
            }
            // Each file is written beside its place and renamed into it (`OutputFile`).
            let outputs = try zip(paths, files).map { path, file in
                let out = try OutputFile(path: path)
                out.output.write(file.text + "\n")
                return out
            }
            for out in outputs {
                try out.commit()
                placed.append(out.path)
            }
        } catch {
            for p in placed.reversed() { unlink(p) }
            for d in madeFolders.reversed() { rmdir(d) }
            throw error
        }
        return paths
    }

    /// Makes `folder` and the folders above it that are missing, noting each one made.
    private static func makeFolders(_ folder: String, made: inout [String]) throws {
        var info = stat()
        if folder.isEmpty || stat(folder, &info) == 0 { return }
        try makeFolders((folder as NSString).deletingLastPathComponent, made: &made)
        guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
            throw IOFailure(path: folder, action: "cannot create the folder", code: errno)
        }
        made.append(folder)
    }
}
