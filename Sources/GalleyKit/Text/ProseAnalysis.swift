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

    public init(_ document: Document) {
        var analyzed: [AnalyzedBlock] = []
        var position = [Int?](repeating: nil, count: document.blocks.count)
        for (index, block) in document.blocks.enumerated() where Self.isProse(block) {
            let result = Self.analyze(block.text.text, index: index)
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

    /// Analyzes the text of one block.
    public static func analyze(_ text: String, index: Int) -> AnalyzedBlock {
        var copy = text
        return copy.withUTF8 { bytes in
            let tokens = WordTokenizer.tokens(in: bytes)
            let sentenceRanges = SentenceSplitter.sentences(in: bytes)
            var words: [Word] = []
            words.reserveCapacity(tokens.count)
            var sentences: [Sentence] = []
            var counts = TextCounts()
            var tokenIndex = 0
            for range in sentenceRanges {
                let first = words.count
                while tokenIndex < tokens.count, tokens[tokenIndex].range.lowerBound < range.upperBound {
                    let word = analyzeWord(bytes, tokens[tokenIndex], firstInSentence: words.count == first)
                    words.append(word)
                    counts.add(word)
                    tokenIndex += 1
                }
                if words.count > first {
                    sentences.append(Sentence(range: range, words: first..<words.count))
                }
            }
            counts.sentences = sentences.count
            return AnalyzedBlock(index: index, words: words, sentences: sentences, counts: counts)
        }
    }

    private static func analyzeWord(_ bytes: UnsafeBufferPointer<UInt8>, _ token: WordToken, firstInSentence: Bool) -> Word {
        let slice = UnsafeBufferPointer(rebasing: bytes[token.range])
        var letters = 0
        var characters = 0
        var index = 0
        while index < slice.count {
            let (scalar, length) = WordTokenizer.decode(slice, at: index)
            if WordTokenizer.isDigit(scalar) {
                characters += 1
            } else if WordTokenizer.isWordCharacter(scalar) {
                letters += 1
                characters += 1
            }
            index += length
        }
        let isNumber = token.kind == .number
        var source = Syllables.Source.number
        let syllables = isNumber ? 1 : Syllables.count(slice, found: &source)
        let first = slice[0]
        let isProperName = !firstInSentence && first >= 0x41 && first <= 0x5A
        let hyphenated = slice.contains(UInt8(ascii: "-"))
        var complex = !isNumber && syllables >= 3 && !isProperName && !hyphenated
        if complex, syllables == 3, endsWithInflection(slice) { complex = false }
        let difficult = !isNumber && !isProperName && !isFamiliar(slice)
        return Word(range: token.range, syllables: syllables, syllableSource: source, letters: letters, characters: characters,
                    isNumber: isNumber, isProperName: isProperName, isComplex: complex, isDifficult: difficult)
    }

    /// -es, -ed, -ing: Gunning does not count a word made three syllables by one of them.
    private static func endsWithInflection(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        func ends(_ suffix: StaticString) -> Bool {
            suffix.withUTF8Buffer { tail in
                word.count > tail.count && zip(word.suffix(tail.count), tail).allSatisfy { $0 | 0x20 == $1 }
            }
        }
        return ends("es") || ends("ed") || ends("ing")
    }

    private static func isFamiliar(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var key: [UInt8] = []
        key.reserveCapacity(word.count)
        var index = 0
        while index < word.count {
            let (scalar, length) = WordTokenizer.decode(word, at: index)
            index += length
            switch scalar {
            case "A"..."Z", "a"..."z": key.append(UInt8(scalar.value) | 0x20)
            case "'", "\u{2019}": key.append(UInt8(ascii: "'"))
            case "-", "\u{2010}", "\u{2011}": key.append(UInt8(ascii: "-"))
            case ".": continue
            default:
                guard let base = Syllables.asciiBase(scalar) else { return false }
                key.append(base)
            }
        }
        return FamiliarWords.isFamiliar(key)
    }
}

extension TextCounts {
    mutating func add(_ word: ProseAnalysis.Word) {
        words += 1
        syllables += word.syllables
        letters += word.letters
        characters += word.characters
        if word.syllables >= 3 { polysyllables += 1 }
        if word.isComplex { complexWords += 1 }
        if word.letters > 6 { longWords += 1 }
        if word.isDifficult { difficultWords += 1 }
    }
}
