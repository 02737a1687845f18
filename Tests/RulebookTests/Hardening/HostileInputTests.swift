import Testing
@testable import Rulebook

/// Hostile bytes and sizes: every one ends in a located error, bounded in time and memory,
/// with messages that stay one readable line.
@Suite struct HostileYAMLTests {
    func firstError(_ bytes: [UInt8]) -> String? {
        do {
            _ = try YAMLReader.documents(bytes, file: "h.yaml")
            return nil
        } catch let e as DiagnosticError {
            return e.diagnostics.first?.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func badBytesAreReportedWhereTheyAre() {
        let head = Array("policy: x\ntitle: ".utf8)
        #expect(firstError(head + Array("\"ab".utf8) + [0xFF, 0x22, 0x0A])
                == "h.yaml:2:11: error: invalid YAML: invalid leading UTF-8 octet (byte 0xFF)")
        #expect(firstError(head + [0x61, 0x00, 0x62, 0x0A])
                == "h.yaml:2:9: error: invalid YAML: control characters are not allowed (byte 0x00)")
        #expect(firstError(head + [0x01, 0x0A])
                == "h.yaml:2:8: error: invalid YAML: control characters are not allowed (byte 0x01)")
        // Columns count characters: the bad byte after 投诉 (two characters, six bytes) is at column 10.
        #expect(firstError(head + Array("投诉".utf8) + [0xFF, 0x0A])
                == "h.yaml:2:10: error: invalid YAML: invalid leading UTF-8 octet (byte 0xFF)")
        // CRLF line ends count once.
        #expect(firstError(Array("a: 1\r\nb: 2\r\nc: ".utf8) + [0x00])
                == "h.yaml:3:4: error: invalid YAML: control characters are not allowed (byte 0x00)")
    }

    @Test func badBytesDeepInALargeFileAreFoundThere() {
        var text = ""
        for i in 0..<5_000 { text += "k\(i): v\(i)\n" }
        #expect(firstError(Array(text.utf8) + Array("late: ".utf8) + [0xFE])
                == "h.yaml:5001:7: error: invalid YAML: invalid leading UTF-8 octet (byte 0xFE)")
    }
}

@Suite struct SuggestionBoundsTests {
    @Test func closeNamesAreStillSuggested() {
        #expect(Suggestion.closest(to: "feilds", in: ["fields", "derive"]) == "fields")
        #expect(Suggestion.closest(to: "monthly", in: ["monthly-complaint-count-per-department", "weekly"])
                == "monthly-complaint-count-per-department")
        #expect(Suggestion.closest(to: "mon", in: ["monthly-a", "monthly-b"]) == nil, "two extensions: no single guess")
        #expect(Suggestion.closest(to: "接收时问", in: ["接收时间", "投诉编号"]) == "接收时间")
    }

    @Test func hugeWordsAndCandidatesAreNotCompared() {
        let huge = String(repeating: "x", count: 1 << 20)
        #expect(Suggestion.closest(to: huge, in: ["fields", huge]) == nil)
        // A 10 MB candidate is passed over by its length alone, so a match elsewhere still wins.
        let wide = String(repeating: "y", count: 10 << 20)
        #expect(Suggestion.closest(to: "case_di", in: [wide, "case_id", wide]) == "case_id")
        #expect(Suggestion.closest(to: String(repeating: "z", count: Suggestion.maxWordLength + 1),
                                   in: [String(repeating: "z", count: Suggestion.maxWordLength)]) == nil)
    }
}

@Suite struct ExcerptTests {
    @Test func shortTextIsQuotedWhole() {
        #expect(Excerpt.quoted("2026-13-01") == "'2026-13-01'")
        #expect(Excerpt.quoted(String(repeating: "中", count: Excerpt.maxCharacters))
                == "'\(String(repeating: "中", count: Excerpt.maxCharacters))'")
    }

    @Test func longTextIsCutAndMeasured() {
        let long = String(repeating: "中", count: 1000)
        #expect(Excerpt.quoted(long) == "'\(String(repeating: "中", count: Excerpt.maxCharacters))…' (3000 bytes)")
        let bytes = [UInt8](repeating: 0x39, count: 5_000_000)
        #expect(Excerpt.quoted(bytes: bytes[...]) == "'\(String(repeating: "9", count: Excerpt.maxCharacters))…' (5000000 bytes)")
        // A character cut by the byte prefix is not shown as U+FFFD.
        let chinese = Array(String(repeating: "中", count: 200).utf8)
        #expect(!Excerpt.quoted(bytes: chinese[1...]).dropFirst(2).contains("\u{FFFD}…"))
    }

    @Test func diagnosticsStayOneBoundedLine() {
        let d = Diagnostic.error("unknown name '\(String(repeating: "x", count: 1 << 20))' (did you mean 'y'?)",
                                 at: SourceLocation(file: "p.yaml", line: 3, column: 9))
        #expect(d.message.count < Excerpt.maxMessageCharacters + 60)
        #expect(d.message.hasPrefix("unknown name 'xxx"))
        #expect(d.message.hasSuffix("(did you mean 'y'?)"))
        #expect(!d.description.contains("\n"))
    }
}

