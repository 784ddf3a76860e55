import Testing
@testable import GalleyKit

/// Web pages as sites publish them: the article found inside the chrome, build folders of static
/// site generators, configured selectors, and files that are not articles at all.
@Suite struct HTMLPageTests {
    /// What Galley reads (`galley dump`, through the configuration) and reports (`galley lint`).
    @Test(arguments: [
        ("sphinx-page", ["Fixtures/html/sphinx/_build/html/index.html"]),
        ("hugo-post", ["Fixtures/html/hugo/public/posts/first-frost/index.html"]),
        ("configured", ["Fixtures/html/configured/reset-password.html", "Fixtures/html/configured/legacy/printing.html"]),
    ])
    func dumpAndLint(name: String, files: [String]) throws {
        let dump = try TestSupport.runGalley(["dump"] + files)
        #expect(dump.status == 0)
        try TestSupport.expectGolden(dump.stdout, "html/golden/\(name).document.txt")
        let lint = try TestSupport.runGalley(["lint"] + files)
        try TestSupport.expectGolden(lint.stdout, "html/golden/\(name).lint.txt")
    }

    /// A static site's build folder, named on the command line: articles are linted, feeds,
    /// sitemaps, search descriptions, redirects and pages of links are skipped with a note
    /// (and silently with --only-articles).
    @Test(arguments: [("sphinx", "Fixtures/html/sphinx/_build/html"), ("hugo", "Fixtures/html/hugo/public")])
    func buildFolder(name: String, folder: String) throws {
        let lint = try TestSupport.runGalley(["lint", folder])
        try TestSupport.expectGolden(lint.stdout, "html/golden/\(name)-folder.lint.txt")
        let notes = lint.stdout.split(separator: "\n").filter { $0.contains(": note: skipped: ") }
        #expect(notes.count >= 2)
        let quiet = try TestSupport.runGalley(["lint", "--only-articles", folder])
        #expect(!quiet.stdout.contains("[skipped-file]"))
        #expect(quiet.stdout.split(separator: "\n").count == lint.stdout.split(separator: "\n").count - notes.count)
    }

    // MARK: Choosing the content root

    private func read(_ html: String, options: HTMLOptions = HTMLOptions()) -> Document {
        var readerOptions = ReaderOptions()
        readerOptions.html = options
        return ArticleFormats.read(path: "page.html", bytes: Array(html.utf8), format: .html, options: readerOptions)
    }

    private func texts(_ document: Document) -> [String] { document.blocks.map(\.text.text) }

    @Test func mainAndItsOnlyArticle() {
        let page = read("""
            <body><header><h1>Site</h1><nav><a href=/>Home</a></nav></header>
            <main><article><h1>Title</h1><p>Body text of the article, long enough to count.</p></article>
            <aside><p>Related reading for later.</p></aside></main><footer><p>Footer text.</p></footer></body>
            """)
        #expect(texts(page) == ["Title", "Body text of the article, long enough to count."])
        #expect(page.extraction?.reason == "the only <article> in the page's <main>")
    }

    @Test func anAsideInsideTheArticleIsItsOwn() {
        let page = read("<body><article><h1>Title</h1><p>Text of the article.</p><aside><p>A side note.</p></aside></article><aside><p>Ads.</p></aside></body>")
        #expect(texts(page) == ["Title", "Text of the article.", "A side note."])
    }

    @Test func anEmptyMainGivesWayToTheArticle() {
        let page = read("""
            <body><main><div class="ad">Advertisement</div></main>
            <article><h1>Title</h1><p>The article holds all of the page's text, which is what matters here.</p></article></body>
            """)
        #expect(page.extraction?.reason == "the page's only <article>")
        #expect(texts(page).first == "Title")
    }

    @Test func theTitleHeadingBeforeTheContentIsRead() {
        let page = read("""
            <head><title>How to prune roses | Garden Site</title></head>
            <body><header><h1>Garden Site</h1></header><div class="post"><h1>How to prune roses</h1>
            <div class="meta">By A. Gardener</div><main><p>Cut just above an outward-facing bud, at an angle.</p></main></div></body>
            """)
        #expect(texts(page) == ["How to prune roses", "Cut just above an outward-facing bud, at an angle."])
    }

    @Test func theSiteNameInThePageHeaderIsNotTheTitle() {
        let page = read("""
            <head><title>How to prune roses | Garden Site</title></head>
            <body><header><h1>Garden Site</h1></header><main><p>Cut just above an outward-facing bud, at an angle.</p></main></body>
            """)
        #expect(!texts(page).contains("Garden Site"))
    }

    @Test func aPageWithoutMarksIsScored() {
        let paragraph = "<p>A long paragraph of the article, with commas, clauses and enough words to score, as articles do.</p>"
        let page = read("""
            <body><div id="top"><a href=/>Home</a> <a href=/a>A</a> <a href=/b>B</a></div>
            <div id="sidebar"><p>Links you may like.</p></div>
            <div class="story"><h1>The story</h1>\(String(repeating: paragraph, count: 4))</div>
            <div id="footer">Copyright.</div></body>
            """)
        #expect(page.extraction?.roots.map(\.description) == ["<div class=\"story\">"])
        #expect(texts(page).first == "The story")
        #expect(!texts(page).contains("Copyright."))
    }

