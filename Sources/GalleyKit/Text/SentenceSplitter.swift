/// Splits the text of one block into sentences, keeping each sentence's UTF-8 byte range.
///
/// Blocks are hard boundaries already (a heading, list item, table cell or FAQ question is never
/// joined to the next), so this only looks inside one block. A sentence ends at `.`, `!`, `?`,
/// `…` or another script's terminator (`।`, `؟`, `۔`, Greek `;`; see `isTerminator`), or a run
/// of them ("?!", "..."), followed by closing quotes or brackets, then space and a character
/// that can start a sentence (anything but a lowercase letter), or the end of the text. East
/// Asian stops (`。`, `！`, `？`) end a sentence with no space after them. It does not end at a decimal or version (3.5, v1.2.0), after a title or a Latin
/// abbreviation (Dr., e.g., vs.), after an initial (J. R. R. Tolkien), or after a dotted
/// abbreviation of capitals (U.S. Army). A period with no space after it ends a sentence when a
/// lowercase word precedes it and a capitalised word follows ("it ended.Then").
public enum SentenceSplitter {
    public static func sentences(in text: String) -> [Range<Int>] {
        var copy = text
        return copy.withUTF8 { sentences(in: $0) }
    }

    public static func sentences(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        sentences(in: bytes, candidates: Candidates(bytes))
    }

    /// The offsets of `.`, `!`, `?`, `;` and of the first bytes of characters outside ASCII:
    /// the only places a sentence may end. Eight bytes are tested at once, so prose (a
    /// candidate every forty bytes or so) is read mostly a word at a time.
    struct Candidates: Sequence, IteratorProtocol {
        private let bytes: UnsafeBufferPointer<UInt8>
        private var index = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        @inline(__always)
        static func isCandidate(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ";") || byte >= 0xC0
        }

        /// Whether one of the eight bytes of `word` may be a candidate (never false when one is).
        @inline(__always)
        private static func mayHold(_ word: UInt64) -> Bool {
            func holds(_ byte: UInt64) -> UInt64 {
                let bits = word ^ (byte &* 0x0101_0101_0101_0101)
                return (bits &- 0x0101_0101_0101_0101) & ~bits
            }
            // A byte of 0xC0 or more has its two top bits set.
            let high = word & (word &<< 1)
            return (holds(0x2E) | holds(0x21) | holds(0x3F) | holds(0x3B) | high) & 0x8080_8080_8080_8080 != 0
        }

