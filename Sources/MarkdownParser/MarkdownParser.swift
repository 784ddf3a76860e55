internal import CCMarkGFM
import Synchronization

/// GitHub-flavoured Markdown parsed by cmark-gfm, as a flat node array in document order
/// (pre-order: a node's descendants follow it, up to `subtreeEnd`).
public struct MarkdownTree: Sendable {
    public var nodes: [MarkdownNode] = []
    /// Literal text of text, code, HTML, code-block and footnote nodes, back to back.
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
        // GitHub-flavoured extensions.
        case table, tableRow, tableCell, strikethrough, footnoteDefinition, footnoteReference
    }

    /// A list item's task checkbox (`- [ ]`, `- [x]`).
    public enum Task: UInt8, Sendable { case none, unchecked, checked }

    public var kind: Kind
    public var parent: Int32
    public var firstChild: Int32 = -1
    public var nextSibling: Int32 = -1
    /// Index just past the node's last descendant.
    public var subtreeEnd: Int32 = 0
    /// cmark-gfm's source positions: 1-based lines, 1-based columns counted in bytes; 0 when
    /// unknown (links the autolink extension makes). Inline columns on a paragraph's continuation
    /// lines are counted from where the paragraph's first line starts, not from the line's own
    /// content, so callers correct and verify them.
    public var startLine: Int32
    public var startColumn: Int32
    public var endLine: Int32
    public var endColumn: Int32
    public var literal: Range<Int32> = 0..<0
    public var url: String?
    public var headingLevel: Int8 = 0
    public var isOrderedList = false
    /// A table row of header cells.
    public var isHeaderRow = false
    public var task: Task = .none
}

public enum MarkdownParser {
    /// cmark-gfm's extension registry is global and filled once per process (not thread-safe).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm turns its extensions' special characters (`~`, `|`...) on in a table shared by
    /// the process while a parser reads inlines (in `cmark_parser_finish`) and off when it is
    /// done, so a parser finishing on one thread took `~` away from another mid-parse. Inline
    /// parsing runs one at a time; the block phase (`feed`) stays parallel.
    private static let finishing = Mutex(())

    public static func parse(_ bytes: [UInt8]) -> MarkdownTree {
        var tree = MarkdownTree()
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE
        _ = registered
        guard let parser = cmark_parser_new(options) else { return tree }
        defer { cmark_parser_free(parser) }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                galley_cmark_attach_gfm_extensions(parser, 0)
                return
            }
            UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                galley_cmark_attach_gfm_extensions(parser, galley_cmark_may_autolink($0, buffer.count))
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        // Handed out of the lock as an address: the node pointer is not Sendable.
        let finished = finishing.withLock { _ in UInt(bitPattern: cmark_parser_finish(parser)) }
        guard let document = OpaquePointer(bitPattern: finished) else { return tree }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return tree }
        defer { cmark_iter_free(iterator) }
        tree.nodes.reserveCapacity(bytes.count / 24)
        tree.literals.reserveCapacity(bytes.count)

        var parents: [Int32] = []
        var lastChild: [Int32] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_EXIT {
                if let open = parents.popLast() { tree.nodes[Int(open)].subtreeEnd = Int32(tree.nodes.count) }
                lastChild.removeLast()
                continue
            }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let kind = kind(of: node)
            let index = Int32(tree.nodes.count)
            let parent = parents.last ?? -1
            var entry = MarkdownNode(
                kind: kind, parent: parent, subtreeEnd: index + 1,
                startLine: cmark_node_get_start_line(node), startColumn: cmark_node_get_start_column(node),
                endLine: cmark_node_get_end_line(node), endColumn: cmark_node_get_end_column(node))
            if hasLiteral(kind), let literal = cmark_node_get_literal(node) {
                let start = Int32(tree.literals.count)
                tree.literals.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
                entry.literal = start..<Int32(tree.literals.count)
            }
            switch kind {
            case .link, .image: entry.url = cmark_node_get_url(node).map { String(cString: $0) }
            case .heading: entry.headingLevel = Int8(cmark_node_get_heading_level(node))
            case .list: entry.isOrderedList = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            case .tableRow: entry.isHeaderRow = cmark_gfm_extensions_get_table_row_is_header(node) != 0
            case .item:
                if let type = cmark_node_get_type_string(node), strcmp(type, "tasklist") == 0 {
                    entry.task = cmark_gfm_extensions_get_tasklist_item_checked(node) ? .checked : .unchecked
                }
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

    private static func hasLiteral(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .text, .code, .htmlInline, .htmlBlock, .codeBlock, .footnoteReference: return true
        default: return false
        }
    }

    /// Whether cmark-gfm's iterator gives the node an exit event: every node but its leaf types
    /// (a footnote reference is not a leaf to it).
    private static func isContainer(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .htmlBlock, .thematicBreak, .codeBlock, .text, .softBreak, .lineBreak, .code, .htmlInline:
            return false
        default:
            return true
        }
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
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
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
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
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
        default:
            // Extension node types are numbered at registration: known by name. Any other
            // extension node gets an exit event like a container, so it is kept as one.
            let isInline = cmark_node_get_type(node).rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_INLINE)
            guard let name = cmark_node_get_type_string(node) else { return isInline ? .customInline : .customBlock }
            if strcmp(name, "table") == 0 { return .table }
            if strcmp(name, "table_row") == 0 || strcmp(name, "table_header") == 0 { return .tableRow }
            if strcmp(name, "table_cell") == 0 { return .tableCell }
            if strcmp(name, "strikethrough") == 0 { return .strikethrough }
            return isInline ? .customInline : .customBlock
        }
    }
}