/// A byte source that never ends (like `/dev/zero`), counting what was read from it.
final class EndlessInput: ByteInput {
    let byte: UInt8
    let prefix: [UInt8]
    private(set) var delivered = 0

    init(byte: UInt8, prefix: [UInt8] = []) {
        self.byte = byte
        self.prefix = prefix
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        for i in 0..<buffer.count {
            buffer[i] = delivered + i < prefix.count ? prefix[delivered + i] : byte
        }
        delivered += buffer.count
        return buffer.count
    }
}

@Suite struct RecordLimitTests {
    let limits = RecordLimits(maxRecordBytes: 4096, maxJSONArrayBytes: 64 * 1024)

    func error(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let e as DiagnosticError {
            return e.diagnostics.first?.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func endlessInputEndsWithALocatedErrorAfterReadingLittle() {
        let csv = EndlessInput(byte: 0)
        #expect(error { _ = try CSVReader(file: "z.csv", input: csv, chunkSize: 1000, limits: limits) }
                == "z.csv:1:1: error: the header row is longer than 4 KiB (the limit on one record; a missing line break or an unclosed quote?)")
        #expect(csv.delivered <= 4097 + 1000)

        let jsonl = EndlessInput(byte: 0x20, prefix: Array("{\"a\": 1}\n{\"a\": \"".utf8))
        #expect(error {
            var r = try JSONLinesReader(file: "z.jsonl", input: jsonl, chunkSize: 1000, limits: limits)
            while try r.next() != nil {}
        } == "z.jsonl:2:1: error: line 2 is longer than 4 KiB (the limit on one record)")
        #expect(jsonl.delivered <= 2 * 4097 + 1000)

        let notArray = EndlessInput(byte: 0)
        #expect(error { _ = try JSONArrayReader(file: "z.json", input: notArray, limits: limits) }
                == "z.json:1:1: error: expected '[': the file must hold one JSON array of objects")
        #expect(notArray.delivered <= 1 << 20)

        let endlessArray = EndlessInput(byte: 0x20, prefix: [UInt8(ascii: "[")])
        #expect(error { _ = try JSONArrayReader(file: "z.json", input: endlessArray, limits: limits) }
                == "z.json:1:1: error: the JSON array is larger than 64 KiB (the limit on a file read whole); write large exports as JSON Lines, which stream")
        #expect(endlessArray.delivered <= 2 * 64 * 1024 + (1 << 20))
    }

    @Test func aRowOverTheLimitIsReportedAtItsLine() {
        let text = "id,note\n1,short\n2,\"" + String(repeating: "x", count: 5000) + "\"\n3,after\n"
        #expect(error {
            var r = try CSVReader(file: "r.csv", input: MemoryInput(Array(text.utf8), maxRead: 700), chunkSize: 700, limits: limits)
            while try r.next() != nil {}
        } == "r.csv:3:1: error: row 3 is longer than 4 KiB (the limit on one record; a missing line break or an unclosed quote?)")
    }

    @Test func aRowOfExactlyTheLimitIsRead() throws {
        // The record with its line break: 4096 bytes.
        let row = "2," + String(repeating: "x", count: 4096 - 3) + "\n"
        let text = "id,note\n" + row + "3,after\n"
        for chunk in [1, 7, 700, 4096, 1 << 20] {
            var r = try CSVReader(file: "r.csv", input: MemoryInput(Array(text.utf8), maxRead: chunk), chunkSize: chunk, limits: limits)
            var notes: [Int] = []
            while let rec = try r.next() { notes.append(rec.string(1).count) }
            #expect(notes == [4093, 5], "chunk \(chunk)")
        }
    }

    @Test func sizesAreReadAsWritten() {
        #expect(RecordLimits.bytes(parsing: "16M") == 16 << 20)
        #expect(RecordLimits.bytes(parsing: "64k") == 64 << 10)
        #expect(RecordLimits.bytes(parsing: "1G") == 1 << 30)
        #expect(RecordLimits.bytes(parsing: "300") == 300)
        #expect(RecordLimits.bytes(parsing: "0") == nil)
        #expect(RecordLimits.bytes(parsing: "-5") == nil)
        #expect(RecordLimits.bytes(parsing: "M") == nil)
        #expect(RecordLimits.bytes(parsing: "99999999999999999G") == nil)
        #expect(RecordLimits.bytes(parsing: "１6M") == nil)
        // A JSON array may hold 64 records' worth, saturating rather than overflowing.
        #expect(RecordLimits().maxJSONArrayBytes == 1 << 30)
        #expect(RecordLimits(maxRecordBytes: 4096).maxJSONArrayBytes == 64 * 4096)
        #expect(RecordLimits(maxRecordBytes: .max).maxJSONArrayBytes == .max)
        #expect(RecordLimits(maxRecordBytes: -3).maxRecordBytes == 1)
    }
}
