/// Turns "replace these words of this text with that" into a `Fix`, or into nothing when the
/// words do not stand one to one in the source.
///
/// A fix is offered only where the replaced text is the source text byte for byte: not across
/// inline markup, an entity, an escape or a template tag, whose bytes differ from the text they
/// produce (readers keep such spans out of identity segments). The one difference allowed is
/// white space: a space of the text may stand for a run of spaces, and for a line break except
/// in a table cell or a heading. The replacement is escaped for the format, and a removal takes
/// one adjacent space with it.
struct FixBuilder {
    let document: Document
    let unit: TextUnit

    func replace(_ textRange: Range<Int>, with replacement: String, title: String) -> Fix? {
        let text = Array(unit.text.text.utf8)
        guard textRange.lowerBound >= 0, textRange.upperBound <= text.count, !textRange.isEmpty else { return nil }
        guard !changesLinkedHeading() else { return nil }
        let candidates = (replacement.isEmpty ? removals(textRange, in: text) : [(textRange, replacement)]).flatMap { withArticle($0, in: text) }
        for (range, replacement) in candidates {
            guard let source = exactSource(of: range, text: text) else { continue }
            guard let escaped = ReplacementEscaping.escape(replacement, for: place(at: source.start)) else { return nil }
            if Array(escaped.utf8) == Array(document.source.bytes[source.start..<source.end]) { return nil }
            return Fix(title: title, edits: [TextEdit(range: source, replacement: escaped, in: document.source)])
        }
        return nil
    }

    /// A removal takes one space with it: the one after if there is one, else the one before;
    /// a plain space before a line break, so lines stay as they were. A capitalized word
    /// removed before a lower-case one hands its capital on ("Very good" → "Good").
    private func removals(_ range: Range<Int>, in text: [UInt8]) -> [(Range<Int>, String)] {
        var ranges: [(Range<Int>, String)] = []
        let after = range.upperBound < text.count && text[range.upperBound] == 0x20
        let before = range.lowerBound > 0 && text[range.lowerBound - 1] == 0x20
        let widerAfter = removal(range.lowerBound..<range.upperBound + 1, capitalized: String(decoding: text[range], as: UTF8.self), in: text)
        let widerBefore = (range.lowerBound - 1..<range.upperBound, "")
        if after, sourceIsPlainSpace(atText: range.upperBound) { ranges.append(widerAfter) }
        if before, sourceIsPlainSpace(atText: range.lowerBound - 1) { ranges.append(widerBefore) }
        if after { ranges.append(widerAfter) }
        if before { ranges.append(widerBefore) }
        if !after && !before { ranges.append((range, "")) }
        return ranges
    }

    /// `range` removed, and the letter after it capitalized when the removed words began with one.
    private func removal(_ range: Range<Int>, capitalized match: String, in text: [UInt8]) -> (Range<Int>, String) {
        guard match.first?.isUppercase == true, range.upperBound < text.count else { return (range, "") }
        var end = range.upperBound + 1
        while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
        let next = String(decoding: text[range.upperBound..<end], as: UTF8.self)
        guard let letter = next.first, letter.isLowercase else { return (range, "") }
        return (range.lowerBound..<end, next.uppercased())
    }

    /// The edit taking in an "a" or "an" just before it when the word that now follows the
    /// article wants the other one. When that cannot be written (the article is outside the
    /// text's one-to-one stretch), the edit alone is tried next only if the article was already
    /// wrong: a fix never makes one wrong.
    private func withArticle(_ edit: (Range<Int>, String), in text: [UInt8]) -> [(Range<Int>, String)] {
        guard let adjusted = articleAdjusted(edit, in: text) else { return [edit] }
        let original = String(decoding: text[edit.0.lowerBound...].drop { $0 == 0x20 }, as: UTF8.self)
        let article = String(decoding: text[adjusted.0.lowerBound..<edit.0.lowerBound], as: UTF8.self).trimmingSpaces.lowercased()
        let wasRight = IndefiniteArticle.wantsAn(original).map { $0 == (article == "an") } ?? true
        return wasRight ? [adjusted] : [adjusted, edit]
    }

    private func articleAdjusted(_ edit: (Range<Int>, String), in text: [UInt8]) -> (Range<Int>, String)? {
        let (range, replacement) = edit
        // The word that will follow the article: the replacement's first, or after a removal the
        // next word of the text.
        var following = replacement
        if replacement.isEmpty || replacement.first == " " {
            var start = range.upperBound
            while start < text.count, text[start] == 0x20 { start += 1 }
            var end = start
            while end < text.count, text[end] != 0x20 { end += 1 }
            following = replacement.trimmingSpaces + String(decoding: text[start..<end], as: UTF8.self)
        }
        guard let wantsAn = IndefiniteArticle.wantsAn(following) else { return nil }
        // The article: a word of one or two letters, then one space, just before the range.
        var spaceStart = range.lowerBound
        if text[range.lowerBound] != 0x20 {
            guard spaceStart > 0, text[spaceStart - 1] == 0x20 else { return nil }
            spaceStart -= 1
        }
        var start = spaceStart
        while start > 0, start > spaceStart - 3, text[start - 1] >= 0x41, (text[start - 1] | 0x20) >= 0x61, (text[start - 1] | 0x20) <= 0x7A { start -= 1 }
        guard start < spaceStart, start == 0 || !Self.isWordByte(text[start - 1]) else { return nil }
        let article = String(decoding: text[start..<spaceStart], as: UTF8.self)
        guard ["a", "an"].contains(article.lowercased()) else { return nil }
        let agreeing = IndefiniteArticle.agreeing(article, wantsAn: wantsAn)
        guard agreeing != article else { return nil }
        let between = String(decoding: text[spaceStart..<range.lowerBound], as: UTF8.self)
        return (start..<range.upperBound, agreeing + between + replacement)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39
    }

