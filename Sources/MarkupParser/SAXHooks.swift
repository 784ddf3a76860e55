internal import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// What the SAX hooks learn while libxml2 builds its tree: where each piece of text, each tag
/// and each comment sits in the source. libxml2 keeps line numbers but no columns or offsets.
final class ParseState {
    struct Chunk {
        var node: UnsafeMutableRawPointer
        var length: Int32
        var rawStart: Int32
        var rawEnd: Int32
    }

    var source = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var context: xmlParserCtxtPtr?
    /// Offset just past the last source construct a callback accounted for.
    var lastEnd = 0
    var chunks: [Chunk] = []
    /// Source spans of elements, comments and references, indexed through the node's `_private`.
    var spans: [(start: Int32, end: Int32)] = []
    var issues: [MarkupIssue] = []
    var entities: [MarkupEntityDeclaration] = []

    // The handlers libxml2 installed, which build its tree; each hook calls through to one.
    var characters: charactersSAXFunc?
    var ignorableWhitespace: ignorableWhitespaceSAXFunc?
    var cdataBlock: cdataBlockSAXFunc?
    var comment: commentSAXFunc?
    var reference: referenceSAXFunc?
    var startElement: startElementSAXFunc?
    var startElementNs: startElementNsSAX2Func?
    var entityDecl: entityDeclSAXFunc?
    var processingInstruction: processingInstructionSAXFunc?

    static func from(_ ctx: UnsafeMutableRawPointer?) -> (ParseState, xmlParserCtxtPtr)? {
        guard let ctx else { return nil }
        let context = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let raw = context.pointee._private else { return nil }
        return (Unmanaged<ParseState>.fromOpaque(raw).takeUnretainedValue(), context)
    }

    /// The parser's offset in the main document, or nil inside an entity's own sub-parser.
    func offset(_ context: xmlParserCtxtPtr) -> Int? {
        guard context == self.context else { return nil }
        let offset = galley_parser_offset(context)
        return offset >= 0 && offset <= source.count ? offset : nil
    }

    func byte(at index: Int) -> UInt8? {
        index >= 0 && index < source.count ? source[index] : nil
    }

    /// First index of `needle` in `[from, to)`.
    func find(_ needle: UInt8, from: Int, to: Int) -> Int? {
        var index = max(0, from)
        let end = min(to, source.count)
        while index < end {
            if source[index] == needle { return index }
            index += 1
        }
        return nil
    }

    func matches(_ bytes: UnsafePointer<UInt8>, _ length: Int, at start: Int) -> Bool {
        guard start >= 0, length >= 0, start + length <= source.count else { return false }
        guard length > 0, let base = source.baseAddress else { return true }
        return memcmp(base + start, bytes, length) == 0
    }

    func span(_ start: Int?, _ end: Int?) -> UnsafeMutableRawPointer? {
        spans.append((Int32(start ?? -1), Int32(end ?? -1)))
        return UnsafeMutableRawPointer(bitPattern: spans.count)
    }

    /// Records where a text piece of `length` decoded bytes was read, the parser now being at `end`.
    func recordText(_ bytes: UnsafePointer<UInt8>?, _ length: Int32, end: Int?, into node: UnsafeMutablePointer<xmlNode>?) {
        guard let node, node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE else { return }
        let count = Int(length)
        var rawStart = -1
        var rawEnd = -1
        if let end, let bytes {
            // Usually the text starts where the last construct ended; libxml2's HTML parser
            // sometimes reports a long run one character before reading its last byte, and
            // references (`&amp;`) occupy more source than the text they stand for.
            let startsReference = byte(at: lastEnd) == UInt8(ascii: "&") && lastEnd + count != end
            if matches(bytes, count, at: lastEnd) && !startsReference {
                rawStart = lastEnd
                rawEnd = lastEnd + count
            } else if matches(bytes, count, at: end - count) {
                rawStart = end - count
                rawEnd = end
            } else {
                rawStart = min(lastEnd, end)
                rawEnd = end
            }
            lastEnd = max(rawEnd, end)
        }
        let raw = UnsafeMutableRawPointer(node)
        if node.pointee._private == nil { node.pointee._private = UnsafeMutableRawPointer(bitPattern: chunks.count + 1) }
        chunks.append(Chunk(node: raw, length: length, rawStart: Int32(rawStart), rawEnd: Int32(rawEnd)))
    }

