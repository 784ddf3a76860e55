/// The audit for dashboards (JSON) and spreadsheets (CSV): the same per-article rows, with the
/// same numbers as the HTML report. The JSON shape is documented in docs/audit.md; `version`
/// changes only when a field is removed or changes meaning.
public enum AuditJSONWriter {
    public static let version = 1

    public static func write(_ report: AuditReport, _ summary: AuditSummary, about: AuditHeading) -> [UInt8] {
        var out = "{\n  \"version\": \(version),\n"
        out += "  \"tool\": {\"name\": \"galley\", \"version\": \(JSONEscaping.quoted(Galley.version))},\n"
        out += "  \"title\": \(JSONEscaping.quoted(about.title)),\n  \"date\": \(JSONEscaping.quoted(about.date)),\n"
        let totals = summary.totals
        out += "  \"totals\": {\"articles\": \(totals.articles), \"words\": \(totals.words), \"errors\": \(totals.errors), "
        out += "\"warnings\": \(totals.warnings), \"notes\": \(totals.notes), \"articlesWithErrors\": \(totals.articlesWithErrors), "
        out += "\"cleanArticles\": \(totals.cleanArticles), \"medianReadingEase\": \(number(totals.medianReadingEase)), "
        out += "\"medianGrade\": \(number(totals.medianGrade)), \"skippedFiles\": \(report.skipped), "
        out += "\"withoutReadingEaseFormula\": {" + totals.languagesWithoutFormula.map { "\(JSONEscaping.quoted($0.language)): \($0.articles)" }
            .joined(separator: ", ") + "}},\n"
        out += "  \"readingEase\": [" + summary.histogram.map { band in
            "{\"from\": \(band.lower), \"to\": \(band.upper), \"label\": \"\(summary.label(of: band))\", \"articles\": \(band.articles)}"
        }.joined(separator: ", ") + "],\n"
        let byArticles = summary.topRules + report.rules.indices.filter { !summary.topRules.contains($0) }.sorted { report.rules[$0].id < report.rules[$1].id }
        out += "  \"rules\": [" + byArticles.map { index in
            let rule = report.rules[index]
            return "\n    {\"id\": \(JSONEscaping.quoted(rule.id)), \"severity\": \"\(rule.severity.rawValue)\", \"articles\": \(rule.articles), "
                + "\"findings\": \(rule.findings), \"description\": \(JSONEscaping.quoted(rule.description))}"
        }.joined(separator: ",") + (byArticles.isEmpty ? "],\n" : "\n  ],\n")
        out += "  \"worstArticles\": [" + summary.worstArticles.map { JSONEscaping.quoted(report.rows[$0].path) }.joined(separator: ", ") + "],\n"
        out += "  \"library\": " + libraryJSON(report.library) + ",\n"
        out += "  \"articles\": ["
        var bytes = Array(out.utf8)
        for (index, row) in report.rows.enumerated() {
            var line = index == 0 ? "\n    " : ",\n    "
            line += "{\"path\": \(JSONEscaping.quoted(row.path)), \"title\": \(row.title.map(JSONEscaping.quoted) ?? "null"), "
            line += "\"format\": \(row.format.map { "\"\($0.rawValue)\"" } ?? "null"), \"language\": \(row.language.map(JSONEscaping.quoted) ?? "null"), "
            line += "\"words\": \(row.words.map(String.init) ?? "null"), "
            line += "\"readingEase\": \(number(row.readingEase)), \"grade\": \(number(row.grade)), "
            line += "\"errors\": \(row.errors), \"warnings\": \(row.warnings), \"notes\": \(row.notes), "
            line += "\"rules\": [" + row.rulesBroken.map { JSONEscaping.quoted(report.rules[$0].id) }.joined(separator: ", ") + "], \"findings\": ["
            line += report.findings(of: row).map { finding in
                "{\"line\": \(finding.line), \"column\": \(finding.column), \"severity\": \"\(finding.severity.rawValue)\", "
                    + "\"rule\": \(JSONEscaping.quoted(report.rules[Int(finding.rule)].id)), \"message\": \(JSONEscaping.quoted(report.messages[Int(finding.message)]))}"
            }.joined(separator: ", ") + "]}"
            bytes.append(contentsOf: line.utf8)
        }
        bytes.append(contentsOf: (report.rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)
        return bytes
    }

    private static func number(_ value: Double?) -> String { value.map(AuditNumber.format) ?? "null" }

    /// The library section: null when the configuration has no library rules.
    static func libraryJSON(_ library: AuditLibrary?) -> String {
        guard let library else { return "null" }
        var out = "{\"rules\": [" + library.rules.map(JSONEscaping.quoted).joined(separator: ", ") + "],"
        out += "\n    \"duplicates\": [" + library.duplicates.map { group in
            "\n      {\"rule\": \(JSONEscaping.quoted(group.rule)), \"severity\": \"\(group.severity.rawValue)\", \"what\": \(JSONEscaping.quoted(group.what)), "
                + "\"value\": \(JSONEscaping.quoted(group.value)), \"articles\": ["
                + group.articles.map { "{\"path\": \(JSONEscaping.quoted($0.path)), \"line\": \($0.line)}" }.joined(separator: ", ") + "]}"
        }.joined(separator: ",") + (library.duplicates.isEmpty ? "]," : "\n    ],")
        out += "\n    \"brokenLinks\": [" + library.brokenLinks.map { link in
            "\n      {\"rule\": \(JSONEscaping.quoted(link.rule)), \"severity\": \"\(link.severity.rawValue)\", \"path\": \(JSONEscaping.quoted(link.path)), "
                + "\"line\": \(link.line), \"column\": \(link.column), \"url\": \(JSONEscaping.quoted(link.url)), \"target\": \(JSONEscaping.quoted(link.target)), "
                + "\"anchor\": \(link.anchor.map(JSONEscaping.quoted) ?? "null")}"
        }.joined(separator: ",") + (library.brokenLinks.isEmpty ? "]," : "\n    ],")
        out += "\n    \"orphans\": [" + library.orphans.map { orphan in
            "\n      {\"rule\": \(JSONEscaping.quoted(orphan.rule)), \"severity\": \"\(orphan.severity.rawValue)\", \"path\": \(JSONEscaping.quoted(orphan.path)), \"line\": \(orphan.line)}"
        }.joined(separator: ",") + (library.orphans.isEmpty ? "]}" : "\n    ]}")
        return out
    }
}