    /// A heading whose anchor a link of the document points at keeps its words: editing them
    /// would change the anchor (`#does-it-work`, as GitHub, Jekyll, kramdown or Hugo make it)
    /// and break the link. A heading with an id of its own (`<h2 id>`, `xml:id`) keeps its
    /// anchor whatever its words.
    private func changesLinkedHeading() -> Bool {
        guard let block = unit.block, document.blocks[block].kind == .heading, document.blocks[block].anchor == nil else { return false }
        let text = document.blocks[block].text.text
        let anchors = Set([HeadingSlugs.githubSlug(text), HeadingSlugs.jekyllSlug(text), HeadingSlugs.kramdownSlug(text), HeadingSlugs.hugoSlug(text)])
        return document.links.contains { link in
            guard let hash = link.url.lastIndex(of: "#") else { return false }
            return anchors.contains(String(link.url[link.url.index(after: hash)...]))
        }
    }

    private func sourceIsPlainSpace(atText offset: Int) -> Bool {
        let range = unit.text.sourceRange(ofTextRange: offset..<offset + 1)
        return range.end - range.start == 1 && document.source.bytes[range.start] == 0x20
    }

    /// The source range of `range` of the text, when the source there is that text.
    private func exactSource(of range: Range<Int>, text: [UInt8]) -> SourceRange? {
        let mapped = unit.text.sourceRange(ofTextRange: range)
        let source = document.source.bytes
        guard mapped.start <= mapped.end, mapped.end <= source.count else { return nil }
        let breaksAllowed = unit.block.map { ![.tableCell, .heading].contains(document.blocks[$0].kind) } ?? true
        var i = range.lowerBound
        var p = mapped.start
        while i < range.upperBound {
            guard p < mapped.end else { return nil }
            if text[i] == source[p] {
                i += 1
                p += 1
            } else if text[i] == 0x20, isBlank(source[p]) || (breaksAllowed && source[p] == 0x0A) {
                while p < mapped.end, isBlank(source[p]) || (breaksAllowed && source[p] == 0x0A) { p += 1 }
                i += 1
            } else {
                return nil
            }
        }
        return p == mapped.end ? mapped : nil
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// What the replacement must be escaped for at source offset `offset`.
    private func place(at offset: Int) -> ReplacementEscaping.Place {
        switch document.format {
        case .yaml:
            return .yaml
        case .markdown, .mdx:
            // Text outside every block is front matter, which is YAML.
            guard unit.block != nil else { return .yaml }
            let source = document.source
            let lineStart = source.lineStarts[source.lineIndex(containing: offset)]
            let before = source.bytes[lineStart..<offset]
            return .markdown(atLineStart: before.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ">") })
        case .html, .xml:
            if isInCharacterData(offset) { return .characterData }
            // Metadata in markup may be an attribute value (`<meta content="...">`): its quote.
            guard unit.block == nil else { return .markup(quote: nil) }
            let start = unit.text.sourceRange.start
            let quote = start > 0 ? document.source.bytes[start - 1] : 0
            return .markup(quote: quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") ? quote : nil)
        }
    }

    /// Whether `offset` lies inside `<![CDATA[ ... ]]>`: after an opening with no close between.
    private func isInCharacterData(_ offset: Int) -> Bool {
        let bytes = document.source.bytes[..<offset]
        guard let open = Self.lastIndex(of: Array("<![CDATA[".utf8), in: bytes) else { return false }
        guard let close = Self.lastIndex(of: Array("]]>".utf8), in: bytes) else { return true }
        return close < open
    }

    private static func lastIndex(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.endIndex - needle.count
        while index >= bytes.startIndex {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }
}

extension RuleContext {
    /// A fix that replaces `textRange` (UTF-8 offsets) of unit `unit`'s text with `replacement`
    /// (plain text; empty to remove the words), or nil where the text does not stand one to one
    /// in the source or the replacement cannot be written there safely.
    public func replacementFix(unit: Int, textRange: Range<Int>, with replacement: String, title: String) -> Fix? {
        FixBuilder(document: document, unit: units[unit]).replace(textRange, with: replacement, title: title)
    }

    /// The same for a text of block `block` that a rule reads in its own form (Vale's view of the
    /// block): a fix is made only where that text's bytes are the source's.
    public func replacementFix(run: TextRun, block: Int, textRange: Range<Int>, with replacement: String, title: String) -> Fix? {
        guard block < document.blocks.count else { return nil }
        return FixBuilder(document: document, unit: TextUnit(text: run, block: block, metadataKey: nil)).replace(textRange, with: replacement, title: title)
    }
}
