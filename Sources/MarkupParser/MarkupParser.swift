internal import CLibXML2

/// Parses HTML and XML with libxml2 into a `MarkupTree`.
///
/// Network access, DTD loading and entity substitution are off for every document, and a
/// process-wide entity loader refuses every external resource (libxml2's `NONET` does not block
/// `file://`). The input must already be UTF-8: the document's own encoding declaration is ignored.
public enum MarkupParser {
    public enum Dialect: Sendable { case html, xml }

    /// An XPath expression with the namespace prefixes it uses.
    public struct XPathQuery: Sendable, Hashable {
        public var expression: String
        public var namespaces: [String: String]
        public init(_ expression: String, namespaces: [String: String] = [:]) {
            self.expression = expression
            self.namespaces = namespaces
        }
    }

    public static func parse(_ bytes: [UInt8], as dialect: Dialect, selecting queries: [XPathQuery] = []) -> MarkupTree {
        LibXML.initializeOnce()
        let state = ParseState()
        return bytes.withUnsafeBufferPointer { buffer in
            state.source = buffer
            defer { state.source = UnsafeBufferPointer(start: nil, count: 0) }
            guard let context = makeContext(buffer, dialect: dialect, state: state) else {
                var tree = MarkupTree()
                tree.issues.append(MarkupIssue(level: .fatal, code: 0, message: "out of memory creating the parser", offset: 0, line: 1, column: 1))
                return tree
            }
            defer { freeContext(context, dialect: dialect) }
            switch dialect {
            case .html: _ = htmlParseDocument(context)
            case .xml: _ = xmlParseDocument(context)
            }
            var flattener = TreeFlattener(state: state)
            var tree = flattener.flatten(context.pointee.myDoc, html: dialect == .html)
            tree.issues = state.issues
            tree.entityDeclarations = state.entities
            if dialect == .xml { tree.externalDTD = externalDTD(of: context.pointee.myDoc, in: buffer) }
            tree.wellFormed = dialect == .html || context.pointee.wellFormed != 0
            if let document = context.pointee.myDoc, !queries.isEmpty {
                tree.selections = XPathEvaluator.evaluate(queries, in: document, issues: &tree.issues)
            }
            return tree
        }
    }

    /// The external subset the document type names, at its `<!DOCTYPE`.
    private static func externalDTD(of document: xmlDocPtr?, in source: UnsafeBufferPointer<UInt8>) -> MarkupEntityDeclaration? {
        guard let subset = document?.pointee.intSubset, subset.pointee.SystemID != nil || subset.pointee.ExternalID != nil else { return nil }
        let keyword = Array("<!DOCTYPE".utf8)
        var offset = -1
        if source.count >= keyword.count {
            for index in 0...(source.count - keyword.count) where source[index] == keyword[0] {
                if (0..<keyword.count).allSatisfy({ source[index + $0] == keyword[$0] }) {
                    offset = index
                    break
                }
            }
        }
        return MarkupEntityDeclaration(name: subset.pointee.name.map { String(cString: $0) } ?? "",
                                       systemID: subset.pointee.SystemID.map { String(cString: $0) },
                                       publicID: subset.pointee.ExternalID.map { String(cString: $0) },
                                       offset: Int32(clamping: offset))
    }

    /// Returns libxml2's message when `query` does not compile, nil when it does.
    public static func xpathError(in query: XPathQuery) -> String? {
        LibXML.initializeOnce()
        return XPathEvaluator.compileError(query)
    }

    private static func makeContext(_ buffer: UnsafeBufferPointer<UInt8>, dialect: Dialect, state: ParseState) -> xmlParserCtxtPtr? {
        let size = Int32(clamping: buffer.count)
        let context: xmlParserCtxtPtr?
        let empty: StaticString = ""
        let base = UnsafeRawPointer(buffer.baseAddress ?? empty.utf8Start).assumingMemoryBound(to: CChar.self)
        switch dialect {
        case .html: context = htmlCreateMemoryParserCtxt(base, size)
        case .xml: context = xmlCreateMemoryParserCtxt(base, size)
        }
        guard let context, let sax = context.pointee.sax else { return context }
        state.context = context
        context.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        SAXHooks.install(on: sax, state: state, dialect: dialect)
        switch dialect {
        case .html:
            let options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            _ = htmlCtxtUseOptions(context, Int32(options))
        case .xml:
            let options = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue
            _ = xmlCtxtUseOptions(context, Int32(options))
        }
        // The input is UTF-8 already; without this the HTML parser guesses ISO-8859-1 at the first
        // non-ASCII byte and converts, which garbles text and shifts every offset after it.
        context.pointee.charset = Int32(XML_CHAR_ENCODING_UTF8.rawValue)
        // libxml2 2.9's option setters drop BIG_LINES; without it line numbers stop at 65535.
        context.pointee.options |= Int32(XML_PARSE_BIG_LINES.rawValue)
        return context
    }

    private static func freeContext(_ context: xmlParserCtxtPtr, dialect: Dialect) {
        if let document = context.pointee.myDoc {
            xmlFreeDoc(document)
            context.pointee.myDoc = nil
        }
        switch dialect {
        case .html: htmlFreeParserCtxt(context)
        case .xml: xmlFreeParserCtxt(context)
        }
    }
}

enum LibXML {
    private static let initialized: Bool = {
        xmlInitParser()
        // Process-wide in libxml2 < 2.14: every external DTD, entity or XInclude is refused.
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    static func initializeOnce() { _ = initialized }
}
