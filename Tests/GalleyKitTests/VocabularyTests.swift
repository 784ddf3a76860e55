import Testing
import YAMLParser
@testable import GalleyKit

/// A non-DocBook XML vocabulary mapped with XPath expressions from configuration.
@Suite struct VocabularyTests {
    static func loadMapping(_ yaml: String, path: String = "vocabulary.yml") throws -> (XMLVocabularyMapping?, [ConfigError]) {
        let file = YAMLFile(path: path, source: SourceText(utf8: yaml))
        let node = try #require(try YAMLParser.parse(file.source.bytes).documents.first)
        var errors: [ConfigError] = []
        let mapping = XMLVocabularyConfig.mapping(from: node, file: file, errors: &errors)
        return (mapping, errors)
    }

    @Test func storyVocabularyReadsLikeAnArticle() throws {
        var loader = ConfigurationLoader()
        let configuration = try loader.load(TestSupport.fixturePath("vocabulary/.galley.yml")).get()
        #expect(configuration.xmlMappings.count == 1)
        let document = ArticleFormats.read(path: "story.xml", bytes: try TestSupport.fixtureBytes("vocabulary/story.xml"),
                                           format: .xml, options: configuration.readerOptions())
        try TestSupport.expectGolden(DocumentDump.text(of: document), "vocabulary/story.xml.document.txt")
        #expect(document.metadata["title"]?.value.text == "What is emotional intimacy?")
        #expect(document.metadata["categories"]?.value.items.compactMap(\.text) == ["Communication", "Dating"])
        #expect(document.headings.map { document.blocks[$0].level } == [1, 2, 2, 3, 2])
        #expect(document.lists.first?.items.count == 2)
        #expect(document.faq?.entries.count == 2)
        #expect(document.faq?.origin == .mapped)
        #expect(!document.blocks.contains { $0.text.text.contains("not prose") })
    }

    /// The nearest .galley.yml brings the mapping to `galley dump` and `galley lint`.
    @Test func theCommandLineUsesTheConfiguredMapping() throws {
        let dump = try TestSupport.runGalley(["dump", "Fixtures/vocabulary/story.xml"])
        #expect(dump.status == 0)
        try TestSupport.expectGolden(dump.stdout, "vocabulary/story.xml.document.txt")
        let lint = try TestSupport.runGalley(["lint", "Fixtures/vocabulary/story.xml"])
        #expect(!lint.stdout.contains("[heading-h1]"))
        #expect(!lint.stdout.contains("has no FAQ"))
        #expect(lint.stdout.contains("story.xml:25:5: error: the FAQ has 2 questions; at least 3 [faq-required]"))
    }

    @Test func withoutTheMappingTheDocumentIsReadAsDocBook() throws {
        let document = ArticleFormats.read(path: "story.xml", bytes: try TestSupport.fixtureBytes("vocabulary/story.xml"), format: .xml)
        #expect(document.headings.isEmpty)
        #expect(document.metadata["title"] == nil)
    }

    @Test func badExpressionsAndUnknownKeysAreReportedWithTheirPosition() throws {
        let (_, errors) = try Self.loadMapping("root: story\nparagraphs: //graf[\nparagrafs: //p\nheadings:\n  //h: 9\n")
        #expect(errors.map(\.description).sorted() == [
            "vocabulary.yml:2:13: error: 'paragraphs' is not a valid XPath expression: Invalid expression at character 7",
            "vocabulary.yml:5:8: error: '//h' must be between 1 and 6, found 9",
            "vocabulary.yml:3:1: error: unknown key 'paragrafs' (did you mean 'paragraphs'?)",
        ].sorted())
    }
}
