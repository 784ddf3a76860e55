/// A Markdown heading's text, read from its source: generators make heading ids from it, each
/// its own way. Some use it as written (kramdown, Hugo), others as rendered (`render`: code spans
/// kept, emphasis and link syntax gone, escapes and character references resolved), which the
/// prose of the document model is not (it leaves code out). A trailing attribute list
/// (`{#id .class}`) gives an id where the generator reads such lists (`attributeList`).
enum MarkdownHeadingText {
    /// The text between the markers of the heading whose block starts at `start` and whose text
    /// ends at `end` (a setext heading's lines joined by line breaks); nil when the source
    /// there is not a Markdown heading (a heading a reader made from front matter).
    static func read(_ source: [UInt8], start: Int, end: Int) -> String? {
        guard start >= 0, start < source.count else { return nil }
        var content: [UInt8]
        if source[start] == UInt8(ascii: "#") {
            var index = start
            while index < source.count, source[index] == UInt8(ascii: "#") { index += 1 }
            guard index - start <= 6 else { return nil }
            content = Array(source[index..<lineEnd(source, from: index)])
            content = stripClosingSequence(content)
        } else {
            // Setext: the text lines up to the end of the block, then an underline.
            let last = lineEnd(source, from: min(max(start, end - 1), source.count))
            guard last < source.count, isSetextUnderline(source, lineStart: last + 1) else { return nil }
            var lines: [[UInt8]] = []
            var lineStart = start
            while lineStart < last {
                let stop = lineEnd(source, from: lineStart)
                lines.append(trimmed(Array(source[lineStart..<stop])))
                lineStart = stop + 1
            }
            content = Array(lines.joined(separator: [0x0A]))
        }
        return String(decoding: trimmed(content), as: UTF8.self)
    }

    /// The forms of a trailing attribute list a generator reads.
    enum AttributeLists {
        /// None: the braces are text (GitHub).
        case none
        /// Only a lone id, `{#id}` (kramdown and Jekyll's header ids, Docusaurus).
        case idOnly
        /// `{#id .class key=value}` (Hugo's Goldmark).
        case attributes
        /// That, or with a leading colon, `{: #id}` (Python-Markdown's attr_list, MkDocs).
        case attributesOrIAL
    }

