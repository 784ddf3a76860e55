import Testing
@testable import GalleyKit
import SystemIO

/// The pieces of the Markdown reader on their own: what is blanked before parsing, how raw HTML
/// is cut up, TOML front matter, and what a folder walk leaves out.
@Suite struct MaskedSourceTests {
    private func masked(_ text: String, templates: Set<TemplateLanguage>? = nil, mdx: Bool = false) -> MaskedSource {
        let bytes = Array(text.utf8)
        return MarkdownReader.prepare(bytes, original: bytes, options: ReaderOptions(templates: templates), mdx: mdx)
    }

    @Test func blanksKeepLengthAndLineBreaks() {
        let text = "Hi {{ user }}!\n{% if x %}\n{% endif %}\nEnd.\n"
        let mask = masked(text)
        #expect(mask.bytes.count == text.utf8.count)
        #expect(mask.bytes.enumerated().filter { $0.element == 0x0A }.map(\.offset) == Array(text.utf8).enumerated().filter { $0.element == 0x0A }.map(\.offset))
        // Inside a line of text: placeholders, so the line keeps its shape; alone on a line: spaces.
        #expect(String(decoding: mask.bytes, as: UTF8.self) == "Hi \u{1A}\u{1A}\u{1A}\u{1A}\u{1A}\u{1A}\u{1A}\u{1A}\u{1A}\u{1A}!\n          \n           \nEnd.\n")
    }

    @Test func aLineStartingWithATagIsNotIndentedCode() throws {
        let document = TestSupport.document("Intro.\n\n{{ site.name }} is a tool.\n")
        #expect(document.blocks.map(\.text.text) == ["Intro.", "is a tool."])
        #expect(document.blocks[1].kind == .paragraph)
    }

    @Test func configuredLanguagesOnly() {
        let text = "A {{< ref \"x\" >}} and {{ y }} and {% z %}.\n"
        #expect(masked(text, templates: [.hugo]).ignored.count == 2)
        // Liquid reads `{{< … >}}` as output too (and would fail on it): not prose either way.
        #expect(masked(text, templates: [.liquid]).ignored.count == 3)
        #expect(masked(text, templates: []).ignored.isEmpty)
        #expect(masked(text).templateLanguages.map(\.language) == [.liquid, .hugo])
    }

    @Test func templatesNeverHalfInCode() {
        // `{{` and `}}` in two code spans are not a tag: the word between is prose.
        let document = TestSupport.document("Delimited by `{{`&nbsp;and&nbsp;`}}` in templates.\n")
        #expect(document.blocks.first?.text.text == "Delimited by \u{A0}and\u{A0} in templates.")
    }

    @Test func unclosedTagsStayText() {
        let document = TestSupport.document("A brace {% never closed and {{ neither.\n")
        #expect(document.blocks.first?.text.text == "A brace {% never closed and {{ neither.")
    }

    @Test func hostileInputStaysLinear() {
        // Every opener scans only to the next one: 200,000 of them read at once.
        let text = String(repeating: "{%{{{#", count: 50_000)
        let mask = masked(text, mdx: true)
        #expect(mask.bytes.count == text.utf8.count)
    }

    @Test func attributeListsNeedTheirPlace() {
        let document = TestSupport.document("# Title {#top}\n\nA set {a=1} of braces {#x} in prose.\n")
        #expect(document.blocks[0].anchor == "top")
        #expect(document.anchors == ["top"])
        #expect(document.blocks[0].text.text == "Title")
        // Pandoc attributes only at a line's end or after a span: these braces are prose.
        #expect(document.blocks[1].text.text == "A set {a=1} of braces {#x} in prose.")
    }

    @Test func admonitionsNestAndRunToTheEnd() {
        let document = TestSupport.document("::::note Outer\n:::tip Inner\nText.\n:::\n::::\n\n:::warning\nLast words.\n")
        #expect(document.blocks.map(\.text.text) == ["Text.", "Last words."])
        #expect(document.ignored.filter { $0.kind == .admonition }.count == 5)
    }

