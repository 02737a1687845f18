import Crypto

extension Fingerprint {
    /// The fingerprint of an input's rows as a set: the same rows in any order, and in any of
    /// the export formats, give the same fingerprint (as they give the same report), while any
    /// change to a value the policy reads changes it.
    /// Each row's fields are hashed with SHA-256 and the digests are added as 256-bit numbers,
    /// so memory stays constant however many rows stream past.
    struct RowSet: Sendable {
        private var sum: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
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
            let digest = scratch.withUnsafeMutableBufferPointer { out -> SHA256.Digest in
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
                var hasher = SHA256()
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(out)[0..<at]))
                return hasher.finalize()
            }
            digest.withUnsafeBytes { d in
                func word(_ i: Int) -> UInt64 { UInt64(bigEndian: d.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
                addWords(word(0), word(1), word(2), word(3))
            }
            count += 1
        }

        /// The sum's words (first word least significant) and the row count: what a partial
        /// result keeps, to be added to the others' (`adding`).
        var state: (words: [UInt64], count: Int) { ([sum.0, sum.1, sum.2, sum.3], count) }

        init(words: [UInt64], count: Int) {
            precondition(words.count == 4)
            sum = (words[0], words[1], words[2], words[3])
            self.count = count
        }

        /// The rows of both sets: the fingerprint one run over all of them would take.
        mutating func add(_ other: RowSet) {
            addWords(other.sum.0, other.sum.1, other.sum.2, other.sum.3)
            count += other.count
        }

        /// Adds a digest's four big-endian words (or another sum) to the sum's, the carry
        /// running from the first word to the last (and out of it, dropped): the
        /// fingerprint's definition.
        private mutating func addWords(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
            let (s0, c0) = sum.0.addingReportingOverflow(w0)
            let (s1a, c1a) = sum.1.addingReportingOverflow(w1)
            let (s1, c1b) = s1a.addingReportingOverflow(c0 ? 1 : 0)
            let (s2a, c2a) = sum.2.addingReportingOverflow(w2)
            let (s2, c2b) = s2a.addingReportingOverflow(c1a || c1b ? 1 : 0)
            let s3 = sum.3 &+ w3 &+ (c2a || c2b ? 1 : 0)
            sum = (s0, s1, s2, s3)
        }

        func finalize() -> String {
            let words = [sum.0, sum.1, sum.2, sum.3]
            return sha256(("rows:\(count):" + words.map { String($0, radix: 16) }.joined(separator: ":")).utf8)
        }
    }
}
