/// The audit as one self-contained HTML page for the people who run a content library: the
/// verdict in a sentence, headline figures, the rules most often broken, how readable the library
/// is, the articles to fix first, a sortable table of every article, and each article's findings.
public enum AuditHTMLWriter {
    public static func write(_ report: AuditReport, _ summary: AuditSummary, about: AuditHeading) -> [UInt8] {
        var page = Page()
        let totals = summary.totals
        page += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        page += "<meta name=\"generator\" content=\"Galley \(Galley.version)\">"
        page += "<title>Content audit: \(XMLEscaping.text(about.title))</title><style>\n\(AuditPageStyle.css)\n</style></head>\n<body><main>\n"
        page += "<header><h1>Content audit</h1><p class=\"sub\">\(XMLEscaping.text(about.title)) · \(about.date) · Galley \(Galley.version)</p></header>\n"
        page += "<p class=\"verdict\">\(verdict(summary))</p>\n"
        page += cards(totals)
        page += "<div class=\"panels\"><section class=\"panel\"><h2>Rules most often broken</h2>"
        page += "<p class=\"hint\">Articles breaking each rule, out of \(AuditNumber.grouped(totals.articles)); red rules are errors, amber ones warnings.</p>"
        page += AuditCharts.ruleBars(report, summary.topRules) + "</section>\n"
        page += "<section class=\"panel\"><h2>How readable the library is</h2>"
        let scored = summary.histogram.reduce(0) { $0 + $1.articles }
        if totals.scoredInOtherLanguages > 0 {
            page += "<p class=\"hint\">Articles by reading ease of their prose, each in its language's own Flesch formula: higher is easier, 60–70 is plain language."
        } else {
            page += "<p class=\"hint\">Articles by Flesch reading ease of their prose: higher is easier, 60–70 is plain English."
        }
        if totals.withoutFormula > 0 {
            page += " \(AuditNumber.grouped(totals.withoutFormula)) in languages without a reading-ease formula are left out (\(XMLEscaping.text(summary.languagesWithoutFormulaText)))."
        }
        let tooShort = totals.articles - scored - totals.withoutFormula
        if tooShort > 0 { page += " \(AuditNumber.grouped(tooShort)) with too little prose to score are left out." }
        page += "</p>" + AuditCharts.histogram(summary.histogram, median: totals.medianReadingEase)
        page += AuditCharts.bandLegend(summary.histogram, scored: scored, label: summary.label) + "</section></div>\n"
        page += worst(report, summary)
        if let library = report.library { AuditLibraryHTML.section(library, into: &page.bytes) }
        table(report, into: &page)
        findings(report, into: &page)
        if totals.scoredInOtherLanguages > 0 {
            page += "<footer>Made by Galley \(Galley.version). Reading ease is the Flesch formula of each article's language (0–100, higher is easier): "
                + "Flesch's for English, Amstad's for German, Fernández Huerta's for Spanish, Kandel and Moles' for French, Flesch-Vacca for Italian, "
                + "Douma's for Dutch, Martins' for Portuguese, Oborneva's for Russian; grade is Flesch-Kincaid's (US school years) for English, "
                + "the Wiener Sachtextformel for German, Crawford's (years of schooling) for Spanish.</footer>\n"
        } else {
            page += "<footer>Made by Galley \(Galley.version). Reading ease is Flesch's (0–100, higher is easier); grade is Flesch-Kincaid's (US school years).</footer>\n"
        }
        page += "</main><script>\n\(AuditPageStyle.script)\n</script></body></html>\n"
        return page.bytes
    }

    private static func verdict(_ summary: AuditSummary) -> String {
        let totals = summary.totals
        guard totals.articles > 0 else { return "No articles were found." }
        var text = "Of \(AuditNumber.grouped(totals.articles)) \(totals.articles == 1 ? "article" : "articles"), "
        text += "<strong>\(AuditNumber.grouped(totals.cleanArticles)) (\(AuditNumber.percent(totals.cleanArticles, of: totals.articles))) are clean</strong> and "
        text += "<strong>\(AuditNumber.grouped(totals.articlesWithErrors)) (\(AuditNumber.percent(totals.articlesWithErrors, of: totals.articles))) have errors to fix</strong>."
        if let ease = totals.medianReadingEase, let grade = totals.medianGrade {
            let band = AuditSummary.Band(lower: AuditSummary.band(of: ease) * AuditSummary.bandWidth, upper: 0, articles: 0)
            text += " The typical article reads as <strong>\(summary.label(of: band))</strong> (reading ease \(AuditNumber.format(ease)), grade \(AuditNumber.format(grade)))."
        }
        return text
    }

    private static func cards(_ totals: AuditSummary.Totals) -> String {
        let items: [(key: String, value: String, label: String, tone: String)] = [
            ("articles", AuditNumber.grouped(totals.articles), "articles", ""),
            ("words", AuditNumber.grouped(totals.words), "words of prose", ""),
            ("errors", AuditNumber.grouped(totals.errors), "errors in \(AuditNumber.grouped(totals.articlesWithErrors)) articles", "error"),
            ("warnings", AuditNumber.grouped(totals.warnings), "warnings", "warning"),
            ("cleanArticles", AuditNumber.grouped(totals.cleanArticles), "clean articles (\(AuditNumber.percent(totals.cleanArticles, of: totals.articles)))", "good"),
            ("medianReadingEase", totals.medianReadingEase.map(AuditNumber.format) ?? "–", "median reading ease", ""),
            ("medianGrade", totals.medianGrade.map(AuditNumber.format) ?? "–", "median grade", ""),
        ]
        var html = "<div class=\"cards\">"
        for item in items {
            html += "<div class=\"card \(item.tone)\" data-total=\"\(item.key)\"><strong>\(item.value)</strong><span>\(item.label)</span></div>"
        }
        return html + "</div>\n"
    }

