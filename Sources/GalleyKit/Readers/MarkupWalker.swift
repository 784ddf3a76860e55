import MarkupParser

/// What an element means for the article, as a vocabulary (HTML, DocBook, an XPath mapping) sees it.
enum MarkupRole: Equatable {
    /// Inline or unknown: text flows through it.
    case transparent
    /// Block-level wrapper: text directly inside becomes a paragraph of its own.
    case container
    /// A container that also bounds the sections of the headings inside it.
    case sectioning
    /// Not prose (script, code, index terms): nothing inside is read, but it separates words.
    case skip
    /// Outside the article (a web page's chrome around it): its text is not read, but its
    /// metadata and the article inside it are.
    case outside
    case block(Block.Kind)
    case heading(level: Int)
    /// A section-like element; its title is a heading at `level`.
    case section(level: Int)
    /// The title of the enclosing section, or the article title (`level` 1, also the `title` metadata).
    case sectionTitle
    case list(ordered: Bool)
    case listItem
    case quote
    case lineBreak
    case link(url: String)
    /// An image whose alt text is an attribute of the element.
    case image(url: String, altAttribute: String)
    /// An image whose alt text is the element's content (DocBook `mediaobject`).
    case imageWithContentAlt(url: String)
    /// The element's text is the metadata value `key`.
    case metadata(key: String)
    /// Each child element's text is one item of the metadata list `key`.
    case metadataList(key: String)
    /// HTML `<meta name content>`.
    case metaTag(key: String, value: String)
    case faqSet(FAQ.Origin, always: Bool)
    /// One question and its answer; `origin` names the FAQ when no set element encloses it.
    case faqEntry(defaultRole: Block.Role, origin: FAQ.Origin)
    /// `startsEntry` for `<dt>`, whose entry has no element of its own.
    case faqQuestion(startsEntry: Bool, kind: Block.Kind)
    /// A question written as a heading (`<h3 class="rank-math-question">`, an accordion's button).
    case faqQuestionHeading(level: Int, startsEntry: Bool)
    case faqAnswer(kind: Block.Kind)
    /// HTML `<details>`: an FAQ entry inside an FAQ, a container elsewhere.
    case details(always: Bool)
    /// `<script type="application/ld+json">`.
    case structuredData
}

extension MarkupRole {
    /// Roles whose content is metadata, read wherever they are.
    var isMetadata: Bool {
        switch self {
        case .metadata, .metadataList, .metaTag, .structuredData: return true
        default: return false
        }
    }
}

protocol MarkupVocabulary {
    /// The role of element `index`; `sectionLevel` is the level of the enclosing section's title.
    func role(of index: Int32, in tree: MarkupTree, sectionLevel: Int) -> MarkupRole
    /// Syntax for aligning decoded text with the source.
    var syntax: SourceAligner.Syntax { get }
}

/// An element a walk opened and, as asked, left open (raw HTML in Markdown: the Markdown that
/// follows is its content): the builder frames it pushed, and its role.
struct OpenMarkupElement {
    var node: Int32
    var frames: Int
    var role: MarkupRole
}

/// Walks a `MarkupTree` in document order, iteratively, and reports it to a `DocumentBuilder`.
struct MarkupWalker {
    let tree: MarkupTree
    let vocabulary: any MarkupVocabulary
    let metadataOrigin: MetadataField.Origin
    /// The bytes the parser read when they differ from the source (template syntax blanked).
    var parsed: [UInt8]?

    private struct Capture {
        var key: String
        var element: Int32
        var isList: Bool
        var offset: Int
        var text = TextRunBuilder()
        var items: [MetadataValue] = []
    }

    private struct Exit {
        var frames = 0
        var popsSectionLevel = false
        var endsCapture = false
        var endsListItem = false
        var isDocumentTitle = false
        /// Whether text was outside the article before this element.
        var restoresOutside: Bool?
    }

    private enum Step {
        case enter(Int32)
        case exit(Exit)
    }

    func walk(into builder: inout DocumentBuilder) {
        walk(into: &builder, leavingOpen: [])
    }

