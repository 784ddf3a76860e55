import YAMLParser

/// YAML front matter between `---` lines at the very top of a Markdown or HTML file.
struct FrontMatter {
    /// The YAML text between the delimiters.
    let content: SourceRange
    /// Delimiters included.
    let block: SourceRange
    /// 1-based line of the first YAML line.
    let firstLine: Int

    static func find(in source: SourceText) -> FrontMatter? {
        let bytes = source.bytes
        guard bytes.count >= 4, bytes[0] == 0x2D, bytes[1] == 0x2D, bytes[2] == 0x2D else { return nil }
        var index = 3
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < bytes.count, bytes[index] == 0x0A else { return nil }
        for line in 2...max(2, source.lineStarts.count) where line <= source.lineStarts.count {
            let start = source.lineStarts[line - 1]
            let end = source.lineEnd(line)
            var trimmedEnd = end
            while trimmedEnd > start, bytes[trimmedEnd - 1] == 0x20 || bytes[trimmedEnd - 1] == 0x09 { trimmedEnd -= 1 }
            let text = bytes[start..<trimmedEnd]
            if text.elementsEqual("---".utf8) || text.elementsEqual("...".utf8) {
                return FrontMatter(content: SourceRange(start: index + 1, end: start), block: SourceRange(start: 0, end: end), firstLine: 2)
            }
        }
        return nil
    }

    /// The source with the front matter replaced by blanks (line breaks kept), so the body parser
    /// sees nothing there and its line numbers stay those of the file.
    static func blanking(_ range: SourceRange, in bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        for index in range.start..<range.end where copy[index] != 0x0A { copy[index] = 0x20 }
        return copy
    }

    /// Whether anything but white space follows the closing delimiter.
    func hasBody(in source: SourceText) -> Bool {
        !source.bytes[block.end...].allSatisfy(TextRunBuilder.isSpace)
    }

    /// Reads the front matter into metadata, reporting YAML problems at their file position, and
    /// says so when nothing follows it.
    func read(into builder: inout DocumentBuilder) {
        let source = builder.source
        if !hasBody(in: source) {
            let closing = source.lineStarts[source.lineIndex(containing: max(0, block.end - 1))]
            builder.addIssue(ReadIssue(kind: .parse, severity: .warning, offset: closing,
                                       message: "nothing follows the front matter: the article has no body"))
        }
        let yaml = Array(source.bytes[content.start..<content.end])
        let stream: YAMLStream
        do {
            stream = try YAMLParser.parse(yaml)
        } catch {
            let offset = YAMLMetadata.offset(of: error.mark, firstLine: firstLine, in: source)
            builder.addIssue(ReadIssue(kind: .frontMatter, severity: .error, offset: offset, message: "front matter: \(error.message(firstLine: firstLine))"))
            return
        }
        for warning in stream.warnings {
            let offset = YAMLMetadata.offset(of: warning.mark, firstLine: firstLine, in: source)
            builder.addIssue(ReadIssue(kind: .frontMatter, severity: .warning, offset: offset, message: "front matter: \(warning.message(firstLine: firstLine))"))
        }
        guard let root = stream.documents.first else { return }
        guard let pairs = root.pairs else {
            if root.scalar?.isEmpty == false || root.items != nil {
                let offset = YAMLMetadata.offset(of: root.start, firstLine: firstLine, in: source)
                builder.addIssue(ReadIssue(kind: .frontMatter, severity: .error, offset: offset,
                                           message: "front matter must be a mapping of keys to values"))
            }
            return
        }
        let converter = YAMLMetadata(source: source, firstLine: firstLine)
        for field in converter.fields(pairs, origin: .frontMatter) {
            builder.setMetadata(field.key, field.value, at: field.offset, origin: .frontMatter)
        }
    }
}

/// Turns YAML nodes into metadata values whose strings map back to the file.
struct YAMLMetadata {
    let source: SourceText
    /// 1-based file line where the YAML text starts.
    let firstLine: Int

    static func offset(of mark: YAMLMark, firstLine: Int, in source: SourceText) -> Int {
        source.offset(line: firstLine + mark.line, column: mark.column + 1)
    }

    func offset(_ mark: YAMLMark) -> Int { Self.offset(of: mark, firstLine: firstLine, in: source) }

    /// Where a node's value starts: libyaml's mark includes a tag (`!!str`, `!custom`) or an
    /// anchor (`&name`) written before it, and text aligned from there would map nowhere.
    func valueOffset(_ node: YAMLNode) -> Int {
        let bytes = source.bytes
        var index = offset(node.start)
        while index < bytes.count, bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "&") {
            while index < bytes.count, !SourceAligner.isSpace(bytes[index]) { index += 1 }
            while index < bytes.count, SourceAligner.isSpace(bytes[index]) { index += 1 }
        }
        return min(index, max(offset(node.start), offset(node.end)))
    }

    func fields(_ pairs: [YAMLPair], origin: MetadataField.Origin) -> [MetadataField] {
        pairs.map { pair in
            MetadataField(key: pair.key.scalar ?? "", value: value(of: pair.value, origin: origin), offset: offset(pair.key.start), origin: origin)
        }
    }

    func value(of node: YAMLNode, origin: MetadataField.Origin) -> MetadataValue {
        let start = valueOffset(node)
        switch node.content {
        case .sequence(let items):
            return .list(items.map { value(of: $0, origin: origin) })
        case .mapping(let pairs):
            return .map(fields(pairs, origin: origin))
        case .scalar(let text, let style):
            switch node.resolvedScalar {
            case .null?: return .null(at: start)
            case .bool(let flag)?: return .bool(flag, at: start)
            case .int(let number)?: return .number(Double(number), at: start)
            case .float(let number)?: return .number(number, at: start)
            default: return .string(run(text, style: style, from: start, to: offset(node.end)))
            }
        }
    }

    func run(_ text: String, style: YAMLNode.ScalarStyle, from start: Int, to end: Int) -> TextRun {
        let syntax: SourceAligner.Syntax
        switch style {
        case .doubleQuoted: syntax = .yamlDoubleQuoted
        case .singleQuoted: syntax = .yamlSingleQuoted
        default: syntax = .yamlPlain
        }
        return TextRun.aligned(Array(text.utf8)[...], in: source, from: start, limit: end, syntax: syntax)
    }
}

extension TextRun {
    /// Decoded text mapped onto the source by `SourceAligner`, whitespace collapsed.
    static func aligned(_ decoded: ArraySlice<UInt8>, in source: SourceText, from start: Int, limit: Int, syntax: SourceAligner.Syntax) -> TextRun {
        var builder = TextRunBuilder()
        for piece in SourceAligner.align(decoded, in: source.bytes, from: start, limit: limit, syntax: syntax) {
            let part = decoded[(decoded.startIndex + piece.text.lowerBound)..<(decoded.startIndex + piece.text.upperBound)]
            if piece.isVerbatim {
                builder.appendVerbatim(part, sourceStart: piece.source.start)
            } else {
                builder.appendReplacement(part, source: piece.source)
            }
        }
        return builder.finish()
    }
}
