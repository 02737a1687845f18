import Synchronization

/// Value arrays of batches already evaluated, every value `.null`, handed back from the
/// evaluating threads to the reader for its next batches: a batch's room is then neither
/// allocated nor filled with `.null` again (its values are released where they were used,
/// as they were when a batch was freed there).
final class SpareValues: Sendable {
    private let spares = Mutex<[[Value]]>([])
    /// Arrays kept at most (more are freed): as many as can be in flight at once.
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Keeps `values` (each `.null`) for a later batch, unless enough are kept.
    func give(_ values: [Value]) {
        spares.withLock { s in
            if s.count < limit { s.append(values) }
        }
    }

    /// An array kept, if any.
    func take() -> [Value]? {
        spares.withLock { $0.popLast() }
    }
}