        mutating func next() -> Int? {
            guard let base = bytes.baseAddress else { return nil }
            let count = bytes.count
            while index < count {
                if index &+ 8 <= count, !Self.mayHold(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index &+= 8
                    continue
                }
                let end = Swift.min(index &+ 8, count)
                while index < end {
                    let found = index
                    index &+= 1
                    if Self.isCandidate(base[found]) { return found }
                }
            }
            return nil
        }
    }

    /// The same, looking only at `candidates`: increasing offsets that include every terminator
    /// (`WordTokenizer` collects them while it reads words, so the text is not scanned twice).
    public static func sentences(in bytes: UnsafeBufferPointer<UInt8>, candidates: some Sequence<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = skipSpace(bytes, from: 0)
        var index = start
        for candidate in candidates where candidate >= index {
            index = candidate
            let (scalar, length) = WordTokenizer.decode(bytes, at: index)
            guard isTerminator(scalar) || isGreekQuestionMark(bytes, at: index) else {
                index += length
                continue
            }
            let stopStart = index
            var closesWithoutSpace = endsWithoutSpace(scalar)
            index += length
            while index < bytes.count {
                let (next, nextLength) = WordTokenizer.decode(bytes, at: index)
                guard isTerminator(next) else { break }
                closesWithoutSpace = closesWithoutSpace || endsWithoutSpace(next)
                index += nextLength
            }
            let singlePeriod = index - stopStart == 1 && bytes[stopStart] == UInt8(ascii: ".")
            while index < bytes.count, isCloser(WordTokenizer.decode(bytes, at: index).0) {
                index += WordTokenizer.scalarLength(bytes, at: index)
            }
            let stopEnd = index
            if closesWithoutSpace || endsSentence(bytes, stopStart: stopStart, stopEnd: stopEnd, singlePeriod: singlePeriod, sentenceStart: start) {
                result.append(start..<stopEnd)
                start = skipSpace(bytes, from: stopEnd)
                index = start
            }
        }
        var end = bytes.count
        while end > start, WordTokenizer.isSpace(bytes, at: end - 1) { end -= 1 }
        if start < end { result.append(start..<end) }
        return result
    }

    private static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, stopStart: Int, stopEnd: Int, singlePeriod: Bool,
                                     sentenceStart: Int) -> Bool {
        let next = skipSpace(bytes, from: stopEnd)
        if next == bytes.count { return true }
        let (following, _) = WordTokenizer.decode(bytes, at: next)
        if isLowercase(following) { return false }
        if next == stopEnd {
            // "为什么?因为": between characters of scripts written without spaces, a stop ends one.
            let (before, _) = decodeBefore(bytes, at: stopStart)
            if DictionaryWords.needsDictionary(before.value) && DictionaryWords.needsDictionary(following.value) { return true }
            // "ended.Then": only a single period between a lowercase word and a capitalised one.
            guard singlePeriod, stopStart > sentenceStart else { return false }
            return isLowercase(before) && isUppercase(following) && followedByLowercase(bytes, at: next)
                && wordBefore(bytes, stopStart).count >= 2
        }
        // "?!", "...", "…" before a capital end the sentence; a lone period may close an abbreviation.
        guard singlePeriod else { return true }
        let word = wordBefore(bytes, stopStart)
        if word.isEmpty { return true }
        if isInitial(bytes, word) || isDottedCapitals(bytes, word) { return false }
        return !Abbreviations.continueSentence(bytes, word, beforeDigit: following.value >= 0x30 && following.value <= 0x39)
    }

    /// The letters (and inner dots) just before `offset`: "Dr" in "Dr.", "e.g" in "e.g.".
    private static func wordBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Range<Int> {
        var start = offset
        while start > 0 {
            let byte = bytes[start - 1]
            let isLetter = byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A
            guard isLetter || (byte == UInt8(ascii: ".") && start - 1 > 0 && bytes[start - 2] != UInt8(ascii: ".")) else { break }
            start -= 1
        }
        while start < offset, bytes[start] == UInt8(ascii: ".") { start += 1 }
        return start..<offset
    }

    /// A single capital letter: "J." in "J. R. R. Tolkien".
    private static func isInitial(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        word.count == 1 && bytes[word.lowerBound] >= 0x41 && bytes[word.lowerBound] <= 0x5A
    }

    /// "U.S", "U.K", "D.C": capitals with dots between; "a.m" and "e.g" are not capitals.
    private static func isDottedCapitals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        guard word.contains(where: { bytes[$0] == UInt8(ascii: ".") }) else { return false }
        return word.allSatisfy { bytes[$0] == UInt8(ascii: ".") || (bytes[$0] >= 0x41 && bytes[$0] <= 0x5A) }
    }

    private static func followedByLowercase(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let next = index + WordTokenizer.scalarLength(bytes, at: index)
        return next < bytes.count && isLowercase(WordTokenizer.decode(bytes, at: next).0)
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        var index = offset
        while index < bytes.count, WordTokenizer.isSpace(bytes, at: index) { index += WordTokenizer.scalarLength(bytes, at: index) }
        return index
    }

    private static func decodeBefore(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return WordTokenizer.decode(bytes, at: max(0, start))
    }

    /// `.`, `!`, `?`, `…`, and every character Unicode gives the Sentence_Terminal property:
    /// `‼ ⁇ ⁈ ⁉ ‽`, Chinese and Japanese `。 ！ ？ ｡`, the dandas `। ॥`, Arabic `؟`, Urdu `۔`,
    /// Armenian `։`, Ethiopic `። ፧`, Burmese `။`... Also U+037E, the Greek question mark (which
    /// text usually writes as `;`, see `isGreekQuestionMark`).
    static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "\u{2026}", "\u{203C}", "\u{2047}", "\u{2048}", "\u{2049}", "\u{037E}": return true
        default:
            let value = scalar.value
            if value < 0x80 { return false }
            // General Punctuation (curly quotes, dashes) is common in prose: its one terminator
            // not listed above is the interrobang.
            if value >= 0x2000 && value <= 0x206F { return value == 0x203D }
            return scalar.properties.isSentenceTerminal
        }
    }

    /// A semicolon right after a Greek letter (or closing quote after one): in Greek, `;` is the
    /// question mark ("Τι είναι;"). After Latin letters it stays a semicolon.
    static func isGreekQuestionMark(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard bytes[index] == UInt8(ascii: ";"), index > 0 else { return false }
        var position = index
        while position > 0 {
            let (before, _) = decodeBefore(bytes, at: position)
            let start = position - UTF8.width(before)
            if isCloser(before) {
                position = start
                continue
            }
            return (0x0370...0x03FF).contains(before.value) || (0x1F00...0x1FFF).contains(before.value)
        }
        return false
    }

    /// East Asian full stops, question and exclamation marks end a sentence whatever follows:
    /// Chinese and Japanese put no space after them.
    static func endsWithoutSpace(_ scalar: Unicode.Scalar) -> Bool {
        DictionaryWords.isEastAsianPunctuation(scalar.value)
    }

    /// Closing quotes and brackets that stay with the sentence they close, East Asian ones
    /// (`」 』 ） 】 〉 》`) included.
    static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", ")", "]", "}", "\u{201D}", "\u{2019}", "\u{00BB}", "\u{203A}": return true
        case "\u{3009}", "\u{300B}", "\u{300D}", "\u{300F}", "\u{3011}", "\u{3015}", "\u{3017}", "\u{3019}", "\u{301B}",
             "\u{FF09}", "\u{FF3D}", "\u{FF5D}", "\u{FF02}", "\u{FF07}": return true
        default: return false
        }
    }

    static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x61 && scalar.value <= 0x7A }
        return scalar.properties.isLowercase
    }

    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x41 && scalar.value <= 0x5A }
        return scalar.properties.isUppercase
    }
}

