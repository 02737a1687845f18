/// Input text quoted in a message, cut to a readable length: a 100 MB field or a megabyte-long
/// identifier must not become a 100 MB error line (nor cost seconds to build one).
enum Excerpt {
    /// Characters of input shown before the cut.
    static let maxCharacters = 64
    /// Longest message a diagnostic keeps whole; longer ones are cut in the middle.
    static let maxMessageCharacters = 1_000

    /// `'text'`, or `'the first 64 characters…' (1048576 bytes)` when it is longer.
    static func quoted(_ text: some StringProtocol) -> String {
        let (shown, whole) = prefix(text)
        return whole ? "'\(shown)'" : "'\(shown)…' (\(text.utf8.count) bytes)"
    }

    /// The same without quotes, for names in a list: `text`, or `the first 64…(1048576 bytes)`.
    static func cut(_ text: some StringProtocol) -> String {
        let (shown, whole) = prefix(text)
        return whole ? String(shown) : "\(shown)…(\(text.utf8.count) bytes)"
    }

    /// The first `maxCharacters` characters, and whether that is all of `text`.
    private static func prefix<S: StringProtocol>(_ text: S) -> (S.SubSequence, Bool) {
        var index = text.startIndex
        var count = 0
        while index < text.endIndex, count < maxCharacters {
            index = text.index(after: index)
            count += 1
        }
        return (text[text.startIndex..<index], index == text.endIndex)
    }

    /// The same for raw bytes, decoded as UTF-8 (bad bytes shown as U+FFFD); only the shown
    /// prefix is decoded.
    static func quoted(bytes: some Collection<UInt8>) -> String {
        let prefix = bytes.prefix(maxCharacters * 4)
        var text = String(decoding: prefix, as: UTF8.self)
        if prefix.count == bytes.count { return quoted(text) }
        // A character cut in two at the end of the prefix would show as U+FFFD.
        if text.count > maxCharacters { text = String(text.prefix(maxCharacters)) }
        return "'\(text)…' (\(bytes.count) bytes)"
    }

    /// A message cut in the middle when it is over `maxMessageCharacters`, so that both its
    /// start (what is wrong) and its end (a hint) survive.
    static func bounded(_ message: String) -> String {
        guard message.utf8.count > maxMessageCharacters else { return message }
        let count = message.count
        guard count > maxMessageCharacters else { return message }
        let head = message.prefix(maxMessageCharacters * 2 / 3)
        let tail = message.suffix(maxMessageCharacters / 3)
        return "\(head) … [\(count - head.count - tail.count) characters cut] … \(tail)"
    }
}
