/// A word or number in prose, as a range of UTF-8 offsets into the text it was found in.
public struct WordToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case word, number }

    public var range: Range<Int>
    public var kind: Kind
    /// The word's key, computed while the word was read (equal to `WordKey` of its bytes).
    public var key: WordKey
    /// Every byte of the word is ASCII, so `key` is also the hash of its folded spelling.
    public var isASCII: Bool

    public init(range: Range<Int>, kind: Kind, key: WordKey, isASCII: Bool = false) {
        self.range = range
        self.kind = kind
        self.key = key
        self.isASCII = isASCII
    }
}

/// Splits prose into words on UTF-8 bytes, without building a `Character` per letter.
///
/// A word is a run of letters (and combining marks) that may hold apostrophes (`'` or `’`) and
/// hyphens between letters or digits: "don't", "well-known", "COVID-19". Dotted abbreviations are
/// one word, final dot included: "e.g.", "U.S.", "a.m.", "Ph.D.". A number is a run of digits
/// that may hold `.` or `,` between digits: "3.5", "1,000", "v1.2.0" (a word that runs into
/// digits counts as a number). Whitespace-separated chunks that are URLs, e-mail addresses, file
/// or host names (`index.html`, `example.com`) or code (`snake_case`, `f()`, `a=b`, `/usr/bin`)
/// are not words at all; code blocks and inline code never reach here (readers leave them out).
public enum WordTokenizer {
    public static func tokens(in text: String) -> [WordToken] {
        var copy = text
        return copy.withUTF8 { tokens(in: $0) }
    }

    public static func tokens(in bytes: UnsafeBufferPointer<UInt8>) -> [WordToken] {
        var stops: [Int] = []
        return tokens(in: bytes, stops: &stops)
    }

    /// The words, and in `stops` the offset of every `.`, `!`, `?`, E2 lead byte (where `…`,
    /// `‼`, `⁇`, `⁈`, `⁉` start), other sentence terminator (`。`, `।`, `؟`...) and semicolon
    /// after a non-ASCII letter (Greek's question mark) outside spaces, in order: where
    /// `SentenceSplitter` looks.
    public static func tokens(in bytes: UnsafeBufferPointer<UInt8>, stops: inout [Int]) -> [WordToken] {
        var result: [WordToken] = []
        result.reserveCapacity(bytes.count / 5)
        tokens(in: bytes, stops: &stops, into: &result)
        return result
    }

    /// Appends the words to `result` (a buffer reused from block to block).
    public static func tokens(in bytes: UnsafeBufferPointer<UInt8>, stops: inout [Int], into result: inout [WordToken]) {
        tokens(in: bytes, stops: &stops, into: &result, excluded: nil)
    }