/// Abbreviations after which the next word does not start a new sentence. Abbreviations that
/// often end a sentence (etc., Inc., Ltd., Jr.) are left out on purpose: before a capital they
/// usually do end one.
enum Abbreviations {
    /// Titles and months, capitalised as written before a name or a date: "Dr. Smith", "Jan. 5".
    static let titles = WordKeySet([
        "mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "ft", "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt",
        "cmdr", "adm", "rev", "hon", "pres", "supt", "messrs", "mme", "mlle", "jan", "feb", "mar", "apr", "aug", "sep",
        "sept", "oct", "nov", "dec",
    ])
    /// Latin abbreviations, in any case: "e.g. New York", "Roe v. Wade".
    static let latin = WordKeySet(["e.g", "i.e", "cf", "vs", "v", "viz", "approx", "ca"])
    /// References before a number, in any case: "Fig. 3", "pp. 12".
    static let beforeNumbers = WordKeySet(["fig", "figs", "vol", "vols", "p", "pp", "ch", "sec", "art", "eq", "eqs", "ref", "refs", "op"])
    /// References before a number only when capitalised: "No. 5" (a sentence may well end in "no.").
    static let capitalisedBeforeNumbers = WordKeySet(["no", "nos"])

    static func continueSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, beforeDigit: Bool) -> Bool {
        guard word.count <= 7 else { return false }
        let key = WordKey(UnsafeBufferPointer(rebasing: bytes[word]))
        let capitalised = bytes[word.lowerBound] >= 0x41 && bytes[word.lowerBound] <= 0x5A
        if capitalised, titles.contains(key) { return true }
        if latin.contains(key) { return true }
        guard beforeDigit else { return false }
        return beforeNumbers.contains(key) || (capitalised && capitalisedBeforeNumbers.contains(key))
    }
}
