/// Every format Galley reads articles in: its name, the file extensions that select it and its
/// reader. Discovery, dispatch, help text and messages all derive from this one table, so they
/// cannot disagree about which files are articles.
public struct ArticleFormat: Sendable {
    public let format: DocumentFormat
    /// For people: "Markdown", "HTML".
    public let name: String
    /// Lower case, without the dot; the first is the usual one.
    public let extensions: [String]
    let read: @Sendable (_ path: String, _ source: SourceText, _ options: ReaderOptions) -> Document
}

public enum ArticleFormats {
    public static let all: [ArticleFormat] = [
        ArticleFormat(format: .markdown, name: "Markdown", extensions: ["md", "markdown", "mdown", "mkd"]) { path, source, options in
            MarkdownReader.read(path: path, source: source, options: options)
        },
        ArticleFormat(format: .mdx, name: "MDX", extensions: ["mdx"]) { path, source, options in
            MarkdownReader.read(path: path, source: source, options: options, mdx: true)
        },
        ArticleFormat(format: .html, name: "HTML", extensions: ["html", "htm"]) { path, source, options in
            HTMLReader.read(path: path, source: source, options: options)
        },
        ArticleFormat(format: .xml, name: "XML", extensions: ["xml", "dbk", "docbook", "xhtml"]) { path, source, options in
            XMLReader.read(path: path, source: source, options: options)
        },
        ArticleFormat(format: .yaml, name: "YAML article", extensions: ["yml", "yaml"]) { path, source, options in
            YAMLArticleReader.read(path: path, source: source, options: options)
        },
    ]

    private static let byExtension: [String: DocumentFormat] = {
        var table: [String: DocumentFormat] = [:]
        for entry in all { for name in entry.extensions { table[name] = entry.format } }
        return table
    }()

    public static func entry(for format: DocumentFormat) -> ArticleFormat {
        all.first { $0.format == format }!
    }

    /// The format a file name's extension stands for (case-insensitive), or nil.
    public static func format(ofPath path: String) -> DocumentFormat? {
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let name = path.utf8[path.utf8.index(after: dot)...]
        guard !name.isEmpty, name.count <= 10, !name.contains(UInt8(ascii: "/")) else { return nil }
        return byExtension[String(decoding: name, as: UTF8.self).lowercased()]
    }

    /// ".md, .markdown, … and .yaml": every extension, for help text and messages.
    public static var extensionList: String {
        let names = all.flatMap(\.extensions).map { "." + $0 }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// Reads `source` as `format` into a Document; the one place readers are chosen.
    public static func read(path: String, source: SourceText, format: DocumentFormat, options: ReaderOptions = ReaderOptions()) -> Document {
        entry(for: format).read(path, source, options)
    }

    public static func read(path: String, bytes: [UInt8], format: DocumentFormat, options: ReaderOptions = ReaderOptions()) -> Document {
        read(path: path, source: SourceText(decoding: bytes), format: format, options: options)
    }
}

/// What readers need from the configuration, one value per file (the nearest `.galley.yml` and
/// the overrides that match the file). Readers take it whole and read only their own part.
public struct ReaderOptions: Sendable, Hashable {
    /// XPath mappings of XML vocabularies other than DocBook (`xml: vocabularies:`).
    public var xmlMappings: [XMLVocabularyMapping] = []
    /// Where a web page's article is and what to leave out (`html:`).
    public var html = HTMLOptions()
    /// Template languages whose syntax is not prose (`templates:`) in Markdown, MDX and HTML;
    /// nil: those whose syntax the file shows (detected, and said so in `galley dump`).
    public var templates: Set<TemplateLanguage>?
    /// Inline spans that are not prose (`ignore: tokens:`, Vale's TokenIgnores).
    public var ignoredTokens: [IgnorePattern] = []
    /// Whole blocks that are not prose (`ignore: blocks:`, Vale's BlockIgnores).
    public var ignoredBlocks: [IgnorePattern] = []
    /// The site renders the front matter title as the page's H1 (`front-matter-title: true`,
    /// markdownlint's front_matter_title): it counts as the H1 when the body has none.
    public var frontMatterTitleIsH1 = false
    /// The language of articles that declare none (`language:`, or an override's for its files).
    public var language: LanguageTag?
    /// Headings that open the FAQ besides the built-in names (`faq: headings:`).
    public var faqHeadings: [String] = []

    public init(xmlMappings: [XMLVocabularyMapping] = [], templates: Set<TemplateLanguage>? = nil, ignoredTokens: [IgnorePattern] = [],
                ignoredBlocks: [IgnorePattern] = [], frontMatterTitleIsH1: Bool = false, language: LanguageTag? = nil, faqHeadings: [String] = []) {
        self.xmlMappings = xmlMappings
        self.templates = templates
        self.ignoredTokens = ignoredTokens
        self.ignoredBlocks = ignoredBlocks
        self.frontMatterTitleIsH1 = frontMatterTitleIsH1
        self.language = language
        self.faqHeadings = faqHeadings
    }
}