    /// Records an element whose start tag the parser has just read (or invented).
    func recordElement(_ node: UnsafeMutablePointer<xmlNode>?, prefix: UnsafePointer<UInt8>?, name: UnsafePointer<UInt8>?, end: Int?) {
        guard let node else { return }
        var start: Int?
        if let end, let name, let open = find(UInt8(ascii: "<"), from: lastEnd, to: end),
           let nameEnd = qualifiedNameEnd(prefix: prefix, name: name, at: open + 1),
           nameEnd == end || !isNameByte(byte(at: nameEnd)) {
            start = open
            // The HTML parser calls back before consuming `>` or `/>`.
            var close = end
            if byte(at: close) == UInt8(ascii: "/"), byte(at: close + 1) == UInt8(ascii: ">") { close += 2 }
            else if byte(at: close) == UInt8(ascii: ">") { close += 1 }
            lastEnd = close
        }
        node.pointee._private = span(start, nil)
    }

    /// Where `prefix:name` (compared case-insensitively, as HTML names are) ends if it is at `start`.
    private func qualifiedNameEnd(prefix: UnsafePointer<UInt8>?, name: UnsafePointer<UInt8>, at start: Int) -> Int? {
        var position = start
        if let prefix {
            guard let afterPrefix = nameEnd(prefix, at: position), byte(at: afterPrefix) == UInt8(ascii: ":") else { return nil }
            position = afterPrefix + 1
        }
        return nameEnd(name, at: position)
    }

    private func nameEnd(_ name: UnsafePointer<UInt8>, at start: Int) -> Int? {
        var index = 0
        while name[index] != 0 {
            guard let byte = byte(at: start + index), lowercased(byte) == lowercased(name[index]) else { return nil }
            index += 1
        }
        return start + index
    }

