import MarkdownParser

/// Where the Markdown parser's positions are in the file.
struct MarkdownPlacement {
    /// The bytes the parser's offsets index: for a Markdown file the masked source (its offsets
    /// are the file's); for a YAML article the decoded body.
    let bytes: [UInt8]
    /// Offset in `bytes` where each parser line starts (index 0 is line 1).
    let lineStarts: [Int]
    /// End of what the parser read, in `bytes`.
    let end: Int
    /// Maps an offset in `bytes` to the file; nil when `bytes` offsets are file offsets.
    let toSource: ((Int) -> Int)?

    var isExact: Bool { toSource == nil }

    /// Offset in `bytes` of a parser (line, byte column), clamped to the line.
    func offset(_ line: Int32, _ column: Int32) -> Int {
        let line = Int(line)
        guard line >= 1, line <= lineStarts.count else { return end }
        return min(lineStarts[line - 1] + max(0, Int(column) - 1), lineEnd(line))
    }

    func lineEnd(_ line: Int) -> Int {
        line < lineStarts.count ? max(lineStarts[line - 1], lineStarts[line] - 1) : end
    }

    func source(_ offset: Int) -> Int { toSource.map { $0(offset) } ?? offset }
}

/// Reports a cmark-gfm tree to a `DocumentBuilder`. Shared by Markdown and MDX files, the content
/// of `markdown="1"` elements and YAML articles, whose Markdown body sits inside the YAML.
///
/// Text is placed where cmark-gfm says it is (its inline columns corrected on continuation lines)
/// when the bytes there are the text's; only text whose source differs (entities, escapes) or
/// whose position is unknown is aligned byte by byte.
struct MarkdownWalker {
    /// Nesting of `markdown="1"` elements read as Markdown, beyond which content is read as HTML.
    static let maxNesting = 16

    let tree: MarkdownTree
    let placement: MarkdownPlacement
    /// What the file's preparation found (attribute lists, fences, blanked spans); nil for YAML.
    let mask: MaskedSource?
    /// The mask's admonitions and anchors, read on every block and heading.
    private let fences: [FencedDiv]
    private let anchors: [(range: SourceRange, id: SourceRange)]
    private var html: HTMLFragmentReader
    private let nesting: Int
    /// Source offset just past the last text placed in the current block, a floor for positions.
    private var lastEnd = 0
    /// Ends of the open leaf blocks (paragraph, heading, cell), limits for alignment.
    private var blockEnds: [Int] = []
    /// Parser position of the open leaf block, against which continuation lines are corrected.
    private var leaf: (line: Int32, column: Int32)?
    /// Backslash hard breaks so far in the leaf block: cmark-gfm does not count their line.
    private var backslashBreaks: Int32 = 0
    /// Set by a backslash break: the next node's position anchors the line after it.
    private var anchorNext = false
    /// After a backslash break, columns run on from the line before: (reported line, correction).
    private var breakAnchor: (line: Int32, delta: Int)?
    /// Builder depth inside each open Markdown element: HTML opened inside closes with it.
    private var floors: [Int] = []
    private var rowIsHeader = false
    /// Open admonitions: index into `mask.fences`, builder depth before their frame.
    private var openFences: [(fence: Int, depth: Int)] = []
    private var nextFence = 0
    /// For a YAML body: file offset past the last text placed (positions only grow).
    private var sourceFloor = 0

    init(tree: MarkdownTree, placement: MarkdownPlacement, mask: MaskedSource?, isMDX: Bool = false, nesting: Int = 0) {
        self.tree = tree
        self.placement = placement
        self.mask = mask
        fences = placement.isExact ? mask?.fences ?? [] : []
        anchors = placement.isExact ? mask?.anchors ?? [] : []
        self.nesting = nesting
        html = HTMLFragmentReader(parsed: placement.bytes, isMDX: isMDX)
    }

