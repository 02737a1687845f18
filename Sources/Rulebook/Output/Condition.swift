import Foundation

/// State behind a lock that a thread can sleep on until another thread changes it: what
/// `Mutex` lacks (it has no condition variable). The library's one condition variable, under
/// its blocking queues (`Handoff`, `ByteOutput`'s block writer); state that is only locked,
/// never waited for, is a `Mutex`.
// Unchecked Sendable: `state` is read and written only with `condition` locked, and is itself
// Sendable, so nothing reached through it is shared unlocked.
final class Condition<State: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var state: State

    init(_ state: State) { self.state = state }

    /// Sleeps until `ready` holds for the state (at once by default), then reads it, locked.
    func read<R>(when ready: (State) -> Bool = { _ in true }, _ body: (State) throws -> R) rethrows -> R {
        condition.lock()
        defer { condition.unlock() }
        while !ready(state) { condition.wait() }
        return try body(state)
    }

    /// Sleeps until `ready` holds for the state (at once by default), then changes it, locked,
    /// and wakes the threads waiting for a change.
    func update<R>(when ready: (State) -> Bool = { _ in true }, _ body: (inout State) throws -> R) rethrows -> R {
        condition.lock()
        defer { condition.unlock() }
        while !ready(state) { condition.wait() }
        let result = try body(&state)
        condition.broadcast()
        return result
    }
}
