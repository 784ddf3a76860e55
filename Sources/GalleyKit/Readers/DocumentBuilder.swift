/// The one place where documents are assembled, so every reader produces the same shapes.
///
/// Readers walk their format's tree and report structure (`begin…`/`end`) and text. Blocks are
/// created lazily when their first visible text arrives, the way a browser creates anonymous
/// blocks: text directly inside a `<div>` becomes a paragraph, a `<p>` inside an `<li>` becomes
/// part of the list item, and an empty `<p></p>` creates nothing (headings are the exception:
/// an empty heading is still a heading).
struct DocumentBuilder {
    private(set) var document: Document
    private var frames: [Frame] = []
    private var current: OpenBlock?
    private var openLinks: [OpenLink] = []
    private var openImage: OpenLink?
    private var openImageDecorative = true
    /// Source offset just past the last text placed anywhere.
    private(set) var lastPlacedEnd: Int?
    /// Explicit question-and-answer structures met while reading; `FAQAssembler` decides, once
    /// the outline is known, which of them make the article's FAQ.
    private var faqCandidates: [FAQCandidate] = []
    /// Headings inside each open sectioning frame (by frame index), whose sections end with it.
    private var openSectionings: [Int: [Int]] = [:]
    /// Heading block → index of the first block after its sectioning element closed.
    private var sectionEnds: [Int: Int] = [:]

    private struct Frame {
        var kind: FrameKind
        var offset: Int
        var context: Context
        var blocksCreated = 0
    }

    enum FrameKind: Equatable {
        case container, sectioning, block(Block.Kind, level: Int), list, item, quote, link, image
        case faqSet, faqEntry, faqQuestion, faqAnswer

        var isInline: Bool { self == .link || self == .image }
        var ownsText: Bool {
            switch self {
            case .list, .link, .image, .faqSet: return false
            default: return true
            }
        }
    }

    /// What a frame passes down to blocks created inside it.
    private struct Context {
        var paragraphKind: Block.Kind = .paragraph
        var list: Int?
        var item: Int?
        var isQuoted = false
        var role: Block.Role = .body
        var faqSet: Int?
        var faqEntry: Int?
        var isHeaderCell = false
    }

    private struct OpenBlock {
        var frame: Int
        var index: Int
        var text = TextRunBuilder()
    }

    private struct OpenLink {
        var frame: Int
        var url: String
        var offset: Int
        var text = TextRunBuilder()
    }

    /// The configuration's part for readers: the default language, more FAQ heading names.
    let options: ReaderOptions

    init(path: String, format: DocumentFormat, source: SourceText, options: ReaderOptions = ReaderOptions()) {
        self.options = options
        document = Document(path: path, format: format, source: source)
        frames.append(Frame(kind: .container, offset: 0, context: Context()))
    }

    var source: SourceText { document.source }
    var depth: Int { frames.count }

    // MARK: Structure

    mutating func beginContainer(at offset: Int) { push(.container, at: offset) }

    /// An element that bounds the sections of the headings inside it (HTML `<section>`,
    /// `<article>`, `<aside>`; DocBook sections): when it closes, so do they.
    mutating func beginSectioning(at offset: Int) { push(.sectioning, at: offset) }

    mutating func beginBlock(_ kind: Block.Kind, at offset: Int, level: Int = 0) {
        push(.block(kind, level: level), at: offset)
        if kind == .heading {
            startBlock(frame: frames.count - 1, at: offset)
            if let sectioning = frames.lastIndex(where: { $0.kind == .sectioning }) {
                openSectionings[sectioning, default: []].append(document.blocks.count - 1)
            }
        }
    }

    mutating func beginList(ordered: Bool, at offset: Int) {
        let parent = frames.last?.context.list
        document.lists.append(List(isOrdered: ordered, offset: offset, parent: parent))
        push(.list, at: offset)
        frames[frames.count - 1].context.list = document.lists.count - 1
        frames[frames.count - 1].context.item = nil
    }

    /// A list item; `task` is a task list item's checkbox (checked or not), nil for other items.
    mutating func beginItem(at offset: Int, task: Bool? = nil) {
        push(.item, at: offset)
        guard let list = frames[frames.count - 1].context.list else { return }
        var item = ListItem(offset: offset)
        item.task = task
        document.lists[list].items.append(item)
        frames[frames.count - 1].context.item = document.lists[list].items.count - 1
        frames[frames.count - 1].context.paragraphKind = .listItem
    }

    /// A table cell; `header` for the cells of a header row.
    mutating func beginTableCell(header: Bool, at offset: Int) {
        push(.block(.tableCell, level: 0), at: offset)
        frames[frames.count - 1].context.isHeaderCell = header
    }

