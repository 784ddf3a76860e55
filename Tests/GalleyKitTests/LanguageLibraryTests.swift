import Foundation
import Testing
@testable import GalleyKit

/// A small translated library (Fixtures/languages/library: one article in English, Spanish,
/// German, Japanese, Chinese, Arabic and Hindi, each written for these tests) under the house
/// style, with section names localized in its .galley.yml.
@Suite struct LanguageLibraryTests {
    static let folder = "Fixtures/languages/library"
    static let files = ["en.md": "en front-matter", "es.md": "es front-matter", "de.md": "de front-matter", "ja.md": "ja front-matter",
                        "zh.md": "zh-Hans front-matter", "ar/watering.md": "ar configuration", "hi/watering.md": "hi configuration"]

    /// Rules and checks that only mean something in English.
    static let englishOnlyRules: Set<String> = ["tone-overpromising", "tone-condescending", "plain-words", "vague-links",
                                                "readability-grade", "readability-section-grade"]

    static func lintJSON(_ paths: [String]) throws -> [JSONValue] {
        let result = try TestSupport.runGalley(["lint", "--format", "json"] + paths)
        return try JSONValue.parse(result.stdout)["diagnostics"]?.elements ?? []
    }

    @Test func everyArticleHasItsLanguage() throws {
        for (file, expected) in Self.files {
            let result = try TestSupport.runGalley(["dump", "--format", "json", "\(Self.folder)/\(file)"])
            let language = try #require(JSONValue.parse(result.stdout)["documents"]?.elements.first?["language"])
            #expect("\(language["tag"]?.string ?? "") \(language["source"]?.string ?? "")" == expected, "\(file)")
        }
    }

    /// The Spanish, German, Japanese and Chinese articles quote English that the house style's
    /// word lists would flag in an English article; none of it is reported.
    @Test func noEnglishOnlyFindingOnOtherLanguages() throws {
        let result = try TestSupport.runGalley(["lint", "--format", "json", Self.folder])
        let report = try JSONValue.parse(result.stdout)
        // Every article was linted (theQuotedEnglishWouldBeFound shows the rules would fire).
        guard case .number(let files)? = report["summary"]?["files"] else { Issue.record("no summary: \(result.stdout)"); return }
        #expect(files == Double(Self.files.count))
        let diagnostics = report["diagnostics"]?.elements ?? []
        for diagnostic in diagnostics where !(diagnostic["path"]?.string ?? "").hasSuffix("/en.md") {
            let rule = diagnostic["ruleId"]?.string ?? ""
            let message = diagnostic["message"]?.string ?? ""
            #expect(!Self.englishOnlyRules.contains(rule), "\(diagnostic["path"]?.string ?? ""): \(message) [\(rule)]")
            #expect(!message.contains("passive voice") && !message.contains("transition word"), "\(message)")
            // The FAQ questions of the Arabic, Japanese and Chinese articles end in ؟ and ？.
            #expect(rule != "heading-punctuation", "\(diagnostic["path"]?.string ?? ""): \(message)")
        }
    }

    /// The same Spanish article, declared English, gets the English findings: the rules did not
    /// pass for lack of words to find.
    @Test func theQuotedEnglishWouldBeFound() throws {
        let folder = try TestSupport.temporaryDirectory()
        let text = try String(contentsOfFile: TestSupport.fixturePath("languages/library/es.md"), encoding: .utf8)
        try text.replacingOccurrences(of: "lang: es", with: "lang: en").write(toFile: folder + "/es.md", atomically: true, encoding: .utf8)
        let rules = Set(try Self.lintJSON([folder + "/es.md"]).compactMap { $0["ruleId"]?.string })
        #expect(rules.isSuperset(of: ["tone-overpromising", "tone-condescending", "plain-words"]), "\(rules)")
    }

    /// FAQ headings in every language of the library are found, with questions ending in ？ ؟ ¿?,
    /// and the localized Quick take sections satisfy the house style.
    @Test func localizedStructurePasses() throws {
        let structural: Set<String> = ["faq-required", "faq-question-mark", "faq-answer", "faq-duplicate", "quick-take", "title-length",
                                       "description-length", "categories-required", "heading-h1"]
        for diagnostic in try Self.lintJSON([Self.folder]) {
            #expect(!structural.contains(diagnostic["ruleId"]?.string ?? ""), "\(diagnostic["path"]?.string ?? ""): \(diagnostic["message"]?.string ?? "")")
        }
        for file in Self.files.keys {
            let result = try TestSupport.runGalley(["dump", "--format", "json", "\(Self.folder)/\(file)"])
            let faq = try #require(JSONValue.parse(result.stdout)["documents"]?.elements.first?["faq"])
            #expect(faq["entries"]?.elements.count == 3, "\(file)")
        }
    }

    /// The audit scores the German and Spanish articles with their own formulas, as metrics does,
    /// and says which articles it leaves out for having no formula in their language.
    @Test func auditLeavesOutLanguagesWithoutAFormula() throws {
        let folder = try TestSupport.temporaryDirectory()
        let result = try TestSupport.runGalley(["audit", Self.folder, "--report", folder + "/audit.html", "--json", folder + "/audit.json"])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        let json = try JSONValue.parse(String(contentsOfFile: folder + "/audit.json", encoding: .utf8))
        let without = json["totals"]?["withoutReadingEaseFormula"]
        for language in ["ar", "hi", "ja", "zh-Hans"] {
            guard case .number(1)? = without?[language] else {
                Issue.record("\(language) is not counted once among the articles without a formula")
                continue
            }
        }
        let articles = json["articles"]?.elements ?? []
        let metrics = try JSONValue.parse(TestSupport.runGalley(["metrics", "--format", "json", Self.folder + "/de.md"]).stdout)
        let amstad = metrics["files"]?.elements.first?["scores"]?["flesch-amstad"]
        guard case .number(let score)? = amstad, case .number(let audited)? = articles.first(where: { $0["path"]?.string?.hasSuffix("de.md") == true })?["readingEase"] else {
            Issue.record("no German reading ease")
            return
        }
        #expect(abs(score - audited) < 0.051)
        for article in articles where ["ar", "hi", "ja", "zh-Hans"].contains(article["language"]?.string ?? "") {
            if case .number? = article["readingEase"] { Issue.record("\(article["path"]?.string ?? "") has a reading ease") }
        }
        let html = try String(contentsOfFile: folder + "/audit.html", encoding: .utf8)
        #expect(html.contains("4 in languages without a reading-ease formula are left out (ar 1, hi 1, ja 1, zh-Hans 1)"))
    }

    /// `galley metrics` says which checks do not apply: English formulas and assessments.
    @Test func metricsShowTheLanguage() throws {
        let result = try TestSupport.runGalley(["metrics", Self.folder + "/es.md"])
        #expect(result.stdout.contains("  language: es (front-matter)\n"))
        #expect(result.stdout.contains("fernandez-huerta "))
        #expect(!result.stdout.contains("flesch-kincaid-grade"))
        #expect(result.stdout.contains("passive-voice: not applicable (English only; the article is in es)"))
        let japanese = try TestSupport.runGalley(["metrics", Self.folder + "/ja.md"])
        #expect(japanese.stdout.contains("document: not applicable (no readability formula for ja)"))
    }
}
