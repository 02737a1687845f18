import FuzzSupport
@testable import Rulebook

// The JSON Lines reader: every record read at once and again in 7-byte reads (the two must
// agree), then the input evaluated as an export for the shipped S10 policy, the JSON Lines
// system (header binding per object, field decoding of JSON strings, numbers and booleans
// with rejects, the engine, every report format).
let file = "cases.jsonl"
let (policy, roster) = Fuzz.shippedPolicy("rules/s10-property-response.yaml", roster: "fixtures/s10/roster.csv")

Fuzz.main { bytes in
    RecordFuzz.requireSameInPieces(bytes, "JSON Lines") { try JSONLinesReader(file: file, input: $0, chunkSize: $1) }
    try RecordFuzz.evaluate(JSONLinesReader(file: file, input: MemoryInput(bytes)), file: file, policy: policy, roster: roster)
}
