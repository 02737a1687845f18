#if canImport(Glibc)
import Glibc
#endif

/// The names the library's threads give themselves, so that `perf`, `top -H` and a debugger
/// tell them apart (`bench/phases.sh` reads them). Foundation's `Thread.name` does not reach
/// the system's name on Linux, and pthread_setname_np(3), a GNU extension, is not in Swift's
/// Glibc module: the name is written to the thread's `comm` file, as prctl(2) would set it.
/// At most 15 bytes, the system's limit.
enum ThreadName: String {
    case reader = "rulebook-read"
    case evaluator = "rulebook-eval"
    case renderer = "rulebook-render"
    case writer = "rulebook-write"

    /// Gives the calling thread this name; where the system has no such file (not Linux), the
    /// thread keeps the name it had: nothing depends on it.
    func adopt() {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = rawValue.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress!, $0.count - 1) }
        close(fd)
        #endif
    }
}
