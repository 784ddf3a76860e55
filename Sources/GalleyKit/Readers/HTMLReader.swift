import MarkupParser

/// HTML through libxml2's HTML parser in recover mode, with optional Jekyll-style front matter.
enum HTMLReader {
    /// libxml2 2.9 predates HTML5: it calls `<article>` or `<section>` an invalid tag. Not worth reporting.
    private static let ignoredCodes: Set<Int32> = [801]

    static func read(path: String, source: SourceText, options: ReaderOptions = ReaderOptions()) -> Document {
        var builder = DocumentBuilder(path: path, format: .html, source: source, options: options)
        var bytes = source.bytes
        if let frontMatter = FrontMatter.find(in: source) {
            frontMatter.read(into: &builder)
            bytes = FrontMatter.blanking(frontMatter.block, in: source.bytes)
            // libxml2 would call it "Document is empty", past the end of the file.
            guard frontMatter.hasBody(in: source) else { return builder.build() }
        }
        let parsed = MaskedSource.templatesBlanked(bytes, original: source.bytes, options: options, into: &builder)
        let tree = MarkupParser.parse(parsed ?? bytes, as: .html, selecting: options.html.queries)
        MarkupIssues.report(tree.issues, ignoring: ignoredCodes, minimum: .error, into: &builder)
        HTMLPage.read(tree, parsed: parsed, options: options.html, results: tree.selections[...], into: &builder)
        builder.languageAttribute = languageAttribute(of: tree, in: source, names: ["lang", "xml:lang"], origin: .htmlAttribute)
        var document = builder.build()
        if let reason = HTMLPage.notArticleReason(document, tree) {
            document.isArticle = false
            document.notArticleReason = reason
        }
        return document
    }

    /// The `lang` of the root element (`<html lang="de">`), with the offset of the attribute.
    static func languageAttribute(of tree: MarkupTree, in source: SourceText, names: [String], origin: DocumentLanguage.Source)
        -> (value: String, offset: Int, source: DocumentLanguage.Source)? {
        guard let root = tree.nodes.first(where: { $0.kind == .element && $0.parent == MarkupTree.none }) else { return nil }
        for name in names {
            guard let value = tree.attribute(name, of: root) else { continue }
            let start = root.offset >= 0 ? Int(root.offset) : source.offset(line: max(1, Int(root.line)), column: 1)
            return (value, attributeOffset(name, in: source.bytes, from: start) ?? start, origin)
        }
        return nil
    }

    /// Where `name=` is written in the start tag that begins at (or after) `start`.
    private static func attributeOffset(_ name: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(name.utf8)
        var index = max(0, start)
        let limit = min(bytes.count, index + 4096)
        while index + needle.count < limit {
            if bytes[index] == UInt8(ascii: ">") { return nil }
            if bytes[index..<(index + needle.count)].elementsEqual(needle), index > 0, SourceAligner.isSpace(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ":") {
                var after = index + needle.count
                while after < limit, SourceAligner.isSpace(bytes[after]) { after += 1 }
                if after < limit, bytes[after] == UInt8(ascii: "=") { return bytes[index - 1] == UInt8(ascii: ":") ? index - 4 : index }
            }
            index += 1
        }
        return nil
    }
}

/// libxml2's errors as read issues, capped so one broken file cannot flood the report.
enum MarkupIssues {
    static let maxReported = 10

    /// HTML5 allows `</p>` inside a script (only `</script` ends it); libxml2 2.9 calls it a mismatch.
    static let validInHTML5 = ["Element script embeds close tag", "Element style embeds close tag"]

    /// libxml2's "ID … already defined": templates repeat ids (a menu drawn twice), which changes
    /// nothing a reader sees. One note says so for the whole page.
    static let duplicateID: Int32 = 513

    static func report(_ issues: [MarkupIssue], ignoring ignored: Set<Int32>, minimum: MarkupIssue.Level, into builder: inout DocumentBuilder) {
        var relevant = issues.filter { issue in
            !ignored.contains(issue.code) && rank(issue.level) >= rank(minimum)
                && !(builder.document.format == .html && validInHTML5.contains { issue.message.hasPrefix($0) })
        }
        let duplicates = relevant.filter { $0.code == duplicateID }
        if let first = duplicates.first {
            relevant.removeAll { $0.code == duplicateID }
            let more = duplicates.count == 1 ? "" : duplicates.count == 2 ? " (and 1 more duplicate id)" : " (and \(duplicates.count - 1) more duplicate ids)"
            builder.addIssue(ReadIssue(kind: .parse, severity: .note, offset: position(of: first, builder.source),
                                       message: first.message + more))
        }
        for issue in relevant.prefix(maxReported) {
            var offset = position(of: issue, builder.source)
            if issue.message.hasPrefix("Opening and ending tag mismatch") { offset = endTagStart(before: offset, in: builder.source) }
            builder.addIssue(ReadIssue(kind: .parse, severity: .error, offset: offset, message: issue.message))
        }
        if relevant.count > maxReported, let last = relevant.last {
            let offset = last.offset >= 0 ? Int(last.offset) : 0
            builder.addIssue(ReadIssue(kind: .parse, severity: .note, offset: offset,
                                       message: "\(relevant.count - maxReported) more parse errors not shown"))
        }
    }

    private static func position(of issue: MarkupIssue, _ source: SourceText) -> Int {
        issue.offset >= 0 ? Int(issue.offset) : source.offset(line: Int(issue.line), column: max(1, Int(issue.column)))
    }

    /// libxml2 reports a mismatched end tag after reading it; point at its `</` instead.
    private static func endTagStart(before offset: Int, in source: SourceText) -> Int {
        let bytes = source.bytes
        var index = min(offset, bytes.count) - 2
        while index >= 0, index >= offset - 256 {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "/") { return index }
            index -= 1
        }
        return offset
    }

    private static func rank(_ level: MarkupIssue.Level) -> Int {
        switch level {
        case .warning: return 0
        case .error: return 1
        case .fatal: return 2
        }
    }
}
