import Foundation
import Synchronization

/// The temporary files this process has on disk (an output's `.report.jsonl.<pid>.tmp`, a
/// spill file before it is unlinked), so that SIGINT, SIGTERM or SIGHUP does not leave them
/// behind: the handler removes them, then lets the signal end the process as it would have.
///
/// A signal handler may only call async-signal-safe functions: no allocation, no locks, no
/// Swift runtime calls that retain. So the registry is raw memory allocated once, before any
/// handler is installed: `capacity` slots of a state word (an atomic) and a NUL-terminated
/// path buffer. The handler reads states and calls `unlink(2)`, nothing else.
///
/// Fencing, per slot: `register` claims a free slot (compare-and-swap empty → writing), copies
/// the path, then publishes it (store live, release ordering); the handler removes only live
/// slots (load with acquire ordering, so it sees the whole path). The file is created only
/// after its path is published, and unregistered only after it was renamed or unlinked, so a
/// signal at any moment finds every file that exists (a path whose file is not there yet, or
/// no longer, makes `unlink` fail harmlessly: the names hold this process's id). The handler
/// marks a slot it removes as `removing`; `unregister` waits while a slot is in that state, so
/// that a path is never overwritten while the handler reads it (the handler then re-raises the
/// signal and the process ends).
package enum TemporaryFiles {
    static let capacity = 64
    static let pathCapacity = Int(PATH_MAX) + 1

    private static let empty = 0, writing = 1, live = 2, removing = 3

    // Allocated when first touched (`installSignalHandlers` touches them before installing).
    nonisolated(unsafe) private static let states: UnsafeMutablePointer<Atomic<Int>> = {
        let p = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: capacity)
        for i in 0..<capacity { (p + i).initialize(to: Atomic(0)) }
        return p
    }()
    nonisolated(unsafe) private static let paths: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * pathCapacity)
        p.initialize(repeating: 0, count: capacity * pathCapacity)
        return p
    }()

    /// A registered path; `unregister` it once the file is renamed or removed.
    struct Registration: Sendable {
        let slot: Int?
    }

    /// Records `path` (absolute, or relative to a working directory that does not change) as
    /// a file to remove on a signal. A full registry or an over-long path is not recorded:
    /// the file is still written, only not removed on a signal.
    static func register(_ path: String) -> Registration {
        let bytes = Array(path.utf8)
        guard bytes.count < pathCapacity, !bytes.contains(0) else { return Registration(slot: nil) }
        for i in 0..<capacity where states[i].compareExchange(expected: empty, desired: writing, ordering: .acquiring).exchanged {
            let buffer = paths + i * pathCapacity
            bytes.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { buffer.update(from: $0.baseAddress!, count: b.count) }
            }
            buffer[bytes.count] = 0
            states[i].store(live, ordering: .releasing)
            return Registration(slot: i)
        }
        return Registration(slot: nil)
    }

    /// Forgets a path: its file was renamed into place or removed.
    static func unregister(_ r: Registration) {
        guard let i = r.slot else { return }
        while !states[i].compareExchange(expected: live, desired: empty, ordering: .releasing).exchanged {
            // `removing`: the handler is at work and the process is about to end.
            sched_yield()
        }
    }

    /// The paths registered now (for tests).
    static var livePaths: [String] {
        (0..<capacity).compactMap { i in
            states[i].load(ordering: .acquiring) == live ? String(cString: paths + i * pathCapacity) : nil
        }
    }

    /// Removes every registered file. Async-signal-safe: atomics and `unlink` only.
    static func removeAll() {
        var i = 0
        while i < capacity {
            if states[i].compareExchange(expected: live, desired: removing, ordering: .acquiring).exchanged {
                _ = unlink(paths + i * pathCapacity)
            }
            i += 1
        }
    }

    private static let installed = Atomic<Bool>(false)

    /// Installs the handlers for SIGINT, SIGTERM and SIGHUP (a signal the process ignores, as
    /// under `nohup`, stays ignored) and ignores SIGPIPE, so that writing to a closed pipe
    /// fails with EPIPE, which the writer reports, instead of killing the process. Call once,
    /// at the start, from the main thread.
    package static func installSignalHandlers() {
        guard !installed.exchange(true, ordering: .relaxed) else { return }
        _ = states
        _ = paths
        signal(SIGPIPE, SIG_IGN)
        let handler: @convention(c) (Int32) -> Void = { sig in
            TemporaryFiles.removeAll()
            // The default action, raised again: the process ends as the signal says (the
            // signal is blocked in here, so it is delivered as the handler returns).
            signal(sig, SIG_DFL)
            raise(sig)
        }
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(sig, handler)
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(sig, SIG_IGN)
            } else {
                sigaddset(&unblock, sig)
            }
        }
        // A parent may have left them blocked (Foundation's `Process` starts children with most
        // signals blocked): `kill` would then never end the process. Threads started later
        // inherit this mask.
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}