    private static func worst(_ report: AuditReport, _ summary: AuditSummary) -> String {
        guard !summary.worstArticles.isEmpty else { return "" }
        var html = "<section class=\"panel\" style=\"margin-bottom:26px\"><h2>Fix these first</h2>"
        html += "<p class=\"hint\">The articles with the most errors, then warnings, then the hardest prose.</p>"
        html += "<table id=\"worst\"><thead><tr><th style=\"width:40%\">Article</th><th class=\"n\">Errors</th><th class=\"n\">Warnings</th><th class=\"n\">Reading ease</th><th>Rules broken</th></tr></thead><tbody>"
        for index in summary.worstArticles {
            let row = report.rows[index]
            html += "<tr><td class=\"path\"><a href=\"#a\(index)\">\(XMLEscaping.text(row.title ?? row.path))</a><br><small class=\"z\">\(XMLEscaping.text(row.path))</small></td>"
            html += "<td class=\"n\">\(count(row.errors, "e"))</td><td class=\"n\">\(count(row.warnings, "w"))</td>"
            html += "<td class=\"n\">\(row.readingEase.map(AuditNumber.format) ?? "–")</td><td class=\"rules\">\(ruleList(report, row))</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    private static func table(_ report: AuditReport, into page: inout Page) {
        page += "<section><h2 id=\"all\">Every article</h2>"
        page += "<div class=\"tools\"><input type=\"search\" id=\"filter\" placeholder=\"Filter by path, title or rule\" aria-label=\"Filter articles\">"
        page += "<label><input type=\"checkbox\" id=\"only-errors\"> only articles with errors</label>"
        page += "<span class=\"shown\" id=\"shown\">\(AuditNumber.grouped(report.rows.count)) articles; click a column to sort</span></div>"
        page += "<div class=\"table-wrap\"><table id=\"articles\"><thead><tr><th data-sort>Path</th><th data-sort>Title</th>"
        page += "<th data-sort class=\"n\">Words</th><th data-sort class=\"n\">Reading ease</th><th data-sort class=\"n\">Grade</th>"
        page += "<th data-sort class=\"n\">Errors</th><th data-sort class=\"n\">Warnings</th><th data-sort>Rules broken</th></tr></thead><tbody>\n"
        for (index, row) in report.rows.enumerated() {
            page += "<tr data-errors=\"\(row.errors)\"><td class=\"path\">"
            page += row.findingRange.isEmpty ? XMLEscaping.text(row.path) : "<a href=\"#a\(index)\">\(XMLEscaping.text(row.path))</a>"
            page += "</td><td>\(XMLEscaping.text(row.title ?? ""))</td>"
            page += "<td class=\"n\" data-v=\"\(row.words.map(String.init) ?? "")\">\(row.words.map(AuditNumber.grouped) ?? "–")</td>"
            page += "<td class=\"n\" data-v=\"\(row.readingEase.map(AuditNumber.format) ?? "")\">\(row.readingEase.map(AuditNumber.format) ?? "–")</td>"
            page += "<td class=\"n\" data-v=\"\(row.grade.map(AuditNumber.format) ?? "")\">\(row.grade.map(AuditNumber.format) ?? "–")</td>"
            page += "<td class=\"n\" data-v=\"\(row.errors)\">\(count(row.errors, "e"))</td><td class=\"n\" data-v=\"\(row.warnings)\">\(count(row.warnings, "w"))</td>"
            page += "<td class=\"rules\">\(ruleList(report, row))</td></tr>\n"
        }
        page += "</tbody></table></div></section>\n"
    }

    private static func findings(_ report: AuditReport, into page: inout Page) {
        guard report.rows.contains(where: { !$0.findingRange.isEmpty }) else { return }
        page += "<section class=\"findings\"><h2 id=\"findings\">Findings by article</h2><p class=\"hint\">Line:column, severity, what to fix and the rule that says so.</p>\n"
        for (index, row) in report.rows.enumerated() where !row.findingRange.isEmpty {
            page += "<section id=\"a\(index)\"><h3>\(XMLEscaping.text(row.path))"
            if let title = row.title { page += " <small>\(XMLEscaping.text(title))</small>" }
            page += "<a class=\"top\" href=\"#all\">↑ table</a></h3><ol>"
            for finding in report.findings(of: row) {
                let rule = report.rules[Int(finding.rule)].id
                page += "<li><code>\(finding.line):\(finding.column)</code><span class=\"sev \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span>"
                page += "\(XMLEscaping.text(report.messages[Int(finding.message)])) <span class=\"rule\">[\(XMLEscaping.text(rule))]</span></li>"
            }
            page += "</ol></section>\n"
        }
        page += "</section>\n"
    }

    private static func ruleList(_ report: AuditReport, _ row: AuditReport.Row) -> String {
        XMLEscaping.text(row.rulesBroken.map { report.rules[$0].id }.joined(separator: ", "))
    }

    /// A count coloured by `tone` (e for errors, w for warnings), greyed when zero.
    private static func count(_ value: Int, _ tone: String) -> String {
        "<span class=\"\(value == 0 ? "z" : tone)\">\(AuditNumber.grouped(value))</span>"
    }

    /// The page as bytes: a 100,000-article report is tens of megabytes, written once.
    private struct Page {
        var bytes: [UInt8] = []

        static func += (page: inout Page, text: String) { page.bytes.append(contentsOf: text.utf8) }
    }
}
