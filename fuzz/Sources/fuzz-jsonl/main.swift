import FuzzSupport
import Rulebook

// The JSON Lines reader: every record read at once and again in 7-byte reads (the two must
// agree), then the input evaluated as an export for the shipped S10 policy, the JSON Lines
// system (header binding per object, field decoding of JSON strings, numbers and booleans
// with rejects, the engine, every report format).
let file = "cases.jsonl"
let (policy, roster) = Fuzz.shippedPolicy("rules/s10-property-response.yaml", roster: "fixtures/s10/roster.csv")

func read(_ open: () throws -> JSONLinesReader) -> RecordFuzz.Outcome {
    do {
        var reader = try open()
        return RecordFuzz.drain(&reader)
    } catch {
        return RecordFuzz.Outcome(error: "\(error)")
    }
}

Fuzz.main { bytes in
    let whole = read { try JSONLinesReader(file: file, input: MemoryInput(bytes)) }
    let pieces = read { try JSONLinesReader(file: file, input: MemoryInput(bytes, maxRead: 7), chunkSize: 7) }
    RecordFuzz.requireSame(whole, pieces, "JSON Lines read whole and in 7-byte reads")
    try RecordFuzz.evaluate(JSONLinesReader(file: file, input: MemoryInput(bytes)), file: file, policy: policy, roster: roster)
}
