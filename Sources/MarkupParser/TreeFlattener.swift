internal import CLibXML2

/// Copies libxml2's tree into a `MarkupTree`, iteratively (documents can nest 100,000 deep).
/// Each copied node's `_private` is left holding its index + 1 so XPath results map back.
struct TreeFlattener {
    let state: ParseState
    private var tree = MarkupTree()

    init(state: ParseState) { self.state = state }

    mutating func flatten(_ document: xmlDocPtr?, html: Bool) -> MarkupTree {
        guard let document else { return tree }
        var stack: [(node: xmlNodePtr?, parent: Int32, previous: Int32)] = [(document.pointee.children, MarkupTree.none, MarkupTree.none)]
        while var frame = stack.popLast() {
            guard let node = frame.node else { continue }
            stack.append((node.pointee.next, frame.parent, frame.previous))
            guard let index = append(node, parent: frame.parent, html: html) else { continue }
            if frame.previous != MarkupTree.none {
                tree.nodes[Int(frame.previous)].nextSibling = index
            } else if frame.parent != MarkupTree.none {
                tree.nodes[Int(frame.parent)].firstChild = index
            }
            stack[stack.count - 1].previous = index
            frame = (node.pointee.children, index, MarkupTree.none)
            if node.pointee.type == XML_ELEMENT_NODE, frame.node != nil { stack.append(frame) }
        }
        return tree
    }

    private mutating func append(_ node: xmlNodePtr, parent: Int32, html: Bool) -> Int32? {
        let kind: MarkupNode.Kind
        switch node.pointee.type {
        case XML_ELEMENT_NODE: kind = .element
        case XML_TEXT_NODE: kind = .text
        case XML_CDATA_SECTION_NODE: kind = .cdata
        case XML_COMMENT_NODE: kind = .comment
        case XML_ENTITY_REF_NODE: kind = .entityReference
        case XML_PI_NODE: kind = .processingInstruction
        default: return nil
        }
        let index = Int32(tree.nodes.count)
        let marker = Int(bitPattern: node.pointee._private)
        var entry = MarkupNode(
            kind: kind, name: "", namespace: nil, parent: parent, offset: -1,
            line: Int32(clamping: xmlGetLineNo(node)))
        switch kind {
        case .element:
            entry.name = string(node.pointee.name)
            if !html, let namespace = node.pointee.ns, let href = namespace.pointee.href { entry.namespace = string(href) }
            entry.attributes = copyAttributes(node)
            if marker > 0, marker <= state.spans.count { entry.offset = state.spans[marker - 1].start }
        case .text, .cdata:
            entry.text = copyText(node.pointee.content)
            if marker > 0 { entry.chunks = copyChunks(of: node, from: marker - 1) }
            entry.offset = entry.chunks.isEmpty ? -1 : tree.chunks[Int(entry.chunks.lowerBound)].rawStart
        case .comment, .entityReference, .processingInstruction:
            entry.name = kind == .comment ? "" : string(node.pointee.name)
            if kind == .comment { entry.text = copyText(node.pointee.content) }
            if kind != .processingInstruction, marker > 0, marker <= state.spans.count {
                entry.offset = state.spans[marker - 1].start
                entry.endOffset = state.spans[marker - 1].end
            }
        }
        node.pointee._private = UnsafeMutableRawPointer(bitPattern: Int(index) + 1)
        tree.nodes.append(entry)
        return index
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private mutating func copyText(_ pointer: UnsafeMutablePointer<xmlChar>?) -> Range<Int32> {
        let start = Int32(tree.textBytes.count)
        if let pointer {
            tree.textBytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))))
        }
        return start..<Int32(tree.textBytes.count)
    }

    private mutating func copyAttributes(_ node: xmlNodePtr) -> Range<Int32> {
        let start = Int32(tree.attributes.count)
        var attribute = node.pointee.properties
        while let current = attribute {
            var value = ""
            var child = current.pointee.children
            while let text = child {
                if let content = text.pointee.content { value += String(cString: content) }
                child = text.pointee.next
            }
            tree.attributes.append(MarkupAttribute(name: string(current.pointee.name), value: value))
            attribute = current.pointee.next
        }
        return start..<Int32(tree.attributes.count)
    }

    /// The chunks recorded for `node` are consecutive: text only grows while it is the last child.
    private mutating func copyChunks(of node: xmlNodePtr, from first: Int) -> Range<Int32> {
        let start = Int32(tree.chunks.count)
        let target = UnsafeMutableRawPointer(node)
        var index = first
        while index < state.chunks.count, state.chunks[index].node == target {
            let chunk = state.chunks[index]
            tree.chunks.append(MarkupChunk(length: chunk.length, rawStart: chunk.rawStart, rawEnd: chunk.rawEnd))
            index += 1
        }
        return start..<Int32(tree.chunks.count)
    }
}