    /// The ranges of the text that are addresses or code, which hold no words (for measuring
    /// Galley's words against another segmenter's on the same prose).
    public static func excludedRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var stops: [Int] = []
        var result: [WordToken] = []
        var excluded: [Range<Int>] = []
        withUnsafeMutablePointer(to: &excluded) { tokens(in: bytes, stops: &stops, into: &result, excluded: $0) }
        return excluded
    }

    private static func tokens(in bytes: UnsafeBufferPointer<UInt8>, stops: inout [Int], into result: inout [WordToken],
                               excluded: UnsafeMutablePointer<[Range<Int>]>?) {
        var index = 0
        while index < bytes.count {
            // One whitespace-separated chunk at a time, so URLs and addresses can be dropped whole.
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    guard isASCIISpace(byte) else { break }
                    index += 1
                } else {
                    guard isSpace(bytes, at: index) else { break }
                    index += scalarLength(bytes, at: index)
                }
            }
            guard index < bytes.count else { break }
            if let end = plainWord(bytes, from: index, stops: &stops, into: &result) {
                index = end
                continue
            }
            // Words are read as the chunk is scanned; a chunk that turns out to be an address or
            // code takes its words back.
            let chunkStart = index
            let firstToken = result.count
            var special = false
            var eastAsian = false
            index = tokenize(bytes, from: chunkStart, special: &special, eastAsian: &eastAsian, stops: &stops, into: &result)
            guard (special || !isPlainStart(bytes[chunkStart])) && !isPlain(bytes, chunkStart..<index) else { continue }
            if eastAsian {
                // Chinese and Japanese put no space around an address: only its own stretch goes.
                dropAddressesAndCode(bytes, in: chunkStart..<index, firstToken: firstToken, from: &result, excluded: excluded)
            } else if isAddress(bytes, chunkStart..<index) || isCode(bytes, chunkStart..<index) {
                result.removeSubrange(firstToken...)
                excluded?.pointee.append(chunkStart..<index)
            }
        }
    }

    /// Most chunks are ASCII letters alone, perhaps with a comma or a period after them, then
    /// white space or the end: read here in one pass, with what the full reader would give (one
    /// word, the period as a possible sentence end; such a chunk is never an address or code).
    /// Returns where the chunk ends, or nil (nothing appended) for any other chunk.
    @inline(__always)
    private static func plainWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, stops: inout [Int],
                                  into result: inout [WordToken]) -> Int? {
        var index = start
        var hash = WordKey.seed
        while index < bytes.count {
            let byte = bytes[index]
            guard byte | 0x20 >= 0x61, byte | 0x20 <= 0x7A else { break }
            WordKey.mix(&hash, byte)
            index += 1
        }
        guard index > start else { return nil }
        let end = index
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: ".") {
            index += 1
        }
        guard index == bytes.count || isASCIISpace(bytes[index]) else { return nil }
        result.append(WordToken(range: start..<end, kind: .word, key: WordKey(hash: hash), isASCII: true))
        if index > end, bytes[end] == UInt8(ascii: ".") { stops.append(end) }
        return index
    }

    /// In a chunk that mixes East Asian text with other text, the stretches between East Asian
    /// characters are judged as chunks of their own: "请访问https://example.com了解" keeps
    /// its Chinese words and drops the address.
    private static func dropAddressesAndCode(_ bytes: UnsafeBufferPointer<UInt8>, in chunk: Range<Int>, firstToken: Int,
                                             from result: inout [WordToken], excluded: UnsafeMutablePointer<[Range<Int>]>?) {
        var stretches: [Range<Int>] = []
        var index = chunk.lowerBound
        var stretchStart: Int?
        while index < chunk.upperBound {
            let (scalar, length) = decode(bytes, at: index)
            let isEastAsian = DictionaryWords.needsDictionary(scalar.value) || DictionaryWords.isEastAsianPunctuation(scalar.value)
            if isEastAsian {
                if let start = stretchStart { stretches.append(start..<index) }
                stretchStart = nil
            } else if stretchStart == nil {
                stretchStart = index
            }
            index += length
        }
        if let start = stretchStart { stretches.append(start..<chunk.upperBound) }
        let dropped = stretches.filter { stretch in
            !isPlain(bytes, stretch) && (isAddress(bytes, stretch) || isCode(bytes, stretch))
        }
        guard !dropped.isEmpty else { return }
        excluded?.pointee += dropped
        var kept = Array(result[..<firstToken])
        for token in result[firstToken...] where !dropped.contains(where: { $0.overlaps(token.range) }) { kept.append(token) }
        result = kept
    }

    /// Reads the words of the whitespace-separated chunk starting at `start`; returns where the
    /// chunk ends and notes whether it holds a byte an address or code could need. Inlined into
    /// the loop over chunks: called once per chunk, its frame cost as much as reading a word.
    @inline(__always)
    private static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, special: inout Bool, eastAsian: inout Bool,
                                 stops: inout [Int], into result: inout [WordToken]) -> Int {
        let chunkEnd = bytes.count
        var index = start
        while index < chunkEnd {
            let first = bytes[index]
            if first < 0x80, !isASCIIAlphanumeric(first) {
                if isASCIISpace(first) { return index }
                special = special || isSpecial(first)
                if first == UInt8(ascii: ".") || first == UInt8(ascii: "!") || first == UInt8(ascii: "?") {
                    stops.append(index)
                } else if first == UInt8(ascii: ";"), index > 0, bytes[index - 1] >= 0x80 || SentenceSplitter.isCloser(Unicode.Scalar(bytes[index - 1])) {
                    // Greek's question mark is the semicolon; the splitter decides from the letter before it.
                    stops.append(index)
                }
                index += 1
                continue
            }
            if first >= 0x80, isSpace(bytes, at: index) { return index }
            let (scalar, length) = first < 0x80 ? (Unicode.Scalar(first), 1) : decode(bytes, at: index)
            guard first < 0x80 || isWordCharacter(scalar) else {
                if first == 0xE2 || SentenceSplitter.isTerminator(scalar) { stops.append(index) }
                if DictionaryWords.isEastAsianPunctuation(scalar.value) { eastAsian = true }
                index += length
                continue
            }
            let start = index
            var isASCII = first < 0x80
            var needsDictionary = first >= 0x80 && DictionaryWords.needsDictionary(scalar.value)
            var hasDigit = isDigit(scalar)
            let startsWithDigit = hasDigit
            var end = index + length
            var hash = WordKey.seed
            for offset in start..<end { WordKey.mix(&hash, bytes[offset]) }
            index = end
            while index < chunkEnd {
                let byte = bytes[index]
                if byte >= 0x61 && byte <= 0x7A {
                    // The common case: one more lowercase letter.
                    WordKey.mix(&hash, byte)
                    index += 1
                    end = index
                    continue
                }
                if byte < 0x80 {
                    if isASCIIAlphanumeric(byte) {
                        hasDigit = hasDigit || byte <= 0x39
                        WordKey.mix(&hash, byte)
                        index += 1
                        end = index
                        continue
                    }
                    // Other ASCII ends the word unless it joins (' - . ,).
                    if byte == UInt8(ascii: ".") { special = true }
                    if byte != UInt8(ascii: "'"), byte != UInt8(ascii: "-"), byte != UInt8(ascii: "."), byte != UInt8(ascii: ",") { break }
                }
                let (next, nextLength) = decode(bytes, at: index)
                if nextLength > 1 { isASCII = false }
                if isWordCharacter(next) {
                    hasDigit = hasDigit || isDigit(next)
                    if DictionaryWords.needsDictionary(next.value) { needsDictionary = true }
                    for offset in index..<index + nextLength { WordKey.mix(&hash, bytes[offset]) }
                    index += nextLength
                    end = index
                    continue
                }
                // A joiner counts only between two word characters.
                guard isJoiner(next), index + nextLength < chunkEnd else { break }
                let (after, afterLength) = decode(bytes, at: index + nextLength)
                let (before, _) = decodeBefore(bytes, at: index)
                guard isWordCharacter(after) else { break }
                if DictionaryWords.needsDictionary(after.value) { needsDictionary = true }
                if afterLength > 1 { isASCII = false }
                if next == "." || next == "," {
                    let abbreviation = next == "." && isAbbreviationDot(bytes, at: index, end: chunkEnd, tokenStart: start)
                    guard (isDigit(before) && isDigit(after)) || abbreviation else { break }
                }
                if next == "." { stops.append(index) }
                if next == "\u{2019}" {
                    WordKey.mix(&hash, UInt8(ascii: "'"))
                } else {
                    for offset in index..<index + nextLength { WordKey.mix(&hash, bytes[offset]) }
                }
                for offset in index + nextLength..<index + nextLength + afterLength { WordKey.mix(&hash, bytes[offset]) }
                index += nextLength + afterLength
                hasDigit = hasDigit || isDigit(after)
                end = index
            }
            if !hasDigit, end < chunkEnd, bytes[end] == UInt8(ascii: "."), containsDot(bytes, start..<end) {
                stops.append(end)
                end += 1  // the closing dot of "e.g." belongs to the abbreviation
                WordKey.mix(&hash, UInt8(ascii: "."))
            }
            if needsDictionary {
                eastAsian = true
                if DictionaryWords.append(bytes, start..<end, into: &result) {
                    index = end
                    continue
                }
            }
            result.append(WordToken(range: start..<end, kind: startsWithDigit || (hasDigit && containsDot(bytes, start..<end)) ? .number : .word,
                                    key: WordKey(hash: hash), isASCII: isASCII))
            index = end
        }
        return index
    }

    /// Bytes that may make a chunk an address or code: colon, slash, equals, angle brackets,
    /// parenthesis, dot (below 0x40); at, underscore, backtick, braces, backslash, bar (above).
    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x40 ? (specialBelow40 >> UInt64(byte)) & 1 == 1 : (specialFrom40 >> UInt64(byte - 0x40)) & 1 == 1
    }

    private static let specialBelow40: UInt64 = 0x7400C10000000000
    private static let specialFrom40: UInt64 = 0x3800000190000001

    /// A chunk starting with `w`, `~` or `/` may be `www.…` or a path.
    @inline(__always)
    private static func isPlainStart(_ byte: UInt8) -> Bool {
        byte | 0x20 != UInt8(ascii: "w") && byte != UInt8(ascii: "~") && byte != UInt8(ascii: "/")
    }

    /// A chunk with none of the bytes addresses and code need (most chunks): no closer look.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>) -> Bool {
        let first = bytes[chunk.lowerBound]
        if first | 0x20 == UInt8(ascii: "w") || first == UInt8(ascii: "~") || first == UInt8(ascii: "/") { return false }
        for index in chunk {
            switch bytes[index] {
            case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "="),
                 UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "|"),
                 UInt8(ascii: "("):
                return false
            case UInt8(ascii: "."):
                // A final period is plain; a dot inside a chunk may be a host or file name.
                if index + 1 < chunk.upperBound, bytes[index + 1] != UInt8(ascii: ".") { return false }
            default:
                continue
            }
        }
        return true
    }

    /// `http://…`, `www.…`, `name@host.tld`.
    private static func isAddress(_ bytes: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>) -> Bool {
        let slice = UnsafeBufferPointer(rebasing: bytes[chunk])
        if contains(slice, "://") { return true }
        var start = 0
        while start < slice.count, !isASCIIAlphanumeric(slice[start]) { start += 1 }
        if slice.count - start > 4, slice[start] | 0x20 == UInt8(ascii: "w"), slice[start + 1] | 0x20 == UInt8(ascii: "w"),
           slice[start + 2] | 0x20 == UInt8(ascii: "w"), slice[start + 3] == UInt8(ascii: ".") { return true }
        if let at = slice.firstIndex(of: UInt8(ascii: "@")), at > 0, at + 1 < slice.count {
            return slice[(at + 1)...].contains(UInt8(ascii: ".")) && isASCIIAlphanumeric(slice[at + 1])
        }
        return false
    }

    /// A dot inside a dotted abbreviation: one or two letters on each side, and a dot after the
    /// letters that follow ("e.g.", "U.S.", "Ph.D."), so "end.Next" stays two words.
    private static func isAbbreviationDot(_ bytes: UnsafeBufferPointer<UInt8>, at dot: Int, end: Int, tokenStart: Int) -> Bool {
        var before = dot
        while before > tokenStart, isASCIILetter(bytes[before - 1]) { before -= 1 }
        guard dot - before >= 1, dot - before <= 2, before == tokenStart || bytes[before - 1] == UInt8(ascii: ".") else { return false }
        var after = dot + 1
        while after < end, isASCIILetter(bytes[after]) { after += 1 }
        return after - dot - 1 >= 1 && after - dot - 1 <= 2 && after < end && bytes[after] == UInt8(ascii: ".")
    }

    /// Code and names of files or hosts: `snake_case`, `f()`, `a=b`, `<tag>`, `/usr/bin`,
    /// `index.html`, `Node.js` (a dot between letters with a lowercase letter after it and three
    /// letters on one side; "end.Next" and "e.g." are prose).
    private static func isCode(_ bytes: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>) -> Bool {
        let first = bytes[chunk.lowerBound]
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "~") { return chunk.count > 1 }
        var previous: UInt8 = 0
        for index in chunk {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "="), UInt8(ascii: "{"), UInt8(ascii: "}"),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "|"):
                return true
            case UInt8(ascii: ")") where previous == UInt8(ascii: "("):
                return true
            case UInt8(ascii: ":") where previous == UInt8(ascii: ":"):
                return true
            case UInt8(ascii: "."):
                if index + 1 < chunk.upperBound, isASCIILetter(previous), bytes[index + 1] >= 0x61, bytes[index + 1] <= 0x7A {
                    var before = index
                    while before > chunk.lowerBound, isASCIILetter(bytes[before - 1]) { before -= 1 }
                    var after = index + 1
                    while after < chunk.upperBound, isASCIILetter(bytes[after]) { after += 1 }
                    if index - before >= 3 || after - index - 1 >= 3 { return true }
                }
            default:
                break
            }
            previous = byte
        }
        return false
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            guard haystack.count >= needle.count else { return false }
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                if (1..<needle.count).allSatisfy({ haystack[start + $0] == needle[$0] }) { return true }
            }
            return false
        }
    }

    private static func containsDot(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        bytes[range].contains(UInt8(ascii: "."))
    }

    // MARK: Characters

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if scalar.isASCII {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        // The letters and marks of the scripts most prose is written in, without Unicode's
        // property tables (a lookup costs more than the rest of reading a letter). The ranges hold
        // only letters, marks and digits; a test compares them with the properties.
        switch value {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F,  // Latin-1 letters, Latin Extended-A and -B
             0x300...0x36F,  // combining diacritics
             0x388...0x38A, 0x38C, 0x38E...0x3A1, 0x3A3...0x3F5,  // Greek
             0x400...0x481, 0x483...0x487, 0x48A...0x52F,  // Cyrillic
             0x620...0x669, 0x66E...0x6D3, 0x6D5...0x6DC,  // Arabic letters, marks and digits
             0x900...0x963, 0x966...0x96F, 0x971...0x97F,  // Devanagari, dandas left out
             0x3041...0x3096, 0x3099...0x309A, 0x30A1...0x30FA, 0x30FC...0x30FE,  // kana
             0x4E00...0x9FFF, 0xAC00...0xD7A3:  // Han, Hangul syllables
            return true
        case 0x2000...0x206F:
            // Curly quotes, dashes, ellipses: the General Punctuation block has no letters.
            return false
        default:
            return isWordCharacterByProperties(scalar)
        }
    }

    /// Letters, numbers and combining marks, by Unicode's properties. Kept out of line: inlined,
    /// its properties value made every call of the tokenizer's inner function set up room for it.
    @inline(never)
    static func isWordCharacterByProperties(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x2000 && scalar.value <= 0x206F { return false }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
            || properties.generalCategory == .spacingMark
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    /// Apostrophes, hyphens, the separators of numbers, and the zero-width (non-)joiners that
    /// Persian, Urdu and the Indic scripts write inside words ("می‌خواهم").
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "'", "\u{2019}", "-", "\u{2010}", "\u{2011}", ".", ",", "\u{200C}", "\u{200D}": return true
        default: return false
        }
    }

    @inline(__always)
    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// ASCII whitespace, no-break space and the other Unicode spaces: the White_Space property,
    /// whose few characters are listed here rather than looked up.
    static func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        let (scalar, _) = decode(bytes, at: index)
        switch scalar.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func scalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        return min(length, bytes.count - index)
    }

    /// The scalar at `index` of valid UTF-8 (readers guarantee it), and its length.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let byte = bytes[index]
        if byte < 0x80 { return (Unicode.Scalar(byte), 1) }
        let length = scalarLength(bytes, at: index)
        var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private static func decodeBefore(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return decode(bytes, at: max(0, start))
    }
}
