/// Rows held back for repeating an earlier row's case id (with `collectRejects`): such a row
/// is a duplicate when the row that first had its id was kept, which is known once that row is
/// evaluated. The rows are held in chunks, and a chunk is decided as soon as the first rows of
/// all its ids are (`EvaluationRun.decideEarly`): memory then holds the repeats of the batches
/// still in flight, not every repeat of the export — an export doubled by mistake kept every
/// repeat's text and values to the end, 541 MB for 400,000 rows. A row whose first row failed
/// is left for the end (`decideRepeats`), when the rows that repeat that id are taken in row
/// order; its chunk is kept with it (such rows are rare).
struct HeldRepeats: Sendable {
    static let chunkRows = 64

    struct Chunk: Sendable {
        /// Where each row is written, for its message.
        var rows: RowBatch
        /// Each row's values, a row after another.
        var values: [Value] = []
        /// Each row's case id and the first row with it.
        var of: [(first: Int, id: String)] = []
        /// Per row: rejected already, as a duplicate of a row kept.
        var decided: [Bool] = []
        /// Whether `decideEarly` has been through it: what it left is for the end.
        var examined = false
    }

    let width: Int
    private(set) var chunks: [Chunk] = []
    /// Rows held and not yet decided, over all chunks.
    private(set) var undecided = 0

    init(width: Int) { self.width = width }

    /// Holds a row that repeats the id `id` of row `first`, with its decoded `values`.
    mutating func hold(_ record: RawRecord, values: [Value], fields: [Int?], columns: [Int?], version: Int, first: Int, id: String) {
        if chunks.last.map({ $0.of.count >= HeldRepeats.chunkRows || $0.examined }) ?? true {
            chunks.append(Chunk(rows: RowBatch(width: width)))
        }
        let c = chunks.count - 1
        chunks[c].rows.append(record, fields: fields, columns: columns, version: version)
        chunks[c].values += values
        chunks[c].of.append((first, id))
        chunks[c].decided.append(false)
        undecided += 1
    }

    /// Whether the last row held filled a chunk.
    var lastChunkFull: Bool { chunks.last.map { $0.of.count == HeldRepeats.chunkRows && !$0.examined } ?? false }

    /// The full chunks not yet examined whose rows' first rows are all at or before `rowsDone`,
    /// from the oldest, in order: each may then be decided (`markDecided`, `examined`).
    func decidable(rowsDone: Int) -> [Int] {
        var out: [Int] = []
        for (c, chunk) in chunks.enumerated()
        where !chunk.examined && chunk.of.count >= HeldRepeats.chunkRows && chunk.of.allSatisfy({ $0.first <= rowsDone }) {
            out.append(c)
        }
        return out
    }

    mutating func markDecided(chunk c: Int, row i: Int) {
        precondition(!chunks[c].decided[i])
        chunks[c].decided[i] = true
        undecided -= 1
    }

    /// Ends `decideEarly`'s pass over chunk `c`: what it left is for the end.
    mutating func examined(chunk c: Int) {
        chunks[c].examined = true
    }

    /// Drops the chunks whose every row is decided.
    mutating func dropDecided() {
        chunks.removeAll { $0.decided.allSatisfy { $0 } }
    }

    /// Gives every chunk the headers for its messages (a JSON export's keys grow as it is read).
    mutating func setColumnNames(_ names: [String]) {
        for c in chunks.indices { chunks[c].rows.columnNames = names }
    }
}
