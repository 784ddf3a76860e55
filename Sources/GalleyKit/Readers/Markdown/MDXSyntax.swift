/// What MDX adds to Markdown that is not prose: `import`/`export` statements (ESM, which runs to
/// the next blank line) and `{expressions}` (comments `{/* … */}` included). An expression that
/// is a JSX attribute's value (`<Tabs groupId={id}>`) becomes a quoted value of blanks, so the
/// element still reads as a tag. Code (fenced blocks, inline code) is left alone.
enum MDXSyntax {
    /// Bounds the restarts after an unbalanced brace, so hostile input stays linear.
    private static let maxRestarts = 4

    static func scan(_ mask: inout MaskedSource, expressions hasBraces: Bool = true) {
        statements(&mask)
        if hasBraces { expressions(&mask) }
    }

    private static func statements(_ mask: inout MaskedSource) {
        let bytes = mask.bytes
        var lineStart = 0
        var statementStart: Int?
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let isBlank = bytes[lineStart..<lineEnd].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if let start = statementStart {
                if isBlank {
                    mask.blank(SourceRange(start: start, end: lineStart), as: .mdxStatement)
                    statementStart = nil
                }
            } else if !mask.isInCode(lineStart), !mask.isBlanked(lineStart),
                      startsStatement(bytes[lineStart..<lineEnd], keyword: "import") || startsStatement(bytes[lineStart..<lineEnd], keyword: "export") {
                statementStart = lineStart
            }
            lineStart = lineEnd + 1
        }
        if let start = statementStart { mask.blank(SourceRange(start: start, end: bytes.count), as: .mdxStatement) }
    }

    private static func startsStatement(_ line: ArraySlice<UInt8>, keyword: String) -> Bool {
        guard line.starts(with: keyword.utf8) else { return false }
        let after = line.startIndex + keyword.utf8.count
        guard after < line.endIndex else { return false }
        let byte = line[after]
        return byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "*")
    }

    private static func expressions(_ mask: inout MaskedSource) {
        let bytes = mask.bytes
        var index = 0
        var restarts = 0
        while let brace = mask.nextBrace(from: index) {
            index = brace
            guard let end = matchingBrace(from: index, in: bytes) else {
                restarts += 1
                if restarts > maxRestarts { return }
                index += 1
                continue
            }
            if isAttributeValue(at: index, in: bytes) {
                mask.replace(at: index, with: UInt8(ascii: "\""))
                mask.replace(at: end - 1, with: UInt8(ascii: "\""))
                mask.blank(SourceRange(start: index + 1, end: end - 1), as: .mdxExpression)
            } else {
                mask.blank(SourceRange(start: index, end: end), as: .mdxExpression)
            }
            index = end
        }
    }

    /// Offset past the `}` that balances the `{` at `start`, skipping JavaScript strings, template
    /// literals and comments; nil when the text ends first.
    static func matchingBrace(from start: Int, in bytes: [UInt8]) -> Int? {
        var depth = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return index + 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                index += 1
                while index < bytes.count, bytes[index] != byte {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    // Quotes in JSX text are apostrophes; a string does not run past its line.
                    if byte != UInt8(ascii: "`"), index < bytes.count, bytes[index] == 0x0A { break }
                    index += 1
                }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 1
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    private static func isAttributeValue(at index: Int, in bytes: [UInt8]) -> Bool {
        var before = index - 1
        while before >= 0, bytes[before] == 0x20 || bytes[before] == 0x09 { before -= 1 }
        return before >= 0 && bytes[before] == UInt8(ascii: "=")
    }
}
