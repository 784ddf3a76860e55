/// How LSP positions count characters in a line, negotiated at initialization: UTF-16 code
/// units by default, UTF-8 bytes when the client offers them.
enum PositionEncoding: String, Sendable {
    case utf8 = "utf-8", utf16 = "utf-16"
}

/// The lines of a document's text as the client holds it (UTF-8 bytes, its own line endings),
/// for turning LSP positions into byte offsets and back. Lines end at LF, CRLF or a lone CR, as
/// the protocol says; a character inside a line counts as the negotiated encoding says (a
/// character outside the Basic Multilingual Plane is two UTF-16 units, four UTF-8 bytes).
struct LineIndex: Sendable {
    let text: [UInt8]
    private(set) var lineStarts: [Int] = [0]

    init(_ text: [UInt8]) {
        self.text = text
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == 0x0D, index + 1 < text.count, text[index + 1] == 0x0A { index += 1 }
            if byte == 0x0A || byte == 0x0D { lineStarts.append(index + 1) }
            index += 1
        }
    }

    var lineCount: Int { lineStarts.count }

    /// Offset just past the last character of line `line` (before its line break).
    func lineEnd(_ line: Int) -> Int {
        guard line + 1 < lineStarts.count else { return text.count }
        var end = lineStarts[line + 1]
        if end > 0, text[end - 1] == 0x0A { end -= 1 }
        if end > 0, text[end - 1] == 0x0D { end -= 1 }
        return max(end, lineStarts[line])
    }

    /// The byte offset of a position. Past the end of a line is its end, past the last line the
    /// text's end (the protocol asks servers to clamp); inside a character, that character's start.
    func offset(line: Int, character: Int, encoding: PositionEncoding) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return text.count }
        let end = lineEnd(line)
        var index = lineStarts[line]
        var units = 0
        while index < end {
            let width = Self.units(text[index], encoding)
            if units + width > character { break }
            units += width
            index += Self.scalarLength(text[index])
        }
        return min(index, end)
    }

    /// The position of a byte offset.
    func position(of offset: Int, encoding: PositionEncoding) -> (line: Int, character: Int) {
        let clamped = min(max(0, offset), text.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        // An offset between CR and LF stands at the end of its line.
        let end = min(clamped, lineEnd(low))
        var units = 0
        var index = lineStarts[low]
        while index < end {
            units += Self.units(text[index], encoding)
            index += Self.scalarLength(text[index])
        }
        return (low, units)
    }

    /// Code units the character starting with `lead` takes in the encoding.
    private static func units(_ lead: UInt8, _ encoding: PositionEncoding) -> Int {
        switch encoding {
        case .utf8: return scalarLength(lead)
        case .utf16: return lead >= 0xF0 ? 2 : 1
        }
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }
}
