import PCRE

/// The bytes a parser reads: the source with what is not prose blanked out (template tags,
/// attribute lists, MDX statements and expressions, admonition fences, the user's ignore
/// patterns), same length and same line breaks, so every position the parser reports is a
/// position in the file.
///
/// A span alone on its lines (with whitespace) becomes spaces: the parser sees a blank line, as
/// the rendered page has one (a `{% if %}` line renders as nothing). A span inside a line of text
/// becomes the placeholder byte 0x1A (SUB), which CommonMark treats as an ordinary character, so
/// the constructs around it keep their shape (`[text]({{ site.url }}/x)` stays a link; a line
/// that starts with a tag is not indented code), and which every text run reads as a space
/// (`TextRunBuilder.isSpace`). For HTML, whose whitespace is not significant, spans become spaces.
struct MaskedSource {
    static let placeholder: UInt8 = 0x1A

    private(set) var bytes: [UInt8]
    /// The source as it was.
    let original: [UInt8]
    /// What was blanked, in source order once `finish` ran.
    private(set) var ignored: [IgnoredSpan] = []
    /// Explicit ids from attribute lists (`{#id}`): where the list is, and where its id is.
    private(set) var anchors: [(range: SourceRange, id: SourceRange)] = []
    /// Admonitions and fenced divs (`:::note` … `:::`).
    var fences: [FencedDiv] = []
    var templateLanguages: [TemplateLanguageUse] = []
    /// One flag a byte, made on the first span: the bytes to blank.
    private var blanked: [Bool] = []
    /// Ranges of code (fenced blocks, inline code spans), where attribute lists and MDX are not looked for.
    private(set) var code: [Range<Int>] = []

    /// The file's link reference definitions (`[name]: url`), one a line, for content parsed on
    /// its own (kramdown's `markdown="1"` elements resolve references file-wide).
    var referenceDefinitions: [UInt8] {
        var result: [UInt8] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var index = lineStart
            while index < lineEnd, index - lineStart < 4, bytes[index] == 0x20 { index += 1 }
            if index < lineEnd, bytes[index] == UInt8(ascii: "["), !isInCode(index),
               let close = bytes[index..<lineEnd].firstIndex(of: UInt8(ascii: "]")), close + 1 < lineEnd, bytes[close + 1] == UInt8(ascii: ":") {
                result += bytes[lineStart..<lineEnd] + [0x0A]
            }
            lineStart = lineEnd + 1
        }
        return result
    }

    init(_ bytes: [UInt8], original: [UInt8]) {
        self.bytes = bytes
        self.original = original
    }

    var isEmpty: Bool { ignored.isEmpty && fences.isEmpty }

    // MARK: Marking

    /// Marks `range` to be blanked (line breaks are always kept) and records it as `kind`.
    mutating func blank(_ range: SourceRange, as kind: IgnoredSpan.Kind) {
        guard range.end > range.start else { return }
        if blanked.isEmpty { blanked = [Bool](repeating: false, count: bytes.count) }
        for index in range.start..<min(range.end, bytes.count) { blanked[index] = true }
        ignored.append(IgnoredSpan(kind: kind, range: range))
    }

    /// Replaces single bytes in the parser's copy (MDX attribute expressions become quoted values).
    mutating func replace(at index: Int, with byte: UInt8) {
        bytes[index] = byte
    }

    /// NUL bytes (which a parser reads as something else) become placeholders.
    mutating func replaceNulBytes() {
        var from = 0
        while let nul = ByteScan.firstIndex(of: 0, in: bytes, from: from) {
            bytes[nul] = Self.placeholder
            from = nul + 1
        }
    }

    mutating func addAnchor(_ id: SourceRange, at range: SourceRange) {
        anchors.append((range, id))
    }

    func isBlanked(_ index: Int) -> Bool { !blanked.isEmpty && blanked[index] }

    /// True when any byte of `range` is already blanked.
    func overlapsBlanked(_ range: Range<Int>) -> Bool {
        guard !blanked.isEmpty else { return false }
        for index in range where blanked[index] { return true }
        return false
    }

    /// Blanks every match of a user's ignore pattern.
    mutating func blankMatches(of pattern: PCREPattern, as kind: IgnoredSpan.Kind) {
        for match in pattern.matches(in: original) where !match.isEmpty {
            blank(SourceRange(start: match.lowerBound, end: match.upperBound), as: kind)
        }
    }

    // MARK: Code

    /// Finds fenced code blocks and inline code spans, well enough to keep attribute lists and
    /// MDX expressions from being looked for inside code.
    mutating func findCode() {
        code = CodeRegions.find(in: bytes)
    }

    func isInCode(_ offset: Int) -> Bool {
        codeRegion(containing: offset) != nil
    }

    /// True when `range` starts inside a code region and ends outside it, or the other way round:
    /// template syntax is never half code (`{{`…`}}` written as two code spans is not a tag).
    func crossesCode(_ range: Range<Int>) -> Bool {
        guard !code.isEmpty, !range.isEmpty else { return false }
        if let region = codeRegion(containing: range.lowerBound) { return range.upperBound > region.upperBound }
        // The first region after the start must begin at or after the end.
        var low = 0
        var high = code.count
        while low < high {
            let middle = (low + high) / 2
            if code[middle].lowerBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < code.count && code[low].lowerBound < range.upperBound
    }

    /// The first `{` at or after `start` that is neither blanked nor in code.
    func nextBrace(from start: Int) -> Int? {
        var index = start
        while let brace = ByteScan.firstIndex(of: UInt8(ascii: "{"), in: bytes, from: index) {
            if let region = codeRegion(containing: brace) {
                index = region.upperBound
            } else if isBlanked(brace) {
                index = brace + 1
            } else {
                return brace
            }
        }
        return nil
    }

    /// The code region holding `offset`, found by binary search.
    func codeRegion(containing offset: Int) -> Range<Int>? {
        var low = 0
        var high = code.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let region = code[middle]
            if offset < region.lowerBound { high = middle - 1 } else if offset >= region.upperBound { low = middle + 1 } else { return region }
        }
        return nil
    }

    /// HTML with its template syntax (Jinja, Nunjucks, Liquid, Go templates) and the user's ignore
    /// patterns blanked as spaces; nil when there is none. Records what was blanked in the builder.
    static func templatesBlanked(_ bytes: [UInt8], original: [UInt8], options: ReaderOptions, into builder: inout DocumentBuilder) -> [UInt8]? {
        let hasBraces = ByteScan.contains(UInt8(ascii: "{"), in: bytes)
        guard hasBraces || !options.ignoredBlocks.isEmpty || !options.ignoredTokens.isEmpty else {
            if let configured = options.templates, !configured.isEmpty {
                builder.setIgnored([], templates: TemplateSyntax.uses(configured))
            }
            return nil
        }
        var mask = MaskedSource(bytes, original: original)
        for pattern in options.ignoredBlocks { mask.blankMatches(of: pattern.pattern, as: .blockPattern) }
        TemplateSyntax.scan(&mask, languages: options.templates, hasBraces: hasBraces)
        for pattern in options.ignoredTokens { mask.blankMatches(of: pattern.pattern, as: .tokenPattern) }
        mask.finish(placeholderInLines: false)
        builder.setIgnored(mask.ignored, templates: mask.templateLanguages)
        return mask.ignored.isEmpty ? nil : mask.bytes
    }

    // MARK: Filling

    /// Writes the blanks: spaces where a line holds nothing else, else `placeholder` (or spaces
    /// everywhere when `inline` is false, for HTML).
    mutating func finish(placeholderInLines: Bool) {
        ignored.sort { ($0.range.start, $0.range.end) < ($1.range.start, $1.range.end) }
        guard !blanked.isEmpty else { return }
        var lineStart = 0
        let count = bytes.count
        while lineStart < count {
            var lineEnd = lineStart
            var hasBlank = false
            var hasText = false
            while lineEnd < count, bytes[lineEnd] != 0x0A {
                if blanked[lineEnd] {
                    hasBlank = true
                } else {
                    let byte = bytes[lineEnd]
                    if byte != 0x20, byte != 0x09, byte != 0x0D { hasText = true }
                }
                lineEnd += 1
            }
            if hasBlank {
                let fill = placeholderInLines && hasText ? Self.placeholder : 0x20
                for index in lineStart..<lineEnd where blanked[index] { bytes[index] = fill }
            }
            lineStart = lineEnd + 1
        }
        blanked = []
    }
}

