/// "Did you mean …?" for a misspelt key or name.
enum Suggestion {
    /// Words longer than this get no suggestion: names in a policy are short, and a hostile
    /// megabyte-long identifier or CSV header must not cost time or memory.
    static let maxWordLength = 64

    /// The closest candidate within a small edit distance, or nil when nothing is close.
    /// Linear in the candidates' total length: a candidate whose length alone puts it out of
    /// reach is never compared.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        guard word.utf8.count <= maxWordLength * 4 else { return nil }
        let w = Array(word.lowercased().unicodeScalars)
        guard w.count <= maxWordLength else { return nil }
        let limit = max(1, min(3, w.count / 3 + 1))
        var best: (String, Int)?
        var extensions: [String] = []
        let lowerWord = word.lowercased()
        for c in candidates {
            // A name that the word begins (monthly → monthly-count), when only one does; only
            // the candidate's first characters are looked at.
            if w.count >= 3, extensions.count < 2, String(c.prefix(word.count)).lowercased() == lowerWord {
                extensions.append(c)
            }
            // A scalar takes at most 4 UTF-8 bytes: a cheap bound before anything is copied.
            guard c.utf8.count <= (w.count + limit) * 4 else { continue }
            let cs = Array(c.lowercased().unicodeScalars)
            guard abs(cs.count - w.count) <= limit else { continue }
            let d = distance(w, cs)
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) {
                best = (c, d)
            }
        }
        if let best { return best.0 }
        return extensions.count == 1 ? extensions[0] : nil
    }

    /// ` (did you mean 'x'?)` or the empty string.
    static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Damerau–Levenshtein (optimal string alignment): a swapped pair counts as one edit.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