    private func lowercased(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    private func isNameByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= 0x80 || (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    /// Records a comment or reference that ends at `end` and opens with the first `opener` after the last construct.
    func recordConstruct(_ node: UnsafeMutablePointer<xmlNode>?, opener: UInt8, end: Int?) {
        var start: Int?
        if let end {
            start = find(opener, from: lastEnd, to: end)
            lastEnd = max(lastEnd, end)
        }
        node?.pointee._private = span(start, end)
    }

    /// An end tag read from the source (not one the HTML parser implied) moves `lastEnd` past it.
    func noteEndTag(_ context: xmlParserCtxtPtr) {
        guard let end = offset(context), end > lastEnd, byte(at: end - 1) == UInt8(ascii: ">") else { return }
        lastEnd = end
    }

    /// CDATA text starts after `<![CDATA[`, which no other callback accounts for.
    func skipCDATAOpener() {
        let opener = Array("<![CDATA[".utf8)
        guard lastEnd + opener.count <= source.count else { return }
        for (index, byte) in opener.enumerated() where source[lastEnd + index] != byte { return }
        lastEnd += opener.count
    }

    func recordEntity(name: UnsafePointer<UInt8>?, publicID: UnsafePointer<UInt8>?, systemID: UnsafePointer<UInt8>?, end: Int?) {
        guard let name else { return }
        var start = -1
        if let end {
            let keyword = Array("<!ENTITY".utf8)
            var index = end - keyword.count
            while index >= 0 {
                if source[index] == keyword[0], (0..<keyword.count).allSatisfy({ source[index + $0] == keyword[$0] }) { break }
                index -= 1
            }
            start = index
            lastEnd = max(lastEnd, end)
        }
        entities.append(MarkupEntityDeclaration(
            name: String(cString: name), systemID: systemID.map { String(cString: $0) },
            publicID: publicID.map { String(cString: $0) }, offset: Int32(start)))
    }

    /// libxml2's wording where it would mislead: its limits suggest an option Galley never sets
    /// (XML_PARSE_HUGE lifts them), and it calls an expansion blow-up a loop.
    static func plainMessage(code: Int32, _ message: String) -> String {
        if message.hasPrefix("Excessive depth in document:") {
            let depth = message.dropFirst("Excessive depth in document:".count).prefix { $0 == " " || $0.isNumber }
            return "elements nest deeper than\(depth)levels; the rest of the document is not read"
        }
        if message.hasPrefix("xmlParseElementChildrenContentDecl : depth") {
            return "element declaration nests too deep"
        }
        if code == Int32(XML_ERR_ENTITY_LOOP.rawValue) {
            return "entity expansion stopped: the entities refer to each other in a loop or expand too much"
        }
        return message
    }

    func addIssue(_ error: UnsafePointer<xmlError>, context: xmlParserCtxtPtr?) {
        let level: MarkupIssue.Level
        switch error.pointee.level {
        case XML_ERR_WARNING: level = .warning
        case XML_ERR_FATAL: level = .fatal
        default: level = .error
        }
        var message = error.pointee.message.map { String(cString: $0) } ?? "parse error"
        while let last = message.last, last.isWhitespace { message.removeLast() }
        message = Self.plainMessage(code: error.pointee.code, message)
        // Inside an entity's content the parser has its own context; the main one still stands
        // at the reference, which is where the reader should look.
        let position = context.flatMap { offset($0) } ?? self.context.flatMap { offset($0) } ?? -1
        if let last = issues.last, last.message == message, last.offset == Int32(clamping: position) { return }
        issues.append(MarkupIssue(
            level: level, code: Int32(error.pointee.code), message: message, offset: Int32(clamping: position),
            line: error.pointee.line, column: error.pointee.int2))
    }
}

enum SAXHooks {
    static func install(on sax: UnsafeMutablePointer<xmlSAXHandler>, state: ParseState, dialect: MarkupParser.Dialect) {
        // Per-context structured errors only reach us when the handler claims SAX2;
        // otherwise the HTML parser's errors are printed or lost.
        sax.pointee.initialized = XML_SAX2_MAGIC
        sax.pointee.serror = { userData, error in
            guard let error, let (state, context) = ParseState.from(userData) else { return }
            state.addIssue(error, context: context)
        }
        sax.pointee.error = nil
        sax.pointee.warning = nil

        state.characters = sax.pointee.characters
        sax.pointee.characters = { ctx, bytes, length in
            guard let (state, context) = ParseState.from(ctx) else { return }
            state.characters?(ctx, bytes, length)
            state.recordText(bytes, length, end: state.offset(context), into: context.pointee.node?.pointee.last)
        }
        state.cdataBlock = sax.pointee.cdataBlock
        sax.pointee.cdataBlock = { ctx, bytes, length in
            guard let (state, context) = ParseState.from(ctx) else { return }
            state.cdataBlock?(ctx, bytes, length)
            state.skipCDATAOpener()
            state.recordText(bytes, length, end: state.offset(context), into: context.pointee.node?.pointee.last)
        }
        state.ignorableWhitespace = sax.pointee.ignorableWhitespace
        sax.pointee.ignorableWhitespace = { ctx, bytes, length in
            guard let (state, context) = ParseState.from(ctx) else { return }
            state.ignorableWhitespace?(ctx, bytes, length)
            if let end = state.offset(context) { state.lastEnd = max(state.lastEnd, end) }
        }
        state.comment = sax.pointee.comment
        sax.pointee.comment = { ctx, value in
            guard let (state, context) = ParseState.from(ctx) else { return }
            state.comment?(ctx, value)
            let parent = context.pointee.node
            let created = parent != nil ? parent?.pointee.last : context.pointee.myDoc?.pointee.last
            if context.pointee.inSubset == 0 {
                state.recordConstruct(created, opener: UInt8(ascii: "<"), end: state.offset(context))
            }
        }
        state.processingInstruction = sax.pointee.processingInstruction
        sax.pointee.processingInstruction = { ctx, target, data in
            guard let (state, context) = ParseState.from(ctx) else { return }
            state.processingInstruction?(ctx, target, data)
            if let end = state.offset(context) { state.lastEnd = max(state.lastEnd, end) }
        }
        sax.pointee.endElement = dialect == .html ? { ctx, name in
            guard let (state, context) = ParseState.from(ctx) else { return }
            xmlSAX2EndElement(ctx, name)
            state.noteEndTag(context)
        } : sax.pointee.endElement
        sax.pointee.endElementNs = dialect == .xml ? { ctx, localName, prefix, uri in
            guard let (state, context) = ParseState.from(ctx) else { return }
            xmlSAX2EndElementNs(ctx, localName, prefix, uri)
            state.noteEndTag(context)
        } : sax.pointee.endElementNs

        switch dialect {
        case .html:
            state.startElement = sax.pointee.startElement
            sax.pointee.startElement = { ctx, name, attributes in
                guard let (state, context) = ParseState.from(ctx) else { return }
                state.startElement?(ctx, name, attributes)
                state.recordElement(context.pointee.node, prefix: nil, name: name, end: state.offset(context))
            }
        case .xml:
            state.startElementNs = sax.pointee.startElementNs
            sax.pointee.startElementNs = { ctx, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
                guard let (state, context) = ParseState.from(ctx) else { return }
                state.startElementNs?(ctx, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes)
                state.recordElement(context.pointee.node, prefix: prefix, name: localName, end: state.offset(context))
            }
            state.reference = sax.pointee.reference
            sax.pointee.reference = { ctx, name in
                guard let (state, context) = ParseState.from(ctx) else { return }
                state.reference?(ctx, name)
                state.recordConstruct(context.pointee.node?.pointee.last, opener: UInt8(ascii: "&"), end: state.offset(context))
            }
            state.entityDecl = sax.pointee.entityDecl
            sax.pointee.entityDecl = { ctx, name, type, publicID, systemID, content in
                guard let (state, context) = ParseState.from(ctx) else { return }
                state.entityDecl?(ctx, name, type, publicID, systemID, content)
                state.recordEntity(name: name, publicID: publicID, systemID: systemID, end: state.offset(context))
            }
        }
    }
}

