import Testing
@testable import GalleyKit

/// Markdown as sites write it (Fixtures/markdown/): GitHub-flavoured Markdown, raw HTML, Liquid,
/// Hugo, attribute lists, MDX, front matter in three languages, the configuration's own syntax.
/// The document model and the lint output, read through `galley` so that each folder's
/// `.galley.yml` applies, are golden files.
@Suite struct MarkdownSiteTests {
    static let articles = [
        "markdown/gfm.md", "markdown/raw-html.md", "markdown/liquid.md", "markdown/hugo.md", "markdown/attributes.md",
        "markdown/headings.md", "markdown/docusaurus.mdx", "markdown/positions.md",
        "markdown/front-matter/json.md", "markdown/front-matter/unclosed.md", "markdown/front-matter/toml-error.md",
        "markdown/site-title/no-h1.md", "markdown/site-title/with-h1.md", "markdown/patterns/math.md", "markdown/html/jinja.html",
    ]

    @Test(arguments: articles)
    func documentModel(article: String) throws {
        let result = try TestSupport.runGalley(["dump", "Fixtures/" + article])
        #expect(result.status == 0, "\(result.stderr)")
        try TestSupport.expectGolden(result.stdout, article + ".document.txt")
    }

    @Test(arguments: articles)
    func lintOutput(article: String) throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/" + article])
        try TestSupport.expectGolden(result.stdout, article + ".lint.txt")
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.count
        #expect(result.status == (errors > 0 ? 1 : 0))
    }

    /// Findings land on the word, whatever stands before it on the line.
    @Test func findingsAfterSyntaxThatIsNotProse() throws {
        func lines(_ article: String) throws -> [String] {
            try TestSupport.runGalley(["lint", "Fixtures/markdown/" + article]).stdout.split(separator: "\n").map(String.init)
        }
        // After a Liquid tag: `{{ site.title }} is obviously…`, 'obviously' at column 21.
        #expect(try lines("liquid.md").contains { $0.hasPrefix("Fixtures/markdown/liquid.md:10:21: error: 'obviously'") })
        // After a shortcode on the same line.
        #expect(try lines("hugo.md").contains { $0.hasPrefix("Fixtures/markdown/hugo.md:17:54: warning: use 'use' instead of 'utilize'") })
        // After an attribute list on the line before (a block attribute list ends no sentence).
        #expect(try lines("attributes.md").contains { $0.hasPrefix("Fixtures/markdown/attributes.md:9:51: warning") })
        // Inside a table cell.
        #expect(try lines("gfm.md").contains { $0.hasPrefix("Fixtures/markdown/gfm.md:9:33: warning: use 'use' instead of 'utilize'") })
        // Inside <aside markdown="1">.
        #expect(try lines("raw-html.md").contains { $0.hasPrefix("Fixtures/markdown/raw-html.md:9:21: error: 'obviously'") })
        // An <img> without alt in Markdown, as in HTML.
        #expect(try lines("raw-html.md").contains { $0.hasPrefix("Fixtures/markdown/raw-html.md:15:6: warning: image 'chart.png' has no alt text") })
    }

    @Test func templateSyntaxIsNotProse() throws {
        let document = try TestSupport.read("markdown/liquid.md")
        let text = document.blocks.map(\.text.text).joined(separator: "\n")
        #expect(!text.contains("site.title"))
        #expect(!text.contains("Nobody reads this"))
        #expect(!text.contains("def utilize"))
        // The body of {% raw %} is what the page shows.
        #expect(text.contains("Write {{ page.title }} in a template"))
        #expect(document.templateLanguages == [TemplateLanguageUse(language: .liquid, detected: true)])
        #expect(document.links.first?.url == "{{ site.baseurl }}/docs/")
        #expect(document.blocks.first { $0.kind == .heading && $0.level == 2 }?.anchor == "details")
    }

    @Test func gfmStructure() throws {
        let document = try TestSupport.read("markdown/gfm.md")
        let cells = document.blocks.filter { $0.kind == .tableCell }
        #expect(cells.map(\.text.text) == ["Tool", "What it does", "Galley", "Lints prose and we utilize it daily", "Parses tables like this one"])
        #expect(cells.map(\.isHeader) == [true, true, false, false, false])
        #expect(document.lists.first?.items.map(\.task) == [false, true, nil])
        #expect(!document.blocks.contains { $0.text.text.contains("[ ]") || $0.text.text.contains("[x]") })
        // The footnote's text is prose; the marker is not.
        #expect(document.blocks.contains { $0.text.text == "Footnotes carry prose and the marker is not prose." })
        #expect(document.blocks.contains { $0.text.text.hasPrefix("The footnote text is prose") })
    }

    @Test func htmlHeaderCellsAreHeaderCells() {
        for (text, format, path) in [("<table><tr><th>Name</th><td>Value</td></tr></table>\n", DocumentFormat.markdown, "t.md"),
                                     ("<html><body><table><tr><th>Name</th><td>Value</td></tr></table></body></html>", .html, "t.html")] {
            let document = TestSupport.document(text, format: format, path: path)
            #expect(document.blocks.filter { $0.kind == .tableCell }.map(\.isHeader) == [true, false], "\(format)")
        }
    }

    @Test func mdxSyntaxIsNotProse() throws {
        let document = try TestSupport.read("markdown/docusaurus.mdx")
        #expect(document.format == .mdx)
        let text = document.blocks.map(\.text.text).joined(separator: "\n")
        for absent in ["import", "export", "props.name", "A comment", "Pro tip", "groupId", ":::"] {
            #expect(!text.contains(absent), "\(absent)")
        }
        #expect(document.blocks.contains { $0.kind == .caption && $0.text.text == "Getting started simply" })
        #expect(document.ignored.map(\.kind) == [.mdxStatement, .mdxExpression, .mdxExpression, .mdxExpression, .admonition, .admonition])
    }

    @Test func frontMatterTitleCountsAsTheH1WhenConfigured() throws {
        let configured = try TestSupport.runGalley(["lint", "Fixtures/markdown/site-title/no-h1.md"])
        #expect(!configured.stdout.contains("heading-h1"))
        #expect(!configured.stdout.contains("heading-increment"))
        let plain = ArticleFormats.read(path: "no-h1.md", bytes: try TestSupport.fixtureBytes("markdown/site-title/no-h1.md"), format: .markdown)
        #expect(!plain.blocks.contains { $0.isFrontMatterTitle })
    }
}
