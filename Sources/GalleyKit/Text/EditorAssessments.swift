/// Editors' checks of a document's prose, in the spirit of Yoast's readability analysis: long
/// sentences, long paragraphs, long stretches without a subheading, runs of sentences that start
/// alike, passive voice and transition words. Each is measured on the document's prose and,
/// where it fails, points at the sentence, paragraph or heading to fix.
public enum EditorAssessment: String, Sendable, CaseIterable {
    case longSentences = "long-sentences"
    case paragraphLength = "paragraph-length"
    case sectionLength = "section-length"
    case repeatedStarts = "repeated-starts"
    case passiveVoice = "passive-voice"
    case transitionWords = "transition-words"

    /// Passive voice and transition words are found with English word lists: they do not run
    /// on prose in other languages.
    public var isEnglishOnly: Bool { self == .passiveVoice || self == .transitionWords }
}

/// Thresholds of the assessments; the defaults are Yoast's.
public struct AssessmentLimits: Sendable, Hashable {
    /// A sentence is long above this many words...
    public var longSentenceWords = 20
    /// ...and too many are long above this share (percent).
    public var longSentenceMaxShare = 25.0
    public var paragraphMaxWords = 150
    /// Words from one heading to the next (of any level).
    public var sectionMaxWords = 300
    /// This many consecutive sentences starting with the same word are reported.
    public var repeatedStartsRun = 3
    public var passiveMaxShare = 10.0
    public var transitionMinShare = 30.0
    /// Share-based assessments (long sentences, passive voice, transition words) skip documents
    /// with fewer words: a share of a handful of sentences says little.
    public var minimumWords = 0

    public init() {}
}

/// One assessment's measurement and the places it failed.
public struct AssessmentResult: Sendable {
    public struct Place: Sendable {
        public var range: SourceRange
        public var message: String
        public var values: [String: String]
        /// A measure of the whole article, shown at its start rather than at a sentence of it.
        public var isAboutDocument = false
    }

    public var assessment: EditorAssessment
    /// The share (percent) or the largest count measured; nil when it did not apply.
    public var value: Double?
    public var limit: Double
    public var places: [Place]
    /// Why the assessment does not apply to the document at all (its language), if it does not.
    public var notApplicable: String?
    public var passed: Bool { places.isEmpty }
}

public enum EditorAssessments {
    public static func run(_ which: [EditorAssessment], limits: AssessmentLimits, document: Document,
                           prose: ProseAnalysis) -> [AssessmentResult] {
        let sentences = SentenceList(document: document, prose: prose)
        let shareApplies = prose.documentCounts.words >= limits.minimumWords && !sentences.items.isEmpty
        return which.map { assessment in
            if assessment.isEnglishOnly, !prose.profile.isEnglish {
                let limit = assessment == .passiveVoice ? limits.passiveMaxShare : limits.transitionMinShare
                return AssessmentResult(assessment: assessment, value: nil, limit: limit, places: [],
                                        notApplicable: "English only; the article is in \(prose.language)")
            }
            switch assessment {
            case .longSentences: return longSentences(sentences, limits, applies: shareApplies)
            case .paragraphLength: return paragraphLength(document, prose, limits)
            case .sectionLength: return sectionLength(document, prose, limits)
            case .repeatedStarts: return repeatedStarts(sentences, limits)
            case .passiveVoice: return passiveVoice(sentences, limits, applies: shareApplies)
            case .transitionWords: return transitionWords(document, prose, sentences, limits, applies: shareApplies)
            }
        }
    }

