/// Finds where decoded text came from in the source, byte by byte.
///
/// Parsers hand back text with escapes resolved (`&amp;` → `&`, `\*` → `*`, YAML `\"` → `"`) and,
/// for Markdown inlines, start positions that can be a few columns off. The aligner walks the
/// decoded text and the source side by side from a hint, matching bytes, resolving escapes in the
/// source, letting whitespace runs match each other, and skipping source whitespace (and, before
/// the first match, markup such as `>` or list markers). When alignment fails, everything left
/// maps to where it stopped: never a crash, at worst a column inside the right text.
enum SourceAligner {
    enum Syntax {
        /// HTML/XML character references.
        case markup
        /// CommonMark: character references and backslash escapes.
        case markdown
        /// YAML double-quoted scalars: backslash escapes.
        case yamlDoubleQuoted
        /// YAML single-quoted scalars: `''` for `'`.
        case yamlSingleQuoted
        /// YAML plain and block scalars.
        case yamlPlain
    }

    struct Piece: Equatable {
        var text: Range<Int>
        var source: SourceRange
        var isVerbatim: Bool
    }

    static func align(_ decoded: ArraySlice<UInt8>, in source: [UInt8], from start: Int, limit: Int, syntax: Syntax) -> [Piece] {
        var pieces: [Piece] = []
        let base = decoded.startIndex
        let end = min(limit, source.count)
        var i = base
        var p = max(0, min(start, end))
        var matchedAny = false

        func emit(_ text: Range<Int>, _ sourceRange: SourceRange, verbatim: Bool) {
            let relative = (text.lowerBound - base)..<(text.upperBound - base)
            if verbatim, var last = pieces.last, last.isVerbatim, last.text.upperBound == relative.lowerBound,
               last.source.end == sourceRange.start {
                last.text = last.text.lowerBound..<relative.upperBound
                last.source.end = sourceRange.end
                pieces[pieces.count - 1] = last
            } else {
                pieces.append(Piece(text: relative, source: sourceRange, isVerbatim: verbatim))
            }
        }

        while i < decoded.endIndex {
            guard p < end else { break }
            let d = decoded[i]
            let r = source[p]
            if let (consumed, produced) = escape(at: p, in: source, end: end, syntax: syntax),
               i + produced.count <= decoded.endIndex, decoded[i..<i + produced.count].elementsEqual(produced) {
                emit(i..<i + produced.count, SourceRange(start: p, end: p + consumed), verbatim: false)
                i += produced.count
                p += consumed
                matchedAny = true
                continue
            }
            if d == r && !(syntax == .yamlSingleQuoted && r == UInt8(ascii: "'")) {
                // Take the whole run of equal bytes that cannot start an escape at once: byte by
                // byte, each would be matched verbatim and merged into this same piece.
                var length = 1
                while i + length < decoded.endIndex, p + length < end, decoded[i + length] == source[p + length],
                      !mayStartEscape(source[p + length]) {
                    length += 1
                }
                emit(i..<i + length, SourceRange(start: p, end: p + length), verbatim: true)
                i += length
                p += length
                matchedAny = true
                continue
            }
            if isSpace(d) && isSpace(r) {
                var textEnd = i
                while textEnd < decoded.endIndex, isSpace(decoded[textEnd]) { textEnd += 1 }
                var sourceEnd = p
                while sourceEnd < end, isSpace(source[sourceEnd]) || (syntax == .markdown && source[sourceEnd] == UInt8(ascii: ">")) {
                    sourceEnd += 1
                }
                emit(i..<textEnd, SourceRange(start: p, end: sourceEnd), verbatim: false)
                i = textEnd
                p = sourceEnd
                continue
            }
            if isSpace(r) || (!matchedAny && isLeadingMarkup(r, syntax: syntax)) || isSkippableEscape(at: p, in: source, end: end, syntax: syntax) {
                p += 1
                continue
            }
            if let entityLength = unknownEntityLength(at: p, in: source, end: end, syntax: syntax) {
                // A named reference missing from our table: it stands for one character.
                let produced = scalarLength(decoded, at: i)
                emit(i..<i + produced, SourceRange(start: p, end: p + entityLength), verbatim: false)
                i += produced
                p += entityLength
                matchedAny = true
                continue
            }
            break
        }
        if i < decoded.endIndex {
            let at = min(p, end)
            emit(i..<decoded.endIndex, SourceRange(at: at), verbatim: false)
        }
        return pieces
    }