    mutating func walk(into builder: inout DocumentBuilder) {
        guard !tree.nodes.isEmpty else { return }
        let base = builder.depth
        floors.append(base)
        // Pre-order, with the chain of open nodes; a node not descended into is skipped whole.
        var open: [Int32] = []
        var index: Int32 = 0
        let count = Int32(tree.nodes.count)
        while index < count {
            let node = tree.nodes[Int(index)]
            while let last = open.last, last != node.parent {
                open.removeLast()
                leave(tree.nodes[Int(last)], index: last, into: &builder)
            }
            if enter(node, index: index, into: &builder) {
                open.append(index)
                index += 1
            } else {
                index = max(index + 1, node.subtreeEnd)
            }
        }
        while let last = open.popLast() { leave(tree.nodes[Int(last)], index: last, into: &builder) }
        closeFences(floor: base, into: &builder)
        html.closeAll(floor: base, into: &builder)
    }

    // MARK: Nodes

    private func start(_ node: MarkdownNode) -> Int { placement.offset(node.startLine, node.startColumn) }
    private func end(_ node: MarkdownNode) -> Int { placement.offset(node.endLine, node.endColumn + 1) }

    /// Returns whether to descend into the node's children.
    private mutating func enter(_ node: MarkdownNode, index: Int32, into builder: inout DocumentBuilder) -> Bool {
        switch node.kind {
        case .document, .emphasis, .strong, .strikethrough, .customBlock, .customInline:
            return true
        case .heading:
            beginLeaf(node, into: &builder) { $0.beginBlock(.heading, at: $1, level: Int(node.headingLevel)) }
            if let anchor = anchor(of: node) { builder.setHeadingAnchor(originalText(anchor)) }
            return true
        case .paragraph:
            beginLeaf(node, into: &builder) { $0.beginBlock(.paragraph, at: $1) }
            return true
        case .tableCell:
            let header = rowIsHeader
            beginLeaf(node, into: &builder) { $0.beginTableCell(header: header, at: $1) }
            return true
        case .tableRow:
            rowIsHeader = node.isHeaderRow
            return true
        case .table:
            beginContainer(node, into: &builder) { $0.beginContainer(at: $1) }
            return true
        case .footnoteDefinition:
            beginContainer(node, into: &builder) { $0.beginContainer(at: $1) }
            return true
        case .blockQuote:
            beginContainer(node, into: &builder) { $0.beginQuote(at: $1) }
            return true
        case .list:
            beginContainer(node, into: &builder) { $0.beginList(ordered: node.isOrderedList, at: $1) }
            return true
        case .item:
            let task: Bool? = node.task == .none ? nil : node.task == .checked
            beginContainer(node, into: &builder) { $0.beginItem(at: $1, task: task) }
            return true
        case .link:
            let at = linkStart(node, opener: [UInt8(ascii: "[")])
            builder.beginLink(url: restoredURL(node.url ?? "", node: node), at: placement.source(at))
            floors.append(builder.depth)
            return true
        case .image:
            let at = linkStart(node, opener: [UInt8(ascii: "!"), UInt8(ascii: "[")])
            builder.beginImage(url: restoredURL(node.url ?? "", node: node), at: placement.source(at), emptyAltIsDecorative: false)
            floors.append(builder.depth)
            return true
        case .text:
            appendText(node, into: &builder)
            return false
        case .softBreak, .lineBreak:
            if node.kind == .lineBreak, isBackslashBreak() {
                backslashBreaks += 1
                anchorNext = true
            }
            builder.appendSpace(at: SourceRange(at: placement.source(lastEnd)))
            return false
        case .code:
            appendCode(node, into: &builder)
            return false
        case .footnoteReference:
            // A marker (`[^1]`), not prose; it joins its word like a superscript.
            return false
        case .htmlInline:
            readInlineHTML(node, into: &builder)
            return false
        case .htmlBlock:
            syncFences(at: start(node), into: &builder)
            readBlockHTML(node, into: &builder)
            return false
        case .codeBlock:
            syncFences(at: start(node), into: &builder)
            reportUnclosedFence(node, into: &builder)
            return false
        case .thematicBreak:
            return false
        }
    }

