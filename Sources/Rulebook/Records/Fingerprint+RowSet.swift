extension Fingerprint {
    /// The fingerprint of an input's rows as a set: the same rows in any order, and in any of
    /// the export formats, give the same fingerprint (as they give the same report), while any
    /// change to a value the policy reads changes it.
    ///
    /// Each row's fields are hashed with SipHash-1-3 (128 bits, the fixed key `rowHash`) and
    /// the hashes are added as 128-bit numbers, so memory stays constant however many rows
    /// stream past; the count and the sum are hashed once with SHA-256 (`finalize`). Two sets
    /// of rows that differ share a fingerprint with a chance of about 2⁻¹²⁸. It tells exports
    /// apart; it is not a seal against a forger, who could search for rows whose hashes add
    /// up (as with a sum of SHA-256 digests, which it replaced: a SHA-256 per row, with its
    /// set-up and padding, was 8% of a JSON Lines run's time).
    struct RowSet: Sendable {
        /// `rulebook` and `rows-set` in ASCII: any fixed key would do, this one is the definition.
        static let rowHash = SipHash(key: (0x6b6f_6f62_656c_7572, 0x7465_732d_7377_6f72))
        private var sum: (UInt64, UInt64) = (0, 0)
        private var count = 0
        /// The field names' UTF-8, kept across rows.
        private var nameBytes: [[UInt8]] = []
        /// One row's hashed bytes: name, 0x1E, value, 0x1F for each field with a value. Sized
        /// once per row before it is filled, so filling it is plain copies into its storage.
        private var scratch: [UInt8] = []

        init() {}

        /// Adds one row: the policy's fields, by field name, as decoded by the reader. Only the
        /// fields the policy reads count (they are all that can change a figure), and empty
        /// ones are left out, so a CSV and a JSON Lines export of the same data, with any
        /// column aliases, have the same fingerprint.
        mutating func add(_ record: RawRecord, columns: [Int?], fields: [String]) {
            while nameBytes.count < fields.count { nameBytes.append(Array(fields[nameBytes.count].utf8)) }
            let storage = record.storage
            var length = 0
            for (f, column) in columns.enumerated() {
                guard let c = column, c < storage.fields.count, let kind = storage.fields[c].kind, kind != .null else { continue }
                let span = storage.fields[c]
                if span.end > span.start { length += nameBytes[f].count + 2 + span.end - span.start }
            }
            if scratch.count < length { scratch = [UInt8](repeating: 0, count: max(length, 2 * scratch.count)) }
            let hash = scratch.withUnsafeMutableBufferPointer { out -> (UInt64, UInt64) in
                var at = 0
                func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                    _ = UnsafeMutableBufferPointer(rebasing: out[at..<at + bytes.count]).initialize(fromContentsOf: bytes)
                    at += bytes.count
                }
                storage.source.withUnsafeBufferPointer { source in
                    storage.decoded.withUnsafeBufferPointer { decoded in
                        for (f, column) in columns.enumerated() {
                            guard let c = column, c < storage.fields.count, let kind = storage.fields[c].kind, kind != .null
                            else { continue }
                            let span = storage.fields[c]
                            guard span.end > span.start else { continue }
                            nameBytes[f].withUnsafeBufferPointer(put)
                            out[at] = 0x1E
                            at += 1
                            put(UnsafeBufferPointer(rebasing: (span.isDecoded ? decoded : source)[span.start..<span.end]))
                            out[at] = 0x1F
                            at += 1
                        }
                    }
                }
                return RowSet.rowHash.hash128(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(out)[0..<at]))
            }
            addWords(hash.0, hash.1)
            count += 1
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

        func finalize() -> String {
            sha256("rows/siphash-1-3-128:\(count):\(String(sum.1, radix: 16)):\(String(sum.0, radix: 16))".utf8)
        }
    }
}