    private static func longSentences(_ list: SentenceList, _ limits: AssessmentLimits, applies: Bool) -> AssessmentResult {
        var result = AssessmentResult(assessment: .longSentences, value: nil, limit: limits.longSentenceMaxShare, places: [])
        guard applies else { return result }
        var longCount = 0
        var longestIndex: Int?
        for (index, item) in list.items.enumerated() where item.sentence.wordCount > limits.longSentenceWords {
            longCount += 1
            if longestIndex.map({ item.sentence.wordCount > list.items[$0].sentence.wordCount }) ?? true { longestIndex = index }
        }
        let share = percent(longCount, list.items.count)
        result.value = share
        if share > limits.longSentenceMaxShare, let longestIndex {
            let longest = list.items[longestIndex]
            let values = ["share": format(share), "limit": format(limits.longSentenceMaxShare), "words": String(limits.longSentenceWords),
                          "count": String(longest.sentence.wordCount)]
            result.places.append(.init(range: list.range(of: longest),
                                       message: "\(values["share"]!)% of sentences have more than \(limits.longSentenceWords) words (at most \(values["limit"]!)%); the longest, here, has \(longest.sentence.wordCount)",
                                       values: values))
        }
        return result
    }

    private static func paragraphLength(_ document: Document, _ prose: ProseAnalysis, _ limits: AssessmentLimits) -> AssessmentResult {
        var result = AssessmentResult(assessment: .paragraphLength, value: nil, limit: Double(limits.paragraphMaxWords), places: [])
        var longest = 0
        for block in prose.blocks where document.blocks[block.index].kind == .paragraph {
            longest = max(longest, block.counts.words)
            if block.counts.words > limits.paragraphMaxWords {
                let values = ["count": String(block.counts.words), "limit": String(limits.paragraphMaxWords)]
                result.places.append(.init(range: document.blocks[block.index].range,
                                           message: "this paragraph has \(Plural.count(block.counts.words, "word")) (at most \(limits.paragraphMaxWords))",
                                           values: values))
            }
        }
        result.value = Double(longest)
        return result
    }

