/// A field of a row that does not read as its type: the decoder's error, with the column it
/// was read from when known. The run turns it into the row's error (`Evaluator.RowError`).
struct DecodeError: Error, Sendable {
    var message: String
    var column: String?

    init(_ message: String, column: String? = nil) {
        self.message = message
        self.column = column
    }
}
