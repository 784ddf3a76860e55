/// The audit page's library section: figures, then the duplicate groups, the broken links and
/// anchors, and the orphans, as tables an editor can work down. Long lists are cut (the JSON and
/// the library CSV carry every entry) so a large library's page stays readable.
enum AuditLibraryHTML {
    static let maxGroups = 100
    static let maxMembers = 20
    static let maxRows = 500

    static func section(_ library: AuditLibrary, into page: inout [UInt8]) {
        var html = "<section class=\"panel library\" id=\"library\" style=\"margin-bottom:26px\"><h2>Across the library</h2>"
        html += "<p class=\"hint\">What the library rules (\(library.rules.map { XMLEscaping.text($0) }.joined(separator: ", "))) found between articles.</p>"
        let figures: [(key: String, value: Int, label: String, tone: String)] = [
            ("duplicateGroups", library.duplicates.count, "values shared by several articles", library.duplicates.isEmpty ? "good" : "warning"),
            ("articlesInDuplicates", library.articlesInDuplicates, "articles sharing one", ""),
            ("missingTargets", library.missingTargets, "links to missing files or pages", library.missingTargets == 0 ? "good" : "error"),
            ("missingAnchors", library.missingAnchors, "links to missing anchors", library.missingAnchors == 0 ? "good" : "error"),
            ("orphans", library.orphans.count, "articles nothing links to", library.orphans.isEmpty ? "good" : ""),
        ]
        html += "<div class=\"cards\">"
        for figure in figures {
            html += "<div class=\"card \(figure.tone)\" data-library=\"\(figure.key)\"><strong>\(AuditNumber.grouped(figure.value))</strong><span>\(figure.label)</span></div>"
        }
        html += "</div>"
        html += duplicates(library)
        html += brokenLinks(library)
        html += orphans(library)
        html += "</section>\n"
        page.append(contentsOf: html.utf8)
    }

    private static func duplicates(_ library: AuditLibrary) -> String {
        guard !library.duplicates.isEmpty else { return "" }
        var html = "<h3>Shared values</h3><p class=\"hint\">Search engines treat pages sharing a title or description as duplicates; a question answered in several places is answered several ways.</p>"
        html += "<table id=\"duplicates\"><thead><tr><th>Rule</th><th>What</th><th>Value</th><th class=\"n\">Articles</th><th>Where</th></tr></thead><tbody>"
        let groups = library.duplicates.indices.sorted { library.duplicates[$0].articles.count > library.duplicates[$1].articles.count || (library.duplicates[$0].articles.count == library.duplicates[$1].articles.count && $0 < $1) }
        for index in groups.prefix(maxGroups) {
            let group = library.duplicates[index]
            var places = group.articles.prefix(maxMembers).map { "\(XMLEscaping.text($0.path)):\($0.line)" }.joined(separator: "<br>")
            if group.articles.count > maxMembers { places += "<br><small class=\"z\">and \(AuditNumber.grouped(group.articles.count - maxMembers)) more</small>" }
            html += "<tr><td class=\"rules\">\(XMLEscaping.text(group.rule))</td><td>\(XMLEscaping.text(group.what))</td><td>\(XMLEscaping.text(group.value))</td>"
            html += "<td class=\"n\">\(AuditNumber.grouped(group.articles.count))</td><td class=\"path\">\(places)</td></tr>"
        }
        html += "</tbody></table>"
        if library.duplicates.count > maxGroups { html += more(library.duplicates.count - maxGroups, "groups") }
        return html
    }

    private static func brokenLinks(_ library: AuditLibrary) -> String {
        guard !library.brokenLinks.isEmpty else { return "" }
        var html = "<h3>Broken links and anchors</h3><p class=\"hint\">Links between articles that lead to no file or page, or to an anchor the target does not have (a renamed heading).</p>"
        html += "<table id=\"broken-links\"><thead><tr><th>Article</th><th>Link</th><th>Problem</th><th>Rule</th></tr></thead><tbody>"
        for link in library.brokenLinks.prefix(maxRows) {
            let problem = link.anchor.map { "no anchor <code>#\(XMLEscaping.text($0))</code> in \(XMLEscaping.text(link.target))" } ?? "no \(XMLEscaping.text(link.target))"
            html += "<tr><td class=\"path\">\(XMLEscaping.text(link.path)):\(link.line):\(link.column)</td><td class=\"path\"><code>\(XMLEscaping.text(link.url))</code></td>"
            html += "<td><span class=\"sev \(link.severity.rawValue)\">\(link.severity.rawValue)</span> \(problem)</td><td class=\"rules\">\(XMLEscaping.text(link.rule))</td></tr>"
        }
        html += "</tbody></table>"
        if library.brokenLinks.count > maxRows { html += more(library.brokenLinks.count - maxRows, "links") }
        return html
    }

    private static func orphans(_ library: AuditLibrary) -> String {
        guard !library.orphans.isEmpty else { return "" }
        var html = "<h3>Orphans</h3><p class=\"hint\">Articles no other article links to: readers reach them only through search or navigation.</p>"
        html += "<table id=\"orphans\"><thead><tr><th>Article</th><th>Rule</th></tr></thead><tbody>"
        for orphan in library.orphans.prefix(maxRows) {
            html += "<tr><td class=\"path\">\(XMLEscaping.text(orphan.path))</td><td class=\"rules\">\(XMLEscaping.text(orphan.rule))</td></tr>"
        }
        html += "</tbody></table>"
        if library.orphans.count > maxRows { html += more(library.orphans.count - maxRows, "articles") }
        return html
    }

    private static func more(_ count: Int, _ noun: String) -> String {
        "<p class=\"hint\">… and \(AuditNumber.grouped(count)) more \(noun): the JSON (--json) and the library CSV (--library-csv) list every one.</p>"
    }
}
