import Foundation

/// The text and first row of every case id a `CaseIDTable` holds, one record after another, so
/// that the table itself keeps only a hash and a record's place per id. A record is read back
/// only when an id's hash is met again (a repeated id, or a rare collision), so the records
/// need not stay in memory: past `resident` bytes they go to a temporary file (`SpillFile`),
/// where the page cache keeps them cheap to read, and peak memory stops growing with the ids'
/// text. (Held in memory they were two thirds of the table at a million ids.)
///
/// A record: its row and its text's length (8 bytes each, little-endian), the text, zeros to
/// the next multiple of 8 (so that a place fits in 32 bits as a count of 8-byte words).
struct CaseIDLog {
    static let headSize = 16
    /// Records not yet written to the file; they start at `spilled`.
    private var tail: [UInt8] = []
    private var file: SpillFile?
    /// Bytes written to the file.
    private var spilled = 0
    /// Bytes of records held before they are written out.
    let resident: Int
    /// Where the file goes; nil: the system's temporary folder. (Set before the first spill.)
    var directory: String?
    /// A record read from the file.
    private var scratch: [UInt8] = []

    init(resident: Int, directory: String?) {
        self.resident = max(CaseIDLog.headSize, resident)
        self.directory = directory
    }

    /// Where the next record starts.
    var end: Int { spilled + tail.count }

    /// Appends a record of `text` first seen at `row`; where it starts.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>, row: Int) throws -> Int {
        let start = end
        // The whole record made on the stack and appended at once: four appends cost more than
        // the rest of a new id, and so did room appended as zeros (a generic loop) and then
        // written over.
        let size = CaseIDLog.size(text.count)
        withUnsafeTemporaryAllocation(byteCount: size, alignment: 8) { r in
            r.storeBytes(of: Int64(row).littleEndian, toByteOffset: 0, as: Int64.self)
            r.storeBytes(of: Int64(text.count).littleEndian, toByteOffset: 8, as: Int64.self)
            // The last word first: its padding zeros, then the text over its start.
            r.storeBytes(of: 0, toByteOffset: size - 8, as: UInt64.self)
            if !text.isEmpty { (r.baseAddress! + CaseIDLog.headSize).copyMemory(from: text.baseAddress!, byteCount: text.count) }
            tail.append(contentsOf: UnsafeRawBufferPointer(r))
        }
        if tail.count >= resident { try spill() }
        return start
    }

    private mutating func spill() throws {
        if file == nil { file = try SpillFile(directory: directory) }
        try file!.append(tail)
        spilled += tail.count
        tail.removeAll(keepingCapacity: true)
    }

    /// The record at `offset` (a place `append` returned): `body` is given its row and text.
    mutating func withRecord<R>(at offset: Int, _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        if offset >= spilled {
            return try tail.withUnsafeBufferPointer { t in
                let (row, length) = CaseIDLog.head(t, at: offset - spilled)
                let start = offset - spilled + CaseIDLog.headSize
                return try body(row, UnsafeBufferPointer(rebasing: t[start..<(start + length)]))
            }
        }
        try read(CaseIDLog.headSize, at: offset)
        let (row, length) = scratch.withUnsafeBufferPointer { CaseIDLog.head($0, at: 0) }
        try read(length, at: offset + CaseIDLog.headSize)
        return try scratch.withUnsafeBufferPointer { try body(row, UnsafeBufferPointer(rebasing: $0[0..<length])) }
    }

    /// Every record in the order appended: its place, row and text. The file is read a block
    /// at a time.
    mutating func forEach(_ body: (Int, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var offset = 0
        while offset < spilled {
            // A block of whole records (at least the one at `offset`, however long).
            var valid = min(spilled - offset, 1 << 20)
            try read(valid, at: offset)
            let length = scratch.withUnsafeBufferPointer { CaseIDLog.head($0, at: 0).length }
            if CaseIDLog.size(length) > valid {
                valid = CaseIDLog.size(length)
                try read(valid, at: offset)
            }
            var at = 0
            try scratch.withUnsafeBufferPointer { scratch in
                let block = UnsafeBufferPointer(rebasing: scratch[0..<valid])
                while block.count - at >= CaseIDLog.headSize {
                    let (row, length) = CaseIDLog.head(block, at: at)
                    guard at + CaseIDLog.size(length) <= block.count else { break }
                    let start = at + CaseIDLog.headSize
                    try body(offset + at, row, UnsafeBufferPointer(rebasing: block[start..<(start + length)]))
                    at += CaseIDLog.size(length)
                }
            }
            offset += at
        }
        var at = 0
        try tail.withUnsafeBufferPointer { t in
            while at < t.count {
                let (row, length) = CaseIDLog.head(t, at: at)
                let start = at + CaseIDLog.headSize
                try body(spilled + at, row, UnsafeBufferPointer(rebasing: t[start..<(start + length)]))
                at += CaseIDLog.size(length)
            }
        }
    }

    /// The bytes a record of `length` bytes of text takes.
    private static func size(_ length: Int) -> Int { headSize + ((length + 7) & ~7) }

    /// The head of the record at `at` in `b`.
    private static func head(_ b: UnsafeBufferPointer<UInt8>, at: Int) -> (row: Int, length: Int) {
        let raw = UnsafeRawBufferPointer(b)
        return (Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self))),
                Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: Int64.self))))
    }

    /// `count` bytes of the file from `offset` into the start of `scratch` (which may hold
    /// more, left from an earlier read).
    private mutating func read(_ count: Int, at offset: Int) throws {
        if scratch.count < count { scratch = [UInt8](repeating: 0, count: count) }
        var done = 0
        try scratch.withUnsafeMutableBytes { s in
            while done < count {
                let n = try file!.read(into: UnsafeMutableRawBufferPointer(rebasing: s[done..<count]), at: offset + done)
                guard n > 0 else { throw IOFailure(path: file!.directory, action: "cannot read a temporary file", code: EIO) }
                done += n
            }
        }
    }
}
