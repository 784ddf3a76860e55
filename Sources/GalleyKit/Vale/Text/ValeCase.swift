import PCRE

/// Vale's case styles (`$sentence`, `$title`, `$lower`, `$upper`), as its capitalization check
/// and its `convert` action apply them (from the strcase package Vale uses).
struct ValeCase: Sendable {
    enum Style: Sendable { case sentence, titleAP, titleChicago }

    let style: Style
    /// Words kept as written (the rule's `exceptions` and the accepted vocabulary), longest
    /// first, each also tried as a pattern; with their lower-cased forms, and one pattern that
    /// matches where any of them does (most words match none, and are settled at once).
    private let vocabulary: [(word: String, lower: String, pattern: ValePattern?)]
    /// The first entry of each lower-cased form.
    private let entryByLower: [String: Int]
    private let anyVocabulary: ValePattern?
    private let indicators: [String]
    private let prefix: PCREPrefix?
    /// `(?i)\b(?:vocabulary)\b|[\p{N}\p{L}*]+[^\s]*`: the words of a sentence-style check.
    private let tokens: ValeWordSplitter

    struct PCREPrefix: Sendable {
        let pattern: ValePattern
    }

    init(style: Style, vocabulary: [String], indicators: [String], prefix: String) throws(ValePattern.Failure) {
        self.style = style
        let sorted = vocabulary.enumerated().sorted { ($0.element.utf8.count, -$0.offset) > ($1.element.utf8.count, -$1.offset) }.map(\.element)
        self.vocabulary = sorted.map { ($0, ValeFold.lower($0), try? ValePattern($0)) }
        var entryByLower: [String: Int] = [:]
        for (index, entry) in self.vocabulary.enumerated() where entryByLower[entry.lower] == nil { entryByLower[entry.lower] = index }
        self.entryByLower = entryByLower
        let compiled = sorted.filter { (try? ValePattern($0)) != nil }
        anyVocabulary = compiled.isEmpty ? nil : try? ValePattern(compiled.map { "(?:" + $0 + ")" }.joined(separator: "|"))
        self.indicators = indicators
        self.prefix = prefix.isEmpty ? nil : PCREPrefix(pattern: try ValePattern(prefix))
        tokens = try sorted.isEmpty ? ValeWordSplitter(first: nil, flags: "(?i)") : ValeWordSplitter(first: #"(?i)\b(?:"# + sorted.joined(separator: "|") + #")\b"#)
    }

    /// `s` in the style.
    func convert(_ text: String, scratch: PCREPattern.Scratch) -> String {
        var text = text
        var prefixText = ""
        if let prefix, let match = ValeCase.firstMatch(prefix.pattern, in: text, scratch: scratch), match.lowerBound == 0 {
            prefixText = String(decoding: Array(text.utf8)[match], as: UTF8.self)
            text = String(decoding: Array(text.utf8)[match.upperBound...], as: UTF8.self)
        }
        switch style {
        case .sentence: return prefixText + sentenceCase(text, scratch: scratch)
        case .titleAP, .titleChicago: return prefixText + titleCase(text, scratch: scratch)
        }
    }

    private func sentenceCase(_ text: String, scratch: PCREPattern.Scratch) -> String {
        let words = tokens.words(in: text, scratch: scratch)
        var made: [String] = []
        for (index, token) in words.enumerated() {
            let previous = index > 0 ? words[index - 1] : ""
            if let entry = inVocabulary(token, scratch: scratch) {
                made.append(entry)
            } else if index == 0 || isIndicator(previous, index - 1) {
                made.append(ValeCase.toTitle(token, strict: true))
            } else {
                made.append(ValeFold.lower(token))
            }
        }
        return made.joined(separator: " ")
    }

    /// Vale's indicator test: the word before ends with an indicator, or is a numbered-list
    /// marker at the start.
    /// `inBytes: false` reads even an ASCII word as a String (for tests of the two paths).
    func isIndicator(_ word: String, _ index: Int, inBytes: Bool = true) -> Bool {
        // An ASCII word (words hold no line break, so its characters are its bytes) is read in
        // its bytes; others as Vale reads them.
        let asciiAnswer = !inBytes ? nil : word.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let suffixes = indicators.isEmpty ? Self.defaultIndicators : indicators
            for suffix in suffixes {
                guard suffix.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
                if bytes.count > suffix.utf8.count, bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) { return true }
            }
            guard index == 0, bytes.count > 1 else { return false }
            return (0..<bytes.count - 1).contains { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 && bytes[$0 + 1] == UInt8(ascii: ".") }
        }
        if case .some(.some(let answer)) = asciiAnswer { return answer }
        let suffixes = indicators.isEmpty ? Self.defaultIndicators : indicators
        if suffixes.contains(where: { word.utf8.count > $0.utf8.count && word.hasSuffix($0) }) { return true }
        if index == 0 {
            let scalars = Array(word.unicodeScalars)
            return scalars.indices.dropLast().contains { scalars[$0].properties.numericType == .decimal && scalars[$0 + 1] == "." }
        }
        return false
    }

    private static let defaultIndicators = [":"]

    private static let smallWords: Set<String> = ["a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on", "or",
                                                  "per", "the", "to", "vs", "vs.", "via", "v", "v."]
    private static let prepositions: Set<String> = [
        "with", "from", "into", "during", "including", "until", "against", "among", "throughout", "despite", "towards", "upon",
        "concerning", "about", "over", "through", "before", "between", "after", "since", "without", "under", "within", "along",
        "following", "across", "beyond", "around", "down", "near", "above",
    ]

    private func titleCase(_ text: String, scratch: PCREPattern.Scratch) -> String {
        let sanitized = Array(ValeCase.sanitizedForTitles(text).utf8)
        let end = sanitized.count
        func charAt(_ index: Int) -> UInt8 { index >= 0 && index < sanitized.count ? sanitized[index] : (sanitized.first ?? 0) }
        var out = ""
        var cursor = 0
        var consumed = text.startIndex
        for word in ValeCase.titleWords(text) {
            out += text[consumed..<word.lowerBound]
            consumed = word.upperBound
            let match = String(text[word])
            let lower = ValeFold.lower(match)
            // As strcase does: the word's byte offset in the sanitized text, searched from
            // where the last word ended (counted, as there, in characters).
            let position = sanitized[min(cursor, sanitized.count)...].firstRange(of: Array(match.utf8))?.lowerBound ?? cursor - 1
            let previous = charAt(position - 1)
            let length = match.unicodeScalars.count
            cursor = position + length
            let bounding = position == 0 || cursor == end
            if let found = inVocabulary(match, scratch: scratch) {
                out += found
            } else if ignores(lower, bounding: bounding) && (previous == 0x20 || previous == UInt8(ascii: "-") || previous == UInt8(ascii: "/"))
                        && charAt(position - 2) != UInt8(ascii: ":") && charAt(position - 2) != UInt8(ascii: "-")
                        && (charAt(position + length) != UInt8(ascii: "-") || charAt(position - 1) == UInt8(ascii: "-")) {
                out += lower
            } else {
                out += ValeCase.toTitle(match, strict: false)
            }
        }
        out += text[consumed...]
        return out
    }

    private func ignores(_ word: String, bounding: Bool) -> Bool {
        switch style {
        case .titleChicago: return !bounding && (Self.smallWords.contains(word) || Self.prepositions.contains(word))
        default: return !bounding && Self.smallWords.contains(word)
        }
    }

    /// A vocabulary entry for `word`: the entry as written when it equals the word but for
    /// case, the word itself when the entry (as a pattern) matches inside it.
    private func inVocabulary(_ word: String, scratch: PCREPattern.Scratch) -> String? {
        guard !vocabulary.isEmpty else { return nil }
        let lower = ValeFold.lower(word)
        let anyMatches = anyVocabulary.map { $0.firstMatch(in: word, scratch: scratch) != nil } ?? false
        // Most words match no entry's pattern: then the first entry equal but for case decides.
        guard anyMatches else { return entryByLower[lower].map { vocabulary[$0].word } }
        for (entry, entryLower, pattern) in vocabulary {
            if entryLower == lower { return entry }
            if let pattern, pattern.firstMatch(in: word, scratch: scratch) != nil { return word }
        }
        return nil
    }

    // MARK: Checks

    /// Vale's `$sentence` and `$title` checks: the expected text, and whether enough of the
    /// words (`threshold`) agree with it. `exceptions` is the rule's exception pattern.
    func check(_ text: String, exceptions: ValeExceptions, threshold: Double, scratch: PCREPattern.Scratch) -> (expected: String, matched: Bool) {
        let expected = convert(text, scratch: scratch)
        let splitter = exceptions.splitter
        let expectedWords = splitter.words(in: expected, scratch: scratch)
        var count = 0.0
        var words = 0.0
        for (index, word) in splitter.words(in: text, scratch: scratch).enumerated() {
            if index >= expectedWords.count {
                count += 1
            } else if word == expectedWords[index] || exceptions.matches(word, scratch: scratch) {
                count += 1
            } else if style != .sentence, word == ValeFold.upper(word) {
                count += 1
            } else if style == .titleAP, ValeFold.lower(word) == "to" {
                // AP capitalizes "to" in infinitives, which Vale tells with a part-of-speech
                // tagger Galley does not have: either case is accepted.
                count += 1
            } else if style == .sentence, index == 0, word != ValeCase.goTitle(ValeFold.lower(word)) {
                return (expected, false)
            }
            words += 1
        }
        return (expected, count / words >= threshold)
    }

    // MARK: Go's string functions

    /// strcase's `ToTitle`: the first character in title case, the rest lower-cased when strict.
    static func toTitle(_ word: String, strict: Bool) -> String {
        guard let first = word.unicodeScalars.first else { return word }
        let rest = String(word.unicodeScalars.dropFirst())
        let mapping = first.properties.titlecaseMapping
        return mapping + (strict ? ValeFold.lower(rest) : rest)
    }

    /// Go's `strings.Title`: every letter after a separator in title case.
    static func goTitle(_ text: String) -> String {
        var out = ""
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if isGoSeparator(previous) {
                out += scalar.properties.titlecaseMapping
            } else {
                out.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        return out
    }

    private static func isGoSeparator(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            if (0x30...0x39).contains(value) || (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || value == 0x5F { return false }
            return true
        }
        if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal { return false }
        return scalar.properties.isWhitespace
    }

    /// strcase's `Simple`: words lower-cased and separated by single spaces.
    static func simple(_ text: String) -> String {
        var out = ""
        var old: Unicode.Scalar = " "
        for (index, scalar) in text.unicodeScalars.enumerated() {
            let alpha = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            let camel = index > 1 && old.properties.isLowercase && scalar.properties.isUppercase
            if camel || !alpha || (scalar.properties.isWhitespace && scalar != " ") { out += " " }
            if alpha || scalar == " " { out.unicodeScalars.append(ValeFold.lower(scalar)) }
            old = scalar
        }
        return out.split(separator: " ").joined(separator: " ")
    }

    /// The title converter's words: `[\p{N}\p{L}]+[^\s-/]*` (Go's `\s` is ASCII).
    private static func titleWords(_ text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
                index = scalars.index(after: index)
                continue
            }
            let start = index
            while index < scalars.endIndex, scalars[index].properties.isAlphabetic || scalars[index].properties.numericType != nil {
                index = scalars.index(after: index)
            }
            while index < scalars.endIndex, !" \t\n\u{0C}\r-/".unicodeScalars.contains(scalars[index]) {
                index = scalars.index(after: index)
            }
            result.append(start..<index)
        }
        return result
    }

    private static func sanitizedForTitles(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{201C}", "\u{201D}": out += "\""
            case "\u{2018}", "\u{2019}": out += "'"
            case "\u{2013}", "\u{2014}": out += "-"
            case "\u{2026}": out += "..."
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: Pattern helpers

    static func firstMatch(_ pattern: ValePattern, in text: String, scratch: PCREPattern.Scratch) -> Range<Int>? {
        pattern.firstMatch(in: text, scratch: scratch)
    }
}

extension ArraySlice where Element == UInt8 {
    /// The first occurrence of `needle` (indices of the underlying array).
    func firstRange(of needle: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty ? startIndex..<startIndex : nil }
        var index = startIndex
        while index + needle.count <= endIndex {
            if self[index] == needle[0], self[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            index += 1
        }
        return nil
    }
}
