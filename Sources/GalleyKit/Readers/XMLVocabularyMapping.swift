import MarkupParser

/// A user's mapping of an XML vocabulary onto the article structure, with XPath expressions.
/// Configured under `xml: vocabularies:` in `.galley.yml` (see docs/configuration.md).
public struct XMLVocabularyMapping: Sendable, Hashable {
    /// Applies to documents whose root element has this local name (and `namespace`, when set).
    public var root: String
    public var namespace: String?
    /// Prefixes used by the expressions below.
    public var namespaces: [String: String] = [:]
    /// Metadata fields: key → expression; each selected node's text is the value, several make a list.
    public var metadata: [String: String] = [:]
    /// Headings: expression → level.
    public var headings: [String: Int] = [:]
    /// Section elements, whose `section-titles` get the level their nesting gives.
    public var sections: String?
    public var sectionTitles: String?
    public var paragraphs: String?
    public var lists: String?
    public var orderedLists: String?
    public var listItems: String?
    public var quotes: String?
    public var tableCells: String?
    public var captions: String?
    public var faqEntries: String?
    public var faqQuestions: String?
    public var faqAnswers: String?
    /// Elements that are not prose.
    public var ignore: String?

    public init(root: String) { self.root = root }

    /// Every expression with the role its nodes get, in priority order (first match wins).
    var queries: [(query: MarkupParser.XPathQuery, role: MarkupRole)] {
        var result: [(MarkupParser.XPathQuery, MarkupRole)] = []
        func add(_ expression: String?, _ role: MarkupRole) {
            if let expression { result.append((MarkupParser.XPathQuery(expression, namespaces: namespaces), role)) }
        }
        add(ignore, .skip)
        for (key, expression) in metadata.sorted(by: { $0.key < $1.key }) { add(expression, .metadata(key: key)) }
        for (expression, level) in headings.sorted(by: { $0.key < $1.key }) { add(expression, .heading(level: level)) }
        add(sectionTitles, .sectionTitle)
        add(faqEntries, .faqEntry(defaultRole: .body, origin: .mapped))
        add(faqQuestions, .faqQuestion(startsEntry: false, kind: .paragraph))
        add(faqAnswers, .faqAnswer(kind: .paragraph))
        add(orderedLists, .list(ordered: true))
        add(lists, .list(ordered: false))
        add(listItems, .listItem)
        add(quotes, .quote)
        add(tableCells, .block(.tableCell))
        add(captions, .block(.caption))
        add(paragraphs, .block(.paragraph))
        return result
    }

    var expressions: [String] { queries.map(\.query.expression) + [sections].compactMap { $0 } }
}

/// Roles from a mapping's XPath results; every other element is inline.
struct XPathVocabulary: MarkupVocabulary {
    var syntax: SourceAligner.Syntax { .markup }
    private var roles: [Int32: MarkupRole] = [:]

    /// `selections` are the parser's results for `mapping.queries`, then for `mapping.sections`.
    init(mapping: XMLVocabularyMapping, selections: ArraySlice<[Int32]>, tree: MarkupTree) {
        var position = selections.startIndex
        for (_, role) in mapping.queries {
            defer { position += 1 }
            guard position < selections.endIndex else { break }
            for node in selections[position] where roles[node] == nil { roles[node] = role }
        }
        if mapping.sections != nil, position < selections.endIndex {
            for node in selections[position] where roles[node] == nil { roles[node] = .section(level: 0) }
        }
        // The article element is the level-1 section, and its title (like DocBook's) is the H1.
        if let root = tree.nodes.indices.first(where: { tree.nodes[$0].kind == .element && tree.nodes[$0].parent == MarkupTree.none }) {
            roles[Int32(root)] = .section(level: 0)
        }
        for (node, role) in roles where role == .metadata(key: "title") { roles[node] = .sectionTitle }
    }

    func role(of index: Int32, in tree: MarkupTree, sectionLevel: Int) -> MarkupRole {
        switch roles[index] {
        case .section?: return .section(level: sectionLevel + 1)
        case let role?: return role
        case nil: return .transparent
        }
    }
}
