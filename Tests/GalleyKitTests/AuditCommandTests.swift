import Foundation
import Testing
@testable import GalleyKit

/// `galley audit`, run as users run it: the three reports agree with each other, with
/// `galley lint` and with `galley metrics`, and the HTML page needs nothing from elsewhere.
@Suite struct AuditCommandTests {
    static let folders = ["Fixtures/explainer", "Fixtures/defective", "Fixtures/faq", "Fixtures/suppressions"]
    /// A fixed date, so the reports are the same every day.
    static let environment = ["SOURCE_DATE_EPOCH": "1764000000"]

    struct Audit {
        var result: TestSupport.RunResult
        var html: String
        var csv: String
        var json: JSONValue
        var jsonText: String
    }

    static func audit(_ arguments: [String] = folders) throws -> Audit {
        let directory = try TestSupport.temporaryDirectory()
        let result = try TestSupport.runGalley(["audit", "--report", "\(directory)/audit.html", "--csv", "\(directory)/audit.csv",
                                                "--json", "\(directory)/audit.json", "--title", "Fixtures"] + arguments, environment: environment)
        let jsonText = try String(contentsOfFile: "\(directory)/audit.json", encoding: .utf8)
        return Audit(result: result, html: try String(contentsOfFile: "\(directory)/audit.html", encoding: .utf8),
                     csv: try String(contentsOfFile: "\(directory)/audit.csv", encoding: .utf8), json: try JSONValue.parse(jsonText), jsonText: jsonText)
    }

    @Test func jsonAndCSVGoldens() throws {
        let audit = try Self.audit()
        try TestSupport.expectGolden(audit.jsonText, "audit/fixtures.audit.json")
        try TestSupport.expectGolden(audit.csv, "audit/fixtures.audit.csv")
    }

    /// Same findings and exit status as `galley lint` over the same files.
    @Test func agreesWithLint() throws {
        let audit = try Self.audit()
        let lint = try TestSupport.runGalley(["lint", "--format", "json"] + Self.folders)
        #expect(audit.result.status == lint.status)
        #expect(audit.result.status == 1)
        let diagnostics = try JSONValue.parse(lint.stdout)["diagnostics"]?.elements ?? []
        let lintFindings = diagnostics.map { "\($0["path"]?.string ?? ""):\(number($0["line"])):\(number($0["column"])) \($0["ruleId"]?.string ?? "") \($0["message"]?.string ?? "")" }
        var auditFindings: [String] = []
        for article in audit.json["articles"]?.elements ?? [] {
            for finding in article["findings"]?.elements ?? [] {
                auditFindings.append("\(article["path"]?.string ?? ""):\(number(finding["line"])):\(number(finding["column"])) \(finding["rule"]?.string ?? "") \(finding["message"]?.string ?? "")")
            }
        }
        #expect(auditFindings == lintFindings)
        #expect(lintFindings.count > 40)
    }

    /// The HTML page shows the JSON's numbers: every headline figure and every article's row.
    @Test func htmlShowsTheJSONNumbers() throws {
        let audit = try Self.audit()
        let totals = try #require(audit.json["totals"])
        for key in ["articles", "words", "errors", "warnings", "cleanArticles", "medianReadingEase", "medianGrade"] {
            let shown = try #require(Self.capture("data-total=\"\(key)\"><strong>([^<]*)</strong>", in: audit.html).first, "\(key)")
            let expected = key.hasPrefix("median") ? score(totals[key]) : number(totals[key])
            #expect(shown.replacingOccurrences(of: ",", with: "") == expected, "\(key)")
        }
        let rows = Self.tableRows(audit.html)
        let articles = audit.json["articles"]?.elements ?? []
        #expect(rows.count == articles.count)
        #expect(rows.count == Int(number(totals["articles"])))
        for (row, article) in zip(rows, articles) {
            let expected = [article["path"]?.string ?? "", article["title"]?.string ?? "", number(article["words"]), score(article["readingEase"]),
                            score(article["grade"]), number(article["errors"]), number(article["warnings"]),
                            (article["rules"]?.elements ?? []).compactMap(\.string).joined(separator: ", ")]
            #expect(row == expected)
        }
        // The histogram counts every scored article once.
        let bands = audit.json["readingEase"]?.elements ?? []
        let scored = articles.filter { score($0["readingEase"]) != "–" }.count
        #expect(bands.map { Int(number($0["articles"])) ?? 0 }.reduce(0, +) == scored)
        for band in bands {
            #expect(audit.html.contains("<title>\(number(band["from"]))–\(number(band["to"])) (\(band["label"]?.string ?? "")): \(number(band["articles"])) articles</title>"))
        }
    }