    private mutating func leave(_ node: MarkdownNode, index: Int32, into builder: inout DocumentBuilder) {
        switch node.kind {
        case .heading, .paragraph, .tableCell:
            if node.kind == .paragraph, isOnlyStrong(index) { builder.markCurrentBlockEmphasized() }
            blockEnds.removeLast()
            leaf = nil
            endElement(into: &builder)
        case .blockQuote, .list, .item, .link, .image, .table, .footnoteDefinition:
            endElement(into: &builder)
        default:
            break
        }
    }

    private mutating func beginLeaf(_ node: MarkdownNode, into builder: inout DocumentBuilder, _ begin: (inout DocumentBuilder, Int) -> Void) {
        let at = start(node)
        syncFences(at: at, into: &builder)
        begin(&builder, placement.source(at))
        floors.append(builder.depth)
        blockEnds.append(end(node))
        leaf = (node.startLine, node.startColumn)
        backslashBreaks = 0
        anchorNext = false
        breakAnchor = nil
        lastEnd = at
    }

    private mutating func beginContainer(_ node: MarkdownNode, into builder: inout DocumentBuilder, _ begin: (inout DocumentBuilder, Int) -> Void) {
        let at = start(node)
        syncFences(at: at, into: &builder)
        begin(&builder, placement.source(at))
        floors.append(builder.depth)
    }

    /// Ends a Markdown element, first closing the HTML elements and admonitions opened inside it.
    private mutating func endElement(into builder: inout DocumentBuilder) {
        let floor = floors.removeLast()
        closeFences(floor: floor, into: &builder)
        html.closeAll(floor: floor, into: &builder)
        builder.end()
    }

    // MARK: Text

    /// Where an inline node starts in `placement.bytes`, nil when the parser does not say. On a
    /// paragraph's continuation lines cmark-gfm counts columns from where the paragraph's first
    /// line starts; the line's own content may start elsewhere (indentation, `>` markers, lazy lines).
    ///
    /// After a backslash hard break cmark-gfm neither counts the line nor restarts the column: the
    /// first node after it is placed where the next line's content starts, and the nodes after
    /// it on that line keep their distance from it.
    private mutating func inlineStart(_ node: MarkdownNode) -> Int? {
        guard node.startLine > 0 else { return nil }
        let line = Int(node.startLine + backslashBreaks)
        guard line <= placement.lineStarts.count else { return nil }
        let reported = placement.lineStarts[Int(node.startLine) - 1] + Int(node.startColumn) - 1
        if anchorNext {
            anchorNext = false
            let content = contentStart(line)
            breakAnchor = (node.startLine, content - reported)
            return content
        }
        if let anchor = breakAnchor, anchor.line == node.startLine {
            return max(0, min(reported + anchor.delta, placement.bytes.count))
        }
        var offset = min(placement.lineStarts[line - 1] + Int(node.startColumn) - 1, placement.lineEnd(line))
        if let leaf, line != Int(leaf.line) {
            offset += contentStart(line) - (placement.lineStarts[line - 1] + Int(leaf.column) - 1)
        }
        return max(0, min(offset, placement.bytes.count))
    }

    /// Where a link or image starts: cmark-gfm gives one whose text runs over lines the line of its
    /// closing bracket, so when its opener is not where it says, the opener is the one just before
    /// its first child (an autolink has no opener and keeps its position).
    private mutating func linkStart(_ node: MarkdownNode, opener: [UInt8]) -> Int {
        let reported = inlineStart(node).map { max($0, lastEnd) } ?? lastEnd
        let bytes = placement.bytes
        if reported + opener.count <= bytes.count, bytes[reported..<(reported + opener.count)].elementsEqual(opener) { return reported }
        if node.firstChild >= 0, let child = peekInlineStart(tree.nodes[Int(node.firstChild)]) {
            let candidate = child - opener.count
            if candidate >= lastEnd, child <= bytes.count, bytes[candidate..<child].elementsEqual(opener) { return candidate }
        }
        // No child with a position (`[\n](x)`): the last opener between the text before and here.
        var candidate = min(reported, bytes.count) - opener.count
        while candidate >= lastEnd {
            if bytes[candidate..<(candidate + opener.count)].elementsEqual(opener) { return candidate }
            candidate -= 1
        }
        return reported
    }

