/// Words, sentences and readability counts of a document's prose, computed once per document
/// and shared by every readability rule, assessment and `galley metrics`.
///
/// Prose is paragraphs, list items, quotes, definitions and FAQ answers. Headings, FAQ
/// questions, table cells, terms, captions and alt text are not (nor code and metadata, which
/// readers keep out of blocks). Every block is its own run of sentences: a sentence never
/// crosses from one block into the next.
public struct ProseAnalysis: Sendable {
    public struct Word: Sendable {
        /// UTF-8 range in the block's text.
        public var range: Range<Int>
        public var syllables: Int
        public var syllableSource: Syllables.Source
        public var letters: Int
        public var characters: Int
        public var isNumber: Bool
        /// Capitalised and not first in its sentence: taken as a proper name.
        public var isProperName: Bool
        public var isComplex: Bool
        public var isDifficult: Bool
        /// The lowercase word as a key, for word lists.
        public var key: WordKey
        /// What the editor assessments' word lists say of the word.
        public var roles: WordRoles
    }

    /// The word lists a word is on, looked up once per distinct word.
    public struct WordRoles: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// A form of "be" or "get" that can start a passive.
        public static let passiveAuxiliary = WordRoles(rawValue: 1 << 0)
        /// An adverb that may stand between auxiliary and participle ("not", "quickly").
        public static let adverb = WordRoles(rawValue: 1 << 1)
        public static let pastParticiple = WordRoles(rawValue: 1 << 2)
        /// A transition word on its own ("however").
        public static let transition = WordRoles(rawValue: 1 << 3)
        /// The first word of a transition phrase ("for" of "for example").
        public static let transitionPhraseStart = WordRoles(rawValue: 1 << 4)
    }

    public struct Sentence: Sendable {
        /// UTF-8 range in the block's text.
        public var range: Range<Int>
        /// Indexes into the block's `words`.
        public var words: Range<Int>
        public var wordCount: Int { words.count }
    }

    public struct AnalyzedBlock: Sendable {
        /// Index into `Document.blocks`.
        public var index: Int
        public var words: [Word]
        public var sentences: [Sentence]
        public var counts: TextCounts
    }

    /// Prose blocks in document order.
    public let blocks: [AnalyzedBlock]
    /// Position in `blocks` of each document block, nil for blocks that are not prose.
    public let position: [Int?]
    /// The document's language and what Galley knows of it: how syllables are counted, which
    /// formulas apply, whether the English word lists mean anything.
    public let language: LanguageTag
    public let profile: LanguageProfile

    public init(_ document: Document) {
        self.init(document, tokenized: nil)
    }

    /// With each block's words and sentences already read (`RuleContext` reads them once for
    /// every rule): `tokenized(index)` gives what `WordTokenizer` and `SentenceSplitter` give for
    /// block `index`.
    init(_ document: Document, tokenized: ((Int) -> (tokens: [WordToken], sentences: [Range<Int>]))?) {
        var analyzed: [AnalyzedBlock] = []
        var position = [Int?](repeating: nil, count: document.blocks.count)
        language = document.resolvedLanguage.tag
        profile = LanguageProfile.of(language)
        var memo = WordMemo(profile: profile, region: language.region ?? "")
        for (index, block) in document.blocks.enumerated() where Self.isProse(block) {
            let result = Self.analyze(block.text.text, index: index, tokenized: tokenized?(index), memo: &memo)
            guard !result.words.isEmpty else { continue }
            position[index] = analyzed.count
            analyzed.append(result)
        }
        blocks = analyzed
        self.position = position
    }

    public static func isProse(_ block: Block) -> Bool {
        guard block.role != .faqQuestion else { return false }
        switch block.kind {
        case .paragraph, .listItem, .quote, .definition: return true
        case .heading, .tableCell, .term, .caption, .altText: return false
        }
    }

    /// Counts of the whole document's prose.
    public var documentCounts: TextCounts {
        blocks.reduce(into: TextCounts()) { $0 += $1.counts }
    }

    /// Counts of the prose among the document blocks in `range`.
    public func counts(ofBlocks range: Range<Int>) -> TextCounts {
        var total = TextCounts()
        for index in range.clamped(to: 0..<position.count) {
            if let at = position[index] { total += blocks[at].counts }
        }
        return total
    }

    /// The blocks a section holds before its first subsection: its own text, under its heading.
    public static func ownBlocks(of section: Section, in document: Document) -> Range<Int> {
        let start = section.heading + 1
        let end = section.children.first.map { document.sections[$0].heading } ?? section.blocks.upperBound
        return start..<max(start, end)
    }

    /// What a word's spelling alone decides, remembered per document and across documents
    /// (`WordFactsCache`): articles repeat their words, and looking a word up is the expensive
    /// part of the analysis.
    struct WordFacts: Sendable {
        var syllables: Int
        var source: Syllables.Source
        var letters: Int
        var characters: Int
        var isComplexShape: Bool
        var isFamiliar: Bool
        var key: WordKey
        var roles: WordRoles
    }

    /// The facts of a document's distinct words, found by the word's key (a 64-bit hash of the
    /// lowercase word). The map holds small indexes, the facts sit densely in an array: both stay
    /// in cache.
    struct WordMemo {
        var indexes = HashedWordMap<Int32>(capacity: 512)
        var facts: [WordFacts] = []
        /// Buffers the tokenizer fills for each block, reused from block to block.
        var tokens: [WordToken] = []
        var stops: [Int] = []
        let profile: LanguageProfile
        let region: String
        /// `profile.cacheSalt`, read once.
        let salt: UInt64

        init(profile: LanguageProfile = .english, region: String = "") {
            self.profile = profile
            self.region = region
            salt = profile.cacheSalt
            facts.reserveCapacity(512)
        }
    }

    /// Analyzes the text of one block, tokenizing it unless `tokenized` has its tokens and sentences.
    static func analyze(_ text: String, index: Int, tokenized: (tokens: [WordToken], sentences: [Range<Int>])? = nil,
                        memo: inout WordMemo) -> AnalyzedBlock {
        var copy = text
        return copy.withUTF8 { bytes in
            var tokens = memo.tokens
            var stops = memo.stops
            memo.tokens = []
            memo.stops = []
            let sentenceRanges: [Range<Int>]
            if let tokenized {
                tokens = tokenized.tokens
                sentenceRanges = tokenized.sentences
            } else {
                tokens.removeAll(keepingCapacity: true)
                stops.removeAll(keepingCapacity: true)
                WordTokenizer.tokens(in: bytes, stops: &stops, into: &tokens)
                sentenceRanges = SentenceSplitter.sentences(in: bytes, candidates: stops)
            }
            defer {
                if tokenized == nil {
                    memo.tokens = tokens
                    memo.stops = stops
                }
            }
            var sentences: [Sentence] = []
            sentences.reserveCapacity(sentenceRanges.count)
            var counts = TextCounts()
            // At most one word per token, written in place (no capacity check per word).
            let words = tokens.withUnsafeBufferPointer { tokens in
                [Word](unsafeUninitializedCapacity: tokens.count) { buffer, initialized in
                    var count = 0
                    var tokenIndex = 0
                    for range in sentenceRanges {
                        let first = count
                        while tokenIndex < tokens.count, tokens[tokenIndex].range.lowerBound < range.upperBound {
                            let word = analyzeWord(bytes, tokens[tokenIndex], firstInSentence: count == first, memo: &memo)
                            buffer.initializeElement(at: count, to: word)
                            count += 1
                            counts.add(word)
                            tokenIndex += 1
                        }
                        if count > first {
                            sentences.append(Sentence(range: range, words: first..<count))
                        }
                    }
                    initialized = count
                }
            }
            counts.sentences = sentences.count
            return AnalyzedBlock(index: index, words: words, sentences: sentences, counts: counts)
        }
    }

    @inline(__always)
    private static func analyzeWord(_ bytes: UnsafeBufferPointer<UInt8>, _ token: WordToken, firstInSentence: Bool,
                                    memo: inout WordMemo) -> Word {
        let slice = UnsafeBufferPointer(rebasing: bytes[token.range])
        let isNumber = token.kind == .number
        // Keyed by the lowercase word: every fact but proper-name status ignores case.
        let key = token.key
        let facts: WordFacts
        if let known = memo.indexes[key.value] {
            facts = memo.facts[Int(known)]
        } else {
            facts = WordFactsCache.shared.facts(key.value ^ memo.salt) {
                memo.profile.isEnglish ? wordFacts(slice, key: key, isNumber: isNumber)
                    : otherLanguageFacts(slice, key: key, isNumber: isNumber, profile: memo.profile, region: memo.region)
            }
            memo.indexes[key.value] = Int32(memo.facts.count)
            memo.facts.append(facts)
        }
        let first = slice[0]
        let isProperName = !firstInSentence && first >= 0x41 && first <= 0x5A
        return Word(range: token.range, syllables: facts.syllables, syllableSource: facts.source, letters: facts.letters,
                    characters: facts.characters, isNumber: isNumber, isProperName: isProperName,
                    isComplex: facts.isComplexShape && !isProperName, isDifficult: !isNumber && !isProperName && !facts.isFamiliar,
                    key: facts.key, roles: facts.roles)
    }

    /// Facts of a word in a language other than English: its syllables in that language; none
    /// of the English notions (Gunning's complex words, Dale-Chall's familiar words, the word
    /// lists of passive voice and transitions).
    private static func otherLanguageFacts(_ slice: UnsafeBufferPointer<UInt8>, key: WordKey, isNumber: Bool, profile: LanguageProfile,
                                           region: String) -> WordFacts {
        let (letters, characters) = letterCounts(slice)
        var source = Syllables.Source.number
        var syllables = 1
        if !isNumber { (syllables, source) = LanguageSyllables.count(slice, profile: profile, region: region) }
        return WordFacts(syllables: syllables, source: source, letters: letters, characters: characters, isComplexShape: false,
                         isFamiliar: true, key: key, roles: [])
    }

    /// Letters, and letters with digits, of a word.
    private static func letterCounts(_ slice: UnsafeBufferPointer<UInt8>) -> (letters: Int, characters: Int) {
        var letters = 0
        var characters = 0
        var index = 0
        while index < slice.count {
            let byte = slice[index]
            if byte < 0x80 {
                if byte >= 0x30 && byte <= 0x39 {
                    characters += 1
                } else if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
                    letters += 1
                    characters += 1
                }
                index += 1
                continue
            }
            let (scalar, length) = WordTokenizer.decode(slice, at: index)
            if WordTokenizer.isWordCharacter(scalar) {
                letters += 1
                characters += 1
            }
            index += length
        }
        return (letters, characters)
    }

    private static func wordFacts(_ slice: UnsafeBufferPointer<UInt8>, key: WordKey, isNumber: Bool) -> WordFacts {
        let (letters, characters) = letterCounts(slice)
        var source = Syllables.Source.number
        let syllables = isNumber ? 1 : Syllables.count(slice, found: &source)
        let hyphenated = slice.contains(UInt8(ascii: "-"))
        var complexShape = !isNumber && syllables >= 3 && !hyphenated
        if complexShape, syllables == 3, endsWithInflection(slice) { complexShape = false }
        let participleShape = slice.count > 3 && ends(slice, "ed") && !ends(slice, "eed")
        let roles = PassiveVoice.roles(of: key, participleShape: participleShape, adverbShape: slice.count > 3 && ends(slice, "ly"))
            .union(TransitionWords.roles(of: key))
        return WordFacts(syllables: syllables, source: source, letters: letters, characters: characters,
                         isComplexShape: complexShape, isFamiliar: isNumber || isFamiliar(slice), key: key, roles: roles)
    }

    /// -es, -ed, -ing: Gunning does not count a word made three syllables by one of them.
    private static func endsWithInflection(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        ends(word, "es") || ends(word, "ed") || ends(word, "ing")
    }

    /// Whether `word` ends in the lowercase ASCII `suffix`, in any case.
    private static func ends(_ word: UnsafeBufferPointer<UInt8>, _ suffix: StaticString) -> Bool {
        suffix.withUTF8Buffer { tail in
            guard word.count > tail.count else { return false }
            let start = word.count - tail.count
            for index in 0..<tail.count where word[start + index] | 0x20 != tail[index] { return false }
            return true
        }
    }

    private static func isFamiliar(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { key in
            var length = 0
            var index = 0
            while index < word.count {
                let byte = word[index]
                if byte < 0x80 {
                    index += 1
                    switch byte {
                    case 0x41...0x5A, 0x61...0x7A: key[length] = byte | 0x20
                    case UInt8(ascii: "'"), UInt8(ascii: "-"): key[length] = byte
                    case UInt8(ascii: "."): continue
                    default: return false
                    }
                    length += 1
                    continue
                }
                let (scalar, size) = WordTokenizer.decode(word, at: index)
                index += size
                switch scalar {
                case "\u{2019}": key[length] = UInt8(ascii: "'")
                case "\u{2010}", "\u{2011}": key[length] = UInt8(ascii: "-")
                default:
                    guard let base = Syllables.asciiBase(scalar) else { return false }
                    key[length] = base
                }
                length += 1
            }
            return FamiliarWords.isFamiliar(UnsafeBufferPointer(rebasing: key[..<length]))
        }
    }
}

extension TextCounts {
    mutating func add(_ word: ProseAnalysis.Word) {
        words += 1
        syllables += word.syllables
        letters += word.letters
        characters += word.characters
        if word.syllables >= 3 { polysyllables += 1 }
        if word.syllables == 1 { monosyllables += 1 }
        if word.isComplex { complexWords += 1 }
        if word.letters > 6 { longWords += 1 }
        if word.isDifficult { difficultWords += 1 }
    }
}