    @Test func csvCarriesTheJSONRows() throws {
        let audit = try Self.audit()
        let lines = audit.csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "path,title,format,language,words,readingEase,grade,errors,warnings,notes,rules")
        let articles = audit.json["articles"]?.elements ?? []
        #expect(lines.count - 1 == articles.count)
        for (line, article) in zip(lines.dropFirst(), articles) {
            let expected = [article["path"]?.string ?? "", article["title"]?.string ?? "", article["format"]?.string ?? "",
                            article["language"]?.string ?? "", number(article["words"], none: ""),
                            score(article["readingEase"], none: ""), score(article["grade"], none: ""), number(article["errors"]),
                            number(article["warnings"]), number(article["notes"]), (article["rules"]?.elements ?? []).compactMap(\.string).joined(separator: " ")]
            #expect(Self.csvFields(line) == expected)
        }
    }

    /// Words, reading ease and grade are those `galley metrics` reports, rounded to one decimal.
    @Test func readabilityMatchesMetrics() throws {
        let audit = try Self.audit(["Fixtures/explainer", "Fixtures/defective/tone.md"])
        let metrics = try TestSupport.runGalley(["metrics", "--format", "json", "Fixtures/explainer", "Fixtures/defective/tone.md"])
        let files = try JSONValue.parse(metrics.stdout)["files"]?.elements ?? []
        let articles = audit.json["articles"]?.elements ?? []
        #expect(files.count == articles.count)
        for (file, article) in zip(files, articles) {
            #expect(file["path"]?.string == article["path"]?.string)
            #expect(number(file["counts"]?["words"]) == number(article["words"]))
            for (metric, key) in [("flesch-reading-ease", "readingEase"), ("flesch-kincaid-grade", "grade")] {
                guard case .number(let exact)? = file["scores"]?[metric], case .number(let shown)? = article[key] else {
                    Issue.record("\(metric) missing")
                    continue
                }
                #expect(abs(exact - shown) <= 0.051, "\(metric) \(exact) vs \(shown)")
            }
        }
    }

    @Test func theSameReportWithOneThreadOrMany() throws {
        let one = try Self.audit(["--jobs", "1"] + Self.folders)
        let many = try Self.audit(["--jobs", "8"] + Self.folders)
        #expect(one.jsonText == many.jsonText)
        #expect(one.html == many.html)
        #expect(one.csv == many.csv)
    }

    /// No stylesheet, script, font or image is fetched: the page is the whole report.
    @Test func htmlIsSelfContained() throws {
        let html = try Self.audit().html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for external in ["<link", " src=", "@import", "url(", "http://", "https://"] {
            #expect(!html.contains(external), "\(external)")
        }
        #expect(html.contains("<svg"))
        #expect(html.contains("<script>"))
        // Every link to an article's findings has its target.
        let targets = Set(Self.capture("<section id=\"(a[0-9]+)\">", in: html))
        let links = Set(Self.capture("href=\"#(a[0-9]+)\"", in: html))
        #expect(!links.isEmpty)
        #expect(links == targets)
    }

    /// Titles come from the articles: they are escaped in HTML and defused in CSV.
    @Test func untrustedTitlesAreEscaped() throws {
        let directory = try TestSupport.temporaryDirectory()
        let article = "---\ntitle: \"=HYPERLINK(\\\"x\\\") <script>alert(1)</script>, & more\"\n---\n\n# Heading\n\nSome prose here.\n"
        try article.write(toFile: "\(directory)/evil.md", atomically: true, encoding: .utf8)
        let audit = try Self.audit(["\(directory)/evil.md"])
        #expect(!audit.html.contains("<script>alert"))
        #expect(audit.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;, &amp; more"))
        #expect(audit.csv.contains(",\"'=HYPERLINK(\"\"x\"\") <script>alert(1)</script>, & more\","))
        #expect(audit.json["articles"]?.elements.first?["title"]?.string == "=HYPERLINK(\"x\") <script>alert(1)</script>, & more")
    }

    @Test func aCleanLibraryExitsZero() throws {
        let audit = try Self.audit(["Fixtures/explainer"])
        #expect(audit.result.status == 0, "\(audit.result.stderr)")
        #expect(audit.result.stderr.contains("0 errors, 0 warnings in 4 files; 4 clean"))
        #expect(audit.html.contains("No rule was broken."))
    }

    @Test func usageAndConfigurationErrors() throws {
        let directory = try TestSupport.temporaryDirectory()
        let noOutput = try TestSupport.runGalley(["audit", "Fixtures/explainer"])
        #expect(noOutput.status == 2)
        #expect(noOutput.stderr.contains("audit needs somewhere to write"))
        let twice = try TestSupport.runGalley(["audit", "--csv", "\(directory)/x", "--json", "\(directory)/x", "Fixtures/explainer"])
        #expect(twice.status == 2)
        let badJobs = try TestSupport.runGalley(["audit", "--csv", "\(directory)/x", "--jobs", "0", "Fixtures/explainer"])
        #expect(badJobs.status == 2)
        #expect(badJobs.stderr.contains("--jobs needs"))
        let broken = try TestSupport.runGalley(["audit", "--csv", "\(directory)/broken.csv", "Fixtures/config/broken"])
        #expect(broken.status == 2)
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/broken.csv"))
        let unwritable = try TestSupport.runGalley(["audit", "--csv", "\(directory)/missing/folder/x.csv", "Fixtures/explainer"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write"))
        let help = try TestSupport.runGalley(["help", "audit"])
        #expect(help.stdout.contains("usage: galley audit"))
    }

    // MARK: Helpers

    static func capture(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            String(text[Range(match.range(at: 1), in: text)!])
        }
    }

    /// The visible text of each cell of the table of every article, thousands separators removed
    /// from the numbers.
    static func tableRows(_ html: String) -> [[String]] {
        let body = html.components(separatedBy: "<table id=\"articles\">")[1].components(separatedBy: "</tbody>")[0]
        return capture("<tr data-errors=\"[0-9]+\">(.*?)</tr>", in: body).map { row in
            capture("<td[^>]*>(.*?)</td>", in: row).enumerated().map { index, cell in
                let text = cell.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                    .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                return (2...6).contains(index) ? text.replacingOccurrences(of: ",", with: "") : text
            }
        }
    }

    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previousQuote = false
        for character in line {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true } else { field.append(character) }
            } else if character == "\"" {
                if previousQuote { field.append("\"") }
                quoted = true
            } else if character == "," {
                fields.append(field); field = ""
            } else {
                field.append(character)
            }
            if character != "\"" { previousQuote = false }
        }
        return fields + [field]
    }
}

/// A JSON number as the reports print it ("45.2", "12"), `none` for null.
private func number(_ value: JSONValue?, none: String = "–") -> String {
    guard case .number(let number)? = value else { return none }
    return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
}

/// A score as the reports print it: one decimal ("54.0").
private func score(_ value: JSONValue?, none: String = "–") -> String {
    guard case .number(let number)? = value else { return none }
    return AuditNumber.format(number)
}
