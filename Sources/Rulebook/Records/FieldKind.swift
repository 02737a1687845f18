/// What kind of value a field holds. CSV cells are always `.text`; JSON members say what
/// they were written as, so that `"12.50"` and `12.50` can be told apart when that matters.
enum FieldKind: UInt8, Sendable {
    case text
    /// A JSON number, kept as its original text so that money and decimals stay exact.
    case number
    case bool
    case null
    /// A JSON object or array: allowed in the input, but not usable as a scalar field.
    case object
    case array
}