    /// `inlineStart` without its effect on the anchoring after a hard break.
    private func peekInlineStart(_ node: MarkdownNode) -> Int? {
        var copy = self
        return copy.inlineStart(node)
    }

    /// Where a line's content starts, past indentation and block quote markers.
    private func contentStart(_ line: Int) -> Int {
        let bytes = placement.bytes
        var content = placement.lineStarts[line - 1]
        let lineEnd = placement.lineEnd(line)
        while content < lineEnd, bytes[content] == 0x20 || bytes[content] == 0x09 || bytes[content] == UInt8(ascii: ">") { content += 1 }
        return content
    }

    /// A hard break written as a backslash at the end of the line (not as two spaces).
    private func isBackslashBreak() -> Bool {
        var index = lastEnd
        let bytes = placement.bytes
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        return index > 0 && index <= bytes.count && bytes[index - 1] == UInt8(ascii: "\\")
    }

    /// The first place at or after `floor`, on the line holding `near`, where `literal` is written
    /// as it is: for the positions cmark-gfm gets wrong (lazy lines, autolinks).
    private func findOnLine(_ literal: ArraySlice<UInt8>, near: Int, floor: Int) -> Int? {
        guard !literal.isEmpty else { return nil }
        let bytes = placement.bytes
        var lineStart = min(near, bytes.count)
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = min(near, bytes.count)
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        var index = max(lineStart, floor)
        let first = literal[literal.startIndex]
        while index + literal.count <= lineEnd {
            if bytes[index] == first, isVerbatim(literal, at: index) { return index }
            index += 1
        }
        return nil
    }

    private mutating func appendText(_ node: MarkdownNode, into builder: inout DocumentBuilder) {
        if html.skipping > 0 {
            builder.appendSpace(at: SourceRange(at: placement.source(lastEnd)))
            return
        }
        let literal = tree.literal(of: node)
        let limit = blockEnds.last ?? placement.end
        let start = inlineStart(node)
        if placement.isExact {
            if let start, isVerbatim(literal, at: start) {
                builder.appendVerbatim(literal, at: start)
                lastEnd = start + literal.count
                return
            }
            if let found = findOnLine(literal, near: max(start ?? lastEnd, lastEnd), floor: lastEnd) {
                builder.appendVerbatim(literal, at: found)
                lastEnd = found + literal.count
                return
            }
            align(literal, from: max(start ?? lastEnd, lastEnd), limit: limit, into: &builder)
        } else {
            // A YAML body: its bytes are not the file's, so align with the file itself.
            let hint = max(placement.source(start ?? lastEnd), sourceFloor)
            builder.appendAligned(literal, near: hint, limit: placement.source(limit), syntax: .markdown)
            sourceFloor = max(sourceFloor, builder.lastPlacedEnd ?? sourceFloor)
            lastEnd = max(lastEnd, (start ?? lastEnd) + literal.count)
        }
    }

    /// Aligns decoded text with `placement.bytes` (exact placement) and appends it.
    private mutating func align(_ literal: ArraySlice<UInt8>, from hint: Int, limit: Int, into builder: inout DocumentBuilder) {
        for piece in SourceAligner.align(literal, in: placement.bytes, from: hint, limit: max(limit, hint), syntax: .markdown) {
            let part = literal[(literal.startIndex + piece.text.lowerBound)..<(literal.startIndex + piece.text.upperBound)]
            if piece.isVerbatim {
                builder.appendVerbatim(part, at: piece.source.start)
            } else {
                builder.appendReplacement(part, for: piece.source)
            }
            lastEnd = max(lastEnd, piece.source.end)
        }
    }

    private func isVerbatim(_ literal: ArraySlice<UInt8>, at start: Int) -> Bool {
        placement.bytes.withUnsafeBufferPointer { source in
            literal.withUnsafeBufferPointer { ByteScan.matches(source, at: start, $0) }
        }
    }

