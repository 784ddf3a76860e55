import MarkdownParser

/// Markdown (CommonMark via libcmark) with optional YAML front matter.
enum MarkdownReader {
    static func read(path: String, source: SourceText, options: ReaderOptions = ReaderOptions()) -> Document {
        var builder = DocumentBuilder(path: path, format: .markdown, source: source, options: options)
        var markdown = source.bytes
        if let frontMatter = FrontMatter.find(in: source) {
            frontMatter.read(into: &builder)
            markdown = FrontMatter.blanking(frontMatter.block, in: source.bytes)
        }
        let positions = LinePositions { line, column in
            guard line >= 1, line <= source.lineStarts.count else { return source.bytes.count }
            return min(source.lineStarts[line - 1] + max(0, column - 1), source.lineEnd(line))
        }
        var walker = MarkdownWalker(tree: MarkdownParser.parse(markdown), positions: positions)
        walker.walk(into: &builder)
        return builder.build()
    }
}

/// Maps libcmark's (line, byte column) positions to offsets in the article's source.
struct LinePositions {
    let offset: (_ line: Int, _ byteColumn: Int) -> Int
}

/// Reports a libcmark tree to a `DocumentBuilder`. Shared by Markdown files and YAML articles,
/// whose Markdown body sits indented inside the YAML.
struct MarkdownWalker {
    let tree: MarkdownTree
    let positions: LinePositions
    /// Source offset just past the last text placed, a floor for inline positions.
    private var lastEnd = 0

    init(tree: MarkdownTree, positions: LinePositions) {
        self.tree = tree
        self.positions = positions
    }

    mutating func walk(into builder: inout DocumentBuilder) {
        guard !tree.nodes.isEmpty else { return }
        // (node, entering): children are pushed in reverse so they pop in order.
        var stack: [(Int32, Bool)] = [(0, true)]
        var blockEnds: [Int] = []
        while let (index, entering) = stack.popLast() {
            let node = tree.nodes[Int(index)]
            if !entering {
                leave(node, index: index, into: &builder, blockEnds: &blockEnds)
                continue
            }
            guard enter(node, index: index, into: &builder, blockEnds: &blockEnds) else { continue }
            stack.append((index, false))
            let children = tree.children(of: index)
            for child in children.reversed() { stack.append((child, true)) }
        }
    }

    private func start(_ node: MarkdownNode) -> Int {
        positions.offset(Int(node.startLine), Int(node.startColumn))
    }

    private func end(_ node: MarkdownNode) -> Int {
        positions.offset(Int(node.endLine), Int(node.endColumn) + 1)
    }

    /// Returns whether to descend into the node's children.
    private mutating func enter(_ node: MarkdownNode, index: Int32, into builder: inout DocumentBuilder, blockEnds: inout [Int]) -> Bool {
        switch node.kind {
        case .document, .emphasis, .strong, .customBlock, .customInline:
            return true
        case .heading:
            builder.beginBlock(.heading, at: start(node), level: Int(node.headingLevel))
            blockEnds.append(end(node))
            return true
        case .paragraph:
            builder.beginBlock(.paragraph, at: start(node))
            blockEnds.append(end(node))
            return true
        case .blockQuote:
            builder.beginQuote(at: start(node))
            return true
        case .list:
            builder.beginList(ordered: node.isOrderedList, at: start(node))
            return true
        case .item:
            builder.beginItem(at: start(node))
            return true
        case .link:
            builder.beginLink(url: node.url ?? "", at: start(node))
            return true
        case .image:
            builder.beginImage(url: node.url ?? "", at: start(node))
            return true
        case .text:
            let hint = max(start(node), lastEnd)
            let limit = blockEnds.last ?? builder.source.bytes.count
            let literal = tree.literal(of: node)
            builder.appendAligned(literal, near: hint, limit: limit, syntax: .markdown)
            if let placed = builder.lastPlacedEnd { lastEnd = max(lastEnd, placed) }
            return false
        case .softBreak, .lineBreak:
            builder.appendSpace(at: SourceRange(at: lastEnd))
            return false
        case .code:
            // Code is not prose, but it still separates the words around it.
            let at = max(start(node), lastEnd)
            builder.appendSpace(at: SourceRange(at: at))
            return false
        case .htmlInline:
            addComments(in: tree.literal(of: node), at: max(start(node), lastEnd), into: &builder, inline: true)
            return false
        case .htmlBlock:
            addComments(in: tree.literal(of: node), at: start(node), into: &builder, inline: false)
            return false
        case .codeBlock:
            reportUnclosedFence(node, into: &builder)
            return false
        case .thematicBreak:
            return false
        }
    }

    private mutating func leave(_ node: MarkdownNode, index: Int32, into builder: inout DocumentBuilder, blockEnds: inout [Int]) {
        switch node.kind {
        case .heading, .paragraph:
            if node.kind == .paragraph, isOnlyStrong(index) { builder.markCurrentBlockEmphasized() }
            blockEnds.removeLast()
            builder.end()
        case .blockQuote, .list, .item, .link, .image:
            builder.end()
        default:
            break
        }
    }

    /// A fence that is never closed turns the rest of its container into code, silently: say so.
    private func reportUnclosedFence(_ node: MarkdownNode, into builder: inout DocumentBuilder) {
        let source = builder.source.bytes
        let open = start(node)
        guard open < source.count, source[open] == UInt8(ascii: "`") || source[open] == UInt8(ascii: "~") else { return }
        let fence = source[open]
        var length = 0
        while open + length < source.count, source[open + length] == fence { length += 1 }
        guard length >= 3 else { return }
        if node.endLine > node.startLine {
            let lineStart = positions.offset(Int(node.endLine), 1)
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

    /// A paragraph whose only content is one strong span: `**Can it be rebuilt?**`.
    private func isOnlyStrong(_ paragraph: Int32) -> Bool {
        let children = tree.children(of: paragraph)
        return children.count == 1 && tree.nodes[Int(children[0])].kind == .strong
    }

    /// Comments (`<!-- ... -->`) inside raw HTML, located in the source by searching from `offset`.
    private mutating func addComments(in literal: ArraySlice<UInt8>, at offset: Int, into builder: inout DocumentBuilder, inline: Bool) {
        let source = builder.source.bytes
        var searchFrom = offset
        var index = literal.startIndex
        while let open = firstIndex(of: Array("<!--".utf8), in: literal, from: index) {
            guard let close = firstIndex(of: Array("-->".utf8), in: literal, from: open + 4) else { break }
            let body = literal[(open + 4)..<close]
            let length = close + 3 - open
            let start = firstIndex(of: Array(literal[open..<(close + 3)]), in: source[...], from: searchFrom) ?? searchFrom
            builder.addComment(String(decoding: body, as: UTF8.self), range: SourceRange(start: start, end: start + length))
            searchFrom = start + length
            index = close + 3
        }
        if inline { lastEnd = max(lastEnd, searchFrom) }
    }

    private func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = max(from, haystack.startIndex)
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