/// An admonition or fenced div: `:::note` … `:::` (Docusaurus, Pandoc, MkDocs extensions).
struct FencedDiv: Sendable, Equatable {
    /// The opening fence line.
    var open: SourceRange
    /// The closing fence line.
    var close: SourceRange
}

/// Fenced code blocks and inline code spans, by a line scan (not a full CommonMark parse).
enum CodeRegions {
    static func find(in bytes: [UInt8]) -> [Range<Int>] {
        var regions: [Range<Int>] = []
        var lineStart = 0
        let count = bytes.count
        var fence: (character: UInt8, length: Int, start: Int)?
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            // Container markup: indentation and block quote markers.
            var index = lineStart
            while index < lineEnd, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == UInt8(ascii: ">") { index += 1 }
            var run = 0
            let character = index < lineEnd ? bytes[index] : 0
            if character == UInt8(ascii: "`") || character == UInt8(ascii: "~") {
                while index + run < lineEnd, bytes[index + run] == character { run += 1 }
            }
            if let open = fence {
                if character == open.character, run >= open.length,
                   bytes[(index + run)..<lineEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    regions.append(open.start..<lineEnd)
                    fence = nil
                }
            } else if run >= 3, !(character == UInt8(ascii: "`") && bytes[(index + run)..<lineEnd].contains(UInt8(ascii: "`"))) {
                fence = (character, run, lineStart)
            } else {
                inlineSpans(bytes, lineStart..<lineEnd, into: &regions)
            }
            lineStart = lineEnd + 1
        }
        if let open = fence { regions.append(open.start..<count) }
        return regions
    }

    /// Backtick code spans on one line: a run of backticks closed by a run of the same length.
    private static func inlineSpans(_ bytes: [UInt8], _ line: Range<Int>, into regions: inout [Range<Int>]) {
        var index = line.lowerBound
        var open: (start: Int, length: Int)?
        while index < line.upperBound {
            guard bytes[index] == UInt8(ascii: "`") else {
                if bytes[index] == UInt8(ascii: "\\"), open == nil { index += 1 }
                index += 1
                continue
            }
            var length = 0
            while index + length < line.upperBound, bytes[index + length] == UInt8(ascii: "`") { length += 1 }
            if let start = open {
                if start.length == length {
                    regions.append(start.start..<(index + length))
                    open = nil
                }
            } else {
                open = (index, length)
            }
            index += length
        }
    }
}