    /// Stretches of prose between one heading and the next, whatever their levels.
    private static func sectionLength(_ document: Document, _ prose: ProseAnalysis, _ limits: AssessmentLimits) -> AssessmentResult {
        var result = AssessmentResult(assessment: .sectionLength, value: nil, limit: Double(limits.sectionMaxWords), places: [])
        var starts = [0] + document.headings.map { $0 + 1 }
        if document.headings.first == 0 { starts.removeFirst() }
        var longest = 0
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] - 1 : document.blocks.count
            let words = prose.counts(ofBlocks: start..<max(start, end)).words
            longest = max(longest, words)
            guard words > limits.sectionMaxWords else { continue }
            let headingIndex = start - 1
            let range = headingIndex >= 0 && document.blocks[headingIndex].kind == .heading
                ? document.blocks[headingIndex].range : document.blocks[start].range
            let under = headingIndex >= 0 ? "under this heading" : "before the first heading"
            result.places.append(.init(range: range,
                                       message: "\(Plural.count(words, "word")) \(under) without a subheading (at most \(limits.sectionMaxWords))",
                                       values: ["count": String(words), "limit": String(limits.sectionMaxWords)]))
        }
        result.value = Double(longest)
        return result
    }

    /// Consecutive sentences of the prose between two headings that start with the same word.
    private static func repeatedStarts(_ list: SentenceList, _ limits: AssessmentLimits) -> AssessmentResult {
        var result = AssessmentResult(assessment: .repeatedStarts, value: nil, limit: Double(limits.repeatedStartsRun), places: [])
        var longest = 0
        var runStart = 0
        func close(_ end: Int) {
            let length = end - runStart
            longest = max(longest, length)
            guard length >= limits.repeatedStartsRun, let word = list.firstWord(of: list.items[runStart]) else { return }
            result.places.append(.init(range: list.range(of: list.items[runStart]),
                                       message: "\(length) consecutive sentences start with '\(word)'",
                                       values: ["count": String(length), "word": word]))
        }
        for index in list.items.indices.dropFirst() {
            let item = list.items[index], previous = list.items[index - 1]
            let same = item.stretch == previous.stretch && item.firstKey == previous.firstKey
            if !same {
                close(index)
                runStart = index
            }
        }
        if !list.items.isEmpty { close(list.items.count) }
        result.value = Double(longest)
        return result
    }

    private static func passiveVoice(_ list: SentenceList, _ limits: AssessmentLimits, applies: Bool) -> AssessmentResult {
        var result = AssessmentResult(assessment: .passiveVoice, value: nil, limit: limits.passiveMaxShare, places: [])
        guard applies else { return result }
        var passiveCount = 0
        var firstPassive: SentenceList.Item?
        for item in list.items where PassiveVoice.occurs(in: list.words(of: item)) {
            passiveCount += 1
            if firstPassive == nil { firstPassive = item }
        }
        let share = percent(passiveCount, list.items.count)
        result.value = share
        if share > limits.passiveMaxShare, let first = firstPassive {
            let values = ["share": format(share), "limit": format(limits.passiveMaxShare)]
            result.places.append(.init(range: list.range(of: first),
                                       message: "\(values["share"]!)% of sentences use the passive voice (at most \(values["limit"]!)%), as this one does",
                                       values: values))
        }
        return result
    }

    private static func transitionWords(_ document: Document, _ prose: ProseAnalysis, _ list: SentenceList,
                                        _ limits: AssessmentLimits, applies: Bool) -> AssessmentResult {
        var result = AssessmentResult(assessment: .transitionWords, value: nil, limit: limits.transitionMinShare, places: [])
        guard applies, let firstBlock = prose.blocks.first else { return result }
        var with = 0
        for item in list.items where TransitionWords.occur(in: list.words(of: item)) { with += 1 }
        let share = percent(with, list.items.count)
        result.value = share
        if share < limits.transitionMinShare {
            let values = ["share": format(share), "limit": format(limits.transitionMinShare)]
            result.places.append(.init(range: SourceRange(at: document.blocks[firstBlock.index].range.start),
                                       message: "only \(values["share"]!)% of sentences hold a transition word (at least \(values["limit"]!)%)",
                                       values: values, isAboutDocument: true))
        }
        return result
    }

    static func percent(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 0 : 100 * Double(part) / Double(whole)
    }

    /// A share with at most one decimal: 25, 27.3.
    public static func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}

/// Every prose sentence of a document in order, with the stretch of prose (between two
/// headings) it belongs to.
struct SentenceList {
    struct Item {
        /// Index into `ProseAnalysis.blocks`.
        var analyzed: Int
        var sentence: ProseAnalysis.Sentence
        var stretch: Int
        /// The key of the sentence's first word.
        var firstKey: WordKey
    }

    let document: Document
    let prose: ProseAnalysis
    let items: [Item]

    init(document: Document, prose: ProseAnalysis) {
        self.document = document
        self.prose = prose
        var items: [Item] = []
        var stretch = 0
        var nextBlock = 0
        for (position, analyzed) in prose.blocks.enumerated() {
            while nextBlock < analyzed.index {
                if document.blocks[nextBlock].kind == .heading { stretch += 1 }
                nextBlock += 1
            }
            for sentence in analyzed.sentences {
                items.append(Item(analyzed: position, sentence: sentence, stretch: stretch, firstKey: analyzed.words[sentence.words.lowerBound].key))
            }
        }
        self.items = items
    }

    func words(of item: Item) -> ArraySlice<ProseAnalysis.Word> {
        prose.blocks[item.analyzed].words[item.sentence.words]
    }

    func range(of item: Item) -> SourceRange {
        document.blocks[prose.blocks[item.analyzed].index].text.sourceRange(ofTextRange: item.sentence.range)
    }

    /// The sentence's first word, lowercase (for messages).
    func firstWord(of item: Item) -> String? {
        guard let word = words(of: item).first else { return nil }
        return document.blocks[prose.blocks[item.analyzed].index].text.substring(word.range).lowercased()
    }
}
