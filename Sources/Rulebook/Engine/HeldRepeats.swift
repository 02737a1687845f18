/// Rows held back for repeating an earlier row's case id (with `collectRejects`): such a row
/// is a duplicate when the row that first had its id was kept, which is known once that row is
/// evaluated. The rows are held in chunks, and a full chunk is decided as soon as the first
/// rows of all its ids are (`decide`): memory then holds the repeats of the batches still in
/// flight, not every repeat of the export — an export doubled by mistake kept every repeat's
/// text and values to the end, 541 MB for 400,000 rows. A row whose first row failed is left
/// for the end (`EvaluationRun.decideRepeats`), when the rows that repeat an id are taken in
/// row order; its chunk is kept with it (such rows are rare).
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

        /// Row `i`'s rejection for `error`, at the place its column is written.
        func rejection(_ error: Evaluator.RowError, row i: Int, file: String, fieldNames: [String]) -> Rejection {
            EvaluationRun.failure(error, row: rows.rows[i], file: file, resolve: rows.resolver(row: i, fieldNames: fieldNames),
                                  locate: { rows.location(row: i, column: $0) }).rejection
        }
    }

    let width: Int
    /// Chunks not decided yet: full ones waiting for their rows' first rows, and the last.
    private(set) var open: [Chunk] = []
    /// Chunks decided but for rows whose first row failed: those are for the end.
    private(set) var left: [Chunk] = []

    init(width: Int) { self.width = width }

    /// Holds a row that repeats the id `id` of row `first`, with its decoded `values`.
    mutating func hold(_ record: RawRecord, values: [Value], fields: [Int?], columns: [Int?], version: Int, first: Int, id: String) {
        if open.last.map({ $0.of.count >= HeldRepeats.chunkRows }) ?? true { open.append(Chunk(rows: RowBatch(width: width))) }
        let c = open.count - 1
        open[c].rows.append(record, fields: fields, columns: columns, version: version)
        open[c].values += values
        open[c].of.append((first, id))
        open[c].decided.append(false)
    }

    /// Whether the last row held filled a chunk.
    var lastChunkFull: Bool { open.last?.of.count == HeldRepeats.chunkRows }

    /// Whether a full chunk waits to be decided.
    var hasFullChunk: Bool { open.count > 1 || lastChunkFull }

    var isEmpty: Bool { open.isEmpty && left.isEmpty }

    /// Decides each full chunk whose rows' first rows are all at or before `rowsDone`:
    /// `settle` gives a row's rejection, or nil to leave the row for the end. The rejections.
    /// `columnNames`: the headers the chunks' messages name.
    mutating func decide(rowsDone: Int, columnNames: [String], settle: (Chunk, Int) -> Rejection?) -> [Rejection] {
        var rejections: [Rejection] = []
        var waiting: [Chunk] = []
        for var chunk in open {
            guard chunk.of.count == HeldRepeats.chunkRows, chunk.of.allSatisfy({ $0.first <= rowsDone }) else {
                waiting.append(chunk)
                continue
            }
            chunk.rows.columnNames = columnNames
            for i in chunk.of.indices {
                guard let r = settle(chunk, i) else { continue }
                rejections.append(r)
                chunk.decided[i] = true
            }
            if chunk.decided.contains(false) { left.append(chunk) }
        }
        open = waiting
        return rejections
    }

    /// Every chunk still held, in row order (a chunk holds rows after those of the chunks
    /// made before it), with the headers their messages name.
    func remaining(columnNames: [String]) -> [Chunk] {
        (left + open).sorted { $0.rows.rows[0] < $1.rows.rows[0] }.map { c in
            var c = c
            c.rows.columnNames = columnNames
            return c
        }
    }
}
