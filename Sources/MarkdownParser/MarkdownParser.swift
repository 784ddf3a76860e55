internal import CCMark

/// CommonMark parsed by libcmark, as a flat node array in document order.
public struct MarkdownTree: Sendable {
    public var nodes: [MarkdownNode] = []
    /// Literal text of text, code, HTML and code-block nodes, back to back.
    public var literals: [UInt8] = []

    public func literal(of node: MarkdownNode) -> ArraySlice<UInt8> {
        literals[Int(node.literal.lowerBound)..<Int(node.literal.upperBound)]
    }

    public func children(of index: Int32) -> [Int32] {
        var result: [Int32] = []
        var child = nodes[Int(index)].firstChild
        while child >= 0 {
            result.append(child)
            child = nodes[Int(child)].nextSibling
        }
        return result
    }
}

public struct MarkdownNode: Sendable {
    public enum Kind: UInt8, Sendable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
    }

    public var kind: Kind
    public var parent: Int32
    public var firstChild: Int32 = -1
    public var nextSibling: Int32 = -1
    /// libcmark's source positions: 1-based lines, 1-based columns counted in bytes; 0 when unknown.
    /// Inline positions can be off on continuation lines, so callers should verify them.
    public var startLine: Int32
    public var startColumn: Int32
    public var endLine: Int32
    public var endColumn: Int32
    public var literal: Range<Int32> = 0..<0
    public var url: String?
    public var headingLevel: Int8 = 0
    public var isOrderedList = false
}

public enum MarkdownParser {
    public static func parse(_ bytes: [UInt8]) -> MarkdownTree {
        var tree = MarkdownTree()
        let options = CMARK_OPT_SOURCEPOS
        let document: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            let empty: StaticString = ""
            let base = UnsafeRawPointer(buffer.baseAddress ?? empty.utf8Start).assumingMemoryBound(to: CChar.self)
            return cmark_parse_document(base, buffer.count, options)
        }
        guard let document else { return tree }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return tree }
        defer { cmark_iter_free(iterator) }

        var parents: [Int32] = []
        var lastChild: [Int32] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_EXIT {
                parents.removeLast()
                lastChild.removeLast()
                continue
            }
            guard let node = cmark_iter_get_node(iterator), let kind = kind(of: node) else { continue }
            let index = Int32(tree.nodes.count)
            let parent = parents.last ?? -1
            var entry = MarkdownNode(
                kind: kind, parent: parent,
                startLine: cmark_node_get_start_line(node), startColumn: cmark_node_get_start_column(node),
                endLine: cmark_node_get_end_line(node), endColumn: cmark_node_get_end_column(node))
            if let literal = cmark_node_get_literal(node) {
                let start = Int32(tree.literals.count)
                tree.literals.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: literal.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0).utf8.count }))
                entry.literal = start..<Int32(tree.literals.count)
            }
            switch kind {
            case .link, .image: entry.url = cmark_node_get_url(node).map { String(cString: $0) }
            case .heading: entry.headingLevel = Int8(cmark_node_get_heading_level(node))
            case .list: entry.isOrderedList = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            default: break
            }
            tree.nodes.append(entry)
            if let previous = lastChild.last, previous >= 0 {
                tree.nodes[Int(previous)].nextSibling = index
            } else if parent >= 0 {
                tree.nodes[Int(parent)].firstChild = index
            }
            if !lastChild.isEmpty { lastChild[lastChild.count - 1] = index }
            // Leaf nodes get no EXIT event.
            if isContainer(kind) {
                parents.append(index)
                lastChild.append(-1)
            }
        }
        return tree
    }

    private static func isContainer(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .customBlock, .paragraph, .heading, .customInline, .emphasis, .strong, .link, .image:
            return true
        default:
            return false
        }
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return nil
        }
    }
}
