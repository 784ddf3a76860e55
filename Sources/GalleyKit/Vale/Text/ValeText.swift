/// Text as Vale's rules read it, built from the text Galley read, with the map to the source kept.
///
/// Vale lints the text of rendered HTML: a soft line break inside a paragraph stays a newline
/// (so `^` and `$` under `(?m)` see lines, and a phrase broken across lines is not matched),
/// inline code becomes asterisks (words either side of it are not neighbours), and curly
/// quotes and apostrophes are made straight before any rule runs. Galley's own text collapses
/// whitespace and drops code; this rebuilds Vale's view from it, and every byte still maps to
/// the exact source bytes it came from.
struct ValeText: Sendable {
    let run: TextRun
    /// The text holds a character on which PCRE2's `\w` and `\b` differ from regexp2's, so
    /// patterns that use them must run in their exact form there.
    let needsExactWords: Bool
    /// Every byte of the text is ASCII: patterns written in ASCII then run in their byte form.
    let isASCII: Bool
    /// The bytes and pairs of bytes the text holds, for patterns' prefilters.
    let grams: ValeTextGrams

    var text: String { run.text }

    /// The form of a pattern that matches this text as regexp2 would, fastest first.
    var patternForm: ValePattern.Form {
        needsExactWords ? .exact : (isASCII ? .ascii : .fast)
    }

    init(run: TextRun, needsExactWords: Bool) {
        self.run = run
        self.needsExactWords = needsExactWords
        var text = run.text
        grams = text.withUTF8 { ValeTextGrams($0) }
        isASCII = grams.isASCII
    }