/// The audit's library section as CSV rows, for spreadsheets: one row per article of each
/// duplicate group, per broken link and per orphan.
public enum AuditLibraryCSVWriter {
    public static let columns = ["kind", "rule", "severity", "path", "line", "column", "value", "target", "anchor", "others"]
    /// Other articles of a group named in a row.
    static let maxOthers = 10

    public static func write(_ library: AuditLibrary?) -> [UInt8] {
        var bytes = Array((columns.joined(separator: ",") + "\r\n").utf8)
        func row(_ fields: [String]) { bytes.append(contentsOf: (fields.map(AuditCSVWriter.text).joined(separator: ",") + "\r\n").utf8) }
        guard let library else { return bytes }
        for group in library.duplicates {
            for (index, member) in group.articles.enumerated() {
                // At most ten others by name: a value shared by thousands of articles would
                // otherwise make the file grow with the square of the group.
                var others = group.articles.enumerated().lazy.filter { $0.offset != index }.prefix(maxOthers).map(\.element.path).joined(separator: " ")
                if group.articles.count - 1 > maxOthers { others += " and \(group.articles.count - 1 - maxOthers) more" }
                row(["duplicate", group.rule, group.severity.rawValue, member.path, String(member.line), "", group.value, "", "", others])
            }
        }
        for link in library.brokenLinks {
            row([link.anchor == nil ? "missing-target" : "missing-anchor", link.rule, link.severity.rawValue, link.path, String(link.line),
                 String(link.column), link.url, link.target, link.anchor ?? "", ""])
        }
        for orphan in library.orphans {
            row(["orphan", orphan.rule, orphan.severity.rawValue, orphan.path, String(orphan.line), "", "", "", "", ""])
        }
        return bytes
    }
}

public enum AuditCSVWriter {
    public static let columns = ["path", "title", "format", "language", "words", "readingEase", "grade", "errors", "warnings", "notes", "rules"]

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    public static func write(_ report: AuditReport) -> [UInt8] {
        var bytes = Array((columns.joined(separator: ",") + "\r\n").utf8)
        for row in report.rows {
            let fields = [
                text(row.path), text(row.title ?? ""), row.format?.rawValue ?? "", text(row.language ?? ""), row.words.map(String.init) ?? "",
                row.readingEase.map(AuditNumber.format) ?? "", row.grade.map(AuditNumber.format) ?? "",
                String(row.errors), String(row.warnings), String(row.notes),
                text(row.rulesBroken.map { report.rules[$0].id }.joined(separator: " ")),
            ]
            bytes.append(contentsOf: (fields.joined(separator: ",") + "\r\n").utf8)
        }
        return bytes
    }

    /// A text field, quoted when needed. Text that a spreadsheet would run as a formula (it starts
    /// with =, +, - or @; titles come from the articles) gets a leading apostrophe.
    static func text(_ value: String) -> String {
        var value = value
        if let first = value.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")].contains(first) {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return value }
        var quoted = "\""
        for character in value.unicodeScalars {
            if character == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }
}

/// What the audit is of, for the reports' headings.
public struct AuditHeading: Sendable {
    public var title: String
    /// YYYY-MM-DD.
    public var date: String

    public init(title: String, date: String) {
        self.title = title
        self.date = date
    }
}
