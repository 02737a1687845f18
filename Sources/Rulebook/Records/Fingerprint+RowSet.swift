extension Fingerprint {
    /// The fingerprint of an input's rows as a set: the same rows in any order, and in any of
    /// the export formats, give the same fingerprint (as they give the same report), while any
    /// change to a value the policy reads changes it.
    ///
    /// Each row's fields are hashed with SipHash-1-3 (128 bits, the fixed key `rowHash`) and
    /// the hashes are added as 128-bit numbers, so memory stays constant however many rows
    /// stream past; the field names, the count and the sum are hashed once with SHA-256
    /// (`finalize`). Two sets of rows that differ share a fingerprint with a chance of about
    /// 2⁻¹²⁸. It tells exports apart; it is not a seal against a forger, who could search for
    /// rows whose hashes add up (as with a sum of SHA-256 digests, which it replaced: a SHA-256
    /// per row, with its set-up and padding, was 8% of a JSON Lines run's time).
    struct RowSet: Sendable {
        /// `rulebook` and `rows-set` in ASCII: any fixed key would do, this one is the definition.
        static let rowHash = SipHash(key: (0x6b6f_6f62_656c_7572, 0x7465_732d_7377_6f72))
        private var sum: (UInt64, UInt64) = (0, 0)
        private var count = 0
        /// Per field, its tag in a row's hashed bytes: its name's place among the policy's
        /// field names in the order of their UTF-8 (so that the order fields are declared in
        /// does not count, and a row's bytes need not repeat the names; `finalize` hashes them
        /// once). Worked out at the first row.
        private var tags: [UInt16] = []
        /// One row's hashed bytes: per field with a value, its tag and the value's length
        /// (little-endian, 2 and 4 bytes) and the value. Sized once per row before it is
        /// filled, so filling it is plain copies into its storage.
        private var scratch: [UInt8] = []

        init() {}

        /// Adds one row: the policy's fields (`fields`: their names), as decoded by the reader.
        /// Only the fields the policy reads count (they are all that can change a figure), and
        /// empty ones are left out, so a CSV and a JSON Lines export of the same data, with any
        /// column aliases, have the same fingerprint.
        mutating func add(_ record: RawRecord, columns: [Int?], fields: [String]) {
            if tags.count != fields.count { tags = RowSet.tags(fields) }
            let storage = record.storage
            let tags = self.tags
            // Columns, spans and tags read through buffer pointers, and each value copied with
            // its tag and length in one place: through the arrays, the checks of their bounds
            // and of each optional took more than SipHash itself.
            let hash = columns.withUnsafeBufferPointer { columns in
                tags.withUnsafeBufferPointer { tags in
                    storage.fields.withUnsafeBufferPointer { spans -> (UInt64, UInt64) in
                        var length = 0
                        for f in columns.indices {
                            if let n = RowSet.hashedLength(columns[f], spans) { length &+= 6 &+ n }
                        }
                        if scratch.count < length { scratch = [UInt8](repeating: 0, count: max(length, 2 * scratch.count)) }
                        return scratch.withUnsafeMutableBytes { out in
                            storage.source.withUnsafeBytes { source in
                                storage.decoded.withUnsafeBytes { decoded in
                                    var at = 0
                                    // No room only when the row has no value that counts (nothing is written).
                                    guard let base = out.baseAddress else { return RowSet.rowHash.hash128(UnsafeRawBufferPointer(start: nil, count: 0)) }
                                    for f in columns.indices {
                                        guard let n = RowSet.hashedLength(columns[f], spans) else { continue }
                                        let span = spans[columns[f].unsafelyUnwrapped]
                                        (base + at).storeBytes(of: tags[f].littleEndian, as: UInt16.self)
                                        (base + at + 2).storeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian, as: UInt32.self)
                                        let from = (span.isDecoded ? decoded : source).baseAddress! + span.start
                                        (base + at + 6).copyMemory(from: from, byteCount: n)
                                        at &+= 6 &+ n
                                    }
                                    return RowSet.rowHash.hash128(UnsafeRawBufferPointer(start: out.baseAddress, count: at))
                                }
                            }
                        }
                    }
                }
            }
            addWords(hash.0, hash.1)
            count += 1
        }

        /// The length of the value a row's `column` holds, when it counts (a field the row has,
        /// not null, not empty); nil when it does not.
        @inline(__always)
        private static func hashedLength(_ column: Int?, _ spans: UnsafeBufferPointer<FieldSpan>) -> Int? {
            guard let c = column, c < spans.count else { return nil }
            let span = spans[c]
            guard let kind = span.kind, kind != .null, span.end > span.start else { return nil }
            return span.end - span.start
        }

        /// The sum's words (first word least significant) and the row count: what a partial
        /// result keeps, to be added to the others' (`adding`).
        var state: (words: [UInt64], count: Int) { ([sum.0, sum.1], count) }

        /// A set as `state` gave it; nil when `words` are not a sum's two.
        init?(words: [UInt64], count: Int) {
            guard words.count == 2 else { return nil }
            sum = (words[0], words[1])
            self.count = count
        }

        /// The rows of both sets: the fingerprint one run over all of them would take.
        mutating func add(_ other: RowSet) {
            addWords(other.sum.0, other.sum.1)
            count += other.count
        }

        /// Adds a row's hash (its first word the less significant) or another sum to the sum,
        /// the carry out of the second word dropped: the fingerprint's definition.
        private mutating func addWords(_ w0: UInt64, _ w1: UInt64) {
            let (s0, carry) = sum.0.addingReportingOverflow(w0)
            sum = (s0, sum.1 &+ w1 &+ (carry ? 1 : 0))
        }

        /// Each field's place among `fields` in the order of their names' UTF-8.
        static func tags(_ fields: [String]) -> [UInt16] {
            precondition(fields.count <= Int(UInt16.max), "a tag per field")
            let order = fields.indices.sorted { fields[$0].utf8.lexicographicallyPrecedes(fields[$1].utf8) }
            var tags = [UInt16](repeating: 0, count: fields.count)
            for (place, f) in order.enumerated() { tags[f] = UInt16(place) }
            return tags
        }

        /// The fingerprint: SHA-256 of the field names (in tag order), the row count and the sum.
        func finalize(fields: [String]) -> String {
            let names = fields.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "\u{1F}")
            return sha256("rows/siphash-1-3-128:\(names):\(count):\(String(sum.1, radix: 16)):\(String(sum.0, radix: 16))".utf8)
        }
    }
}