    @Test func mdxStatementsWithoutBraces() {
        let document = TestSupport.document("# Page\n\nimport Sites from './sites.astro';\n\nText.\n", format: .mdx, path: "a.mdx")
        #expect(document.blocks.map(\.text.text) == ["Page", "Text."])
    }

    @Test func mdxAttributeExpressionsKeepTheTag() {
        let document = TestSupport.document("<Card title=\"Hello there\" icon={<Icon name=\"x\" />} />\n\nAfter.\n", format: .mdx, path: "a.mdx")
        #expect(document.blocks.map(\.text.text) == ["Hello there", "After."])
    }
}

@Suite struct HTMLFragmentsTests {
    private func parts(_ html: String) -> [HTMLFragments.Part] {
        HTMLFragments.parts(of: SourceRange(start: 0, end: html.utf8.count), in: Array(html.utf8))
    }

    @Test func closesOfEarlierPiecesSplitThePiece() {
        #expect(parts("</details>\n<p>Next</p>") == [.close(name: "details", at: 0), .html(SourceRange(start: 10, end: 22), leftOpen: [])])
        #expect(parts("<details>\n<summary>Q</summary>") == [.html(SourceRange(start: 0, end: 30), leftOpen: [0])])
    }

    @Test func voidAndOptionalEndElementsAreNotHeldOpen() {
        #expect(parts("<img src=x><br><p>text") == [.html(SourceRange(start: 0, end: 22), leftOpen: [])])
    }

    @Test func markdownElementsSplitIntoMarkdown() {
        let html = "<aside markdown=\"1\">\n*hi*\n</aside>"
        #expect(parts(html) == [.html(SourceRange(start: 0, end: 20), leftOpen: [0]), .markdown(SourceRange(start: 20, end: 26)),
                                .close(name: "aside", at: 26)])
    }

    @Test func scriptContentIsNotTags() {
        let html = Array("<script>if (a<b) {}</script><i>".utf8)
        #expect(HTMLFragments.scanTags(0..<html.count, in: html).map(\.name) == ["script", "script", "i"])
    }
}

@Suite struct TOMLFrontMatterTests {
    private func read(_ toml: String) -> Document {
        TestSupport.document("+++\n" + toml + "+++\n\n# Body\n")
    }

    @Test func valuesOfEveryKind() throws {
        let document = read("""
        title = "Café \\u00e9 \\"quoted\\""
        literal = 'C:\\path'
        count = 1_000
        hex = 0xff
        ratio = 0.5
        draft = true
        date = 2024-05-01 10:00:00
        tags = [ "a", 'b',
          "c", ]  # trailing comma
        inline = { name = "x", nested.deep = 1 }
        site.owner = "me"
        multi = \"\"\"
        One \\
          line\"\"\"
        [params]
        author = "Someone"
        [[menu.main]]
        name = "Home"
        [[menu.main]]
        name = "Docs"

        """)
        #expect(document.issues.isEmpty, "\(document.issues.map(\.message))")
        #expect(document.metadata["title"]?.value.text == "Café é \"quoted\"")
        #expect(document.metadata["literal"]?.value.text == "C:\\path")
        #expect(document.metadata["count"]?.value.text == "1000")
        #expect(document.metadata["hex"]?.value.text == "255")
        #expect(document.metadata["ratio"]?.value.text == "0.5")
        #expect(document.metadata["draft"]?.value.text == "true")
        #expect(document.metadata["date"]?.value.text == "2024-05-01 10:00:00")
        #expect(document.metadata["tags"]?.value.items.compactMap(\.text) == ["a", "b", "c"])
        #expect(document.metadata["multi"]?.value.text == "One line")
        guard case .map(let inline)? = document.metadata["inline"]?.value else { Issue.record("inline table"); return }
        #expect(inline.map(\.key) == ["name", "nested"])
        guard case .list(let menus)? = document.metadata["menu"]?.value.mapValue("main") else { Issue.record("array of tables"); return }
        #expect(menus.count == 2)
        // Strings map to their place in the file: "Café" starts at line 2, column 10.
        if case .string(let title)? = document.metadata["title"]?.value {
            #expect(document.location(of: title.sourceRange.start).description == "2:10")
            let quote = title.sourceRange(ofTextRange: 9..<10)
            #expect(document.source.text(quote) == "\\\"")
        }
    }

