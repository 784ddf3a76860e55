import MarkupParser

/// Raw HTML inside Markdown, read with the HTML reader's machinery (libxml2 through
/// `MarkupParser`, `MarkupWalker`, `HTMLVocabulary`) at its exact positions in the file.
///
/// The Markdown reader hands it one source range at a time (see `HTMLFragments`). Elements a
/// fragment leaves open keep their builder frames for the Markdown that follows, until a later
/// fragment closes them or the Markdown container they were opened in ends.
struct HTMLFragmentReader {
    struct OpenElement {
        var name: String
        var frames: Int
        var isSkipped: Bool
        /// Builder depth before the element's frames.
        var depth: Int
    }

    /// The bytes the Markdown parser read (template syntax blanked), indexed like the source.
    let parsed: [UInt8]
    /// MDX: capitalized elements are components (blocks), and their `title` attributes are prose.
    let isMDX: Bool
    private(set) var open: [OpenElement] = []
    /// Open elements whose content is not prose (`<code>`, `<kbd>`, `<script>`…).
    private(set) var skipping = 0

    init(parsed: [UInt8], isMDX: Bool) {
        self.parsed = parsed
        self.isMDX = isMDX
    }

    /// Reads `range` as HTML. Start tags at the offsets in `leftOpen` stay open.
    mutating func read(_ range: SourceRange, leftOpen: [Int], into builder: inout DocumentBuilder) {
        guard let first = firstVisible(in: range) else { return }
        if leftOpen.isEmpty, let comment = onlyComment(in: range, from: first) {
            builder.addComment(String(decoding: parsed[(comment.start + 4)..<(comment.end - 3)], as: UTF8.self), range: comment)
            return
        }
        var fragment = Array(parsed[range.start..<range.end])
        for index in fragment.indices where fragment[index] == MaskedSource.placeholder { fragment[index] = 0x20 }
        var tree = MarkupParser.parse(fragment, as: .html)
        Self.shift(&tree, by: Int32(range.start))
        let wanted = Set(leftOpen)
        var keep: Set<Int32> = []
        for index in tree.nodes.indices where tree.nodes[index].kind == .element && wanted.contains(Int(tree.nodes[index].offset)) {
            keep.insert(Int32(index))
        }
        if isMDX { addTitles(of: tree, into: &builder) }
        let depth = builder.depth
        var walker = MarkupWalker(tree: tree, vocabulary: FragmentVocabulary(parsed: parsed, isMDX: isMDX), metadataOrigin: .htmlMeta)
        walker.parsed = parsed
        var reached = depth
        for element in walker.walk(into: &builder, leavingOpen: keep) {
            let skipped = element.role == .skip
            open.append(OpenElement(name: tree.nodes[Int(element.node)].name.lowercased(), frames: element.frames, isSkipped: skipped, depth: reached))
            reached += element.frames
            if skipped { skipping += 1 }
        }
    }

    /// Closes the innermost open element called `name` (and those opened inside it), unless it was
    /// opened below `floor`, outside the Markdown container being read.
    mutating func close(_ name: String, floor: Int, into builder: inout DocumentBuilder) {
        guard let index = open.lastIndex(where: { $0.name == name }), open[index].depth >= floor else { return }
        pop(to: index, into: &builder)
    }

    /// Closes every element opened at builder depth `floor` or deeper.
    mutating func closeAll(floor: Int, into builder: inout DocumentBuilder) {
        guard let index = open.firstIndex(where: { $0.depth >= floor }) else { return }
        pop(to: index, into: &builder)
    }

    private mutating func pop(to index: Int, into builder: inout DocumentBuilder) {
        while open.count > index {
            let element = open.removeLast()
            for _ in 0..<element.frames { builder.end() }
            if element.isSkipped { skipping -= 1 }
        }
    }

    // MARK: Pieces

    private func firstVisible(in range: SourceRange) -> Int? {
        var index = range.start
        while index < range.end {
            if !TextRunBuilder.isSpace(parsed[index]) { return index }
            index += 1
        }
        return nil
    }

    /// The range of the one comment `range` holds (with whitespace), read without a parser.
    private func onlyComment(in range: SourceRange, from first: Int) -> SourceRange? {
        guard parsed[first..<range.end].starts(with: "<!--".utf8) else { return nil }
        var index = first + 4
        while index + 2 < range.end {
            if parsed[index] == UInt8(ascii: "-"), parsed[index + 1] == UInt8(ascii: "-"), parsed[index + 2] == UInt8(ascii: ">") {
                let end = index + 3
                return parsed[end..<range.end].allSatisfy(TextRunBuilder.isSpace) ? SourceRange(start: first, end: end) : nil
            }
            if parsed[index] == UInt8(ascii: "<"), parsed[(index + 1)..<range.end].starts(with: "!--".utf8) { return nil }
            index += 1
        }
        return nil
    }

    /// MDX components' `title` attributes are prose (a card's or a tab's heading), read as captions.
    private func addTitles(of tree: MarkupTree, into builder: inout DocumentBuilder) {
        for node in tree.nodes where node.kind == .element && node.offset >= 0 && tree.attribute("title", of: node) != nil {
            guard let range = TagScanner.attributeValueRange("title", inTagAt: Int(node.offset), source: parsed), range.end > range.start else { continue }
            builder.beginBlock(.caption, at: range.start)
            builder.appendVerbatim(parsed[range.start..<range.end], at: range.start)
            builder.end()
        }
    }

    /// Offsets in a tree parsed from a piece of the file, made offsets in the file.
    static func shift(_ tree: inout MarkupTree, by base: Int32) {
        for index in tree.nodes.indices {
            if tree.nodes[index].offset >= 0 { tree.nodes[index].offset += base }
            if tree.nodes[index].endOffset >= 0 { tree.nodes[index].endOffset += base }
        }
        for index in tree.chunks.indices where tree.chunks[index].rawStart >= 0 {
            tree.chunks[index].rawStart += base
            tree.chunks[index].rawEnd += base
        }
        for index in tree.issues.indices where tree.issues[index].offset >= 0 { tree.issues[index].offset += base }
    }
}

/// HTML's vocabulary for a fragment: the elements the parser implied around it (`html`, `body`,
/// a `p` around loose text) are transparent, since the Markdown around the fragment gives its
/// structure; in MDX, a capitalized element (a component) is a block.
struct FragmentVocabulary: MarkupVocabulary {
    let parsed: [UInt8]
    let isMDX: Bool
    private let html = HTMLVocabulary(layout: .whole)

    var syntax: SourceAligner.Syntax { html.syntax }

    func role(of index: Int32, in tree: MarkupTree, sectionLevel: Int) -> MarkupRole {
        let node = tree.nodes[Int(index)]
        guard node.offset >= 0 else { return .transparent }
        let role = html.role(of: index, in: tree, sectionLevel: sectionLevel)
        if isMDX, role == .transparent, Int(node.offset) + 1 < parsed.count {
            let initial = parsed[Int(node.offset) + 1]
            if initial >= 0x41, initial <= 0x5A { return .container }
        }
        return role
    }
}