    /// Inline code is not prose, but it separates the words around it and is a link's text.
    private mutating func appendCode(_ node: MarkdownNode, into builder: inout DocumentBuilder) {
        let start = inlineStart(node) ?? lastEnd
        builder.appendSpace(at: SourceRange(at: placement.source(max(start, lastEnd))))
        guard builder.isInLink, placement.isExact else { return }
        let literal = tree.literal(of: node)
        var at = start
        let bytes = placement.bytes
        while at < bytes.count, bytes[at] == UInt8(ascii: "`") { at += 1 }
        if literal.first != 0x20, at < bytes.count, bytes[at] == 0x20 { at += 1 }
        if isVerbatim(literal, at: at) {
            builder.appendLinkOnly(literal, at: at)
            lastEnd = at + literal.count
        } else if !literal.isEmpty {
            builder.appendLinkOnly(literal, at: at)
        }
    }

    /// cmark-gfm's URL for a link whose destination held template syntax has placeholders there:
    /// the syntax (`{{ site.url }}/x`) is put back from the file.
    private func restoredURL(_ url: String, node: MarkdownNode) -> String {
        guard let mask, url.utf8.contains(MaskedSource.placeholder), node.startLine > 0, placement.isExact else { return url }
        // cmark-gfm's end of a link can come before its start (a NUL it read as three bytes).
        let range = start(node)..<max(start(node), end(node))
        let spans = mask.ignored.filter { range.contains($0.range.start) }
        var runs: [Range<String.UTF8View.Index>] = []
        var index = url.utf8.startIndex
        while index < url.utf8.endIndex {
            guard url.utf8[index] == MaskedSource.placeholder else {
                index = url.utf8.index(after: index)
                continue
            }
            var runEnd = index
            while runEnd < url.utf8.endIndex, url.utf8[runEnd] == MaskedSource.placeholder { runEnd = url.utf8.index(after: runEnd) }
            runs.append(index..<runEnd)
            index = runEnd
        }
        // The destination comes last in the link: its runs are the last spans.
        var result = ""
        var cursor = url.utf8.startIndex
        let offset = spans.count - runs.count
        for (number, run) in runs.enumerated() {
            result += String(url[cursor..<run.lowerBound])
            if offset + number >= 0 { result += originalText(spans[offset + number].range) }
            cursor = run.upperBound
        }
        return result + String(url[cursor...])
    }

    private func originalText(_ range: SourceRange) -> String {
        String(decoding: (mask?.original ?? placement.bytes)[range.start..<range.end], as: UTF8.self)
    }

    /// A paragraph whose only content is one strong span: `**Can it be rebuilt?**`.
    private func isOnlyStrong(_ paragraph: Int32) -> Bool {
        let first = tree.nodes[Int(paragraph)].firstChild
        return first >= 0 && tree.nodes[Int(first)].kind == .strong && tree.nodes[Int(first)].nextSibling < 0
    }

    // MARK: Attribute lists and admonitions

    /// Where the explicit id of a heading is: an attribute list on its line, or alone on the next line.
    private func anchor(of node: MarkdownNode) -> SourceRange? {
        guard !anchors.isEmpty, node.startLine > 0 else { return nil }
        let first = placement.lineStarts[Int(node.startLine) - 1]
        let lastLine = Int(max(node.endLine, node.startLine))
        var last = placement.lineEnd(lastLine)
        if lastLine < placement.lineStarts.count {
            let next = placement.lineEnd(lastLine + 1)
            if let candidate = anchors.first(where: { $0.range.start > last && $0.range.end <= next }),
               placement.bytes[(last + 1)..<candidate.range.start].allSatisfy(TextRunBuilder.isSpace) {
                last = next
            }
        }
        return anchors.first { $0.range.start >= first && $0.range.end <= last }?.id
    }

    /// Opens the admonitions that start before `offset` and closes those that ended before it.
    private mutating func syncFences(at offset: Int, into builder: inout DocumentBuilder) {
        guard !fences.isEmpty else { return }
        let floor = floors.last ?? 0
        while let open = openFences.last, fences[open.fence].close.start <= offset, open.depth >= floor {
            openFences.removeLast()
            builder.end()
        }
        while nextFence < fences.count, fences[nextFence].open.start < offset {
            if fences[nextFence].close.start > offset {
                openFences.append((nextFence, builder.depth))
                builder.beginSectioning(at: fences[nextFence].open.start)
            }
            nextFence += 1
        }
    }

