/// Takes an article's facts from its `Document`, while the engine still holds it: the engine
/// calls this once per file, then the document is dropped and only the facts go on.
public struct FactsExtractor: Sendable {
    /// Metadata fields to keep besides title and description (lower case): those library rules
    /// compare and those that set an article's URL.
    public let fields: [String]

    public init(fields: [String]) {
        var seen: Set<String> = ["title", "description"]
        self.fields = fields.map { $0.lowercased() }.filter { seen.insert($0).inserted }
    }

    /// Fields a `description` may be written under when it is absent (as the metadata rule reads it).
    static let descriptionAliases = MetadataRule.defaultAliases["description"] ?? []

    public func facts(of document: Document, suppressions: [SuppressionFact] = []) -> ArticleFacts {
        var facts = ArticleFacts(path: document.path, format: document.format)
        func position(_ range: SourceRange) -> FactPosition { FactPosition(document.span(of: range), range) }
        func texts(_ value: MetadataValue, fieldOffset: Int) -> [FactText] {
            value.items.compactMap { item in
                switch item {
                case .string(let run):
                    return FactText(run.text, at: position(run.isEmpty ? SourceRange(at: fieldOffset) : run.sourceRange))
                default:
                    return item.text.map { FactText($0, at: position(SourceRange(at: item.offset == 0 ? fieldOffset : item.offset))) }
                }
            }
        }
        if let field = document.metadata["title"] { facts.title = texts(field.value, fieldOffset: field.offset).first }
        if let field = ([("description")] + Self.descriptionAliases).lazy.compactMap({ document.metadata[$0] }).first {
            facts.description = texts(field.value, fieldOffset: field.offset).first
        }
        for name in fields {
            guard let field = document.metadata[name] else { continue }
            facts.fields.append(FieldFact(name: name, values: texts(field.value, fieldOffset: field.offset)))
        }

        let isMarkdown = facts.headingsGetGeneratedIDs
        for index in document.headings {
            let block = document.blocks[index]
            var heading = HeadingFact(level: block.level, text: "", anchor: block.anchor)
            if isMarkdown {
                if let written = MarkdownHeadingText.read(document.source.bytes, start: block.range.start, end: block.range.end) {
                    // The markup's own id, if any, is in the text; each generator reads it its way.
                    heading.text = written
                    heading.anchor = nil
                } else if block.anchor == nil {
                    // Not written as a Markdown heading (made from front matter): the site has no such heading.
                    continue
                }
            }
            if block.level == 1, facts.h1 == nil {
                facts.h1 = FactText(block.text.text, at: position(block.range))
            }
            facts.headings.append(heading)
        }
        let headingAnchors = Set(facts.headings.compactMap(\.anchor))
        var anchors = document.anchors.filter { !headingAnchors.contains($0) }
        if isMarkdown {
            let bodyStart = FrontMatter.find(in: document.source)?.block.end ?? 0
            let scanned = MarkdownHTMLAnchors.scan(document.source.bytes, from: bodyStart)
            anchors += scanned.ids
            facts.footnotes = scanned.footnotes
        }
        var seenAnchors: Set<String> = []
        facts.anchors = anchors.filter { seenAnchors.insert($0).inserted }

        for entry in document.faq?.entries ?? [] {
            let block = document.blocks[entry.question]
            facts.faqQuestions.append(FactText(block.text.text, at: position(block.text.isEmpty ? block.range : block.text.sourceRange)))
        }
        var links = document.links.map { LinkFact(url: $0.url, at: position($0.range)) }
        links += document.images.map { LinkFact(url: $0.url, at: position(SourceRange(at: $0.offset)), isImage: true) }
        facts.links = links.sorted { $0.position.offset < $1.position.offset }
        facts.suppressions = suppressions
        facts.start = position(SourceRange(at: document.blocks.first?.range.start ?? 0))
        return facts
    }
}
