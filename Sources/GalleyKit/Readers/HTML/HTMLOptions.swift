import MarkupParser

/// How to read web pages, from `html:` in `.galley.yml`: where the article is, what to leave
/// out, how the site names its pages, and FAQ markup of the site's own making.
public struct HTMLOptions: Sendable, Hashable {
    /// Alternatives in order: the first selector that matches an element names the content root.
    public var content: [CSSSelectorList] = []
    /// Elements never read, whatever the content root.
    public var ignore: [CSSSelectorList] = []
    /// Separators between the page title and the site name (`" | "` in "How to X | Help Centre"):
    /// the title is what comes before the last one.
    public var titleSeparators: [String] = []
    /// FAQ markup the page's CMS makes: each entry, and the question and answer inside it.
    public var faq: FAQSelectors?

    public struct FAQSelectors: Sendable, Hashable {
        public var entries: CSSSelectorList
        public var question: CSSSelectorList
        public var answer: CSSSelectorList

        public init(entries: CSSSelectorList, question: CSSSelectorList, answer: CSSSelectorList) {
            self.entries = entries
            self.question = question
            self.answer = answer
        }
    }

    public init() {}

    public static let none = HTMLOptions()

    /// The XPath queries the parser evaluates for these options, in the order `Selections` reads them.
    var queries: [MarkupParser.XPathQuery] {
        var result = content.map { MarkupParser.XPathQuery($0.xpath) } + ignore.map { MarkupParser.XPathQuery($0.xpath) }
        if let faq { result += [faq.entries, faq.question, faq.answer].map { MarkupParser.XPathQuery($0.xpath) } }
        return result
    }

    /// The parser's results for `queries`, by purpose.
    struct Selections {
        var content: [(nodes: [Int32], selector: String)] = []
        var ignored: Set<Int32> = []
        var faq: (entries: [Int32], questions: Set<Int32>, answers: Set<Int32>)?

        init(_ options: HTMLOptions, results: ArraySlice<[Int32]>) {
            var position = results.startIndex
            func next() -> [Int32] {
                defer { position += 1 }
                return position < results.endIndex ? results[position] : []
            }
            for selector in options.content { content.append((next(), selector.text)) }
            for _ in options.ignore { ignored.formUnion(next()) }
            if options.faq != nil { faq = (next(), Set(next()), Set(next())) }
        }

        /// The first content selector that matched something.
        var configuredContent: (nodes: [Int32], selector: String)? { content.first { !$0.nodes.isEmpty } }
    }
}
