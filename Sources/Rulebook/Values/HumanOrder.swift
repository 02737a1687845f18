import Foundation

/// The orders a person expects in a report: names of people and departments in pinyin order,
/// case ids in natural order. Each is a total order and a pure function of the texts compared
/// (ties broken by the bytes), so a report's order never depends on the order of its input.
enum HumanOrder {
    // MARK: - Names (pinyin)

    /// The collation names are sorted by: Chinese (`zh_CN`), which orders Han characters by
    /// their pinyin (李 < 刘 < 王 < 张 < 周), Latin letters after them.
    static let collationLocale = Locale(identifier: "zh_CN")

    /// `names` in pinyin order, each once.
    ///
    /// A collated comparison costs about 10 µs on Linux (Foundation over ICU), too slow for a
    /// sort of many names; so the distinct characters are collated once (their ranks are the
    /// sort keys' parts, cached for the sort), and names compare as their characters' ranks,
    /// then as bytes. Han names compare as the collation compares them, character by character.
    /// 10,000 names: see bench/README.md.
    static func sortedNames<S: Sequence>(_ names: S) -> [String] where S.Element == String {
        let distinct = Array(Set(names))
        var characters = Set<Character>()
        for n in distinct { characters.formUnion(n) }
        let collated = characters.sorted { a, b in
            let c = String(a).compare(String(b), options: [], range: nil, locale: collationLocale)
            return c != .orderedSame ? c == .orderedAscending : String(a).utf8.lexicographicallyPrecedes(String(b).utf8)
        }
        var rank: [Character: Int] = [:]
        for (i, c) in collated.enumerated() { rank[c] = i }
        let keyed = distinct.map { n in (key: n.map { rank[$0]! }, name: n) }
        return keyed.sorted { a, b in
            a.key != b.key ? a.key.lexicographicallyPrecedes(b.key) : a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }.map(\.name)
    }

    /// A comparison by pinyin order for a fixed set of names (`sortedNames`, looked up).
    struct NameRanks {
        let rank: [String: Int]
        init<S: Sequence>(_ names: S) where S.Element == String {
            var r: [String: Int] = [:]
            for (i, n) in HumanOrder.sortedNames(names).enumerated() { r[n] = i }
            rank = r
        }
        /// Whether `a` comes before `b`; a name not in the set after every one that is, by bytes.
        func precedes(_ a: String, _ b: String) -> Bool {
            switch (rank[a], rank[b]) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.utf8.lexicographicallyPrecedes(b.utf8)
            }
        }
    }

    // MARK: - Case ids (natural)

    /// Natural order over UTF-8 bytes: runs of ASCII digits compare by their value
    /// (`2501-1001` < `2501-100271`, `A9` < `A10`), everything else byte by byte, a digit run
    /// before any other byte at the same place; texts equal so (`7` and `007`) compare by
    /// their bytes. Returns -1, 0 or 1.
    static func compareNatural(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        var x = NaturalKey(a), y = NaturalKey(b)
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil):
                let n = min(a.count, b.count)
                if n > 0 {
                    let c = memcmp(a.baseAddress!, b.baseAddress!, n)
                    if c != 0 { return c < 0 ? -1 : 1 }
                }
                return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
            case (nil, _): return -1
            case (_, nil): return 1
            case let (p?, q?): if p != q { return p < q ? -1 : 1 }
            }
        }
    }

    static func compareNatural(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in compareNatural(UnsafeRawBufferPointer(pa), UnsafeRawBufferPointer(pb)) } }
    }

    /// Whether `a` comes before `b` in natural order.
    static func naturallyPrecedes(_ a: String, _ b: String) -> Bool { compareNatural(a, b) < 0 }

    /// The bytes natural order compares, made on the fly from a text: a byte outside digit
    /// runs is itself; a digit run is its length without leading zeros (at least 1; one byte
    /// under 255, else 255 and four bytes, big-endian) and then those digits. Comparing these
    /// bytes compares the runs by value, the longer number being the larger. No byte is 0.
    struct NaturalKey {
        let text: UnsafeRawBufferPointer
        var i = 0
        /// The current digit run's length bytes not yet handed out (big-endian in `header`,
        /// `headerLeft` of them), then its digits up to `runEnd`.
        var header: UInt64 = 0
        var headerLeft = 0
        var runEnd = 0
        /// Whether leading zeros were dropped (texts with none are equal only when identical).
        var droppedZeros = false

        init(_ text: UnsafeRawBufferPointer) { self.text = text }

        @inline(__always)
        static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

        mutating func next() -> UInt8? {
            if headerLeft > 0 {
                headerLeft -= 1
                return UInt8(truncatingIfNeeded: header >> (8 * UInt64(headerLeft)))
            }
            if i < runEnd { i += 1; return text[i - 1] }
            guard i < text.count else { return nil }
            let b = text[i]
            guard NaturalKey.isDigit(b) else { i += 1; return b }
            var j = i
            while j < text.count, NaturalKey.isDigit(text[j]) { j += 1 }
            var start = i
            while start < j - 1, text[start] == 0x30 { start += 1 }
            if start > i { droppedZeros = true }
            let n = j - start
            if n < 255 {
                header = UInt64(n)
                headerLeft = 1
            } else {
                header = (255 << 32) | UInt64(UInt32(clamping: n))
                headerLeft = 5
            }
            i = start
            runEnd = j
            return next()
        }
    }
}
