/// Admonitions and fenced divs: `:::note Title` … `:::` (Docusaurus, MkDocs and Pandoc write
/// them alike). The fence lines are not prose; what they enclose is read as an aside. Fences nest;
/// one never closed runs to the end of the file.
enum FencedDivs {
    static func scan(_ mask: inout MaskedSource) {
        let bytes = mask.bytes
        var open: [SourceRange] = []
        var found: [FencedDiv] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var index = lineStart
            while index < lineEnd, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            var colons = 0
            while index + colons < lineEnd, bytes[index + colons] == UInt8(ascii: ":") { colons += 1 }
            guard colons >= 3, !mask.isInCode(index), !mask.isBlanked(index) else { continue }
            var rest = index + colons
            while rest < lineEnd, bytes[rest] == 0x20 || bytes[rest] == 0x09 || bytes[rest] == 0x0D { rest += 1 }
            let line = SourceRange(start: lineStart, end: lineEnd)
            if rest == lineEnd {
                if let opening = open.popLast() { found.append(FencedDiv(open: opening, close: line)) }
            } else if isOpener(bytes[rest]) {
                open.append(line)
            }
        }
        // An admonition left open runs to the end of the file, as remark-directive reads it.
        for opening in open { found.append(FencedDiv(open: opening, close: SourceRange(at: bytes.count))) }
        found.sort { $0.open.start < $1.open.start }
        for fence in found {
            mask.blank(fence.open, as: .admonition)
            mask.blank(fence.close, as: .admonition)
        }
        mask.fences = found
    }

    /// A type name (`note`), Pandoc attributes (`{.warning}`) or a title in brackets (`[Title]`).
    private static func isOpener(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
    }
}
