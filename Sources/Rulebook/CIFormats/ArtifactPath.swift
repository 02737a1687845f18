/// A file a CI report points into — the export, the policy, a test file — named as the
/// command was given it. CI systems resolve a relative path against the checkout, so run the
/// tool from the repository's root with relative paths.
struct ArtifactPath {
    /// The path without `./` steps and repeated slashes (`rules//x.yaml` from a folder given
    /// as `rules/`), as GitHub matches it against the repository's files.
    let path: String

    init(_ path: String) {
        var parts: [Substring] = []
        let absolute = path.hasPrefix("/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        self.path = absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    var isAbsolute: Bool { path.hasPrefix("/") }

    /// The SARIF `artifactLocation` members: a relative path as a relative reference against
    /// `%SRCROOT%` (the root of the checkout), an absolute one as a `file:` URI. Every byte
    /// but the unreserved characters (RFC 3986) and `/` is percent-encoded, `:` included,
    /// so that no path reads as a scheme.
    var sarifURI: (uri: String, baseID: String?) {
        isAbsolute ? ("file://" + Self.percentEncoded(path), nil) : (Self.percentEncoded(path), "%SRCROOT%")
    }

    static func percentEncoded(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(b)
            default:
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
