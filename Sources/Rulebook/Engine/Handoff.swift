import Synchronization

/// A bounded queue from one producer to several takers. `close` ends it once drained;
/// `cancel` ends it at once (and makes `put` refuse, never block). Takers may give items
/// back, emptied, for the producer to fill again (`giveBack`, `reuse`).
final class Handoff<T: Sendable>: Sendable {
    private struct State: Sendable {
        /// Taken items are set to nil at once: a batch is freed when its taker is done with
        /// it, not when the array is next compacted.
        var items: [T?] = []
        var head = 0
        var closed = false
        var cancelled = false
        var queued: Int { items.count - head }
    }
    private let state = Condition(State())
    private let capacity: Int
    /// Items given back; never waited for, so behind a plain lock.
    private let spare = Mutex<[T]>([])

    init(capacity: Int) { self.capacity = capacity }

    /// False when the takers have given up.
    func put(_ item: T) -> Bool {
        state.update(when: { $0.queued < capacity || $0.cancelled }) { s in
            if s.cancelled { return false }
            s.items.append(item)
            return true
        }
    }

    /// Puts `item` when there is room, without waiting: nil when the queue is full (the
    /// takers are behind), false when they have given up.
    func offer(_ item: T) -> Bool? {
        state.update { s -> Bool? in
            if s.cancelled { return false }
            guard s.queued < capacity else { return nil }
            s.items.append(item)
            return true
        }
    }

    /// The next item; nil once closed and drained, or cancelled.
    func take() -> T? {
        state.update(when: { $0.queued > 0 || $0.closed || $0.cancelled }) { s in
            if s.cancelled || s.queued == 0 { return nil }
            let item = s.items[s.head].take()
            s.head += 1
            if s.head > 64 {
                s.items.removeFirst(s.head)
                s.head = 0
            }
            return item
        }
    }

    /// Keeps `item` (emptied by the taker) for `reuse`. The producer makes a new item only when
    /// none is given back, so the spares are never more than the items it has made.
    func giveBack(_ item: T) {
        spare.withLock { $0.append(item) }
    }

    /// An item given back, if any.
    func reuse() -> T? {
        spare.withLock { $0.popLast() }
    }

    func close() { state.update { $0.closed = true } }

    func cancel() { state.update { $0.cancelled = true } }
}
