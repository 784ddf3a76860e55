/// One article as rules see it, whatever format it was written in.
///
/// Readers fill it; rules only read it. Every piece of text carries its source range, so a rule
/// can point at the exact line and column without knowing HTML from Markdown.
public struct Document: Sendable {
    public let path: String
    public let format: DocumentFormat
    public let source: SourceText
    public var metadata: Metadata
    /// Every unit of prose in document order: headings, paragraphs, list items, quotes, table
    /// cells, definitions, captions and image alt text.
    public var blocks: [Block]
    /// Indexes into `blocks` of the headings, in order.
    public var headings: [Int]
    public var sections: [Section]
    public var lists: [List]
    public var links: [Link]
    public var images: [Image]
    /// The visible FAQ, when the article has one.
    public var faq: FAQ?
    /// FAQ entries declared in JSON-LD `FAQPage` data, for comparison with the visible FAQ.
    public var structuredFAQ: [StructuredFAQEntry]
    /// Raw `application/ld+json` scripts.
    public var structuredData: [StructuredData]
    /// Comments in the source (`<!-- ... -->`), where inline suppressions live.
    public var comments: [Comment]
    /// Explicit ids anywhere in the article (HTML `id` and `<a name>`, DocBook `xml:id`): where a
    /// link's `#fragment` may lead besides its headings.
    public var anchors: [String]
    /// Problems met while reading: encoding, parse errors, refused entities.
    public var issues: [ReadIssue]
    /// False for a file that holds no article: a YAML data or configuration file, an XML feed,
    /// sitemap or image, a web page without content.
    public var isArticle = true
    /// Why the file is not an article, when Galley can say (`isArticle` is false): it is then
    /// skipped with a note rather than checked.
    public var notArticleReason: String?
    /// For a web page: where its article was found and what was left out.
    public var extraction: ContentExtraction?
    /// Source the reader saw but did not read as prose: template tags, attribute lists, MDX
    /// imports and expressions, admonition fences, the user's ignore patterns. In source order.
    public var ignored: [IgnoredSpan] = []
    /// Template languages whose syntax was taken out of the prose, and whether configured or detected.
    public var templateLanguages: [TemplateLanguageUse] = []
    /// The language the article declares (front matter, `<html lang>`, `xml:lang`) or its
    /// configuration gives; nil when nothing says (see `resolvedLanguage`).
    public var language: DocumentLanguage?

    public init(path: String, format: DocumentFormat, source: SourceText) {
        self.path = path
        self.format = format
        self.source = source
        metadata = Metadata()
        blocks = []
        headings = []
        sections = []
        lists = []
        links = []
        images = []
        faq = nil
        structuredFAQ = []
        structuredData = []
        comments = []
        anchors = []
        issues = source.issues
    }

    public func location(of offset: Int) -> SourceLocation { source.location(of: offset) }
    public func span(of range: SourceRange) -> SourceSpan { source.span(range) }

    public func heading(_ section: Section) -> Block { blocks[section.heading] }
}

public enum DocumentFormat: String, Sendable, CaseIterable {
    case markdown, html, xml, yaml, mdx

    /// The format a file name's extension stands for (see `ArticleFormats`).
    public init?(path: String) {
        guard let format = ArticleFormats.format(ofPath: path) else { return nil }
        self = format
    }
}

public struct Block: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case heading, paragraph, listItem = "list-item", quote, tableCell = "table-cell"
        case term, definition, caption, altText = "alt-text"

        // By case, not by the raw string (RawRepresentable's default): scopes ask for every block.
        public static func == (lhs: Kind, rhs: Kind) -> Bool { lhs.ordinal == rhs.ordinal }
        public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

        private var ordinal: UInt8 {
            switch self {
            case .heading: 0
            case .paragraph: 1
            case .listItem: 2
            case .quote: 3
            case .tableCell: 4
            case .term: 5
            case .definition: 6
            case .caption: 7
            case .altText: 8
            }
        }
    }

    /// What the block is for, beyond its markup: FAQ questions and answers are scoped separately.
    public enum Role: String, Sendable {
        case body, faqQuestion = "faq-question", faqAnswer = "faq-answer"

        // By case, not by the raw string (RawRepresentable's default): scopes ask for every block.
        public static func == (lhs: Role, rhs: Role) -> Bool { lhs.ordinal == rhs.ordinal }
        public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

        private var ordinal: UInt8 {
            switch self {
            case .body: 0
            case .faqQuestion: 1
            case .faqAnswer: 2
            }
        }
    }

    public var kind: Kind
    public var role: Role = .body
    public var text: TextRun
    /// From the block's first source byte (its tag, `#`, list marker or first letter) to the end of its text.
    public var range: SourceRange
    /// Heading level 1-6, 0 for other blocks.
    public var level: Int = 0
    /// Index of the innermost section holding the block, or nil before the first heading.
    /// A heading belongs to the section it opens.
    public var section: Int?
    /// Index into `Document.lists` and item index within that list, for list items.
    public var list: Int?
    public var item: Int?
    /// True when the block sits inside a block quote.
    public var isQuoted = false
    /// True when Markdown marks the whole block as strong emphasis (`**Is it safe?**`).
    public var isEmphasized = false
    /// A table cell of a header row (Markdown) or a `<th>`.
    public var isHeader = false
    /// A heading's explicit id (`## Title {#id}`, `<h2 id>`, a DocBook section's `xml:id`), for links to it.
    public var anchor: String?
    /// The H1 is the front matter title, which the site renders as the page's heading.
    public var isFrontMatterTitle = false

    public init(kind: Kind, text: TextRun, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }
}

