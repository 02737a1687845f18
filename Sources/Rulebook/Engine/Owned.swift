import Synchronization

/// A value that is not Sendable (an evaluator, a record source) used by one thread at a time:
/// a thread works on it inside `withValue`, and the compiler checks that none of it is kept
/// past the handover (`sending`). The lock is never contended — a run gives each value to one
/// thread and takes it back once that thread has stopped — it only makes the handover checked.
final class Owned<Value>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: consuming sending Value) { mutex = Mutex(value) }

    func withValue<R, E: Error>(_ body: (inout sending Value) throws(E) -> sending R) throws(E) -> sending R {
        try mutex.withLock(body)
    }
}
