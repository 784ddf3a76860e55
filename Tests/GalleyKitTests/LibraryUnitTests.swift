import Foundation
import Testing
@testable import GalleyKit

/// Heading ids as each generator makes them, from Markdown read as Galley reads it.
@Suite struct HeadingSlugTests {
    /// The headings of a Markdown page, as the facts keep them.
    static func headings(_ lines: [String]) -> [HeadingSlugs.Heading] {
        let text = lines.map { "## \($0)\n\nText.\n" }.joined(separator: "\n")
        let document = TestSupport.document(text)
        let facts = FactsExtractor(fields: []).facts(of: document)
        return facts.headings.map { HeadingSlugs.Heading(markdown: $0.text, markupID: $0.anchor) }
    }

    /// Hugo, kramdown, Jekyll's kramdown-parser-gfm and Python-Markdown themselves gave the ids in
    /// Fixtures/library/slugs (Scripts/slug-parity); Galley must give the same, heading by heading.
    @Test(arguments: ["hugo", "kramdown", "jekyll", "mkdocs"])
    func sameIDsAsTheGenerator(style: String) throws {
        let lines = try String(contentsOfFile: TestSupport.fixturePath("library/slugs/headings.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let expected = try String(contentsOfFile: TestSupport.fixturePath("library/slugs/\(style).ids"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init)
        let headings = Self.headings(lines)
        #expect(headings.count == lines.count)
        let ids = HeadingSlugs.ids(of: headings, style: try #require(HeadingSlugs.Style(rawValue: style)))
        for (index, (got, want)) in zip(ids, expected).enumerated() where want != "" || style != "jekyll" {
            #expect(got == want, "\(style): '\(lines[index])'")
        }
        #expect(ids.count == expected.count)
    }

    /// github-slugger 2 (an npm package, not runnable here): cases from its source and fixtures.
    @Test func githubSlugger() {
        let lines = ["What's new in 2.0? 🎉", "heading with a - dash", "exchange.bind_headers(exchange, routing [, bindCallback])",
                     "echo", "echo", "echo 1", "echo-1", "echo", "Café, crème & résumé", "Using `galley lint --fix`",
                     "A [link](x.md) and **bold**", "x² and ½ and Ⅻ", "Custom {#custom}"]
        let ids = HeadingSlugs.ids(of: Self.headings(lines), style: .github)
        #expect(ids == ["whats-new-in-20-", "heading-with-a---dash", "exchangebind_headersexchange-routing--bindcallback",
                        "echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2", "café-crème--résumé", "using-galley-lint---fix",
                        "a-link-and-bold", "x-and--and-ⅻ", "custom-custom"])
        // Docusaurus slugs the same way, but reads {#id}.
        #expect(HeadingSlugs.ids(of: Self.headings(["Custom {#custom}", "Examples", "Examples"]), style: .docusaurus) == ["custom", "examples", "examples-1"])
    }

    /// Attribute lists as MkDocs' attr_list writes them on real sites (Material for MkDocs):
    /// `id=` values, quoted values with spaces; footnotes' ids.
    @Test func attributeListsAndFootnotes() {
        let lines = ["with pip <small>recommended</small> { #with-pip data-toc-label=\"with pip\" }", "9.7.0 { id=\"9.7.0\" }", "Path { id=navigation-path }"]
        #expect(HeadingSlugs.ids(of: Self.headings(lines), style: .mkdocs) == ["with-pip", "9.7.0", "navigation-path"])
        #expect(HeadingSlugs.ids(of: Self.headings(lines), style: .kramdown) == ["with-pip-smallrecommendedsmall--with-pip-data-toc-labelwith-pip-", "id970-", "path--idnavigation-path-"])
        let document = TestSupport.document("# Notes\n\nText.[^one]\n\n[^one]: A note.\n\n```\n[^not]: in code\n```\n")
        let facts = FactsExtractor(fields: []).facts(of: document)
        #expect(facts.footnotes == ["one"])
        #expect(HeadingSlugs.footnoteIDs(facts.footnotes, style: .mkdocs) == ["fn:one", "fnref:one"])
    }

    /// Setext headings, closing hashes, escapes; a heading made from front matter has no id.
    @Test func headingTextAsWritten() {
        let document = TestSupport.document("Setext *title*\n==============\n\n## Closing ##\n\n## Escaped \\# and \\*stars\\*\n")
        let facts = FactsExtractor(fields: []).facts(of: document)
        #expect(facts.headings.map(\.text) == ["Setext *title*", "Closing", "Escaped \\# and \\*stars\\*"])
        #expect(facts.headings.map { MarkdownHeadingText.render($0.text) } == ["Setext title", "Closing", "Escaped # and *stars*"])
        #expect(MarkdownHeadingText.read(Array("title: x\n".utf8), start: 0, end: 8) == nil)
    }
}

/// Facts in and out of their binary form, and what reading refuses.
@Suite struct FactsCodingTests {
    static let document = TestSupport.document("""
        ---
        title: A title
        description: A description long enough.
        permalink: /guide/a/
        ---
        # A title

        See [b](b.md#part-two) and ![chart](c.png).

        <a id="raw-anchor"></a>
        <!-- galley-disable-next-line broken-links -->
        ## FAQ

        ### Is it safe?

        Yes.
        """)