    mutating func beginQuote(at offset: Int) {
        push(.quote, at: offset)
        frames[frames.count - 1].context.isQuoted = true
        frames[frames.count - 1].context.paragraphKind = .quote
    }

    mutating func beginLink(url: String, at offset: Int) {
        push(.link, at: offset)
        openLinks.append(OpenLink(frame: frames.count - 1, url: url, offset: offset))
    }

    /// An image whose alt text is the content that follows (Markdown `![alt](src)`, DocBook `textobject`).
    /// `emptyAltIsDecorative` is false where the syntax cannot mark an image decorative (Markdown).
    mutating func beginImage(url: String, at offset: Int, emptyAltIsDecorative: Bool = true) {
        push(.image, at: offset)
        openImage = OpenLink(frame: frames.count - 1, url: url, offset: offset)
        openImageDecorative = emptyAltIsDecorative
    }

    /// Starts an explicit FAQ (DocBook `qandaset`, a `<dl>` or `<details>` group, entries a
    /// vocabulary maps). With `always` false it counts only inside an FAQ section, which
    /// `FAQAssembler` decides once the outline is known.
    mutating func beginFAQSet(_ origin: FAQ.Origin, at offset: Int, always: Bool) {
        faqCandidates.append(FAQCandidate(faq: FAQ(origin: origin, heading: nil, offset: offset, entries: []), isConditional: !always))
        push(.faqSet, at: offset)
        frames[frames.count - 1].context.faqSet = faqCandidates.count - 1
        // An entry inherited from an enclosing FAQ belongs to that FAQ's set, not this one.
        frames[frames.count - 1].context.faqEntry = nil
    }

    /// Starts one question-and-answer pair; text outside its question goes to `defaultRole`.
    mutating func beginFAQEntry(at offset: Int, defaultRole: Block.Role = .faqAnswer) {
        guard frames.last?.context.faqSet != nil else { return beginContainer(at: offset) }
        push(.faqEntry, at: offset)
        guard let set = frames[frames.count - 1].context.faqSet else { return }
        faqCandidates[set].faq.entries.append(FAQEntry(question: -1, answers: [], offset: offset))
        frames[frames.count - 1].context.faqEntry = faqCandidates[set].faq.entries.count - 1
        frames[frames.count - 1].context.role = defaultRole
    }

    /// A question; with `startsEntry` (a `<dt>`) it also opens a new entry. A heading question
    /// (`level`) is a heading of the outline too.
    mutating func beginFAQQuestion(at offset: Int, startsEntry: Bool = false, kind: Block.Kind = .paragraph, level: Int = 0) {
        guard frames.last?.context.faqSet != nil else { return beginBlock(kind, at: offset, level: level) }
        if startsEntry, let set = frames.last?.context.faqSet {
            faqCandidates[set].faq.entries.append(FAQEntry(question: -1, answers: [], offset: offset))
            frames[frames.count - 1].context.faqEntry = faqCandidates[set].faq.entries.count - 1
        }
        push(kind == .paragraph ? .faqQuestion : .block(kind, level: kind == .heading ? level : 0), at: offset)
        frames[frames.count - 1].context.role = .faqQuestion
        if kind == .heading {
            startBlock(frame: frames.count - 1, at: offset)
            if let sectioning = frames.lastIndex(where: { $0.kind == .sectioning }) {
                openSectionings[sectioning, default: []].append(document.blocks.count - 1)
            }
        }
    }

    mutating func beginFAQAnswer(at offset: Int, kind: Block.Kind = .paragraph) {
        guard frames.last?.context.faqSet != nil else { return beginBlock(kind, at: offset) }
        push(kind == .paragraph ? .faqAnswer : .block(kind, level: 0), at: offset)
        frames[frames.count - 1].context.role = .faqAnswer
    }

    /// Closes the innermost open element.
    mutating func end() {
        guard frames.count > 1 else { return }
        let index = frames.count - 1
        if let block = current, block.frame >= index { finishBlock() }
        if let image = openImage, image.frame == index {
            openImage = nil
            var builder = image.text
            addImage(url: image.url, alt: builder.finish(), at: image.offset, emptyAltIsDecorative: openImageDecorative)
        }
        if let link = openLinks.last, link.frame == index {
            openLinks.removeLast()
            var builder = link.text
            let text = builder.finish()
            let end = text.isEmpty ? link.offset : text.sourceRange.end
            document.links.append(Link(text: text, url: link.url, range: SourceRange(start: link.offset, end: end)))
        }
        if let headings = openSectionings.removeValue(forKey: index) {
            for heading in headings { sectionEnds[heading] = document.blocks.count }
        }
        frames.removeLast()
    }

    // MARK: Text

