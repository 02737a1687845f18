import Foundation

/// About how many rows an export holds: its file's size over the length of its first rows. A
/// hint for sizing what grows with the rows (the case-id table), never a count anything is
/// judged by; none for input that is not a regular file (standard input, a pipe), or with
/// fewer rows than the sample (small enough not to need one).
struct RowCountEstimate {
    /// The rows whose length is sampled.
    static let rowsSampled = 256

    private let fileBytes: Int?
    private var sampled = 0
    private var sampledBytes = 0

    /// For the export at `path` (`-`: standard input).
    init(path: String) {
        var st = stat()
        if path != "-", stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            fileBytes = Int(st.st_size)
        } else {
            fileBytes = nil
        }
    }

    /// Notes a row read; the estimate at the row that completes the sample, else nil.
    mutating func note(_ record: RawRecord) -> Int? {
        guard let fileBytes, sampled < RowCountEstimate.rowsSampled else { return nil }
        sampled += 1
        sampledBytes += record.length
        guard sampled == RowCountEstimate.rowsSampled else { return nil }
        return fileBytes / max(1, sampledBytes / sampled)
    }
}
