/// Ids written as raw HTML inside Markdown (`<a id="setup"></a>`, `<a name="faq">`,
/// `<h2 id="install">`): the site keeps them, so links may point at them. Markdown's reader
/// keeps only comments of raw HTML, so the facts take them from the source, outside front
/// matter, fenced code and code spans.
enum MarkdownHTMLAnchors {
    /// A tag longer than this is not looked into: hostile input must not cost quadratic time.
    static let maxTagBytes = 2_048

    static func ids(in bytes: [UInt8], from start: Int) -> [String] {
        scan(bytes, from: start).ids
    }

    /// The raw HTML ids, and the labels of footnote definitions (`[^note]: …`), for which
    /// generators make ids of their own.
    static func scan(_ bytes: [UInt8], from start: Int) -> (ids: [String], footnotes: [String]) {
        var ids: [String] = []
        var footnotes: [String] = []
        var fence: (marker: UInt8, length: Int)?
        var lineStart = min(max(0, start), bytes.count)
        // Most articles have neither a tag nor a footnote: memchr settles it, and the lines are
        // walked only for what the text can hold.
        let hasTags = ByteScan.firstIndex(of: UInt8(ascii: "<"), in: bytes, from: lineStart) != nil
        let hasFootnotes = containsFootnoteMarker(bytes, from: lineStart)
        guard hasTags || hasFootnotes else { return ([], []) }
        while lineStart < bytes.count {
            let lineEnd = ByteScan.firstIndex(of: 0x0A, in: bytes, from: lineStart) ?? bytes.count
            var index = lineStart
            var indent = 0
            while index < lineEnd, bytes[index] == 0x20, indent < 3 { index += 1; indent += 1 }
            while index < lineEnd, bytes[index] == UInt8(ascii: ">") || bytes[index] == 0x20 { index += 1 }
            let marker = index < lineEnd ? bytes[index] : 0
            if marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") {
                var run = index
                while run < lineEnd, bytes[run] == marker { run += 1 }
                let length = run - index
                if length >= 3 {
                    if let open = fence {
                        if open.marker == marker, length >= open.length { fence = nil }
                    } else {
                        fence = (marker, length)
                    }
                    lineStart = lineEnd + 1
                    continue
                }
            }
            if fence == nil {
                if hasFootnotes, let label = footnoteLabel(bytes, from: index, to: lineEnd) { footnotes.append(label) }
                if hasTags { scanLine(bytes, lineStart..<lineEnd, into: &ids) }
            }
            lineStart = lineEnd + 1
        }
        return (ids, footnotes)
    }

    /// Whether `[^` occurs in `bytes[start...]`.
    private static func containsFootnoteMarker(_ bytes: [UInt8], from start: Int) -> Bool {
        var search = start + 1
        while let caret = ByteScan.firstIndex(of: UInt8(ascii: "^"), in: bytes, from: search) {
            if bytes[caret - 1] == UInt8(ascii: "[") { return true }
            search = caret + 1
        }
        return false
    }

    /// `[^label]:` at the start of a line.
    private static func footnoteLabel(_ bytes: [UInt8], from start: Int, to end: Int) -> String? {
        guard end - start > 4, bytes[start] == UInt8(ascii: "["), bytes[start + 1] == UInt8(ascii: "^") else { return nil }
        var index = start + 2
        while index < end, bytes[index] != UInt8(ascii: "]"), bytes[index] != 0x20 { index += 1 }
        guard index > start + 2, index + 1 < end, bytes[index] == UInt8(ascii: "]"), bytes[index + 1] == UInt8(ascii: ":") else { return nil }
        return String(decoding: bytes[(start + 2)..<index], as: UTF8.self)
    }

    private static func scanLine(_ bytes: [UInt8], _ line: Range<Int>, into ids: inout [String]) {
        var index = line.lowerBound
        while index < line.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "`") {
                // Skip a code span: its backtick run, then up to the same run.
                var run = index
                while run < line.upperBound, bytes[run] == byte { run += 1 }
                let length = run - index
                var search = run
                var closed = false
                while search < line.upperBound {
                    if bytes[search] == byte {
                        var end = search
                        while end < line.upperBound, bytes[end] == byte { end += 1 }
                        if end - search == length {
                            index = end
                            closed = true
                            break
                        }
                        search = end
                    } else {
                        search += 1
                    }
                }
                if !closed { index = run }
                continue
            }
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "<"), index + 1 < line.upperBound, isLetter(bytes[index + 1]) {
                index = readTag(bytes, from: index, limit: min(bytes.count, index + maxTagBytes), into: &ids)
                continue
            }
            index += 1
        }
    }

    /// Reads the start tag at `start`, adding its `id` (and an `<a>`'s `name`); returns where
    /// scanning goes on.
    private static func readTag(_ bytes: [UInt8], from start: Int, limit: Int, into ids: inout [String]) -> Int {
        var index = start + 1
        while index < limit, isNameByte(bytes[index]) { index += 1 }
        let tagName = bytes[(start + 1)..<index].map { $0 | 0x20 }
        let isAnchorTag = tagName == [UInt8(ascii: "a")]
        while index < limit {
            while index < limit, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < limit, bytes[index] != UInt8(ascii: ">") else { return index + 1 }
            guard bytes[index] != UInt8(ascii: "<") else { return index }
            let nameStart = index
            while index < limit, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "<") {
                index += 1
            }
            let name = bytes[nameStart..<index].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
            while index < limit, isSpace(bytes[index]) { index += 1 }
            guard index < limit, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < limit, isSpace(bytes[index]) { index += 1 }
            guard index < limit else { return index }
            var value: ArraySlice<UInt8>
            let quote = bytes[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                let valueStart = index + 1
                index = valueStart
                while index < limit, bytes[index] != quote { index += 1 }
                value = bytes[valueStart..<min(index, limit)]
                index += 1
            } else {
                let valueStart = index
                while index < limit, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                value = bytes[valueStart..<index]
            }
            if name == Array("id".utf8) || (isAnchorTag && name == Array("name".utf8)), !value.isEmpty {
                ids.append(CharacterReference.decodeAll(String(decoding: value, as: UTF8.self)))
            }
        }
        return index
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