    @Test func permalinksHiddenElementsAndControlsAreLeftOut() {
        let page = read("""
            <body><main><h2>Heading<a class="headerlink" href="#h">¶</a></h2><h3 id="x">Other <a href="#x">#</a></h3>
            <p>Text <span hidden>secret</span><span aria-hidden="true">icon</span><span style="display: none">gone</span>.</p>
            <p><a href="#fn1">[1]</a> stays, as does <a href="#top">the top</a>.</p>
            <button>Print</button><form><p>Subscribe to our list.</p></form><noscript><p>Enable JavaScript.</p></noscript></main></body>
            """)
        #expect(texts(page) == ["Heading", "Other", "Text .", "[1] stays, as does the top."])
    }

    @Test func accordionButtonsAreHeadingsAndTheirHiddenPanelsAreRead() {
        let page = read("""
            <body><main><h2>Help</h2><button aria-expanded="false" aria-controls="p1">Is it legal in the U.S.?</button>
            <div id="p1" hidden><p>Yes, in every state.</p></div></main></body>
            """)
        #expect(page.blocks.map { "\($0.kind == .heading ? "h\($0.level)" : $0.kind.rawValue) \($0.text.text)" }
                == ["h2 Help", "h3 Is it legal in the U.S.?", "paragraph Yes, in every state."])
    }

    // MARK: Metadata

    @Test func theSiteNameIsCutFromTheTitle() {
        var options = HTMLOptions()
        options.titleSeparators = [" | "]
        let page = read("<head><title>How to X | Help Centre</title></head><body><p>Text.</p></body>", options: options)
        #expect(page.metadata["title"]?.value.text == "How to X")
        #expect(read("<head><title>No separator</title></head><body><p>Text.</p></body>", options: options).metadata["title"]?.value.text == "No separator")
    }

    @Test func socialCardsAndJSONLDStandInForMissingMetadata() {
        let page = read("""
            <head><meta property="og:description" content="From the card.">
            <script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "headline": "From JSON-LD", "description": "Also JSON-LD."}]}</script></head>
            <body><main><p>Text.</p></main></body>
            """)
        #expect(page.metadata["title"]?.value.text == "From JSON-LD")
        #expect(page.metadata["title"]?.origin == .jsonLD)
        #expect(page.metadata["description"]?.value.text == "From the card.")
        #expect(page.metadata["json-ld:description"]?.value.text == "Also JSON-LD.")
    }

    // MARK: Parse problems

    @Test func duplicateIdsAreOneNote() {
        let page = read("<body><main><p id=a>One.</p><p id=a>Two.</p><p id=b>Three.</p><p id=b>Four.</p></main></body>")
        let parse = page.issues.filter { $0.kind == .parse }
        #expect(parse.count == 1)
        #expect(parse.first?.severity == .note)
        #expect(parse.first?.message == "ID a already defined (and 1 more duplicate id)")
    }

    @Test func parseErrorSeverityIsConfigured() throws {
        let folder = try TestSupport.temporaryDirectory()
        try "<html><body><main><h1>Title</h1><p>x <b>y</p><p id=a>1</p><p id=a>2</p></main></body></html>\n"
            .write(toFile: folder + "/page.html", atomically: true, encoding: .utf8)
        try "rules:\n  parse-error: warning\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        let warned = try TestSupport.runGalley(["lint", "page.html"], in: folder)
        #expect(warned.stdout.contains("warning: Opening and ending tag mismatch: p and b [parse-error]"))
        #expect(warned.stdout.contains("note: ID a already defined [parse-error]"), "a note stays a note")
        try "rules:\n  parse-error: off\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        #expect(try !TestSupport.runGalley(["lint", "page.html"], in: folder).stdout.contains("parse-error"))
        try "overrides:\n  - files: ['*.html']\n    rules: {parse-error: note}\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        #expect(try TestSupport.runGalley(["lint", "page.html"], in: folder).stdout.contains("note: Opening and ending tag mismatch"))
    }

    // MARK: Not articles

    @Test(arguments: [
        ("feed.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>", "<rss> is an RSS feed"),
        ("atom.xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title></feed>", "<feed> is an Atom feed"),
        ("image.xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Hi</text></svg>", "<svg> is an SVG image"),
        ("data.xml", "<inventory><item>Box</item></inventory>", "the root element <inventory> is no article vocabulary"),
        ("moved.html", "<html><head><meta http-equiv=\"refresh\" content=\"0;url=/new/\"></head><body>Moved.</body></html>", "the page redirects to '/new/'"),
        ("tag.html", "<html><body><main><h1>Tag: x</h1><ul><li><a href=/a>A</a></li></ul></main></body></html>", "no text of its own besides headings and links"),
    ])
    func notArticles(name: String, content: String, reason: String) throws {
        let folder = try TestSupport.temporaryDirectory()
        try content.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        let named = try TestSupport.runGalley(["lint", name], in: folder)
        #expect(named.status == 0)
        #expect(named.stdout.hasPrefix("\(name):1:1: note: skipped: "), "\(named.stdout)")
        #expect(named.stdout.contains(reason), "\(named.stdout)")
        #expect(named.stdout.split(separator: "\n").count == 1)
        let quiet = try TestSupport.runGalley(["lint", "--only-articles", name], in: folder)
        #expect(quiet.stdout.isEmpty)
        let dump = try TestSupport.runGalley(["dump", name], in: folder)
        #expect(dump.stdout.contains("not an article: "))
    }

    @Test func docBookWithoutANamespaceIsStillAnArticle() {
        let document = ArticleFormats.read(path: "a.xml", bytes: Array("<article><title>T</title><para>Text.</para></article>".utf8), format: .xml)
        #expect(document.isArticle)
    }
}
