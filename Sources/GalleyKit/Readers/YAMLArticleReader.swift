import MarkdownParser
import YAMLParser

/// A YAML article, as headless CMSs export them: metadata keys at the top level and the article
/// body as Markdown in `body` (or `content`), best written as a literal block (`body: |`).
enum YAMLArticleReader {
    static let bodyKeys = ["body", "content"]

    static func read(path: String, source: SourceText, options: ReaderOptions = ReaderOptions()) -> Document {
        var builder = DocumentBuilder(path: path, format: .yaml, source: source, options: options)
        let stream: YAMLStream
        do {
            stream = try YAMLParser.parse(source.bytes)
        } catch {
            builder.addIssue(ReadIssue(kind: .parse, severity: .error, offset: YAMLMetadata.offset(of: error.mark, firstLine: 1, in: source),
                                       message: error.message))
            return builder.build()
        }
        let converter = YAMLMetadata(source: source, firstLine: 1)
        for warning in stream.warnings {
            builder.addIssue(ReadIssue(kind: .parse, severity: .warning, offset: converter.offset(warning.mark), message: warning.message))
        }
        guard let pairs = stream.documents.first?.pairs else {
            builder.addIssue(ReadIssue(kind: .parse, severity: .error, offset: 0,
                                       message: "a YAML article must be a mapping with metadata keys and a 'body' key"))
            var document = builder.build()
            document.isArticle = false
            return document
        }
        var body: YAMLNode?
        for pair in pairs {
            if let key = pair.key.scalar, bodyKeys.contains(key), pair.value.scalar != nil, body == nil {
                body = pair.value
                continue
            }
            let field = converter.fields([pair], origin: .yamlArticle)[0]
            builder.setMetadata(field.key, field.value, at: field.offset, origin: .yamlArticle)
        }
        if let body, let markdown = body.scalar {
            readBody(markdown, node: body, converter: converter, into: &builder)
        } else {
            builder.addIssue(ReadIssue(kind: .parse, severity: .warning, offset: 0, message: "no 'body' key: the article has no text to check"))
        }
        var document = builder.build()
        document.isArticle = body != nil
        return document
    }

    /// Parses the body as Markdown and maps its positions through the YAML scalar back to the file.
    private static func readBody(_ markdown: String, node: YAMLNode, converter: YAMLMetadata, into builder: inout DocumentBuilder) {
        let source = builder.source
        let decoded = Array(markdown.utf8)
        let start = converter.valueOffset(node)
        let end = converter.offset(node.end)
        let syntax: SourceAligner.Syntax
        switch node.content {
        case .scalar(_, .doubleQuoted): syntax = .yamlDoubleQuoted
        case .scalar(_, .singleQuoted): syntax = .yamlSingleQuoted
        default: syntax = .yamlPlain
        }
        let pieces = SourceAligner.align(decoded[...], in: source.bytes, from: start, limit: end, syntax: syntax)
        var lineStarts = [0]
        for (index, byte) in decoded.enumerated() where byte == 0x0A { lineStarts.append(index + 1) }
        let placement = MarkdownPlacement(bytes: decoded, lineStarts: lineStarts, end: decoded.count) { offset in
            sourceOffset(ofBodyOffset: offset, pieces: pieces, fallback: end)
        }
        var walker = MarkdownWalker(tree: MarkdownParser.parse(decoded), placement: placement, mask: nil)
        walker.walk(into: &builder)
    }

    private static func sourceOffset(ofBodyOffset offset: Int, pieces: [SourceAligner.Piece], fallback: Int) -> Int {
        var low = 0
        var high = pieces.count - 1
        guard high >= 0 else { return fallback }
        while low < high {
            let middle = (low + high + 1) / 2
            if pieces[middle].text.lowerBound <= offset { low = middle } else { high = middle - 1 }
        }
        let piece = pieces[low]
        guard piece.text.contains(offset) || offset >= piece.text.upperBound else { return piece.source.start }
        if piece.isVerbatim { return piece.source.start + min(offset - piece.text.lowerBound, piece.source.end - piece.source.start) }
        return offset >= piece.text.upperBound ? piece.source.end : piece.source.start
    }
}