/// A heading and everything up to the next heading of the same or a higher level.
public struct Section: Sendable {
    /// Index of the heading in `Document.blocks`.
    public var heading: Int
    public var level: Int
    /// Blocks of the section, heading included, sub-sections included.
    public var blocks: Range<Int>
    /// Index of the enclosing section.
    public var parent: Int?
    /// Indexes of the directly nested sections.
    public var children: [Int] = []
}

public struct List: Sendable {
    public var isOrdered: Bool
    public var offset: Int
    public var items: [ListItem] = []
    /// Index of the enclosing list, for nested lists.
    public var parent: Int?
    public var section: Int?
}

public struct ListItem: Sendable {
    public var offset: Int
    /// Indexes of the blocks the item holds (usually one).
    public var blocks: [Int] = []
    /// A task list item's checkbox (`- [x]`): whether it is checked; nil for other items.
    public var task: Bool?
}

public struct Link: Sendable {
    public var text: TextRun
    public var url: String
    public var range: SourceRange
}

public struct Image: Sendable {
    public var url: String
    /// nil when the image has no alt attribute at all, "" when it is explicitly empty (decorative).
    public var alt: TextRun?
    public var offset: Int
    /// The alt-text block, when the alt text is not empty.
    public var block: Int?
    /// An empty alt attribute marks a decorative image; Markdown's `![](src)` cannot say that.
    public var emptyAltIsDecorative = true
}

public struct FAQ: Sendable {
    public enum Origin: String, Sendable {
        case section, qandaset, definitionList = "definition-list", details
        /// Entries selected by an XML vocabulary mapping.
        case mapped
        /// WordPress FAQ blocks: Yoast SEO's (`.schema-faq-section`) and Rank Math's (`.rank-math-list-item`).
        case yoast = "yoast-faq-block", rankMath = "rank-math-faq-block"
        /// Buttons or headings that open a panel (`aria-controls`), each a question and its answer.
        case accordion
        /// schema.org microdata: `itemtype` Question with an `acceptedAnswer`.
        case microdata
        /// Entries the configuration's `html: faq:` selectors name.
        case configured = "html-faq"
    }

    public var origin: Origin
    /// The "Frequently Asked Questions" heading, when there is one.
    public var heading: Int?
    public var offset: Int
    public var entries: [FAQEntry]
}

public struct FAQEntry: Sendable {
    /// Index of the question block.
    public var question: Int
    /// Indexes of the answer blocks (empty when the answer is missing).
    public var answers: [Int]
    public var offset: Int
}

public struct StructuredFAQEntry: Sendable {
    public var question: String
    public var answer: String
    /// Where the question's `name` string is in the source.
    public var offset: Int
}

public struct StructuredData: Sendable {
    public var text: String
    public var offset: Int
}

/// A stretch of source that is not prose, and why.
public struct IgnoredSpan: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// `{% … %}`, `{{ … }}`, Hugo shortcodes and the like.
        case template
        /// The body of a template block that is not prose (`{% comment %}`, `{% highlight %}`).
        case templateBlock = "template-block"
        /// kramdown and Pandoc attribute lists: `{#id .class}`, `{: .class}`.
        case attributeList = "attribute-list"
        /// MDX `import` and `export` statements.
        case mdxStatement = "mdx-esm"
        /// MDX `{expressions}`, comments included.
        case mdxExpression = "mdx-expression"
        /// Admonition and fenced-div markers (`:::note`, `:::`).
        case admonition
        /// The configuration's own patterns for inline spans and whole blocks.
        case tokenPattern = "token-pattern"
        case blockPattern = "block-pattern"
    }

    public var kind: Kind
    public var range: SourceRange

    public init(kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// A template language whose syntax a reader took out of the prose.
public struct TemplateLanguageUse: Sendable, Equatable {
    public var language: TemplateLanguage
    /// False when configuration named it, true when the reader recognized its syntax.
    public var detected: Bool
}

public enum TemplateLanguage: String, Sendable, CaseIterable {
    /// Liquid (Jekyll, Eleventy, Shopify): `{% tag %}`, `{{ output }}`.
    case liquid
    /// Jinja and Nunjucks (MkDocs macros, Eleventy, Pelican): Liquid's delimiters and `{# comments #}`.
    case jinja
    /// Hugo shortcodes `{{< name >}}`, `{{% name %}}`, and Go templates `{{ .Field }}`.
    case hugo
}

public struct Comment: Sendable {
    /// The text between `<!--` and `-->`.
    public var text: String
    public var range: SourceRange
}
