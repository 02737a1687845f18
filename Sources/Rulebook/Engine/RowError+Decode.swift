extension Evaluator.RowError {
    /// A field the decoder could not read, as the row's error: the same message and column.
    init(_ e: DecodeError) {
        self.init(e.message, column: e.column)
    }
}