    /// `text` without the attribute list ending it, and the id the list gives, when `forms`
    /// reads such a list there; nil when there is none.
    static func attributeList(in text: String, _ forms: AttributeLists) -> (text: String, id: String?)? {
        guard forms != .none else { return nil }
        let bytes = Array(text.utf8)
        guard bytes.last == UInt8(ascii: "}"), let open = bytes.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        guard open == 0 || bytes[open - 1] == 0x20 || bytes[open - 1] == 0x09 else { return nil }
        var tokens = attributeTokens(bytes[(open + 1)..<(bytes.count - 1)])
        if let first = tokens.first, first.first == UInt8(ascii: ":") {
            guard forms == .attributesOrIAL else { return nil }
            if first.count == 1 { tokens.removeFirst() } else { tokens[0] = first.dropFirst() }
        }
        guard !tokens.isEmpty, tokens.allSatisfy(isAttribute) else { return nil }
        var ids = tokens.filter { $0.first == UInt8(ascii: "#") }.map { String(decoding: $0.dropFirst(), as: UTF8.self) }
        if forms != .idOnly {
            // `id=install` or `id="9.7.0"`.
            for token in tokens where token.starts(with: "id=".utf8) {
                var value = token.dropFirst(3)
                if let quote = value.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"), value.count >= 2, value.last == quote {
                    value = value.dropFirst().dropLast()
                }
                if !value.isEmpty { ids.append(String(decoding: value, as: UTF8.self)) }
            }
        }
        if forms == .idOnly, tokens.count != 1 || ids.count != 1 { return nil }
        let rest = String(decoding: trimmed(Array(bytes[..<open])), as: UTF8.self)
        return (rest, ids.last)
    }

    /// Tokens separated by spaces, a quoted value (`data-toc-label="with pip"`) staying whole.
    private static func attributeTokens(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var tokens: [ArraySlice<UInt8>] = []
        var start: Int?
        var quote: UInt8?
        for index in bytes.indices {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            if byte == 0x20 || byte == 0x09 {
                if let first = start { tokens.append(bytes[first..<index]) }
                start = nil
                continue
            }
            if start == nil { start = index }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte }
        }
        if let first = start { tokens.append(bytes[first..<bytes.endIndex]) }
        return tokens
    }

    private static func lineEnd(_ source: [UInt8], from index: Int) -> Int {
        var end = index
        while end < source.count, source[end] != 0x0A, source[end] != 0x0D { end += 1 }
        return end
    }

    private static func isSetextUnderline(_ source: [UInt8], lineStart: Int) -> Bool {
        var index = lineStart
        if index < source.count, source[index] == 0x0A, index > 0, source[index - 1] == 0x0D { index += 1 }
        var indent = 0
        while index < source.count, source[index] == 0x20, indent < 4 { index += 1; indent += 1 }
        guard index < source.count, source[index] == UInt8(ascii: "=") || source[index] == UInt8(ascii: "-") else { return false }
        let marker = source[index]
        while index < source.count, source[index] == marker { index += 1 }
        while index < source.count, source[index] == 0x20 || source[index] == 0x09 { index += 1 }
        return index == source.count || source[index] == 0x0A || source[index] == 0x0D
    }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var slice = bytes[...]
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return Array(slice)
    }

    /// `## Title ##` → `Title`; a `#` run that is not preceded by a space stays.
    private static func stripClosingSequence(_ content: [UInt8]) -> [UInt8] {
        var text = trimmed(content)
        var index = text.count
        while index > 0, text[index - 1] == UInt8(ascii: "#") { index -= 1 }
        guard index < text.count else { return text }
        if index == 0 || text[index - 1] == 0x20 || text[index - 1] == 0x09 {
            text.removeSubrange(index...)
        }
        return trimmed(text)
    }

    private static func isAttribute(_ token: ArraySlice<UInt8>) -> Bool {
        guard let first = token.first else { return false }
        if first == UInt8(ascii: "#") || first == UInt8(ascii: ".") { return token.count > 1 }
        return token.contains(UInt8(ascii: "="))
    }

    // MARK: Inline rendering

    private static let backtick = UInt8(ascii: "`")
    /// Bytes that may start inline Markdown: escapes, code, references, tags, links, emphasis.
    private static let markupBytes: [Bool] = (0...255).map { "\\`&<[!*_~".utf8.contains(UInt8($0)) }

    /// The plain text CommonMark renders from inline Markdown.
    static func render(_ text: String) -> String {
        // Most headings are plain words: nothing to resolve.
        if !text.utf8.contains(where: { markupBytes[Int($0)] }) { return text }
        var output: [UInt8] = []
        render(Array(text.utf8)[...], into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func render(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        let delimiters = bytes.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "~") } ? emphasisDelimiters(in: bytes) : []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\"):
                if index + 1 < bytes.endIndex, isASCIIPunctuation(bytes[index + 1]) {
                    output.append(bytes[index + 1])
                    index += 2
                } else {
                    output.append(byte)
                    index += 1
                }
            case backtick:
                var run = index
                while run < bytes.endIndex, bytes[run] == backtick { run += 1 }
                let length = run - index
                if let close = closingBackticks(bytes, from: run, length: length) {
                    var code = Array(bytes[run..<close]).map { $0 == 0x0A ? 0x20 : $0 }
                    if code.count >= 2, code.first == 0x20, code.last == 0x20, code.contains(where: { $0 != 0x20 }) {
                        code = Array(code.dropFirst().dropLast())
                    }
                    output.append(contentsOf: code)
                    index = close + length
                } else {
                    output.append(contentsOf: bytes[index..<run])
                    index = run
                }
            case UInt8(ascii: "&"):
                let window = Array(bytes[index..<min(bytes.endIndex, index + 40)])
                if let (length, decoded) = CharacterReference.decode(at: 0, in: window, end: window.count) {
                    output.append(contentsOf: decoded)
                    index += length
                } else {
                    output.append(byte)
                    index += 1
                }
            case UInt8(ascii: "<"):
                if let end = tagEnd(bytes, from: index) {
                    let inner = bytes[(index + 1)..<end]
                    if isAutolink(inner) { output.append(contentsOf: inner) }
                    index = end + 1
                } else {
                    output.append(byte)
                    index += 1
                }
            case UInt8(ascii: "!") where index + 1 < bytes.endIndex && bytes[index + 1] == UInt8(ascii: "["):
                // An image shows nothing of itself in a heading's text.
                if let (_, after) = linkParts(bytes, openBracket: index + 1) {
                    index = after
                } else {
                    output.append(byte)
                    index += 1
                }
            case UInt8(ascii: "["):
                if let (text, after) = linkParts(bytes, openBracket: index) {
                    render(text, into: &output)
                    index = after
                } else {
                    output.append(byte)
                    index += 1
                }
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                if delimiters.contains(index) {
                    index += 1
                } else {
                    output.append(byte)
                    index += 1
                }
            default:
                output.append(byte)
                index += 1
            }
        }
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
    }

    private static func closingBackticks(_ bytes: ArraySlice<UInt8>, from start: Int, length: Int) -> Int? {
        var index = start
        while index < bytes.endIndex {
            guard bytes[index] == backtick else {
                index += 1
                continue
            }
            var run = index
            while run < bytes.endIndex, bytes[run] == backtick { run += 1 }
            if run - index == length { return index }
            index = run
        }
        return nil
    }

    /// The `>` closing a tag or autolink that opens at `start`, if it looks like one.
    private static func tagEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard start + 1 < bytes.endIndex else { return nil }
        let next = bytes[start + 1]
        let isLetter = (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A)
        guard isLetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") else { return nil }
        var index = start + 1
        var quote: UInt8?
        while index < bytes.endIndex {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// `<https://example.com>` or `<a@b.org>`: shown as written.
    private static func isAutolink(_ inner: ArraySlice<UInt8>) -> Bool {
        guard !inner.contains(0x20) else { return false }
        if let colon = inner.firstIndex(of: UInt8(ascii: ":")), colon > inner.startIndex + 1 {
            return inner[inner.startIndex..<colon].allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2E || $0 == 0x2D }
        }
        return inner.contains(UInt8(ascii: "@"))
    }

    /// `[text](url)`, `[text][ref]` or `[text][]`: the text and where the link ends.
    private static func linkParts(_ bytes: ArraySlice<UInt8>, openBracket: Int) -> (ArraySlice<UInt8>, Int)? {
        var depth = 0
        var index = openBracket
        var close: Int?
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == backtick, let end = closingBackticks(bytes, from: index + 1, length: 1) {
                index = end + 1
                continue
            }
            if byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    close = index
                    break
                }
            }
            index += 1
        }
        guard let close, close + 1 < bytes.endIndex else { return nil }
        let opener = bytes[close + 1]
        let closer: UInt8 = opener == UInt8(ascii: "(") ? UInt8(ascii: ")") : opener == UInt8(ascii: "[") ? UInt8(ascii: "]") : 0
        guard closer != 0 else { return nil }
        var nesting = 0
        var end = close + 1
        while end < bytes.endIndex {
            if bytes[end] == opener { nesting += 1 }
            if bytes[end] == closer {
                nesting -= 1
                if nesting == 0 { break }
            }
            end += 1
        }
        guard end < bytes.endIndex else { return nil }
        return (bytes[(openBracket + 1)..<close], end + 1)
    }

    /// Positions of `*`, `_` and `~` that CommonMark reads as emphasis or strikethrough rather
    /// than text: runs that can open or close (flanking), `_` not inside a word, and only while
    /// a run of the same character is there to pair with.
    private static func emphasisDelimiters(in bytes: ArraySlice<UInt8>) -> Set<Int> {
        struct Run {
            var start: Int
            var length: Int
            var character: UInt8
            var canOpen: Bool
            var canClose: Bool
        }
        var runs: [Run] = []
        var index = bytes.startIndex
        var inCode = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == backtick { inCode.toggle() }
            guard !inCode, byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~") else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.endIndex, bytes[end] == byte { end += 1 }
            let before: UInt8? = index > bytes.startIndex ? bytes[index - 1] : nil
            let after: UInt8? = end < bytes.endIndex ? bytes[end] : nil
            let spaceBefore = before.map(isSpaceOrPunctuation) ?? true
            let spaceAfter = after.map(isSpaceOrPunctuation) ?? true
            let leftFlanking = after.map { !isSpace($0) } ?? false && (!isPunctuationByte(after!) || spaceBefore)
            let rightFlanking = before.map { !isSpace($0) } ?? false && (!isPunctuationByte(before!) || spaceAfter)
            var canOpen = leftFlanking
            var canClose = rightFlanking
            if byte == UInt8(ascii: "_") {
                canOpen = leftFlanking && (!rightFlanking || (before.map(isPunctuationByte) ?? false))
                canClose = rightFlanking && (!leftFlanking || (after.map(isPunctuationByte) ?? false))
            }
            if byte == UInt8(ascii: "~"), end - index > 2 {
                canOpen = false
                canClose = false
            }
            runs.append(Run(start: index, length: end - index, character: byte, canOpen: canOpen, canClose: canClose))
            index = end
        }
        var result: Set<Int> = []
        var used = Array(repeating: false, count: runs.count)
        for closer in runs.indices where runs[closer].canClose {
            guard let opener = runs[..<closer].indices.last(where: { !used[$0] && runs[$0].canOpen && runs[$0].character == runs[closer].character }) else { continue }
            used[opener] = true
            used[closer] = true
            for run in [runs[opener], runs[closer]] {
                for position in run.start..<(run.start + run.length) { result.insert(position) }
            }
        }
        return result
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }
    private static func isPunctuationByte(_ byte: UInt8) -> Bool { byte < 0x80 && isASCIIPunctuation(byte) }
    private static func isSpaceOrPunctuation(_ byte: UInt8) -> Bool { isSpace(byte) || isPunctuationByte(byte) }
}
