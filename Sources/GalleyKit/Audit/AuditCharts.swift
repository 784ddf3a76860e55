/// The audit page's two charts, as inline SVG and plain HTML bars.
enum AuditCharts {
    /// Columns of articles per band of Flesch reading ease, hard (red) to easy (green), with the
    /// library's median marked.
    static func histogram(_ bands: [AuditSummary.Band], median: Double?) -> String {
        let width = 520.0, height = 250.0, left = 36.0, bottom = 40.0, top = 42.0
        let plotWidth = width - left - 8, plotHeight = height - bottom - top
        let highest = max(1, bands.map(\.articles).max() ?? 1)
        let step = plotWidth / Double(max(1, bands.count))
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"Articles by Flesch reading ease\">"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width - 8)\" y2=\"\(top + plotHeight)\" stroke=\"#c8d0db\"/>"
        // The median line goes first, so bars and their counts are drawn over it.
        if let median {
            let x = left + plotWidth * min(100, max(0, median)) / 100
            let anchor = median > 70 ? "end" : "start"
            svg += "<line x1=\"\(fixed(x))\" y1=\"6\" x2=\"\(fixed(x))\" y2=\"\(top + plotHeight)\" stroke=\"#1d2430\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(fixed(x + (median > 70 ? -5 : 5)))\" y=\"14\" text-anchor=\"\(anchor)\" style=\"fill:#1d2430\">median \(AuditNumber.format(median))</text>"
        }
        for (index, band) in bands.enumerated() {
            let barHeight = plotHeight * Double(band.articles) / Double(highest)
            let x = left + Double(index) * step + 3
            let y = top + plotHeight - barHeight
            svg += "<rect x=\"\(fixed(x))\" y=\"\(fixed(y))\" width=\"\(fixed(step - 6))\" height=\"\(fixed(barHeight))\" rx=\"3\" fill=\"\(color(band.label))\">"
            svg += "<title>\(band.lower)–\(band.upper) (\(band.label)): \(band.articles) articles</title></rect>"
            svg += "<text class=\"count\" x=\"\(fixed(x + (step - 6) / 2))\" y=\"\(fixed(y - 5))\" text-anchor=\"middle\">\(AuditNumber.grouped(band.articles))</text>"
            svg += "<text x=\"\(fixed(left + Double(index) * step))\" y=\"\(fixed(top + plotHeight + 16))\" text-anchor=\"middle\">\(band.lower)</text>"
        }
        svg += "<text x=\"\(fixed(width - 8))\" y=\"\(fixed(top + plotHeight + 16))\" text-anchor=\"end\">100</text>"
        svg += "<text x=\"\(fixed(left))\" y=\"\(fixed(height - 4))\">← harder</text>"
        svg += "<text x=\"\(fixed(width - 8))\" y=\"\(fixed(height - 4))\" text-anchor=\"end\">easier →</text>"
        return svg + "</svg>"
    }

    /// Articles per Flesch band name ("plain English": 60–70), for readers who skip the chart.
    static func bandLegend(_ bands: [AuditSummary.Band], scored: Int, label: (AuditSummary.Band) -> String = \.label) -> String {
        var groups: [(label: String, lower: Int, upper: Int, articles: Int)] = []
        for band in bands {
            if let last = groups.last, last.label == label(band) {
                groups[groups.count - 1].upper = band.upper
                groups[groups.count - 1].articles += band.articles
            } else {
                groups.append((label(band), band.lower, band.upper, band.articles))
            }
        }
        var html = "<table class=\"legend\"><tbody>"
        for (index, group) in groups.enumerated().reversed() {
            let range = index == 0 ? "below \(group.upper)" : index == groups.count - 1 ? "\(group.lower) and above" : "\(group.lower)–\(group.upper)"
            html += "<tr><td><span class=\"swatch\" style=\"background:\(color(group.label))\"></span>"
            html += "\(group.label)</td><td class=\"z\">\(range)</td><td class=\"n\">\(AuditNumber.grouped(group.articles))</td>"
            html += "<td class=\"n z\">\(AuditNumber.percent(group.articles, of: scored))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// One bar per rule, as long as the share of articles that break it.
    static func ruleBars(_ report: AuditReport, _ indexes: [Int]) -> String {
        guard !indexes.isEmpty else { return "<p class=\"hint\">No rule was broken.</p>" }
        let articles = max(1, report.rows.count)
        var html = "<ol class=\"bars\">"
        for index in indexes {
            let rule = report.rules[index]
            let share = Double(rule.articles) / Double(articles)
            let description = rule.description.isEmpty ? "" : " <small>\(XMLEscaping.text(rule.description))</small>"
            html += "<li data-rule=\"\(XMLEscaping.attribute(rule.id))\"><span class=\"name\" title=\"\(XMLEscaping.attribute(rule.description))\">"
            html += "\(XMLEscaping.text(rule.id))\(description)</span>"
            html += "<span class=\"count\" title=\"\(rule.findings) findings\">\(AuditNumber.grouped(rule.articles))</span>"
            html += "<span class=\"track\"><span class=\"fill \(rule.severity.rawValue)\" style=\"display:block;width:\(fixed(max(0.5, share * 100)))%\"></span></span></li>"
        }
        return html + "</ol>"
    }

    /// Red for hard prose through amber to green for easy, one colour per band name.
    private static func color(_ label: String) -> String {
        switch label {
        case "very difficult": return "#b83227"
        case "difficult": return "#d66a2c"
        case "fairly difficult": return "#d9a520"
        case "plain English": return "#a3ad2e"
        case "fairly easy": return "#6fa33f"
        case "easy": return "#3d8b4f"
        default: return "#2a6f50"
        }
    }

    /// One decimal, for coordinates.
    private static func fixed(_ value: Double) -> String { AuditNumber.format(value) }
}
