/// A parsed HTML or XML document as plain Swift values: a flat node array in document order.
///
/// Every text node keeps the byte offsets where the parser read its pieces, so callers can map
/// decoded text (entities resolved) back to the exact source bytes.
public struct MarkupTree: Sendable {
    public static let none: Int32 = -1

    public var nodes: [MarkupNode] = []
    /// Decoded text of every text, CDATA and comment node, back to back.
    public var textBytes: [UInt8] = []
    public var attributes: [MarkupAttribute] = []
    /// Where the parser read each piece of a text node: see `MarkupChunk`.
    public var chunks: [MarkupChunk] = []
    /// Warnings and errors the parser raised, in the order it raised them.
    public var issues: [MarkupIssue] = []
    /// Entities declared in the document type (never loaded or expanded by Galley).
    public var entityDeclarations: [MarkupEntityDeclaration] = []
    /// The external DTD a `<!DOCTYPE ... SYSTEM "...">` names (never loaded by Galley).
    public var externalDTD: MarkupEntityDeclaration?
    /// False when the XML parser had to recover from a fatal error.
    public var wellFormed = true
    /// Results of the XPath expressions passed to the parser, one node list per expression.
    public var selections: [[Int32]] = []

    public init() {}

    public func text(of node: MarkupNode) -> ArraySlice<UInt8> {
        textBytes[Int(node.text.lowerBound)..<Int(node.text.upperBound)]
    }

    public func attributes(of node: MarkupNode) -> ArraySlice<MarkupAttribute> {
        attributes[Int(node.attributes.lowerBound)..<Int(node.attributes.upperBound)]
    }

    public func attribute(_ name: String, of node: MarkupNode) -> String? {
        for attribute in attributes(of: node) where attribute.name == name { return attribute.value }
        return nil
    }

    public func chunks(of node: MarkupNode) -> ArraySlice<MarkupChunk> {
        chunks[Int(node.chunks.lowerBound)..<Int(node.chunks.upperBound)]
    }

    /// Children of `index` in document order.
    public func children(of index: Int32) -> ChildSequence {
        ChildSequence(tree: self, cursor: index == MarkupTree.none ? MarkupTree.none : nodes[Int(index)].firstChild)
    }

    public struct ChildSequence: Sequence, IteratorProtocol {
        let tree: MarkupTree
        var cursor: Int32
        public mutating func next() -> Int32? {
            guard cursor != MarkupTree.none else { return nil }
            defer { cursor = tree.nodes[Int(cursor)].nextSibling }
            return cursor
        }
    }
}

public struct MarkupNode: Sendable {
    public enum Kind: UInt8, Sendable {
        case element, text, cdata, comment, entityReference, processingInstruction
    }

    public var kind: Kind
    /// Element name (lower-cased for HTML, local name for XML), entity name, or PI target.
    public var name: String
    /// Namespace URI of an XML element.
    public var namespace: String?
    public var parent: Int32
    public var firstChild: Int32 = MarkupTree.none
    public var nextSibling: Int32 = MarkupTree.none
    /// Byte offset of the node's first source byte (`<` of a tag or comment, `&` of a reference),
    /// or -1 when the parser invented the node (implied `<p>`, `<body>`...).
    public var offset: Int32
    /// Byte offset just past the node's source (end of a comment or reference), or -1.
    public var endOffset: Int32 = -1
    /// libxml2's line number for the node, a fallback when `offset` is unknown.
    public var line: Int32
    public var text: Range<Int32> = 0..<0
    public var attributes: Range<Int32> = 0..<0
    public var chunks: Range<Int32> = 0..<0
}

public struct MarkupAttribute: Sendable {
    public var name: String
    public var value: String
}

/// One callback's worth of text: `length` decoded bytes read from the source bytes
/// `rawStart..<rawEnd` (both -1 when unknown). The two differ in length when the piece was an
/// entity or character reference such as `&amp;`.
public struct MarkupChunk: Sendable, Equatable {
    public var length: Int32
    public var rawStart: Int32
    public var rawEnd: Int32
}

public struct MarkupIssue: Sendable, Equatable {
    public enum Level: Sendable { case warning, error, fatal }
    public var level: Level
    /// libxml2's error code (`xmlParserErrors`), e.g. 801 for an HTML tag it does not know.
    public var code: Int32
    public var message: String
    /// Byte offset where the parser stood, or -1 when it was inside an entity.
    public var offset: Int32
    public var line: Int32
    public var column: Int32
}

public struct MarkupEntityDeclaration: Sendable, Equatable {
    public var name: String
    public var systemID: String?
    public var publicID: String?
    public var offset: Int32
    public var isExternal: Bool { systemID != nil || publicID != nil }
}
