/// A finding's values where a renderer reads them: a `Finding`, or a run record read in
/// place (`RunCodec.View`). A report's findings come back from their runs as records, and
/// rendered from the record no finding is made of them: making one decoded its texts into
/// Strings and released them again, a fifth of what the threads turning records into JSON did.
protocol FindingFields {
    /// The template's kind (a rule's).
    var kind: Finding.Kind { get }
    var status: Finding.Status { get }
    var start: Timestamp? { get }
    var due: Timestamp? { get }
    var done: Timestamp? { get }
    var lateBy: TimeSpan? { get }
    var amount: Money? { get }
    var incurredAt: Timestamp? { get }
    var rowsLost: Int? { get }
    /// Calls `body` with the finding's template, held by the caller's finding or table for
    /// the call (not counted again per finding).
    func withTemplate<R>(_ body: (FindingTemplate) throws -> R) rethrows -> R
    /// Calls `body` with the finding's texts as UTF-8, valid during the call.
    func withTexts<R>(_ body: (FindingTexts) throws -> R) rethrows -> R
}

/// A finding's texts as UTF-8 (see `FindingFields.withTexts`).
struct FindingTexts {
    var subject: UnsafeRawBufferPointer
    var party: UnsafeRawBufferPointer?
    var month: UnsafeRawBufferPointer?
    var note: UnsafeRawBufferPointer?
}

extension Finding: FindingFields {
    func withTemplate<R>(_ body: (FindingTemplate) throws -> R) rethrows -> R { try body(template) }

    func withTexts<R>(_ body: (FindingTexts) throws -> R) rethrows -> R {
        var subject = subject
        return try subject.withUTF8 { s in
            try Finding.withUTF8(party) { p in
                try Finding.withUTF8(month) { m in
                    try Finding.withUTF8(note) { n in
                        try body(FindingTexts(subject: UnsafeRawBufferPointer(s), party: p, month: m, note: n))
                    }
                }
            }
        }
    }

    private static func withUTF8<R>(_ text: String?, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard var text else { return try body(nil) }
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }
}