    /// Vale's text of `run`, whose source is `source` (the document's bytes); `blockStart` is
    /// where the block begins in the source (code before its first word is masked too).
    init(_ run: TextRun, source: [UInt8], format: DocumentFormat, blockStart: Int? = nil) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(run.utf8Count + 8)
        var pieces: [(text: Range<Int>, source: Range<Int>)] = []
        var exact = false
        func emit<Bytes: Collection<UInt8>>(_ text: Bytes, from sourceRange: Range<Int>) {
            let start = bytes.count
            bytes.append(contentsOf: text)
            pieces.append((start..<bytes.count, sourceRange))
        }
        var original = run.text
        let runPieces = run.pieces
        if let blockStart, let first = runPieces.first, blockStart < first.source.lowerBound,
           let stars = Self.maskedCode(source, blockStart..<first.source.lowerBound, format: format) {
            emit(stars.utf8, from: blockStart..<first.source.lowerBound)
            emit(" ".utf8, from: first.source.lowerBound..<first.source.lowerBound)
        }
        original.withUTF8 { text in
            for (position, piece) in runPieces.enumerated() {
                let nextSource = position + 1 < runPieces.count ? runPieces[position + 1].source.lowerBound : piece.source.upperBound
                // What the source holds between this piece and the next that the text left out.
                let gap = piece.source.upperBound < nextSource ? piece.source.upperBound..<nextSource : nil
                if piece.text.count != piece.source.count {
                    // A replacement: collapsed whitespace (which may stand for a line break or for
                    // inline code), an entity, an escape.
                    let isSpace = piece.text.count == 1 && text[piece.text.lowerBound] == 0x20
                    let region = piece.source.lowerBound..<max(piece.source.upperBound, nextSource)
                    if isSpace, let stars = Self.maskedCode(source, region, format: format) {
                        emit((" " + stars + " ").utf8, from: piece.source)
                    } else if isSpace, Self.holdsLineBreak(source, region) {
                        emit(CollectionOfOne(UInt8(ascii: "\n")), from: piece.source)
                    } else if isSpace, !piece.source.isEmpty, piece.source.upperBound <= source.count,
                              source[piece.source].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                        // Spaces within a line stay as written ("okay.  This").
                        emit(source[piece.source], from: piece.source)
                    } else {
                        let replaced = UnsafeBufferPointer(rebasing: text[piece.text])
                        exact = exact || Self.needsExact(replaced)
                        emit(Self.sanitized(replaced), from: piece.source)
                    }
                    continue
                }
                // Copied verbatim: one source byte per text byte, except where a line break in
                // the source became a space in the text, and for curly quotes.
                var runStart = piece.text.lowerBound
                var index = piece.text.lowerBound
                func flush(to end: Int) {
                    guard end > runStart else { return }
                    let offset = piece.source.lowerBound - piece.text.lowerBound
                    emit(UnsafeBufferPointer(rebasing: text[runStart..<end]), from: (runStart + offset)..<(end + offset))
                }
                let shift = piece.source.lowerBound - piece.text.lowerBound
                while index < piece.text.upperBound {
                    // Eight ASCII bytes whose source holds no line break are copied as they are.
                    if index + 8 <= piece.text.upperBound, index + shift >= 0, index + shift + 8 <= source.count,
                       let textBase = text.baseAddress, Self.plainEight(UnsafeRawPointer(textBase + index), source, at: index + shift) {
                        index += 8
                        continue
                    }
                    let byte = text[index]
                    let sourceIndex = piece.source.lowerBound + index - piece.text.lowerBound
                    if byte == 0x20, sourceIndex < source.count, source[sourceIndex] == 0x0A || source[sourceIndex] == 0x0D {
                        flush(to: index)
                        emit(CollectionOfOne(UInt8(ascii: "\n")), from: sourceIndex..<sourceIndex + 1)
                        index += 1
                        runStart = index
                        continue
                    }
                    if byte >= 0x80 {
                        if byte == 0xE2, index + 2 < piece.text.upperBound, text[index + 1] == 0x80,
                           let straight = Self.straightQuote(text[index + 2]) {
                            flush(to: index)
                            emit(CollectionOfOne(straight), from: sourceIndex..<sourceIndex + 3)
                            index += 3
                            runStart = index
                            continue
                        }
                        if !exact {
                            let (scalar, _) = WordTokenizer.decode(text, at: index)
                            exact = ValeCharacters.needsExact(scalar)
                        }
                    }
                    index += 1
                }
                flush(to: piece.text.upperBound)
                if let gap, let stars = Self.maskedCode(source, gap, format: format) {
                    emit(stars.utf8, from: gap)
                }
            }
        }
        self.run = TextRun(text: String(decoding: bytes, as: UTF8.self), pieces: pieces)
        needsExactWords = exact
        grams = bytes.withUnsafeBufferPointer { ValeTextGrams($0) }
        isASCII = grams.isASCII
    }

    /// The source bytes of a whole file, as Vale's `raw` scope reads them (quotes straightened).
    init(raw source: SourceText) {
        let bytes = source.bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pieces: [(text: Range<Int>, source: Range<Int>)] = []
        var runStart = 0
        var index = 0
        var exact = false
        func flush(_ end: Int) {
            guard end > runStart else { return }
            let start = out.count
            out.append(contentsOf: bytes[runStart..<end])
            pieces.append((start..<out.count, runStart..<end))
        }
        bytes.withUnsafeBufferPointer { buffer in
            while index < buffer.count {
                let byte = buffer[index]
                if byte >= 0x80 {
                    if byte == 0xE2, index + 2 < buffer.count, buffer[index + 1] == 0x80, let straight = Self.straightQuote(buffer[index + 2]) {
                        flush(index)
                        let start = out.count
                        out.append(straight)
                        pieces.append((start..<out.count, index..<index + 3))
                        index += 3
                        runStart = index
                        continue
                    }
                    if !exact { exact = ValeCharacters.needsExact(WordTokenizer.decode(buffer, at: index).0) }
                }
                index += 1
            }
        }
        flush(bytes.count)
        run = TextRun(text: String(decoding: out, as: UTF8.self), pieces: pieces)
        needsExactWords = exact
        grams = out.withUnsafeBufferPointer { ValeTextGrams($0) }
        isASCII = grams.isASCII
    }

    /// Whether the eight text bytes at `text` are ASCII and the eight source bytes at `offset`
    /// hold no `\n` or `\r`: nothing among them is replaced or needs the exact word forms.
    @inline(__always)
    private static func plainEight(_ text: UnsafeRawPointer, _ source: [UInt8], at offset: Int) -> Bool {
        let word = text.loadUnaligned(as: UInt64.self)
        guard word & 0x8080_8080_8080_8080 == 0 else { return false }
        let sourceWord = source.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        func hasByte(_ value: UInt64, _ byte: UInt64) -> Bool {
            let bits = value ^ (byte &* 0x0101_0101_0101_0101)
            return (bits &- 0x0101_0101_0101_0101) & ~bits & 0x8080_8080_8080_8080 != 0
        }
        return !hasByte(sourceWord, 0x0A) && !hasByte(sourceWord, 0x0D)
    }

    /// ‘ ’ → ', “ ” → " (the third byte of E2 80 xx).
    private static func straightQuote(_ third: UInt8) -> UInt8? {
        switch third {
        case 0x98, 0x99: return UInt8(ascii: "'")
        case 0x9C, 0x9D: return UInt8(ascii: "\"")
        default: return nil
        }
    }

    private static func sanitized(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, let straight = straightQuote(bytes[index + 2]) {
                out.append(straight)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func needsExact(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] >= 0x80, ValeCharacters.needsExact(WordTokenizer.decode(bytes, at: index).0) { return true }
            index += WordTokenizer.scalarLength(bytes, at: index)
        }
        return false
    }

    private static func holdsLineBreak(_ source: [UInt8], _ range: Range<Int>) -> Bool {
        source[range.clamped(to: 0..<source.count)].contains { $0 == 0x0A || $0 == 0x0D }
    }

    /// Inline code the reader left out, as Vale masks it: one `*` for each of its characters.
    static func maskedCode(_ source: [UInt8], _ range: Range<Int>, format: DocumentFormat) -> String? {
        guard holdsCode(source, range, format: format) else { return nil }
        let slice = Array(source[range.clamped(to: 0..<source.count)])
        var inner: [UInt8] = []
        switch format {
        case .markdown, .mdx, .yaml:
            // Between the first run of backticks and the next run as long.
            guard let open = slice.firstIndex(of: UInt8(ascii: "`")) else { return "*" }
            var fence = open
            while fence < slice.count, slice[fence] == UInt8(ascii: "`") { fence += 1 }
            let width = fence - open
            var close = fence
            while close < slice.count {
                if slice[close] == UInt8(ascii: "`") {
                    var end = close
                    while end < slice.count, slice[end] == UInt8(ascii: "`") { end += 1 }
                    if end - close == width { break }
                    close = end
                } else {
                    close += 1
                }
            }
            inner = Array(slice[fence..<min(close, slice.count)])
            if inner.count >= 2, inner.first == 0x20, inner.last == 0x20 { inner = Array(inner.dropFirst().dropLast()) }
        case .html, .xml:
            var inTag = false
            for byte in slice {
                if byte == UInt8(ascii: "<") { inTag = true } else if byte == UInt8(ascii: ">") { inTag = false } else if !inTag { inner.append(byte) }
            }
            inner = Array(String(decoding: inner, as: UTF8.self).trimmingCharacters().utf8)
        }
        let count = String(decoding: inner, as: UTF8.self).unicodeScalars.count
        return String(repeating: "*", count: max(count, 1))
    }

    /// Inline code the reader left out: a backtick in Markdown (and YAML articles' Markdown
    /// bodies), a `<code>`, `<kbd>` or `<tt>` element in HTML and XML.
    static func holdsCode(_ source: [UInt8], _ range: Range<Int>, format: DocumentFormat) -> Bool {
        let slice = source[range.clamped(to: 0..<source.count)]
        switch format {
        case .markdown, .mdx, .yaml:
            return slice.contains(UInt8(ascii: "`"))
        case .html, .xml:
            guard slice.contains(UInt8(ascii: "<")) else { return false }
            let lower = String(decoding: slice, as: UTF8.self).lowercased()
            return lower.contains("<code") || lower.contains("<kbd") || lower.contains("<tt")
        }
    }
}

/// What counts as a word character for Vale (regexp2's `\w`), and where PCRE2 disagrees.
enum ValeCharacters {
    /// regexp2's `\w`: letters, nonspacing marks, decimal digits, connector punctuation.
    @inline(__always)
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39) || value == 0x5F
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .decimalNumber, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// regexp2's `\b` also counts the zero-width joiners as word characters.
    @inline(__always)
    static func isBoundaryWord(_ scalar: Unicode.Scalar) -> Bool {
        isWord(scalar) || scalar.value == 0x200C || scalar.value == 0x200D
    }

    /// PCRE2 10.42 (UCP) calls letters, all numbers and `_` word characters: it disagrees with
    /// regexp2 on nonspacing marks, letter-like and other numbers, connector punctuation other
    /// than `_`, and the joiners.
    static func needsExact(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .letterNumber, .otherNumber, .connectorPunctuation: return true
        default: return scalar.value == 0x200C || scalar.value == 0x200D
        }
    }
}