    @Test(arguments: [
        ("title = \"x\"\ntitle = \"y\"\n", "3:1", "duplicate key 'title'"),
        ("[a]\nx = 1\n[a]\n", "4:2", "table 'a' is defined twice"),
        ("title = x\n", "2:9", "'x' is not a TOML value"),
        ("title \"x\"\n", "2:7", "expected '='"),
        ("s = \"open\n", "2:5", "the string is never closed"),
        ("a = 1 b = 2\n", "2:7", "expected the end of the line"),
    ])
    func errorsAtTheirPlace(toml: String, at: String, message: String) {
        let document = read(toml)
        let issue = document.issues.first
        #expect(issue.map { document.location(of: $0.offset).description } == at)
        #expect(issue?.message.contains(message) == true, "\(issue?.message ?? "none")")
    }

    @Test func deepNestingIsBounded() {
        let document = read("a = " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n")
        #expect(document.issues.first?.message.contains("nesting deeper than") == true)
    }
}

@Suite struct IgnoreFilesTests {
    @Test func gitignoreSyntax() {
        let rules = IgnoreRules(lines: IgnoreRules.parse(Array("# comment\n*.tmp.md\n!keep.tmp.md\n/top.md\ndocs/**/draft-*.md\nbuild/\n\\#hash.md\n".utf8),
                                                        base: "/site"))
        #expect(rules.ignores("/site/a/x.tmp.md", isFolder: false))
        #expect(!rules.ignores("/site/keep.tmp.md", isFolder: false))
        #expect(rules.ignores("/site/top.md", isFolder: false))
        #expect(!rules.ignores("/site/sub/top.md", isFolder: false))
        #expect(rules.ignores("/site/docs/a/b/draft-1.md", isFolder: false))
        #expect(rules.ignores("/site/x/build", isFolder: true))
        #expect(!rules.ignores("/site/x/build", isFolder: false))
        #expect(rules.ignores("/site/#hash.md", isFolder: false))
        #expect(!rules.ignores("/other/top.md", isFolder: false))
    }

    @Test func defaultsAndTheirOverride() throws {
        let root = try HostileSupport.folder([
            "a.md": "# A\n", "node_modules/p/readme.md": "# P\n", "_site/index.html": "<h1>S</h1>", "public/x.md": "# X\n",
            "vendor/v.md": "# V\n", "drafts/d.md": "# D\n", "docs/sub/private.md": "# Q\n", "docs/sub/s.md": "# S\n",
            ".gitignore": "drafts/\n", "docs/sub/.gitignore": "private.md\n", ".galleyignore": "!public/\n",
        ])
        let names = { (result: FileDiscovery.Result) in result.files.map { String($0.dropFirst(root.count + 1)) } }
        #expect(names(FileDiscovery.expand([root])) == ["a.md", "docs/sub/s.md", "public/x.md"])
        #expect(names(FileDiscovery.expand([root], honoringIgnoreFiles: false)).count == 8)
        // A file named on the command line is read whatever the ignore files say.
        #expect(FileDiscovery.expand([root + "/drafts/d.md"]).files.count == 1)
        // A folder walked below the root still obeys the ignore files above it.
        #expect(names(FileDiscovery.expand([root + "/docs"])) == ["docs/sub/s.md"])
    }
}

private extension MetadataValue {
    func mapValue(_ key: String) -> MetadataValue? {
        guard case .map(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }
}
