import Foundation

/// A file an option writes (`-o`, `--rejects`), written whole or not at all.
///
/// - A regular file, or a name not yet taken, is written to a temporary file beside it
///   (`.report.jsonl.<pid>.tmp`, registered with `TemporaryFiles`) and renamed over it by
///   `commit()`: readers see the old file or the new one, never half of one. A file it replaces
///   keeps its permissions.
/// - A symbolic link is followed: its target is the file replaced (the link stays a link).
/// - A character device, FIFO or socket (`/dev/null`, a named pipe) is written through: opened
///   and written, never replaced by a regular file.
///
/// Every failure is an `IOFailure` naming `path` as given; one that is not committed (an error,
/// a thrown report) removes its temporary file.
package final class OutputFile {
    /// The path as the user gave it, for messages.
    let path: String
    /// Where the bytes go: call `output.finish()` or `commit()`.
    package let output: ByteOutput
    /// The file renamed over (symbolic links followed); nil when written through.
    let target: String?
    /// The temporary file; nil when written through.
    let temporary: String?
    private var registration: TemporaryFiles.Registration?
    private var fd: Int32
    private var done = false

    /// Opens the output; nothing replaces `path` before `commit()`.
    package init(path: String) throws {
        self.path = path
        func failure(_ action: String, _ code: Int32 = errno) -> IOFailure { IOFailure(path: path, action: action, code: code) }
        var info = stat()
        let exists = stat(path, &info) == 0
        if !exists && errno != ENOENT { throw failure("cannot write") }
        if let alias = OutputFile.openDescriptor(named: path) {
            // `/dev/stdout`, `/dev/fd/3`: a descriptor this process has open (a shell's
            // redirection, perhaps `>>`), written where and how it is open.
            let fd = dup(alias)
            guard fd >= 0 else { throw failure("cannot write") }
            self.fd = fd
            target = nil
            temporary = nil
        } else if exists && (info.st_mode & S_IFMT) != S_IFREG {
            let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw failure("cannot write") }
            self.fd = fd
            target = nil
            temporary = nil
        } else {
            let resolved = try OutputFile.resolveLinks(path)
            let (dir, name) = OutputFile.split(resolved)
            var chosen: String?
            var fd: Int32 = -1
            var registration: TemporaryFiles.Registration?
            for attempt in 0..<100 {
                let candidate = dir + "." + name + ".\(getpid())" + (attempt == 0 ? "" : "-\(attempt)") + ".tmp"
                let r = TemporaryFiles.register(candidate)
                fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
                if fd >= 0 {
                    chosen = candidate
                    registration = r
                    break
                }
                let code = errno
                TemporaryFiles.unregister(r)
                if code != EEXIST { throw failure("cannot write", code) }
            }
            guard let chosen else { throw failure("cannot write", EEXIST) }
            if exists { _ = fchmod(fd, info.st_mode & 0o7777) }
            self.fd = fd
            self.registration = registration
            target = resolved
            temporary = chosen
        }
        // Past the page cache when that measures faster (see `WriteRoute`): only into the
        // temporary file this output made, never a descriptor it was given.
        output = ByteOutput(fd: fd, name: path, route: temporary == nil ? .cachedOnly : .standard)
    }

    deinit { discard() }

    /// Writes what is buffered and puts the file in place (renames the temporary file over the
    /// target). Throws `IOFailure`, after which nothing was replaced.
    package func commit() throws {
        guard !done else { return }
        do {
            try output.finish()
            let code = close(fd) == 0 ? 0 : errno
            fd = -1
            if code != 0 { throw IOFailure(path: path, action: "cannot write", code: code) }
            if let temporary, let target, rename(temporary, target) != 0 {
                throw IOFailure(path: path, action: "cannot write", code: errno)
            }
        } catch {
            discard()
            throw error
        }
        done = true
        if let registration { TemporaryFiles.unregister(registration) }
        registration = nil
    }

    /// Drops the output: the temporary file is removed, the target left as it was.
    func discard() {
        guard !done else { return }
        done = true
        if fd >= 0 { close(fd) }
        fd = -1
        if let temporary { unlink(temporary) }
        if let registration { TemporaryFiles.unregister(registration) }
        registration = nil
    }

    /// Writes `text` to `path` whole.
    package static func write(_ text: String, to path: String) throws {
        let f = try OutputFile(path: path)
        f.output.write(text)
        try f.commit()
    }

    // MARK: Paths

    /// The descriptor a name like `/dev/stdout`, `/dev/fd/N` or `/proc/self/fd/N` stands for.
    static func openDescriptor(named path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// The directory part (with its slash, or empty) and the last component.
    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// `path` with symbolic links in its last component followed (to a target that may not
    /// exist yet), so that the target is replaced and the link kept.
    static func resolveLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { throw IOFailure(path: path, action: "cannot write", code: errno) }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : split(current).0 + link
        }
        throw IOFailure(path: path, action: "cannot write", code: ELOOP)
    }
}