    static func isSpace(_ byte: UInt8) -> Bool { TextRunBuilder.isSpace(byte) }

    /// The bytes `escape(at:)` may act on in some syntax (and YAML's single quote, which never
    /// matches itself verbatim).
    @inline(__always)
    private static func mayStartEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "'")
    }

    private static func isLeadingMarkup(_ byte: UInt8, syntax: Syntax) -> Bool {
        switch syntax {
        case .markdown:
            return byte == UInt8(ascii: ">") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "#")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "`")
        case .yamlDoubleQuoted: return byte == UInt8(ascii: "\"")
        case .yamlSingleQuoted: return byte == UInt8(ascii: "'")
        case .yamlPlain: return byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "-")
        case .markup: return false
        }
    }

    /// A YAML line continuation (`\` at a line end) produces nothing.
    private static func isSkippableEscape(at p: Int, in source: [UInt8], end: Int, syntax: Syntax) -> Bool {
        syntax == .yamlDoubleQuoted && source[p] == UInt8(ascii: "\\") && p + 1 < end && source[p + 1] == 0x0A
    }

    /// The escape at `p`: how many source bytes it spans and the bytes it stands for.
    private static func escape(at p: Int, in source: [UInt8], end: Int, syntax: Syntax) -> (Int, [UInt8])? {
        let byte = source[p]
        switch syntax {
        case .markup, .markdown:
            if byte == UInt8(ascii: "&") { return CharacterReference.decode(at: p, in: source, end: end) }
            if syntax == .markdown, byte == UInt8(ascii: "\\"), p + 1 < end, isASCIIPunctuation(source[p + 1]) {
                return (2, [source[p + 1]])
            }
        case .yamlDoubleQuoted:
            if byte == UInt8(ascii: "\\"), p + 1 < end { return yamlEscape(at: p, in: source, end: end) }
        case .yamlSingleQuoted:
            if byte == UInt8(ascii: "'"), p + 1 < end, source[p + 1] == UInt8(ascii: "'") { return (2, [byte]) }
        case .yamlPlain:
            break
        }
        return nil
    }

    private static func yamlEscape(at p: Int, in source: [UInt8], end: Int) -> (Int, [UInt8])? {
        let code = source[p + 1]
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "0"): 0, UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "t"): 9, UInt8(ascii: "\t"): 9,
            UInt8(ascii: "n"): 10, UInt8(ascii: "v"): 11, UInt8(ascii: "f"): 12, UInt8(ascii: "r"): 13, UInt8(ascii: "e"): 27,
            UInt8(ascii: " "): 32, UInt8(ascii: "\""): 34, UInt8(ascii: "/"): 47, UInt8(ascii: "\\"): 92,
        ]
        if let value = simple[code] { return (2, [value]) }
        let digits: Int
        switch code {
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        case UInt8(ascii: "N"): return (2, [0xC2, 0x85])
        case UInt8(ascii: "_"): return (2, [0xC2, 0xA0])
        case UInt8(ascii: "L"): return (2, [0xE2, 0x80, 0xA8])
        case UInt8(ascii: "P"): return (2, [0xE2, 0x80, 0xA9])
        default: return nil
        }
        guard p + 2 + digits <= end,
              let value = UInt32(String(decoding: source[(p + 2)..<(p + 2 + digits)], as: UTF8.self), radix: 16),
              let scalar = Unicode.Scalar(value) else { return nil }
        return (2 + digits, Array(String(Character(scalar)).utf8))
    }

    private static func unknownEntityLength(at p: Int, in source: [UInt8], end: Int, syntax: Syntax) -> Int? {
        guard syntax == .markup || syntax == .markdown, source[p] == UInt8(ascii: "&") else { return nil }
        var q = p + 1
        while q < end, q - p <= 32, isAlphanumeric(source[q]) { q += 1 }
        guard q > p + 1, q < end, source[q] == UInt8(ascii: ";") else { return nil }
        return q + 1 - p
    }

    private static func scalarLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        var end = index + 1
        while end < bytes.endIndex, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end - index
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }
}
