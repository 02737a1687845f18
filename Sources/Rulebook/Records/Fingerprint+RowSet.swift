import Crypto

extension Fingerprint {
    /// The fingerprint of an input's rows as a set: the same rows in any order, and in any of
    /// the export formats, give the same fingerprint (as they give the same report), while any
    /// change to a value the policy reads changes it.
    /// Each row's fields are hashed with SHA-256 and the digests are added as 256-bit numbers,
    /// so memory stays constant however many rows stream past.
    struct RowSet: Sendable {
        private var sum: [UInt64] = [0, 0, 0, 0]
        private var count = 0
        /// The field names' UTF-8, kept across rows.
        private var nameBytes: [[UInt8]] = []
        /// One row's hashed bytes: name, 0x1E, value, 0x1F for each field with a value.
        private var scratch: [UInt8] = []

        init() {}

        /// Adds one row: the policy's fields, by field name, as decoded by the reader. Only the
        /// fields the policy reads count (they are all that can change a figure), and empty
        /// ones are left out, so a CSV and a JSON Lines export of the same data, with any
        /// column aliases, have the same fingerprint.
        mutating func add(_ record: RawRecord, columns: [Int?], fields: [String]) {
            while nameBytes.count < fields.count { nameBytes.append(Array(fields[nameBytes.count].utf8)) }
            scratch.removeAll(keepingCapacity: true)
            for (f, column) in columns.enumerated() {
                guard let c = column, let kind = record.kind(c), kind != .null else { continue }
                record.withBytes(c) { value in
                    guard !value.isEmpty else { return }
                    nameBytes[f].withUnsafeBufferPointer { scratch.append(contentsOf: $0) }
                    scratch.append(0x1E)
                    scratch.append(contentsOf: value)
                    scratch.append(0x1F)
                }
            }
            var hasher = SHA256()
            scratch.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            let digest = hasher.finalize()
            digest.withUnsafeBytes { d in
                var carry: UInt64 = 0
                for i in 0..<4 {
                    let word = UInt64(bigEndian: d.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
                    let (s1, o1) = sum[i].addingReportingOverflow(word)
                    let (s2, o2) = s1.addingReportingOverflow(carry)
                    sum[i] = s2
                    carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
                }
            }
            count += 1
        }

        func finalize() -> String {
            sha256(("rows:\(count):" + sum.map { String($0, radix: 16) }.joined(separator: ":")).utf8)
        }
    }
}