    /// Appends text found verbatim at `offset` in the source.
    mutating func appendVerbatim(_ bytes: ArraySlice<UInt8>, at offset: Int) {
        lastPlacedEnd = offset + bytes.count
        for index in openLinks.indices { openLinks[index].text.appendVerbatim(bytes, sourceStart: offset) }
        if openImage != nil {
            openImage?.text.appendVerbatim(bytes, sourceStart: offset)
            return
        }
        guard prepareForText(bytes, at: offset) else { return }
        current?.text.appendVerbatim(bytes, sourceStart: offset)
    }

    /// Appends text that stands for the source bytes `range` as a whole (an entity, an escape).
    mutating func appendReplacement(_ bytes: ArraySlice<UInt8>, for range: SourceRange) {
        lastPlacedEnd = range.end
        for index in openLinks.indices { openLinks[index].text.appendReplacement(bytes, source: range) }
        if openImage != nil {
            openImage?.text.appendReplacement(bytes, source: range)
            return
        }
        guard prepareForText(bytes, at: range.start) else { return }
        current?.text.appendReplacement(bytes, source: range)
    }

    /// Appends decoded text whose source starts near `start`, aligning it byte by byte.
    mutating func appendAligned(_ bytes: ArraySlice<UInt8>, near start: Int, limit: Int, syntax: SourceAligner.Syntax) {
        let pieces = SourceAligner.align(bytes, in: document.source.bytes, from: start, limit: limit, syntax: syntax)
        for piece in pieces {
            let part = bytes[(bytes.startIndex + piece.text.lowerBound)..<(bytes.startIndex + piece.text.upperBound)]
            if piece.isVerbatim {
                appendVerbatim(part, at: piece.source.start)
            } else {
                appendReplacement(part, for: piece.source)
            }
        }
    }

    /// Text that is part of the open links' text but not prose (inline code in a link).
    mutating func appendLinkOnly(_ bytes: ArraySlice<UInt8>, at offset: Int) {
        for index in openLinks.indices { openLinks[index].text.appendVerbatim(bytes, sourceStart: offset) }
    }

    var isInLink: Bool { !openLinks.isEmpty }

    /// A line break or other implied whitespace inside the current block.
    mutating func appendSpace(at range: SourceRange) {
        openImage?.text.appendSpace(at: range)
        if openImage == nil { current?.text.appendSpace(at: range) }
        for index in openLinks.indices { openLinks[index].text.appendSpace(at: range) }
    }