    static var facts: ArticleFacts {
        let rules = BundledRules.load("library")!
        guard case .success(let set) = rules else { fatalError() }
        let linter = Linter(rules: set.rules)
        return linter.engine.inspect(document, context: linter.engine.context(for: document)).facts!
    }

    @Test func roundTrip() throws {
        let facts = Self.facts
        #expect(facts.title?.text == "A title")
        #expect(facts.field("permalink")?.values.first?.text == "/guide/a/")
        #expect(facts.links.map(\.url) == ["b.md#part-two", "c.png"])
        #expect(facts.links.map(\.isImage) == [false, true])
        #expect(facts.anchors == ["raw-anchor"])
        #expect(facts.faqQuestions.map(\.text) == ["Is it safe?"])
        #expect(facts.suppressions.map(\.ids) == [["broken-links"]])
        var store = FactsStore()
        store.append(facts, linter: 3)
        #expect(store[0] == facts)
        #expect(store.linter(0) == 3)
        let file = FactsFile.encode(store, signatures: ["a", "b", "c", "d"], shard: Shard("2/3"))
        let read = try FactsFile.decode(file)
        #expect(read.shard == "2/3")
        #expect(read.records.count == 1 && read.records[0].path == "test.md" && read.records[0].signature == 3)
    }

    /// Truncated, garbled, wrong version, counts larger than the file: refused with a reason.
    @Test func hostileFactsFiles() throws {
        var store = FactsStore()
        store.append(Self.facts, linter: 0)
        let good = FactsFile.encode(store, signatures: ["s"], shard: nil)
        for length in [0, 5, FactsFile.magic.count, good.count / 2, good.count - 1] {
            #expect(throws: FactsError.self) { try FactsFile.decode(Array(good.prefix(length))) }
        }
        var garbled = good
        garbled[good.count / 2] ^= 0xFF
        #expect(throws: FactsError.self) { try FactsFile.decode(garbled) }
        // A version from the future, with a valid checksum.
        var future = Array(good.dropLast(32))
        future[FactsFile.magic.count] = 99
        future += SHA256.hash(future)
        #expect { try FactsFile.decode(future) } throws: { ($0 as? FactsError)?.message.contains("format 99") == true }
        // A record announcing a billion headings, checksum and all: refused without allocating them.
        var writer = FactsWriter()
        writer.raw(FactsFile.magic)
        writer.number(FactsFile.formatVersion)
        writer.string("0.1.0"); writer.string(""); writer.number(1); writer.string("s"); writer.number(1)
        var record = FactsWriter()
        record.string("a.md"); record.string("markdown"); record.byte(0); record.number(0); record.number(0); record.number(1_000_000_000)
        writer.number(0); writer.number(record.bytes.count); writer.raw(record.bytes)
        let huge = writer.bytes + SHA256.hash(writer.bytes)
        #expect { try FactsFile.decode(huge) } throws: { ($0 as? FactsError)?.message.contains("count") == true }
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var split = SHA256()
        split.update(million.prefix(333))
        split.update(million.dropFirst(333))
        #expect(split.finish().map { hexByte($0) }.joined() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

/// Links followed from one article to another, as a site serves them.
@Suite struct LinkResolutionTests {
    @Test func joinResolvesDotsOnBytes() {
        #expect(Library.join("/a/b", "c.md") == "/a/b/c.md")
        #expect(Library.join("/a/b", "../c.md") == "/a/c.md")
        #expect(Library.join("/a", "../../x") == "/x")
        #expect(Library.join("/", "x/./y/") == "/x/y")
        #expect(Library.join("/site/", "/guide/setup") == "/site/guide/setup")
        #expect(Library.join("/a/b", "..") == "/a")
    }

    @Test func urlsOfOnePage() {
        #expect(Library.normalizedURL("/guide/") == Library.normalizedURL("/guide/index.html"))
        #expect(Library.normalizedURL("/guide") == Library.normalizedURL("/guide.html"))
        #expect(Library.normalizedURL("/a%20b/#x") == "/a b")
        #expect(Library.hasScheme("https://x"[...]) && Library.hasScheme("mailto:a@b"[...]) && !Library.hasScheme("./a:b"[...]) && !Library.hasScheme("a/b:c"[...]))
        var site = SiteOptions()
        site.urlPattern = "/docs/:path/"
        #expect(site.url(forRelativePath: "guide/index.md") == "/docs/guide/")
        #expect(site.url(forRelativePath: "index.md") == "/docs/")
        #expect(site.url(forRelativePath: "a/b.c.md") == "/docs/a/b.c/")
    }

    /// Relative, root-relative, extensionless, .html for .md, folder index, URL pattern,
    /// permalink (absolute and relative), other schemes, the page itself.
    @Test func everyWayALinkFindsItsArticle() {
        var store = FactsStore()
        for (path, permalink) in [("/w/site/guide/index.md", nil), ("/w/site/guide/setup.md", nil), ("/w/site/blog/post.md", "/news/one/"),
                                  ("/w/site/blog/rel.md", "two/")] {
            var facts = ArticleFacts(path: path, format: .markdown)
            if let permalink { facts.fields = [FieldFact(name: "permalink", values: [FactText(permalink, at: FactPosition())])] }
            store.append(facts, linter: 0)
        }
        var site = SiteOptions()
        site.root = "/w/site"
        site.urlPattern = "/:path/"
        let library = Library(store: store, sites: [site], workingDirectory: "/w")
        func target(_ url: String, from article: Int = 1) -> Library.LinkTarget { library.resolve(url, from: article) }
        #expect(target("index.md") == .article(0, fragment: nil))
        #expect(target("./setup#part") == .article(1, fragment: "part"))
        #expect(target("setup.html#a%20b") == .article(1, fragment: "a b"))
        #expect(target("/guide/") == .article(0, fragment: nil))
        #expect(target("/guide/setup/") == .article(1, fragment: nil))
        #expect(target("../blog/post.md") == .article(2, fragment: nil))
        #expect(target("/news/one/#x") == .article(2, fragment: "x"))
        #expect(target("/blog/two/") == .article(3, fragment: nil))
        #expect(target("#here") == .article(1, fragment: "here"))
        #expect(target("https://example.com/guide/") == .notChecked)
        #expect(target("#") == .notChecked)
        #expect(target("nothing.md") == .missing("site/guide/nothing.md"))
        #expect(target("/nothing/") == .missing("site/nothing"))
    }
}
