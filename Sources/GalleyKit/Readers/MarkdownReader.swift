import MarkdownParser

/// Markdown as sites write it (GitHub-flavoured, via cmark-gfm) and MDX, with YAML, TOML or JSON
/// front matter. Template syntax, attribute lists, admonition fences and (in MDX) ESM and
/// expressions are taken out of the prose first (`MaskedSource`), keeping every position.
enum MarkdownReader {
    static func read(path: String, source: SourceText, options: ReaderOptions = ReaderOptions(), mdx: Bool = false) -> Document {
        var builder = DocumentBuilder(path: path, format: mdx ? .mdx : .markdown, source: source, options: options)
        var bytes = source.bytes
        if let frontMatter = FrontMatter.find(in: source) {
            frontMatter.read(into: &builder)
            bytes = FrontMatter.blanking(frontMatter.block, in: source.bytes)
        }
        let mask = prepare(bytes, original: source.bytes, options: options, mdx: mdx)
        builder.setIgnored(mask.ignored, templates: mask.templateLanguages)
        // Every `{#id}` is a target for `#fragment` links, on a heading or not.
        for anchor in mask.anchors { builder.addAnchor(source.text(anchor.id)) }
        let tree = MarkdownParser.parse(mask.bytes)
        if options.frontMatterTitleIsH1, !hasH1(tree, mask.bytes) { builder.addFrontMatterTitleHeading() }
        let placement = MarkdownPlacement(bytes: mask.bytes, lineStarts: source.lineStarts, end: mask.bytes.count, toSource: nil)
        var walker = MarkdownWalker(tree: tree, placement: placement, mask: mask, isMDX: mdx)
        walker.walk(into: &builder)
        return builder.build()
    }

    /// The bytes the parser reads: what is not prose blanked, positions kept.
    static func prepare(_ bytes: [UInt8], original: [UInt8], options: ReaderOptions, mdx: Bool) -> MaskedSource {
        var mask = MaskedSource(bytes, original: original)
        // cmark-gfm reads a NUL as U+FFFD, three bytes, which would shift every column after it.
        mask.replaceNulBytes()
        for pattern in options.ignoredBlocks { mask.blankMatches(of: pattern.pattern, as: .blockPattern) }
        // Everything below starts with `{` or `:::`; most files have neither.
        let hasBraces = ByteScan.contains(UInt8(ascii: "{"), in: bytes)
        let hasFences = ByteScan.contains(Array(":::".utf8), in: bytes)
        if hasBraces || hasFences || mdx { mask.findCode() }
        TemplateSyntax.scan(&mask, languages: options.templates, hasBraces: hasBraces)
        if hasFences { FencedDivs.scan(&mask) }
        if hasBraces { AttributeLists.scan(&mask) }
        if mdx { MDXSyntax.scan(&mask, expressions: hasBraces) }
        for pattern in options.ignoredTokens { mask.blankMatches(of: pattern.pattern, as: .tokenPattern) }
        mask.finish(placeholderInLines: true)
        return mask
    }

    /// An H1 in the body, as a Markdown heading or an `<h1>` in raw HTML.
    private static func hasH1(_ tree: MarkdownTree, _ bytes: [UInt8]) -> Bool {
        for node in tree.nodes {
            if node.kind == .heading, node.headingLevel == 1 { return true }
            if node.kind == .htmlBlock || node.kind == .htmlInline {
                let literal = tree.literal(of: node)
                var index = literal.startIndex
                while index + 3 <= literal.endIndex {
                    if literal[index] == UInt8(ascii: "<"), literal[index + 1] | 0x20 == UInt8(ascii: "h"), literal[index + 2] == UInt8(ascii: "1") {
                        return true
                    }
                    index += 1
                }
            }
        }
        return false
    }
}
