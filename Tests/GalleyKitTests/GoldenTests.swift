import Foundation
import Testing
@testable import GalleyKit

/// The document model and the lint output are contracts: both are compared with golden files.
@Suite struct GoldenTests {
    static let articles = [
        "explainer/explainer.md", "explainer/explainer.html", "explainer/explainer.xml", "explainer/explainer.yml",
        "defective/skipped-levels.md", "defective/skipped-levels.html", "defective/skipped-levels.xml", "defective/skipped-levels.yml",
        "locations/probe.md", "locations/probe.html", "locations/probe.xml", "locations/probe.yml",
        "defective/tone.md",
        "faq/details.html", "faq/definition-list.html", "faq/bold-questions.md",
        "faq/yoast.html", "faq/rank-math.html", "faq/accordion.html", "faq/microdata.html", "faq/us-question.md",
        "html/chrome.html", "html/two-articles.html",
    ]

    @Test(arguments: articles)
    func documentModel(article: String) throws {
        let document = try TestSupport.read(article)
        try TestSupport.expectGolden(DocumentDump.text(of: document), article + ".document.txt")
    }

    /// `galley dump --format json` is a contract for scripts: one golden per format.
    @Test(arguments: articles.filter { $0.hasPrefix("explainer/") || $0.hasPrefix("locations/") })
    func documentJSON(article: String) throws {
        let result = try TestSupport.runGalley(["dump", "--format", "json", "Fixtures/" + article])
        #expect(result.status == 0)
        try TestSupport.expectGolden(result.stdout, article + ".document.json")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(parsed?["version"] as? Int == DocumentJSON.formatVersion)
    }

    @Test(arguments: articles)
    func lintOutput(article: String) throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/" + article])
        try TestSupport.expectGolden(result.stdout, article + ".lint.txt")
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.count
        #expect(result.status == (errors > 0 ? 1 : 0))
        #expect(result.stderr.hasSuffix(" in 1 file\n"))
    }

    /// The explainer is a well-made article in every format: no errors from the bundled rules.
    @Test(arguments: articles.filter { $0.hasPrefix("explainer/") })
    func explainerHasNoErrors(article: String) throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/" + article])
        #expect(!result.stdout.contains(": error: "))
        #expect(result.status == 0)
    }

    /// Every format reads the explainer into the same prose: same blocks, same text, same FAQ.
    @Test func formatsAgreeOnTheExplainer() throws {
        func shape(_ article: String) throws -> [String] {
            let document = try TestSupport.read(article)
            return document.blocks.map { "\($0.kind == .heading ? "h\($0.level)" : "text") \($0.role.rawValue) \($0.text.text)" }
        }
        let markdown = try shape("explainer/explainer.md")
        #expect(try shape("explainer/explainer.html") == markdown)
        #expect(try shape("explainer/explainer.yml") == markdown)
        // DocBook questions are paragraphs inside question elements, not headings.
        let docbook = try shape("explainer/explainer.xml").map { $0.replacingOccurrences(of: "text faq-question", with: "h3 faq-question") }
        #expect(docbook == markdown)
        for article in ["explainer/explainer.md", "explainer/explainer.html", "explainer/explainer.xml", "explainer/explainer.yml"] {
            let document = try TestSupport.read(article)
            #expect(document.faq?.entries.count == 4, "\(article)")
            #expect(document.lists.first?.items.count == 4, "\(article)")
            #expect(document.metadata["title"]?.value.text == "What is emotional intimacy?", "\(article)")
        }
    }
}
