/// Cuts a piece of raw HTML from a Markdown file into what the reader does with each part.
///
/// CommonMark hands raw HTML over in pieces: `<details>` in one HTML block, the Markdown answer as
/// paragraphs, `</details>` in another block; `<a href="…">` and `</a>` as separate inline nodes
/// around Markdown text. So a piece may open elements it does not close (they stay open for the
/// Markdown that follows) and close elements an earlier piece opened. And the content of a
/// `markdown="1"` element (kramdown) is Markdown, not HTML.
enum HTMLFragments {
    enum Part: Equatable {
        /// HTML to parse; `leftOpen` are the offsets of its start tags that it does not close.
        case html(SourceRange, leftOpen: [Int])
        /// Closes the innermost element called `name` an earlier part opened.
        case close(name: String, at: Int)
        /// The content of a `markdown="1"` element, to read as Markdown.
        case markdown(SourceRange)
    }

    /// HTML elements without content, and those whose end tag may be left out: never held open
    /// past their piece.
    static let neverHeldOpen: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rt", "rp", "colgroup",
        "html", "head", "body",
    ]

    struct Tag: Equatable {
        var name: String
        var range: Range<Int>
        var isClose: Bool
        var isSelfClosing: Bool
        var isMarkdown: Bool
    }

    static func parts(of range: SourceRange, in bytes: [UInt8]) -> [Part] {
        let tags = scanTags(range.start..<range.end, in: bytes)
        var parts: [Part] = []
        var segmentStart = range.start
        var open: [Tag] = []
        var index = 0
        func flush(upTo end: Int) {
            // A markdown="1" element is held open whatever its name: its content follows.
            let leftOpen = open.filter { !neverHeldOpen.contains($0.name) || $0.isMarkdown }.map(\.range.lowerBound)
            if end > segmentStart { parts.append(.html(SourceRange(start: segmentStart, end: end), leftOpen: leftOpen)) }
            open = []
        }
        while index < tags.count {
            let tag = tags[index]
            if tag.isClose {
                if let match = open.lastIndex(where: { $0.name == tag.name }) {
                    open.removeSubrange(match...)
                } else {
                    flush(upTo: tag.range.lowerBound)
                    parts.append(.close(name: tag.name, at: tag.range.lowerBound))
                    segmentStart = tag.range.upperBound
                }
            } else if !tag.isSelfClosing {
                if tag.isMarkdown, let closing = matchingClose(of: index, in: tags) {
                    open.append(tag)
                    flush(upTo: tag.range.upperBound)
                    parts.append(.markdown(SourceRange(start: tag.range.upperBound, end: tags[closing].range.lowerBound)))
                    parts.append(.close(name: tag.name, at: tags[closing].range.lowerBound))
                    segmentStart = tags[closing].range.upperBound
                    index = closing + 1
                    continue
                }
                open.append(tag)
            }
            index += 1
        }
        flush(upTo: range.end)
        return parts
    }

    /// The index of the end tag that closes the start tag at `index`, counting nesting by name.
    private static func matchingClose(of index: Int, in tags: [Tag]) -> Int? {
        let name = tags[index].name
        var depth = 0
        for candidate in (index + 1)..<tags.count where tags[candidate].name == name && !tags[candidate].isSelfClosing {
            if tags[candidate].isClose {
                if depth == 0 { return candidate }
                depth -= 1
            } else {
                depth += 1
            }
        }
        return nil
    }

    /// Start and end tags in document order; comments, doctypes, CDATA and processing
    /// instructions are stepped over, as is the content of `script`, `style` and `textarea`.
    static func scanTags(_ range: Range<Int>, in bytes: [UInt8]) -> [Tag] {
        var tags: [Tag] = []
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < end else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                let closer: [UInt8] = bytes[index...].starts(with: "<!--".utf8) ? Array("-->".utf8) : [UInt8(ascii: ">")]
                index = (find(closer, from: index + 2, to: end, in: bytes) ?? end - closer.count) + closer.count
                continue
            }
            let isClose = next == UInt8(ascii: "/")
            let nameStart = index + (isClose ? 2 : 1)
            guard nameStart < end, isLetter(bytes[nameStart]) else {
                index += 1
                continue
            }
            var nameEnd = nameStart
            while nameEnd < end, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self).lowercased()
            // Attributes, with quoted values that may hold `>`.
            var cursor = nameEnd
            var isMarkdown = false
            while cursor < end, bytes[cursor] != UInt8(ascii: ">") {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    cursor += 1
                    while cursor < end, bytes[cursor] != byte { cursor += 1 }
                } else if byte == UInt8(ascii: "m"), bytes[cursor...].starts(with: "markdown=".utf8), cursor > 0, isSpace(bytes[cursor - 1]) {
                    isMarkdown = markdownValue(after: cursor + 9, in: bytes, end: end)
                }
                cursor += 1
            }
            guard cursor < end else { break }
            let isSelfClosing = !isClose && bytes[cursor - 1] == UInt8(ascii: "/")
            tags.append(Tag(name: name, range: index..<(cursor + 1), isClose: isClose, isSelfClosing: isSelfClosing, isMarkdown: isMarkdown))
            index = cursor + 1
            if !isClose, !isSelfClosing, name == "script" || name == "style" || name == "textarea" {
                let closing = Array("</\(name)".utf8)
                index = find(closing, from: index, to: end, in: bytes, caseInsensitive: true) ?? end
            }
        }
        return tags
    }

    /// kramdown reads an element's content as Markdown for `markdown="1"`, `"block"` or `"span"`.
    private static func markdownValue(after index: Int, in bytes: [UInt8], end: Int) -> Bool {
        var start = index
        var stop = end
        if start < end, bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") {
            let quote = bytes[start]
            start += 1
            stop = start
            while stop < end, bytes[stop] != quote { stop += 1 }
        } else {
            stop = start
            while stop < end, !isSpace(bytes[stop]), bytes[stop] != UInt8(ascii: ">") { stop += 1 }
        }
        let value = bytes[start..<stop]
        return value.elementsEqual("1".utf8) || value.elementsEqual("block".utf8) || value.elementsEqual("span".utf8)
    }

    private static func find(_ needle: [UInt8], from start: Int, to end: Int, in bytes: [UInt8], caseInsensitive: Bool = false) -> Int? {
        var index = start
        while index + needle.count <= end {
            var matches = true
            for offset in 0..<needle.count {
                var byte = bytes[index + offset]
                if caseInsensitive, byte >= 0x41, byte <= 0x5A { byte += 0x20 }
                if byte != needle[offset] {
                    matches = false
                    break
                }
            }
            if matches { return index }
            index += 1
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x1A }
}