    private mutating func closeFences(floor: Int, into builder: inout DocumentBuilder) {
        while let open = openFences.last, open.depth >= floor {
            // Markup elements opened after the admonition close first.
            html.closeAll(floor: open.depth, into: &builder)
            openFences.removeLast()
            builder.end()
        }
    }

    // MARK: Raw HTML

    private mutating func readInlineHTML(_ node: MarkdownNode, into builder: inout DocumentBuilder) {
        let literal = tree.literal(of: node)
        guard placement.isExact else {
            addComments(in: literal, at: placement.source(max(inlineStart(node) ?? lastEnd, lastEnd)), into: &builder)
            return
        }
        var at = max(inlineStart(node) ?? lastEnd, lastEnd)
        if !isVerbatim(literal, at: at), let found = firstIndex(of: literal, from: lastEnd, before: blockEnds.last ?? placement.end) { at = found }
        readHTML(SourceRange(start: at, end: min(at + literal.count, placement.bytes.count)), into: &builder)
        lastEnd = max(lastEnd, at + literal.count)
    }

    private mutating func readBlockHTML(_ node: MarkdownNode, into builder: inout DocumentBuilder) {
        let literal = tree.literal(of: node)
        guard placement.isExact else {
            addComments(in: literal, at: placement.source(start(node)), into: &builder)
            return
        }
        // cmark-gfm's end position of an HTML block is not reliable: count the literal's lines.
        let first = start(node)
        var lines = 0
        for byte in literal where byte == 0x0A { lines += 1 }
        if literal.last != 0x0A { lines += 1 }
        let last = min(Int(node.startLine) + max(0, lines - 1), placement.lineStarts.count)
        let range = SourceRange(start: first, end: max(first, min(placement.lineEnd(last), placement.end)))
        lastEnd = range.start
        readHTML(range, into: &builder)
    }

    private mutating func readHTML(_ range: SourceRange, into builder: inout DocumentBuilder) {
        for part in HTMLFragments.parts(of: range, in: placement.bytes) {
            switch part {
            case .html(let piece, let leftOpen):
                html.read(piece, leftOpen: leftOpen, into: &builder)
            case .close(let name, _):
                html.close(name, floor: floors.last ?? 0, into: &builder)
            case .markdown(let inner):
                readNestedMarkdown(inner, into: &builder)
            }
        }
    }

    /// kramdown, inside `markdown="1"`: a line that is only a span element's tag (`<img …>`, `<a …>`)
    /// starts a paragraph that the next line continues, where CommonMark would start an HTML block.
    /// Its line break becomes a space, so the parser reads one paragraph line; every byte keeps its
    /// offset (lines are counted from this copy).
    private static func joinSpanElementLines(_ content: inout [UInt8]) {
        var lineStart = 0
        while lineStart < content.count {
            guard let lineEnd = ByteScan.firstIndex(of: 0x0A, in: content, from: lineStart) else { return }
            var index = lineStart
            while index < lineEnd, content[index] == 0x20 || content[index] == 0x09 { index += 1 }
            var last = lineEnd
            while last > index, content[last - 1] == 0x20 || content[last - 1] == 0x09 || content[last - 1] == 0x0D { last -= 1 }
            if index < last, content[index] == UInt8(ascii: "<"), content[last - 1] == UInt8(ascii: ">") {
                var nameEnd = index + 1
                while nameEnd < last, (content[nameEnd] | 0x20) >= 0x61, (content[nameEnd] | 0x20) <= 0x7A { nameEnd += 1 }
                let name = String(decoding: content[(index + 1)..<nameEnd], as: UTF8.self).lowercased()
                let next = lineEnd + 1
                var nextEnd = next
                while nextEnd < content.count, content[nextEnd] != 0x0A { nextEnd += 1 }
                if spanElements.contains(name), next < content.count, !content[next..<nextEnd].allSatisfy(TextRunBuilder.isSpace),
                   !content[index..<last].contains(UInt8(ascii: "\n")) {
                    content[lineEnd] = 0x20
                }
            }
            lineStart = lineEnd + 1
        }
    }

