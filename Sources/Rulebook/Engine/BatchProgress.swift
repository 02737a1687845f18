import Synchronization

/// Which rows the threads have finished evaluating, their failures recorded: batches are
/// numbered as the reader hands them on and finished in any order, by any thread; every row up
/// to the last of the first batches all finished is done. The reader asks it to decide a
/// held-back row once the row it repeats is done (see `HeldRepeats`).
final class BatchProgress: Sendable {
    private struct State {
        /// Per batch, by number: its last row, and whether it is finished.
        var lastRows: [Int] = []
        var finished: [Bool] = []
        /// The batches before this one are all finished.
        var prefix = 0
    }
    private let state = Mutex(State())

    /// Numbers a batch whose last row is `lastRow` (rows only grow from batch to batch).
    func begin(lastRow: Int) -> Int {
        state.withLock { s in
            s.lastRows.append(lastRow)
            s.finished.append(false)
            return s.lastRows.count - 1
        }
    }

    func finish(_ batch: Int) {
        state.withLock { s in
            s.finished[batch] = true
            while s.prefix < s.finished.count && s.finished[s.prefix] { s.prefix += 1 }
        }
    }

    /// The last row of the batches all finished (0: none yet).
    var rowsDone: Int {
        state.withLock { s in s.prefix == 0 ? 0 : s.lastRows[s.prefix - 1] }
    }
}