    /// Walks the tree; the elements in `leavingOpen` are entered but not closed (returned in the
    /// order they were opened).
    @discardableResult
    func walk(into builder: inout DocumentBuilder, leavingOpen: Set<Int32>) -> [OpenMarkupElement] {
        var opened: [OpenMarkupElement] = []
        let keepsSomeOpen = !leavingOpen.isEmpty
        let source = parsed ?? builder.source.bytes
        var captures: [Capture] = []
        var sectionLevels: [Int] = [0]
        var stack: [Step] = []
        var lastOffset = 0
        var outside = false
        var unreportedReferences: [String: Int] = [:]
        for node in tree.nodes where node.kind == .entityReference { unreportedReferences[node.name, default: 0] += 1 }
        for child in topLevel().reversed() { stack.append(.enter(child)) }
        while let step = stack.popLast() {
            switch step {
            case .exit(let exit):
                for _ in 0..<exit.frames { builder.end() }
                if exit.popsSectionLevel { sectionLevels.removeLast() }
                if let restored = exit.restoresOutside { outside = restored }
                if exit.isDocumentTitle, let heading = builder.lastBlock, heading.kind == .heading {
                    builder.setMetadata("title", .string(heading.text), at: heading.range.start, origin: metadataOrigin)
                }
                if exit.endsListItem, !captures.isEmpty {
                    let run = captures[captures.count - 1].text.finish()
                    if !run.isEmpty { captures[captures.count - 1].items.append(.string(run)) }
                    captures[captures.count - 1].text = TextRunBuilder()
                }
                if exit.endsCapture, let finished = captures.popLast() { finish(finished, into: &builder) }
            case .enter(let index):
                let node = tree.nodes[Int(index)]
                let offset = node.offset >= 0 ? Int(node.offset) : lastOffset
                lastOffset = max(lastOffset, offset)
                switch node.kind {
                case .text, .cdata:
                    guard !outside || !captures.isEmpty else { break }
                    lastOffset = max(lastOffset, appendText(node, in: source, captures: &captures, builder: &builder, fallback: lastOffset))
                case .comment:
                    let end = node.endOffset >= 0 ? Int(node.endOffset) : offset
                    builder.addComment(String(decoding: tree.text(of: node), as: UTF8.self), range: SourceRange(start: offset, end: end))
                case .entityReference:
                    // Once per entity: a file can reference one entity tens of thousands of times.
                    guard let count = unreportedReferences.removeValue(forKey: node.name) else { break }
                    let message = count == 1
                        ? "entity reference '&\(node.name);' is not expanded; its text is not checked"
                        : "entity reference '&\(node.name);' is not expanded; the text of its \(count) references is not checked"
                    builder.addIssue(ReadIssue(kind: .entity, severity: .warning, offset: offset, message: message))
                case .processingInstruction:
                    break
                case .element:
                    var exit = Exit()
                    if let list = captures.last, list.isList, node.parent == list.element { exit.endsListItem = true }
                    var role = vocabulary.role(of: index, in: tree, sectionLevel: sectionLevels.last ?? 0)
                    if !captures.isEmpty, role != .skip {
                        // Inside a metadata value every element is inline; block boundaries still separate words.
                        if role != .transparent { captures[captures.count - 1].text.appendSpace(at: SourceRange(at: offset)) }
                        role = .transparent
                    }
                    let id = explicitID(of: node)
                    if let id { builder.addAnchor(id) }
                    guard apply(role, index: index, offset: offset, exit: &exit, sectionLevels: &sectionLevels,
                                captures: &captures, builder: &builder) else {
                        if keepsSomeOpen, leavingOpen.contains(index) { opened.append(OpenMarkupElement(node: index, frames: 0, role: role)) }
                        continue
                    }
                    switch role {
                    case .heading, .faqQuestionHeading:
                        if let id { builder.setHeadingAnchor(id) }
                    case .sectionTitle:
                        // DocBook puts the id on the section, not its title.
                        if let sectionID = node.parent == MarkupTree.none ? nil : explicitID(of: tree.nodes[Int(node.parent)]) {
                            builder.setHeadingAnchor(sectionID)
                        }
                    default:
                        break
                    }
                    if role == .outside {
                        exit.restoresOutside = outside
                        outside = true
                    } else if outside, !role.isMetadata {
                        // An article root inside the chrome.
                        exit.restoresOutside = true
                        outside = false
                    }
                    if keepsSomeOpen, leavingOpen.contains(index) {
                        opened.append(OpenMarkupElement(node: index, frames: exit.frames, role: role))
                        exit.frames = 0
                    }
                    stack.append(.exit(exit))
                    let children = Array(tree.children(of: index))
                    for child in children.reversed() { stack.append(.enter(child)) }
                }
            }
        }
        return opened
    }

