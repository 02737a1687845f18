import Foundation

/// Charts as inline SVG: drawn by the browser without script, printed as vectors, with a fixed
/// size in their `width` and `height`. Values arrive as counts or exact amounts; `Double` is
/// used only for the geometry (pixel coordinates), never for a figure printed: the labels are
/// texts made by the caller (`Money`'s own).
enum SVGChart {
    /// A horizontal bar: a label above it, its stacked segments, its value after it.
    struct Bar {
        var label: String
        /// One per segment class, in the chart's order.
        var segments: [Double]
        var value: String
        /// A link for the label (an anchor on the page), if any.
        var href: String? = nil
    }

    /// A column of a column chart: stacked segments, a label under it, a value above it, and
    /// a marker line across it (a cap), with the marker's text.
    struct Column {
        var label: String
        var segments: [Double]
        var value: String
        var marker: Double? = nil
        var markerText: String? = nil
        /// The column's figures in words, shown on hover.
        var tooltip: String? = nil
    }

    static let width = 720

    /// Pixels with at most one decimal: the same text on every machine.
    static func px(_ v: Double) -> String {
        let tenths = (v * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int64(tenths / 10)) : String(format: "%.1f", tenths / 10)
    }

    /// A label cut to about `columns` display columns (CJK characters count two), with `…`.
    static func cut(_ s: String, columns: Int) -> String {
        guard TableReport.width(s) > columns else { return s }
        var out = "", w = 0
        for c in s {
            let cw = TableReport.width(String(c))
            if w + cw > columns - 1 { break }
            out.append(c)
            w += cw
        }
        return out + "…"
    }

    static func open(_ w: Int, _ h: Int, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" \(HTMLText.attribute("aria-label", label))>"
            + "<title>\(HTMLText.escape(label))</title>"
    }

    /// Horizontal stacked bars, one row each, all on one scale. `classes`: the CSS class of
    /// each segment.
    static func bars(_ rows: [Bar], classes: [String], title: String) -> String {
        let rowHeight = 40, barHeight = 16, valueRoom = 150
        let height = rows.count * rowHeight + 8
        let scale = Double(width - valueRoom) / max(1, rows.map { $0.segments.reduce(0, +) }.max() ?? 1)
        var svg = open(width, height, label: title)
        for (i, row) in rows.enumerated() {
            let y = i * rowHeight
            let label = "<text class=\"label\" x=\"0\" y=\"\(y + 14)\">\(HTMLText.escape(cut(row.label, columns: 110)))<title>\(HTMLText.escape(row.label))</title></text>"
            svg += row.href.map { "<a \(HTMLText.attribute("href", $0))>\(label)</a>" } ?? label
            var x = 0.0
            for (s, v) in row.segments.enumerated() where v > 0 {
                let w = max(1, v * scale)
                svg += "<rect class=\"\(classes[s])\" x=\"\(px(x))\" y=\"\(y + 20)\" width=\"\(px(w))\" height=\"\(barHeight)\"/>"
                x += w
            }
            svg += "<text class=\"value\" x=\"\(px(x + 6))\" y=\"\(y + 33)\">\(HTMLText.escape(row.value))</text>"
        }
        return svg + "</svg>"
    }

    /// Stacked columns on one scale, with their markers (drawn when within twice the tallest
    /// column; else only their text is shown).
    static func columns(_ cols: [Column], classes: [String], title: String, plotHeight: Int = 150, minWidth: Int = 240, colWidth: Int = 64) -> String {
        let barWidth = 30, top = 34, bottom = 40
        let w = max(minWidth, 32 + cols.count * colWidth)
        let h = top + plotHeight + bottom
        let tallest = cols.map { $0.segments.reduce(0, +) }.max() ?? 0
        let drawn = cols.compactMap(\.marker).filter { $0 <= 2 * max(tallest, 1) }
        let scale = Double(plotHeight) / max(1, max(tallest, drawn.max() ?? 0))
        let base = top + plotHeight
        var svg = open(w, h, label: title)
        svg += "<line class=\"axis\" x1=\"0\" y1=\"\(base)\" x2=\"\(w)\" y2=\"\(base)\"/>"
        for (i, col) in cols.enumerated() {
            let x = 16 + i * colWidth + (colWidth - 64) / 2
            svg += "<g>" + (col.tooltip.map { "<title>\(HTMLText.escape($0))</title>" } ?? "")
            var y = Double(base)
            for (s, v) in col.segments.enumerated() where v > 0 {
                let hgt = max(1, v * scale)
                y -= hgt
                svg += "<rect class=\"\(classes[s])\" x=\"\(x)\" y=\"\(px(y))\" width=\"\(barWidth)\" height=\"\(px(hgt))\"/>"
            }
            let mid = x + barWidth / 2
            if y < Double(base) { svg += "<text class=\"value\" x=\"\(mid)\" y=\"\(px(y - 5))\" text-anchor=\"middle\">\(HTMLText.escape(col.value))</text>" }
            if let m = col.marker, m <= 2 * max(tallest, 1) {
                let my = Double(base) - m * scale
                svg += "<line class=\"cap\" x1=\"\(x - 8)\" y1=\"\(px(my))\" x2=\"\(x + barWidth + 8)\" y2=\"\(px(my))\"/>"
            }
            svg += "<text class=\"label\" x=\"\(mid)\" y=\"\(base + 16)\" text-anchor=\"middle\">\(HTMLText.escape(cut(col.label, columns: 10)))</text>"
            if let t = col.markerText {
                svg += "<text class=\"note\" x=\"\(mid)\" y=\"\(base + 32)\" text-anchor=\"middle\">\(HTMLText.escape(t))</text>"
            }
            svg += "</g>"
        }
        return svg + "</svg>"
    }
}
