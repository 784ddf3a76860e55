import YAMLParser

/// Front matter at the very top of a Markdown or HTML file: YAML between `---` lines (Jekyll,
/// most generators), TOML between `+++` lines (Hugo), or a JSON object (Hugo). A `---` or `+++`
/// block that is never closed is reported, and the file is read as if it had none.
struct FrontMatter {
    enum Language: String { case yaml = "YAML", toml = "TOML", json = "JSON" }

    let language: Language
    /// The text between the delimiters (JSON: the object, braces included).
    let content: SourceRange
    /// Delimiters included; empty when the block is never closed.
    let block: SourceRange
    /// 1-based line of the first content line.
    let firstLine: Int
    /// The opening delimiter of a block that is never closed.
    var unclosed: String?

    static func find(in source: SourceText) -> FrontMatter? {
        let bytes = source.bytes
        if let json = findJSON(in: source) { return json }
        guard bytes.count >= 3 else { return nil }
        let language: Language
        switch (bytes[0], bytes[1], bytes[2]) {
        case (0x2D, 0x2D, 0x2D): language = .yaml
        case (0x2B, 0x2B, 0x2B): language = .toml
        default: return nil
        }
        var index = 3
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < bytes.count, bytes[index] == 0x0A else { return nil }
        let closers = language == .yaml ? ["---", "..."] : ["+++"]
        for line in 2...max(2, source.lineStarts.count) where line <= source.lineStarts.count {
            let start = source.lineStarts[line - 1]
            let end = source.lineEnd(line)
            var trimmedEnd = end
            while trimmedEnd > start, bytes[trimmedEnd - 1] == 0x20 || bytes[trimmedEnd - 1] == 0x09 { trimmedEnd -= 1 }
            let text = bytes[start..<trimmedEnd]
            if closers.contains(where: { text.elementsEqual($0.utf8) }) {
                return FrontMatter(language: language, content: SourceRange(start: index + 1, end: start), block: SourceRange(start: 0, end: end), firstLine: 2)
            }
        }
        // Unclosed: front matter when the next line reads like its first key, else a thematic
        // break (or text) that merely starts the file.
        guard source.lineStarts.count >= 2, looksLikeKey(bytes[source.lineStarts[1]..<source.lineEnd(2)], language) else { return nil }
        return FrontMatter(language: language, content: SourceRange(at: 0), block: SourceRange(at: 0), firstLine: 1,
                           unclosed: language == .yaml ? "---" : "+++")
    }

    /// `key:` (YAML) or `key =` (TOML), or a TOML table header.
    private static func looksLikeKey(_ line: ArraySlice<UInt8>, _ language: Language) -> Bool {
        var index = line.startIndex
        if language == .toml, index < line.endIndex, line[index] == UInt8(ascii: "[") { return true }
        while index < line.endIndex, line[index] == UInt8(ascii: "_") || line[index] == UInt8(ascii: "-") || line[index] == UInt8(ascii: ".")
                || SourceAligner.isAlphanumeric(line[index]) {
            index += 1
        }
        guard index > line.startIndex else { return false }
        while index < line.endIndex, line[index] == 0x20 { index += 1 }
        return index < line.endIndex && line[index] == UInt8(ascii: language == .yaml ? ":" : "=")
    }

    /// A JSON object at the top of the file, from a `{` line (or `{ "key"`) to the `}` that
    /// closes it, alone at the end of its line.
    private static func findJSON(in source: SourceText) -> FrontMatter? {
        let bytes = source.bytes
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        var next = 1
        while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
        guard next < bytes.count, bytes[next] == 0x0A || bytes[next] == UInt8(ascii: "\"") else { return nil }
        var depth = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    var end = index + 1
                    while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
                    guard end == bytes.count || bytes[end] == 0x0A else { return nil }
                    return FrontMatter(language: .json, content: SourceRange(start: 0, end: index + 1), block: SourceRange(start: 0, end: end), firstLine: 1)
                }
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != 0x0A {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    index += 1
                }
            default: break
            }
            index += 1
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

    /// Reads the front matter into metadata, reporting problems at their file position, and says
    /// so when nothing follows it.
    func read(into builder: inout DocumentBuilder) {
        if let unclosed {
            builder.addIssue(ReadIssue(kind: .frontMatter, severity: .warning, offset: 0,
                                       message: "front matter: '\(unclosed)' opens front matter that is never closed; the file is read as if it had none"))
            return
        }
        let source = builder.source
        if !hasBody(in: source) {
            let closing = source.lineStarts[source.lineIndex(containing: max(0, block.end - 1))]
            builder.addIssue(ReadIssue(kind: .parse, severity: .warning, offset: closing,
                                       message: "nothing follows the front matter: the article has no body"))
        }
        switch language {
        case .toml: return TOMLFrontMatter.read(content, into: &builder)
        case .json, .yaml: break
        }
        var yaml = Array(source.bytes[content.start..<content.end])
        // JSON is YAML's flow syntax, except that JSON allows tabs wherever it allows spaces.
        if language == .json { JSONFrontMatter.untab(&yaml) }
        let stream: YAMLStream
        do {
            stream = try YAMLParser.parse(yaml)
        } catch {
            let offset = YAMLMetadata.offset(of: error.mark, firstLine: firstLine, in: source)
            builder.addIssue(ReadIssue(kind: .frontMatter, severity: .error, offset: offset, message: "front matter\(label): \(error.message(firstLine: firstLine))"))
            return
        }
        for warning in stream.warnings {
            let offset = YAMLMetadata.offset(of: warning.mark, firstLine: firstLine, in: source)
            builder.addIssue(ReadIssue(kind: .frontMatter, severity: .warning, offset: offset, message: "front matter\(label): \(warning.message(firstLine: firstLine))"))
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

    private var label: String { language == .json ? " (JSON)" : "" }
}

/// JSON front matter is read by the YAML parser (JSON is YAML's flow syntax).
enum JSONFrontMatter {
    /// Tabs outside strings become spaces (same length, so positions hold): YAML forbids them
    /// where JSON allows them.
    static func untab(_ bytes: inout [UInt8]) {
        var inString = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == 0x09 {
                bytes[index] = 0x20
            }
            index += 1
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
