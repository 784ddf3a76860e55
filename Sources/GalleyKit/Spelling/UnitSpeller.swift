/// A word the spelling check reports, as a range of the unit's text.
struct Misspelling: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// Neither the dictionaries nor the accept list know it.
        case unknown
        /// The accept list has it in other letter case ("Github" for "GitHub").
        case wrongCase(term: String)
        /// On the reject list.
        case rejected
    }

    var range: Range<Int>
    var word: String
    var kind: Kind
}

/// How one spelling rule judges words: its vocabulary and the shape rules of `NonProse`.
struct SpellingPolicy: Sendable {
    var vocabulary = SpellingVocabulary()
    /// All-capital words up to this many letters are acronyms, not checked.
    var acronymLength = 5
    /// Letters beyond ASCII the dictionaries use (see `NonProse.hasForeignLetter`).
    var letters: Set<Unicode.Scalar> = []
    /// English dictionaries accept the prefixes of hyphenated compounds ("pre-configured").
    var isEnglish = true
    /// Whether identifiers, acronyms and single letters are left alone by their shape (a Vale
    /// rule with `custom: true` checks them too).
    var skipsShapes = true

    /// Prefixes English writes before a hyphen that en_US lacks as words of their own.
    static let englishPrefixes: Set<String> = [
        "anti", "auto", "bi", "bio", "co", "counter", "cyber", "de", "dis", "eco", "ex", "geo", "hyper", "infra", "inter", "intra",
        "macro", "meta", "micro", "mid", "mini", "mis", "mono", "multi", "nano", "neo", "non", "omni", "poly", "post", "pre", "pro",
        "proto", "pseudo", "quasi", "re", "semi", "socio", "sub", "super", "tri", "ultra", "un",
    ]

    /// Every misspelling in one unit of text (`bytes`, already split into `tokens`).
    func misspellings(in bytes: UnsafeBufferPointer<UInt8>, tokens: [WordToken], session: SpellingSession) -> [Misspelling] {
        var found: [Misspelling] = []
        let templates = Self.mayHoldTemplate(bytes) ? NonProse.templateSpans(in: bytes) : []
        let reject = vocabulary.reject
        var rejected: [Range<Int>] = []
        if reject.hasPatternsOrPhrases {
            for range in reject.phraseRanges(in: bytes, tokens: tokens) where !Self.overlaps(range, templates) {
                rejected.append(range)
                found.append(Misspelling(range: range, word: Self.text(bytes, range), kind: .rejected))
            }
        }
        var accepted: [Range<Int>]?
        for token in tokens where token.kind == .word {
            let range = token.range
            if !templates.isEmpty, Self.overlaps(range, templates) { continue }
            if !rejected.isEmpty, Self.overlaps(range, rejected) { continue }
            if reject.hasWords, let rejectedRanges = rejectedWords(bytes, token), !rejectedRanges.isEmpty {
                found += rejectedRanges.map { Misspelling(range: $0, word: Self.text(bytes, $0), kind: .rejected) }
                continue
            }
            let word = UnsafeBufferPointer(rebasing: bytes[range])
            guard range.count <= 64, !NonProse.hasDigit(word), !word.contains(UInt8(ascii: ".")),
                  !NonProse.isMarkedUp(bytes, range) else { continue }
            // The common case: a word the dictionary knows, answered from the session's cache.
            if session.isKnown(word) { continue }
            if !token.isASCII, NonProse.hasForeignLetter(word, letters: letters) { continue }
            let parts = Self.hyphenParts(bytes, range)
            if parts.count == 1 {
                if let kind = verdict(bytes, range, session: session, accepted: &accepted, tokens: tokens, isFirstPart: false) {
                    found.append(Misspelling(range: range, word: Self.text(bytes, range), kind: kind))
                }
                continue
            }
            // A compound the dictionary does not know whole: each part is judged alone.
            if vocabulary.accept.containsWord(Self.text(bytes, range)) { continue }
            for (index, part) in parts.enumerated() {
                if let kind = verdict(bytes, part, session: session, accepted: &accepted, tokens: tokens, isFirstPart: index == 0 && parts.count > 1) {
                    found.append(Misspelling(range: part, word: Self.text(bytes, part), kind: kind))
                }
            }
        }
        return found
    }