    /// The element's `id` (`xml:id` in XML, whose local name it is) or, for an HTML `<a>`, its
    /// `name`: where a link's `#fragment` can land.
    private func explicitID(of node: MarkupNode) -> String? {
        guard node.kind == .element else { return nil }
        if let id = tree.attribute("id", of: node), !id.isEmpty { return id }
        if node.name.lowercased() == "a", let name = tree.attribute("name", of: node), !name.isEmpty { return name }
        return nil
    }

    private func topLevel() -> [Int32] {
        var result: [Int32] = []
        for index in tree.nodes.indices where tree.nodes[index].parent == MarkupTree.none { result.append(Int32(index)) }
        return result
    }

    /// Performs the builder calls for an element's role. Returns whether to descend into it.
    private func apply(_ role: MarkupRole, index: Int32, offset: Int, exit: inout Exit,
                       sectionLevels: inout [Int], captures: inout [Capture], builder: inout DocumentBuilder) -> Bool {
        let node = tree.nodes[Int(index)]
        switch role {
        case .transparent, .outside:
            return true
        case .container:
            builder.beginContainer(at: offset)
            exit.frames = 1
        case .sectioning:
            builder.beginSectioning(at: offset)
            exit.frames = 1
        case .skip:
            builder.appendSpace(at: SourceRange(at: offset))
            return false
        case .block(let kind):
            if kind == .tableCell {
                builder.beginTableCell(header: node.name.lowercased() == "th", at: offset)
            } else {
                builder.beginBlock(kind, at: offset)
            }
            exit.frames = 1
        case .heading(let level):
            builder.beginBlock(.heading, at: offset, level: level)
            exit.frames = 1
        case .section(let level):
            builder.beginSectioning(at: offset)
            sectionLevels.append(level)
            exit.frames = 1
            exit.popsSectionLevel = true
        case .sectionTitle:
            let level = max(1, min(6, sectionLevels.last ?? 1))
            builder.beginBlock(.heading, at: offset, level: level)
            exit.frames = 1
            exit.isDocumentTitle = sectionLevels.count == 2 && level == 1
        case .list(let ordered):
            builder.beginList(ordered: ordered, at: offset)
            exit.frames = 1
        case .listItem:
            builder.beginItem(at: offset)
            exit.frames = 1
        case .quote:
            builder.beginQuote(at: offset)
            exit.frames = 1
        case .lineBreak:
            builder.appendSpace(at: SourceRange(at: offset))
            return false
        case .link(let url):
            builder.beginLink(url: url, at: offset)
            exit.frames = 1
        case .image(let url, let attribute):
            let alt = attributeRun(attribute, of: node, at: offset, source: builder.source)
            builder.addImage(url: url, alt: alt, at: offset)
            return false
        case .imageWithContentAlt(let url):
            builder.beginImage(url: url, at: offset)
            exit.frames = 1
        case .metadata(let key):
            captures.append(Capture(key: key, element: index, isList: false, offset: offset))
            exit.endsCapture = true
        case .metadataList(let key):
            captures.append(Capture(key: key, element: index, isList: true, offset: offset))
            exit.endsCapture = true
        case .metaTag(let key, let value):
            let run = attributeRun("content", of: node, at: offset, source: builder.source) ?? TextRun(text: value, at: offset)
            builder.setMetadata(key, metaValue(key: key, run: run), at: offset, origin: metadataOrigin)
            return false
        case .faqSet(let origin, let always):
            builder.beginFAQSet(origin, at: offset, always: always)
            exit.frames = 1
            if origin == .qandaset {
                // A qandaset's own title is a heading one level below its section's.
                sectionLevels.append((sectionLevels.last ?? 0) + 1)
                exit.popsSectionLevel = true
            }
        case .faqEntry(let defaultRole, let origin):
            if !builder.isInFAQSet {
                // Mapped vocabularies and selectors name entries; the FAQ is wherever they are.
                builder.beginFAQSet(origin, at: offset, always: true)
                exit.frames += 1
            }
            builder.beginFAQEntry(at: offset, defaultRole: defaultRole)
            exit.frames += 1
        case .faqQuestion(let startsEntry, let kind):
            builder.beginFAQQuestion(at: offset, startsEntry: startsEntry, kind: kind)
            exit.frames = 1
        case .faqQuestionHeading(let level, let startsEntry):
            builder.beginFAQQuestion(at: offset, startsEntry: startsEntry, kind: .heading, level: level)
            exit.frames = 1
        case .faqAnswer(let kind):
            builder.beginFAQAnswer(at: offset, kind: kind)
            exit.frames = 1
        case .details(let always):
            builder.beginFAQSet(.details, at: offset, always: always)
            builder.beginFAQEntry(at: offset, defaultRole: .faqAnswer)
            exit.frames = 2
        case .structuredData:
            appendStructuredData(index, builder: &builder)
            return false
        }
        return true
    }

