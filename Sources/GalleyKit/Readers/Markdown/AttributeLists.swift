/// kramdown and Pandoc attribute lists, which are not prose: `## Title {#id}`,
/// `{: .class #id key="v"}` on a line of its own or after a span, `![alt](x.png){width=50%}`.
/// An `#id` in a list is an explicit anchor; a heading takes the one on its line or the line after.
///
/// kramdown's lists start with `{:` and are taken wherever they are outside code, with its
/// `{::comment}…{:/comment}` extension blanked whole. Pandoc's (`{#id .class key=v}`) must consist
/// of such tokens only and stand at the end of a line or right after a span (`)`, `]`, `` ` ``,
/// `*`, `_`), so that braces in prose are left alone.
enum AttributeLists {
    static func scan(_ mask: inout MaskedSource) {
        let bytes = mask.bytes
        let count = bytes.count
        var index = 0
        while let brace = mask.nextBrace(from: index), brace + 1 < count {
            index = brace
            if bytes[index + 1] == UInt8(ascii: ":") {
                index = kramdown(at: index, in: &mask, bytes: bytes)
                continue
            }
            if let end = pandocEnd(at: index, in: bytes), !mask.overlapsBlanked(index..<end), placedLikeAttributes(index, end, in: bytes) {
                record(index..<end, in: &mask, bytes: bytes)
                index = end
                continue
            }
            index += 1
        }
    }

    /// `{:…}` (a list or a reference definition) or `{::name}` (an extension); returns where to go on.
    private static func kramdown(at start: Int, in mask: inout MaskedSource, bytes: [UInt8]) -> Int {
        guard let end = lineBrace(from: start + 2, in: bytes), !mask.overlapsBlanked(start..<end) else { return start + 1 }
        if bytes[start...].starts(with: "{::comment}".utf8) {
            let closing = find(Array("{:/comment}".utf8), from: end, in: bytes) ?? find(Array("{:/}".utf8), from: end, in: bytes)
            if let closing {
                mask.blank(SourceRange(start: start, end: closing.upperBound), as: .attributeList)
                return closing.upperBound
            }
        }
        record(start..<end, in: &mask, bytes: bytes)
        return end
    }

    private static func record(_ range: Range<Int>, in mask: inout MaskedSource, bytes: [UInt8]) {
        mask.blank(SourceRange(start: range.lowerBound, end: range.upperBound), as: .attributeList)
        var index = range.lowerBound + 1
        while index < range.upperBound - 1 {
            if bytes[index] == UInt8(ascii: "#"), index > range.lowerBound, isTokenStart(bytes[index - 1]) {
                var end = index + 1
                while end < range.upperBound - 1, isIDByte(bytes[end]) { end += 1 }
                if end > index + 1 {
                    mask.addAnchor(SourceRange(start: index + 1, end: end), at: SourceRange(start: range.lowerBound, end: range.upperBound))
                    return
                }
            }
            // Skip quoted values, where a `#` is not an id.
            if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                let quote = bytes[index]
                index += 1
                while index < range.upperBound - 1, bytes[index] != quote { index += 1 }
            }
            index += 1
        }
    }

    /// The end (past `}`) of a Pandoc attribute list whose every token is `#id`, `.class`,
    /// `key=value` or `-`.
    private static func pandocEnd(at start: Int, in bytes: [UInt8]) -> Int? {
        guard let end = lineBrace(from: start + 1, in: bytes) else { return nil }
        var index = start + 1
        var tokens = 0
        while index < end - 1 {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "#") || byte == UInt8(ascii: ".") {
                var tokenEnd = index + 1
                while tokenEnd < end - 1, isIDByte(bytes[tokenEnd]) { tokenEnd += 1 }
                guard tokenEnd > index + 1 else { return nil }
                index = tokenEnd
            } else if byte == UInt8(ascii: "-"), index + 1 < end, bytes[index + 1] == 0x20 || index + 1 == end - 1 {
                index += 1
            } else if isNameStart(byte) {
                var tokenEnd = index
                while tokenEnd < end - 1, isIDByte(bytes[tokenEnd]) { tokenEnd += 1 }
                guard tokenEnd < end - 1, bytes[tokenEnd] == UInt8(ascii: "=") else { return nil }
                tokenEnd += 1
                if tokenEnd < end - 1, bytes[tokenEnd] == UInt8(ascii: "\"") || bytes[tokenEnd] == UInt8(ascii: "'") {
                    let quote = bytes[tokenEnd]
                    tokenEnd += 1
                    while tokenEnd < end - 1, bytes[tokenEnd] != quote { tokenEnd += 1 }
                    guard tokenEnd < end - 1 else { return nil }
                    tokenEnd += 1
                } else {
                    let valueStart = tokenEnd
                    while tokenEnd < end - 1, bytes[tokenEnd] != 0x20, bytes[tokenEnd] != 0x09 { tokenEnd += 1 }
                    guard tokenEnd > valueStart else { return nil }
                }
                index = tokenEnd
            } else {
                return nil
            }
            tokens += 1
            guard index == end - 1 || bytes[index] == 0x20 || bytes[index] == 0x09 else { return nil }
        }
        return tokens > 0 ? end : nil
    }

    /// At the end of a line (a heading's or a block's attributes), or right after a span.
    private static func placedLikeAttributes(_ start: Int, _ end: Int, in bytes: [UInt8]) -> Bool {
        var after = end
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 || bytes[after] == 0x0D || bytes[after] == MaskedSource.placeholder {
            after += 1
        }
        if after == bytes.count || bytes[after] == 0x0A { return true }
        guard start > 0 else { return false }
        let before = bytes[start - 1]
        return before == UInt8(ascii: ")") || before == UInt8(ascii: "]") || before == UInt8(ascii: "`")
            || before == UInt8(ascii: "*") || before == UInt8(ascii: "_")
    }

    /// Offset past the `}` that closes a list opened before `start`, on the same line, with no
    /// other brace before it.
    private static func lineBrace(from start: Int, in bytes: [UInt8]) -> Int? {
        var index = start
        while index < bytes.count, index - start < 1024 {
            switch bytes[index] {
            case UInt8(ascii: "}"): return index + 1
            case UInt8(ascii: "{"), 0x0A: return nil
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let quote = bytes[index]
                index += 1
                while index < bytes.count, bytes[index] != quote, bytes[index] != 0x0A { index += 1 }
                guard index < bytes.count, bytes[index] == quote else { return nil }
            default: break
            }
            index += 1
        }
        return nil
    }

    private static func find(_ needle: [UInt8], from start: Int, in bytes: [UInt8]) -> Range<Int>? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index..<(index + needle.count) }
            index += 1
        }
        return nil
    }

    private static func isTokenStart(_ before: UInt8) -> Bool {
        before == UInt8(ascii: "{") || before == UInt8(ascii: ":") || before == 0x20 || before == 0x09
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }

    static func isIDByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: ".") || byte >= 0x80
    }
}
