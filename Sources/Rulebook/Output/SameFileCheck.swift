import Foundation

/// Which file a path names, whatever its spelling (`./x`, a symbolic link, a hard link): the
/// device and inode of a file that exists; for one not yet created, the real path of its
/// folder and its name.
struct FileIdentity: Hashable {
    enum Key: Hashable {
        case inode(device: UInt64, inode: UInt64)
        case planned(String)
    }
    let key: Key
    /// A character device (`/dev/null`, a terminal): written through, never replaced.
    let isCharacterDevice: Bool

    /// Nil for standard input (`-`), an empty path, or a path whose folder cannot be resolved
    /// (writing there fails on its own).
    init?(path: String) {
        guard !path.isEmpty, path != "-" else { return nil }
        var info = stat()
        if stat(path, &info) == 0 {
            key = .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            isCharacterDevice = (info.st_mode & S_IFMT) == S_IFCHR
            return
        }
        guard let target = try? OutputFile.resolveLinks(path) else { return nil }
        let (dir, name) = OutputFile.split(target)
        guard let real = realpath(dir.isEmpty ? "." : dir, nil) else { return nil }
        defer { free(real) }
        key = .planned(String(cString: real) + "/" + name)
        isCharacterDevice = false
    }
}

/// A path given to an option: `--cases cases.csv`.
package struct PathOption: Sendable {
    var option: String
    var path: String
    package init(_ option: String, _ path: String) {
        self.option = option
        self.path = path
    }
}

/// Refuses a command line whose output would replace one of its inputs (`-o cases.csv
/// --cases cases.csv`) or another output (`--rejects r.csv -o r.csv`): the export would be
/// lost, or one output written over the other. Files are compared by identity, not spelling.
package enum SameFileCheck {
    /// `-o report.csv` and `--cases ./report.csv` name the same file.
    package struct Conflict: Error, CustomStringConvertible, Sendable {
        var output: PathOption
        var other: PathOption
        var otherIsOutput: Bool
        package var description: String {
            let same = output.path == other.path ? "'\(output.path)'" : "'\(output.path)' and '\(other.path)'"
            return "\(output.option) and \(other.option) name the same file (\(same)): "
                + (otherIsOutput ? "one output would replace the other" : "writing it would replace the input")
        }
    }

    /// Throws the first `Conflict`: an output identical to an input, or to an earlier output.
    /// Character devices are written through, never replaced, and may be shared
    /// (`-o /dev/null --rejects /dev/null`, a terminal as input and output).
    package static func check(inputs: [PathOption], outputs: [PathOption]) throws {
        let ins = inputs.compactMap { i in FileIdentity(path: i.path).map { (i, $0) } }
        var earlier: [(PathOption, FileIdentity)] = []
        for o in outputs {
            guard let id = FileIdentity(path: o.path), !id.isCharacterDevice else { continue }
            if let (input, _) = ins.first(where: { $0.1.key == id.key }) {
                throw Conflict(output: o, other: input, otherIsOutput: false)
            }
            if let (other, _) = earlier.first(where: { $0.1.key == id.key }) {
                throw Conflict(output: o, other: other, otherIsOutput: true)
            }
            earlier.append((o, id))
        }
    }
}
