import Foundation

/// Makes one write past the page cache at a time, on a thread of its own, so that the route
/// copies the next block into its other staging buffer while the device takes the last one.
/// Written in turn, copy and write, a 1.3 GB report's writer spent 0.55–0.6 s between its
/// writes (its copies, about 0.2 ms a megabyte, and the waits they caused) beside 0.76–1.03 s
/// in them (strace, 2026-12-02): the device stood still for a third of the report.
///
/// Used by one route (`WriteRoute`), which posts a write, does something else, and lands it
/// before it posts the next or writes anything itself.
final class DirectWriter: Sendable {
    private struct State: Sendable {
        /// The posted write: its bytes' address (a raw pointer is not Sendable; the route
        /// keeps the bytes, untouched, until it has landed the write) and length.
        var job: (address: UInt, count: Int, refuse: Bool)?
        /// The bytes the last job wrote.
        var done: Int?
        var stopping = false
    }
    private let state = Condition(State())

    init(fd: Int32) {
        let state = state
        let thread = Thread {
            // Under the writer's name: `bench/phases.sh` counts it with the writing it does.
            ThreadName.writer.adopt()
            while true {
                guard let job = state.read(when: { $0.job != nil || $0.stopping }, { $0.job }) else { return }
                let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: job.address), count: job.count)
                let done = job.refuse ? 0 : DirectWriter.writeAligned(fd, bytes)
                state.update { s in
                    s.job = nil
                    s.done = done
                }
            }
        }
        thread.start()
    }

    /// Starts writing `bytes` (aligned, and left untouched until `land`); `refuse`: act as a
    /// file system that refuses direct writes (tests).
    func post(_ bytes: UnsafeRawBufferPointer, refuse: Bool) {
        state.update { s in
            precondition(s.job == nil && s.done == nil, "one write in flight")
            s.job = (UInt(bitPattern: bytes.baseAddress), bytes.count, refuse)
        }
    }

    /// Waits for the posted write; how many of its bytes were written (fewer: refused, or
    /// short, which the route writes again through the cache, where any error is reported).
    func land() -> Int {
        state.update(when: { $0.done != nil }) { s in
            defer { s.done = nil }
            return s.done!
        }
    }

    /// Ends the thread (after the write in flight, if any).
    func stop() { state.update { $0.stopping = true } }

    /// Writes `bytes` while the writes take whole aligned lengths; the bytes written.
    static func writeAligned(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n > 0 {
                done += n
                if n % WriteRoute.alignment == 0 { continue }
                return done  // short and unaligned: no direct write can follow it
            }
            if n < 0 && errno == EINTR { continue }
            return done
        }
        return done
    }
}