    /// Appends a text node, piece by piece as the parser read it. Returns the source offset reached.
    /// `source`: the bytes the parser read.
    private func appendText(_ node: MarkupNode, in source: [UInt8], captures: inout [Capture], builder: inout DocumentBuilder, fallback: Int) -> Int {
        let text = tree.text(of: node)
        var position = text.startIndex
        var reached = fallback
        func place(_ piece: ArraySlice<UInt8>, verbatimAt start: Int?, range: SourceRange) {
            if captures.isEmpty {
                if let start { builder.appendVerbatim(piece, at: start) } else { builder.appendReplacement(piece, for: range) }
            } else if let start {
                captures[captures.count - 1].text.appendVerbatim(piece, sourceStart: start)
            } else {
                captures[captures.count - 1].text.appendReplacement(piece, source: range)
            }
        }
        for chunk in tree.chunks(of: node) {
            let end = min(text.endIndex, position + Int(chunk.length))
            let piece = text[position..<end]
            position = end
            if chunk.rawStart >= 0, chunk.rawEnd <= source.count {
                let raw = SourceRange(start: Int(chunk.rawStart), end: Int(chunk.rawEnd))
                if raw.end - raw.start == piece.count, source[raw.start..<raw.end].elementsEqual(piece) {
                    place(piece, verbatimAt: raw.start, range: raw)
                } else {
                    // A reference, or a run libxml2 reported imprecisely: align within it.
                    let pieces = SourceAligner.align(piece, in: source, from: raw.start, limit: max(raw.end, raw.start + piece.count), syntax: vocabulary.syntax)
                    for aligned in pieces {
                        let part = piece[(piece.startIndex + aligned.text.lowerBound)..<(piece.startIndex + aligned.text.upperBound)]
                        place(part, verbatimAt: aligned.isVerbatim ? aligned.source.start : nil, range: aligned.source)
                    }
                }
                reached = max(reached, raw.end)
            } else {
                place(piece, verbatimAt: nil, range: SourceRange(at: reached))
            }
        }
        if position < text.endIndex {
            place(text[position...], verbatimAt: nil, range: SourceRange(at: reached))
        }
        return reached
    }

    private func finish(_ capture: Capture, into builder: inout DocumentBuilder) {
        var capture = capture
        let value: MetadataValue
        if capture.isList {
            value = .list(capture.items)
        } else {
            value = .string(capture.text.finish())
        }
        builder.setMetadata(capture.key, value, at: capture.offset, origin: metadataOrigin)
    }

    private func appendStructuredData(_ index: Int32, builder: inout DocumentBuilder) {
        let node = tree.nodes[Int(index)]
        var text: [UInt8] = []
        var start: Int?
        for child in tree.children(of: index) where tree.nodes[Int(child)].kind == .text || tree.nodes[Int(child)].kind == .cdata {
            let childNode = tree.nodes[Int(child)]
            if start == nil, childNode.offset >= 0 { start = Int(childNode.offset) }
            text.append(contentsOf: tree.text(of: childNode))
        }
        builder.addStructuredData(String(decoding: text, as: UTF8.self), at: start ?? max(0, Int(node.offset)))
    }

    /// Keywords are a comma-separated list; every other meta tag is one string.
    private func metaValue(key: String, run: TextRun) -> MetadataValue {
        guard key == "keywords" else { return .string(run) }
        var items: [MetadataValue] = []
        var start = 0
        let bytes = Array(run.text.utf8)
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
            var lower = start
            var upper = index
            while lower < upper, bytes[lower] == 0x20 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
            if upper > lower { items.append(.string(run.slice(lower..<upper))) }
            start = index + 1
        }
        return .list(items)
    }

    /// An attribute's value mapped to its place inside the start tag.
    private func attributeRun(_ name: String, of node: MarkupNode, at offset: Int, source: SourceText) -> TextRun? {
        guard let value = tree.attribute(name, of: node) else { return nil }
        guard node.offset >= 0, let range = TagScanner.attributeValueRange(name, inTagAt: Int(node.offset), source: source.bytes) else {
            return TextRun(text: value, at: offset)
        }
        return TextRun.aligned(Array(value.utf8)[...], in: source, from: range.start, limit: range.end, syntax: vocabulary.syntax)
    }
}
