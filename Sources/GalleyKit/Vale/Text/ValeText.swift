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
    /// The bytes and pairs of bytes the text holds, for patterns' prefilters: gathered on the
    /// first question, since many texts are never asked (the Vectorscan scan answers for most
    /// patterns).
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
        isASCII = text.withUTF8 { Self.allASCII($0) }
        grams = ValeTextGrams(lazy: run.text)
    }

    /// Vale's text of `run`, whose source is `source` (the document's bytes); `blockStart` is
    /// where the block begins in the source (code before its first word is masked too).
    init(_ run: TextRun, source: [UInt8], format: DocumentFormat, blockStart: Int? = nil) {
        var scratch = ValeTextScratch()
        self.init(run, source: source, format: format, blockStart: blockStart, scratch: &scratch)
    }

    /// The same, built in `scratch` (kept from text to text of a document, so a text costs
    /// only its string and its map).
    init(_ run: TextRun, source: [UInt8], format: DocumentFormat, blockStart: Int?, scratch: inout ValeTextScratch) {
        scratch.reset(capacity: run.utf8Count + 8)
        var exact = false
        let segments = run.segments
        if let blockStart, let first = segments.first, blockStart < Int(first.sourceStart),
           let stars = Self.maskedCode(source, blockStart..<Int(first.sourceStart), format: format) {
            scratch.emit(stars.utf8, from: blockStart..<Int(first.sourceStart))
            scratch.emit(CollectionOfOne(0x20), from: Int(first.sourceStart)..<Int(first.sourceStart))
        }
        var original = run.text
        original.withUTF8 { text in
            source.withUnsafeBufferPointer { sourceBytes in
                for position in segments.indices {
                    let segment = segments[position]
                    let textRange = Int(segment.textStart)..<segment.textEnd
                    let sourceRange = Int(segment.sourceStart)..<segment.sourceEnd
                    let nextSource = position + 1 < segments.count ? Int(segments[position + 1].sourceStart) : sourceRange.upperBound
                    if !segment.isIdentity {
                        Self.replace(text, textRange, sourceRange, nextSource: nextSource, source: source, format: format, into: &scratch, exact: &exact)
                        continue
                    }
                    Self.copy(text, textRange, sourceStart: sourceRange.lowerBound, source: sourceBytes, into: &scratch, exact: &exact)
                    // What the source holds between this piece and the next that the text left out.
                    if sourceRange.upperBound < nextSource, let stars = Self.maskedCode(source, sourceRange.upperBound..<nextSource, format: format) {
                        scratch.emit(stars.utf8, from: sourceRange.upperBound..<nextSource)
                    }
                }
            }
        }
        let made = scratch.made()
        self.run = made.run
        isASCII = made.isASCII
        needsExactWords = exact
        grams = ValeTextGrams(lazy: made.run.text)
    }

    /// A piece that replaced its source: collapsed whitespace (which may stand for a line
    /// break or for inline code), an entity, an escape.
    private static func replace(_ text: UnsafeBufferPointer<UInt8>, _ textRange: Range<Int>, _ sourceRange: Range<Int>, nextSource: Int,
                                source: [UInt8], format: DocumentFormat, into scratch: inout ValeTextScratch, exact: inout Bool) {
        let isSpace = textRange.count == 1 && text[textRange.lowerBound] == 0x20
        let region = sourceRange.lowerBound..<max(sourceRange.upperBound, nextSource)
        if isSpace, let stars = maskedCode(source, region, format: format) {
            scratch.emit((" " + stars + " ").utf8, from: sourceRange)
        } else if isSpace, holdsLineBreak(source, region) {
            scratch.emit(CollectionOfOne(UInt8(ascii: "\n")), from: sourceRange)
        } else if isSpace, !sourceRange.isEmpty, sourceRange.upperBound <= source.count,
                  source[sourceRange].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            // Spaces within a line stay as written ("okay.  This").
            scratch.emit(source[sourceRange], from: sourceRange)
        } else {
            let replaced = UnsafeBufferPointer(rebasing: text[textRange])
            exact = exact || needsExact(replaced)
            scratch.emit(sanitized(replaced), from: sourceRange)
        }
    }

    /// A piece copied verbatim: one source byte per text byte, except where a line break in
    /// the source became a space in the text, and for curly quotes.
    @inline(__always)
    private static func copy(_ text: UnsafeBufferPointer<UInt8>, _ textRange: Range<Int>, sourceStart: Int,
                             source: UnsafeBufferPointer<UInt8>, into scratch: inout ValeTextScratch, exact: inout Bool) {
        let shift = sourceStart - textRange.lowerBound
        var runStart = textRange.lowerBound
        var index = textRange.lowerBound
        let end = textRange.upperBound
        guard let textBase = text.baseAddress else { return }
        while index < end {
            // Eight ASCII bytes whose source holds no line break are copied as they are.
            if index + 8 <= end, index + shift >= 0, index + shift + 8 <= source.count, let sourceBase = source.baseAddress,
               plainEight(UnsafeRawPointer(textBase + index), UnsafeRawPointer(sourceBase + index + shift)) {
                index += 8
                continue
            }
            let byte = text[index]
            let sourceIndex = index + shift
            if byte == 0x20, sourceIndex < source.count, source[sourceIndex] == 0x0A || source[sourceIndex] == 0x0D {
                scratch.emit(text, runStart..<index, from: runStart + shift)
                scratch.emit(CollectionOfOne(UInt8(ascii: "\n")), from: sourceIndex..<sourceIndex + 1)
                index += 1
                runStart = index
                continue
            }
            if byte >= 0x80 {
                if byte == 0xE2, index + 2 < end, text[index + 1] == 0x80, let straight = straightQuote(text[index + 2]) {
                    scratch.emit(text, runStart..<index, from: runStart + shift)
                    scratch.emit(CollectionOfOne(straight), from: sourceIndex..<sourceIndex + 3)
                    index += 3
                    runStart = index
                    continue
                }
                // A whole character, read from its first byte (a character ends inside the
                // piece: pieces are cut between characters).
                let (scalar, length) = WordTokenizer.decode(text, at: index)
                exact = exact || ValeCharacters.needsExact(scalar)
                index += length
                continue
            }
            index += 1
        }
        scratch.emit(text, runStart..<end, from: runStart + shift)
    }

    /// The source bytes of a whole file, as Vale's `raw` scope reads them (quotes straightened).
    init(raw source: SourceText) {
        let bytes = source.bytes
        var scratch = ValeTextScratch()
        scratch.reset(capacity: bytes.count)
        var exact = false
        // The whole file copied as a verbatim piece whose source is itself: curly quotes
        // straightened, line breaks kept (a text byte is never a space where its source breaks).
        bytes.withUnsafeBufferPointer { buffer in
            Self.copy(buffer, 0..<buffer.count, sourceStart: 0, source: buffer, into: &scratch, exact: &exact)
        }
        let made = scratch.made()
        run = made.run
        isASCII = made.isASCII
        needsExactWords = exact
        grams = ValeTextGrams(lazy: made.run.text)
    }

    /// Every byte is ASCII, read eight at a time.
    static func allASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var high: UInt64 = 0
        while index + 8 <= bytes.count {
            high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            high |= UInt64(bytes[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Whether the eight text bytes at `text` are ASCII and the eight source bytes at `source`
    /// hold no `\n` or `\r`: nothing among them is replaced or needs the exact word forms.
    @inline(__always)
    private static func plainEight(_ text: UnsafeRawPointer, _ source: UnsafeRawPointer) -> Bool {
        let word = text.loadUnaligned(as: UInt64.self)
        guard word & 0x8080_8080_8080_8080 == 0 else { return false }
        let sourceWord = source.loadUnaligned(as: UInt64.self)
        func hasByte(_ value: UInt64, _ byte: UInt64) -> Bool {
            let bits = value ^ (byte &* 0x0101_0101_0101_0101)
            return (bits &- 0x0101_0101_0101_0101) & ~bits & 0x8080_8080_8080_8080 != 0
        }
        return !hasByte(sourceWord, 0x0A) && !hasByte(sourceWord, 0x0D)
    }

    /// ‘ ’ → ', “ ” → " (the third byte of E2 80 xx).
    static func straightQuote(_ third: UInt8) -> UInt8? {
        switch third {
        case 0x98, 0x99: return UInt8(ascii: "'")
        case 0x9C, 0x9D: return UInt8(ascii: "\"")
        default: return nil
        }
    }

    static func sanitized(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
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

    static func needsExact(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] >= 0x80, ValeCharacters.needsExact(WordTokenizer.decode(bytes, at: index).0) { return true }
            index += WordTokenizer.scalarLength(bytes, at: index)
        }
        return false
    }

    static func holdsLineBreak(_ source: [UInt8], _ range: Range<Int>) -> Bool {
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