    /// The parts of `token` on the reject list: the word, else its hyphenated parts and their
    /// possessives' words ("utilize-based", "alright's"). Nil when none is.
    private func rejectedWords(_ bytes: UnsafeBufferPointer<UInt8>, _ token: WordToken) -> [Range<Int>]? {
        let reject = vocabulary.reject
        let key = token.isASCII ? token.key : WordKey(Self.text(bytes, token.range).lowercased())
        if reject.mayContainWord(key: key), reject.containsWord(Self.text(bytes, token.range)) { return [token.range] }
        var joined = false
        for byte in bytes[token.range] where byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") || byte == 0xE2 { joined = true }
        guard joined else { return nil }
        var ranges: [Range<Int>] = []
        for part in Self.hyphenParts(bytes, token.range) {
            let candidate = Self.possessiveBase(bytes, part) ?? part
            if reject.containsWord(Self.text(bytes, candidate)) { ranges.append(candidate) }
        }
        return ranges
    }

    /// Nil when the word at `range` (no hyphen) is fine.
    private func verdict(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, session: SpellingSession, accepted: inout [Range<Int>]?,
                         tokens: [WordToken], isFirstPart: Bool) -> Misspelling.Kind? {
        let word = UnsafeBufferPointer(rebasing: bytes[range])
        // Most words are known (and cached): ask first, judge the shape of the rest.
        if session.isKnown(word) { return nil }
        if skipsShapes, NonProse.isIdentifierOrAcronym(word, acronymLength: acronymLength) { return nil }
        let text = Self.text(bytes, range)
        if text.contains("\u{2019}"), session.isKnown(TermList.straighten(text)) { return nil }
        if isExcused(bytes, range, text: text, accepted: &accepted, tokens: tokens) { return nil }
        // A possessive of a word the dictionary cannot know is as good as the word: "API's",
        // "Kubernetes's" (when accepted). A word the dictionary knows keeps its verdict: the
        // dictionary knows which words take an 's ("get's" is a typo).
        if let base = Self.possessiveBase(bytes, range) {
            let baseWord = UnsafeBufferPointer(rebasing: bytes[base])
            if (skipsShapes && NonProse.isIdentifierOrAcronym(baseWord, acronymLength: acronymLength))
                || (!session.isKnown(baseWord) && isExcused(bytes, base, text: Self.text(bytes, base), accepted: &accepted, tokens: tokens)) {
                return nil
            }
        }
        if NonProse.isHex(word) { return nil }
        if isFirstPart, isEnglish, Self.englishPrefixes.contains(text.lowercased()) { return nil }
        let lower = TermList.straighten(text).lowercased()
        if let term = vocabulary.accept.written.first(where: { TermList.straighten($0).lowercased() == lower }) { return .wrongCase(term: term) }
        return .unknown
    }

    /// Whether the team's vocabulary accepts the word at `range` (alone, or in an accepted phrase).
    private func isExcused(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, text: String, accepted: inout [Range<Int>]?,
                           tokens: [WordToken]) -> Bool {
        let accept = vocabulary.accept
        if accept.containsWord(text) { return true }
        if accept.hasPatternsOrPhrases {
            if accepted == nil { accepted = accept.phraseRanges(in: bytes, tokens: tokens) }
            if accepted!.contains(where: { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }) { return true }
        }
        return false
    }

    /// The word without a final `'s`, `’s` or `'`, when it has one.
    private static func possessiveBase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        let end = range.upperBound
        if range.count > 3, bytes[end - 1] | 0x20 == UInt8(ascii: "s") {
            if bytes[end - 2] == UInt8(ascii: "'") { return range.lowerBound..<end - 2 }
            if range.count > 5, bytes[end - 4] == 0xE2, bytes[end - 3] == 0x80, bytes[end - 2] == 0x99 { return range.lowerBound..<end - 4 }
        }
        return nil
    }

    /// The parts of a word between hyphens (`-`, U+2010, U+2011); the word itself when it has none.
    static func hyphenParts(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            var hyphenLength = 0
            if byte == UInt8(ascii: "-") {
                hyphenLength = 1
            } else if byte == 0xE2, index + 2 < range.upperBound, bytes[index + 1] == 0x80, bytes[index + 2] == 0x90 || bytes[index + 2] == 0x91 {
                hyphenLength = 3
            }
            if hyphenLength > 0 {
                if index > start { parts.append(start..<index) }
                index += hyphenLength
                start = index
            } else {
                index += 1
            }
        }
        if start < range.upperBound { parts.append(start..<range.upperBound) }
        return parts.isEmpty ? [range] : parts
    }

    private static func mayHoldTemplate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains(UInt8(ascii: "{")) || bytes.contains(UInt8(ascii: "%"))
    }

    private static func overlaps(_ range: Range<Int>, _ spans: [Range<Int>]) -> Bool {
        spans.contains { $0.overlaps(range) }
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
