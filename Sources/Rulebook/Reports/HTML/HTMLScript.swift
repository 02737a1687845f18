import Foundation

/// The HTML report's only script: a filter box over the violations and the cases. It holds
/// no text of the report; the page reads completely without it (the box stays hidden). The
/// page's Content-Security-Policy allows this script and this style sheet by their SHA-256
/// and nothing else, so that markup that escaped escaping still could not run.
enum HTMLScript {
    static let filter = """
    (function(){var q=document.getElementById("filter");if(!q)return;q.hidden=false;\
    var items=document.querySelectorAll("[data-filter]");\
    q.addEventListener("input",function(){var t=q.value.trim().toLowerCase();\
    for(var i=0;i<items.length;i++){var e=items[i];e.hidden=t!==""&&e.textContent.toLowerCase().indexOf(t)<0;}});})();
    """

    /// `'sha256-…'` of a script's or style sheet's text, for the Content-Security-Policy.
    static func hashSource(_ text: String) -> String {
        let hex = Array(Fingerprint.sha256(Array(text.utf8)).utf8)
        var bytes: [UInt8] = []
        var i = 0
        while i + 1 < hex.count {
            bytes.append(UInt8(String(decoding: hex[i...(i + 1)], as: UTF8.self), radix: 16)!)
            i += 2
        }
        return "'sha256-" + Data(bytes).base64EncodedString() + "'"
    }

    /// The page's policy: nothing loads from anywhere; the inline style sheet and script run
    /// by their hashes.
    static let contentSecurityPolicy = "default-src 'none'; style-src \(hashSource(HTMLStyle.css)); script-src \(hashSource(filter)); "
        + "img-src data:; base-uri 'none'; form-action 'none'"
}