    /// Makes sure the frame that owns this text has an open block. Whitespace alone never opens one.
    private mutating func prepareForText(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Bool {
        var owner = frames.count - 1
        while owner > 0, !frames[owner].kind.ownsText { owner -= 1 }
        if let block = current, block.frame == owner { return true }
        guard bytes.contains(where: { !TextRunBuilder.isSpace($0) }) else { return false }
        finishBlock()
        startBlock(frame: owner, at: offset)
        return true
    }

    // MARK: Blocks

    private mutating func push(_ kind: FrameKind, at offset: Int) {
        if !kind.isInline { finishBlock() }
        let context = frames.last?.context ?? Context()
        frames.append(Frame(kind: kind, offset: offset, context: context))
    }

    private mutating func startBlock(frame index: Int, at offset: Int) {
        let frame = frames[index]
        let context = frame.context
        var kind: Block.Kind
        var level = 0
        switch frame.kind {
        case .block(let blockKind, let blockLevel):
            kind = blockKind == .paragraph ? context.paragraphKind : blockKind
            level = blockLevel
        case .item: kind = .listItem
        case .quote: kind = .quote
        default: kind = context.paragraphKind
        }
        // The first block of an element starts at its tag; later ones at their own text.
        let start = frame.blocksCreated == 0 ? frame.offset : offset
        frames[index].blocksCreated += 1
        var block = Block(kind: kind, text: .empty, range: SourceRange(at: start))
        block.level = level
        block.role = context.role
        block.isQuoted = context.isQuoted
        block.isHeader = kind == .tableCell && context.isHeaderCell
        block.list = context.list
        block.item = context.item
        let blockIndex = document.blocks.count
        document.blocks.append(block)
        if let list = context.list, let item = context.item, context.paragraphKind == .listItem {
            document.lists[list].items[item].blocks.append(blockIndex)
        } else {
            document.blocks[blockIndex].list = nil
            document.blocks[blockIndex].item = nil
        }
        if let set = context.faqSet {
            if context.role != .body { faqCandidates[set].members.append(blockIndex) }
            if let entry = context.faqEntry, faqCandidates[set].faq.entries.indices.contains(entry) {
                switch context.role {
                case .faqQuestion where faqCandidates[set].faq.entries[entry].question < 0:
                    faqCandidates[set].faq.entries[entry].question = blockIndex
                case .faqAnswer:
                    faqCandidates[set].faq.entries[entry].answers.append(blockIndex)
                default:
                    break
                }
            }
        }
        current = OpenBlock(frame: index, index: blockIndex)
    }

    private mutating func finishBlock() {
        guard var open = current else { return }
        current = nil
        let text = open.text.finish()
        var block = document.blocks[open.index]
        block.text = text
        if !text.isEmpty { block.range.end = max(block.range.start, text.sourceRange.end) }
        document.blocks[open.index] = block
        // A heading inside an FAQ structure (a qandaset's title) is its own heading.
        if block.kind == .heading, open.frame < frames.count, let set = frames[open.frame].context.faqSet, faqCandidates[set].ownHeading == nil {
            faqCandidates[set].ownHeading = open.index
        }
    }

    /// Gives the heading being built its explicit id (`## Title {#id}`), written at `range`.
    mutating func setHeadingAnchor(_ anchor: String) {
        guard let open = current, document.blocks[open.index].kind == .heading else { return }
        document.blocks[open.index].anchor = anchor
    }

    /// The front matter `title` as the page's H1 (a site that renders it so, its body having none).
    mutating func addFrontMatterTitleHeading() {
        guard let field = document.metadata["title"], field.origin == .frontMatter, case .string(let title) = field.value, !title.isEmpty else { return }
        finishBlock()
        var heading = Block(kind: .heading, text: title, range: title.sourceRange)
        heading.level = 1
        heading.isFrontMatterTitle = true
        document.blocks.append(heading)
    }

    /// Source the reader did not read as prose, and the template languages it recognized.
    mutating func setIgnored(_ spans: [IgnoredSpan], templates: [TemplateLanguageUse]) {
        document.ignored = spans
        document.templateLanguages = templates
    }

    /// Marks the block being built as wholly emphasized (a Markdown `**question?**` line).
    mutating func markCurrentBlockEmphasized() {
        guard let open = current else { return }
        document.blocks[open.index].isEmphasized = true
    }

    var isInFAQSet: Bool { frames.last?.context.faqSet != nil }

    /// The block most recently created.
    var lastBlock: Block? { document.blocks.last }

    // MARK: Everything else

    /// An explicit id of an element (`id`, `xml:id`, `<a name>`), a target for `#fragment` links.
    mutating func addAnchor(_ id: String) {
        document.anchors.append(id)
    }

    mutating func addComment(_ text: String, range: SourceRange) {
        document.comments.append(Comment(text: text, range: range))
    }

    mutating func addImage(url: String, alt: TextRun?, at offset: Int, emptyAltIsDecorative: Bool = true) {
        var block: Int?
        if let alt, !alt.text.isEmpty {
            var altBlock = Block(kind: .altText, text: alt, range: SourceRange(start: offset, end: alt.sourceRange.end))
            altBlock.isQuoted = frames.last?.context.isQuoted ?? false
            document.blocks.append(altBlock)
            block = document.blocks.count - 1
        }
        var image = Image(url: url, alt: alt, offset: offset, block: block)
        image.emptyAltIsDecorative = emptyAltIsDecorative
        document.images.append(image)
    }

    mutating func setMetadata(_ key: String, _ value: MetadataValue, at offset: Int, origin: MetadataField.Origin) {
        document.metadata.set(MetadataField(key: key, value: value, offset: offset, origin: origin))
    }

    mutating func addIssue(_ issue: ReadIssue) { document.issues.append(issue) }

    mutating func replaceMetadata(_ field: MetadataField) { document.metadata.replace(field) }

    mutating func setExtraction(_ extraction: ContentExtraction) { document.extraction = extraction }

    mutating func addStructuredData(_ text: String, at offset: Int) {
        document.structuredData.append(StructuredData(text: text, offset: offset))
        document.structuredFAQ.append(contentsOf: StructuredFAQReader.entries(in: text, at: offset, source: document.source))
    }

    /// The markup's own language attribute (`<html lang>`, `xml:lang`), used when no metadata
    /// key names the language.
    var languageAttribute: (value: String, offset: Int, source: DocumentLanguage.Source)?

    mutating func build() -> Document {
        finishBlock()
        while frames.count > 1 { end() }
        var result = document
        LanguageDeclaration.resolve(&result, attribute: languageAttribute, configured: options.language)
        SectionBuilder.assignSections(&result, explicitEnds: sectionEnds)
        FAQAssembler.assemble(&result, candidates: faqCandidates, extraHeadings: options.faqHeadings)
        if result.metadata["title"] == nil, let h1 = result.headings.first(where: { result.blocks[$0].level == 1 }) {
            let block = result.blocks[h1]
            result.metadata.set(MetadataField(key: "title", value: .string(block.text), offset: block.range.start, origin: .heading))
        }
        return result
    }
}
