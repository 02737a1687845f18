#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON keys as columns: each distinct key gets the next column index on first sight.
///
/// Exports write the same keys in the same order on every line, so the column seen at each
/// member position last time is tried first with a byte comparison; the dictionary (which
/// needs a String) is only consulted when that guess fails.
struct JSONKeyTable {
    private(set) var names: [String] = []
    private var nameBytes: [[UInt8]] = []
    private var index: [String: Int] = [:]
    private var columnAtPosition: [Int] = []

    mutating func column(for key: UnsafeBufferPointer<UInt8>, position: Int) -> Int {
        if position < columnAtPosition.count {
            let guess = columnAtPosition[position]
            let known = nameBytes[guess]
            if known.count == key.count,
               key.isEmpty || known.withUnsafeBytes({ memcmp($0.baseAddress!, key.baseAddress!, key.count) }) == 0 {
                return guess
            }
        }
        let name = String(decoding: key, as: UTF8.self)
        let column: Int
        if let known = index[name] {
            column = known
        } else {
            column = names.count
            names.append(name)
            nameBytes.append(Array(key))
            index[name] = column
        }
        if position < columnAtPosition.count {
            columnAtPosition[position] = column
        } else if position == columnAtPosition.count {
            columnAtPosition.append(column)
        }
        return column
    }
}