    private static let spanElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "dfn", "em", "i", "img", "kbd", "mark", "q", "s", "samp", "small",
        "span", "strong", "sub", "sup", "time", "u", "var",
    ]

    /// The content of a `markdown="1"` element, parsed on its own and placed where it is. The
    /// file's link reference definitions come along, as kramdown resolves them file-wide.
    private mutating func readNestedMarkdown(_ range: SourceRange, into builder: inout DocumentBuilder) {
        guard nesting < Self.maxNesting, range.end > range.start else {
            html.read(range, leftOpen: [], into: &builder)
            return
        }
        var content = Array(placement.bytes[range.start..<range.end])
        Self.joinSpanElementLines(&content)
        var lineStarts = [range.start]
        for (index, byte) in content.enumerated() where byte == 0x0A { lineStarts.append(range.start + index + 1) }
        if let definitions = mask?.referenceDefinitions, !definitions.isEmpty, content.contains(UInt8(ascii: "]")) {
            content += [0x0A, 0x0A] + definitions
        }
        let tree = MarkdownParser.parse(content)
        let inner = MarkdownPlacement(bytes: placement.bytes, lineStarts: lineStarts, end: range.end, toSource: nil)
        var walker = MarkdownWalker(tree: tree, placement: inner, mask: mask, isMDX: html.isMDX, nesting: nesting + 1)
        walker.walk(into: &builder)
    }

    /// Comments (`<!-- ... -->`) inside raw HTML, located in the source by searching from `offset`
    /// (a YAML article, whose body is not the file's bytes).
    private mutating func addComments(in literal: ArraySlice<UInt8>, at offset: Int, into builder: inout DocumentBuilder) {
        let source = builder.source.bytes
        var searchFrom = offset
        var index = literal.startIndex
        while let open = Self.firstIndex(of: Array("<!--".utf8), in: literal, from: index) {
            guard let close = Self.firstIndex(of: Array("-->".utf8), in: literal, from: open + 4) else { break }
            let body = literal[(open + 4)..<close]
            let length = close + 3 - open
            let start = Self.firstIndex(of: Array(literal[open..<(close + 3)]), in: source[...], from: searchFrom) ?? searchFrom
            builder.addComment(String(decoding: body, as: UTF8.self), range: SourceRange(start: start, end: start + length))
            searchFrom = start + length
            index = close + 3
        }
    }

    private func firstIndex(of literal: ArraySlice<UInt8>, from start: Int, before limit: Int) -> Int? {
        Self.firstIndex(of: Array(literal), in: placement.bytes[..<min(placement.bytes.count, max(limit, start + literal.count))], from: start)
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = max(from, haystack.startIndex)
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    // MARK: Code blocks

    /// A fence that is never closed turns the rest of its container into code, silently: say so.
    private func reportUnclosedFence(_ node: MarkdownNode, into builder: inout DocumentBuilder) {
        let source = builder.source.bytes
        let open = placement.source(start(node))
        guard open < source.count, source[open] == UInt8(ascii: "`") || source[open] == UInt8(ascii: "~") else { return }
        let fence = source[open]
        var length = 0
        while open + length < source.count, source[open + length] == fence { length += 1 }
        guard length >= 3 else { return }
        if node.endLine > node.startLine {
            let lineStart = placement.source(placement.offset(node.endLine, 1))
            var index = lineStart
            while index < source.count, source[index] == 0x20 || source[index] == UInt8(ascii: ">") { index += 1 }
            var closing = 0
            while index + closing < source.count, source[index + closing] == fence { closing += 1 }
            var rest = index + closing
            while rest < source.count, source[rest] == 0x20 || source[rest] == 0x09 { rest += 1 }
            if closing >= length, rest >= source.count || source[rest] == 0x0A { return }
        }
        builder.addIssue(ReadIssue(kind: .parse, severity: .error, offset: open,
                                   message: "code fence is never closed; everything after it reads as code"))
    }
}
