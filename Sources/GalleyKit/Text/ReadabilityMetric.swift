/// The readability formulas, with the constants their authors published.
///
/// W words, S sentences, Y syllables; every score needs at least one word and one sentence.
public enum ReadabilityMetric: String, Sendable, CaseIterable {
    /// Flesch (1948): 206.835 − 1.015 W/S − 84.6 Y/W. Higher is easier; 60–70 is plain English.
    case fleschReadingEase = "flesch-reading-ease"
    /// Kincaid et al. (1975): 0.39 W/S + 11.8 Y/W − 15.59, a US school grade.
    case fleschKincaidGrade = "flesch-kincaid-grade"
    /// Gunning (1952): 0.4 (W/S + 100 complex/W).
    case gunningFog = "gunning-fog"
    /// McLaughlin (1969): 1.0430 √(polysyllables × 30/S) + 3.1291.
    case smog
    /// Coleman & Liau (1975): 0.0588 L − 0.296 S′ − 15.8, L letters and S′ sentences per 100 words.
    case colemanLiau = "coleman-liau"
    /// Senter & Smith (1967): 4.71 characters/W + 0.5 W/S − 21.43.
    case ari
    /// Dale & Chall (1948): 0.1579 × % difficult words + 0.0496 W/S, plus 3.6365 when more than
    /// 5 % of the words are difficult. The raw score, not the grade band.
    case daleChall = "dale-chall"
    /// Björnsson (1968): W/S + 100 long words/W, long meaning more than six letters.
    case lix

    /// Whether a higher score means easier text (only Flesch reading ease).
    public var higherIsEasier: Bool { self == .fleschReadingEase }

    public func score(_ counts: TextCounts) -> Double? {
        guard counts.words > 0, counts.sentences > 0 else { return nil }
        let words = Double(counts.words)
        let sentences = Double(counts.sentences)
        let wordsPerSentence = words / sentences
        let syllablesPerWord = Double(counts.syllables) / words
        switch self {
        case .fleschReadingEase:
            return 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord
        case .fleschKincaidGrade:
            return 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
        case .gunningFog:
            return 0.4 * (wordsPerSentence + 100 * Double(counts.complexWords) / words)
        case .smog:
            return 1.0430 * (Double(counts.polysyllables) * 30 / sentences).squareRoot() + 3.1291
        case .colemanLiau:
            return 0.0588 * (100 * Double(counts.letters) / words) - 0.296 * (100 * sentences / words) - 15.8
        case .ari:
            return 4.71 * Double(counts.characters) / words + 0.5 * wordsPerSentence - 21.43
        case .daleChall:
            let difficultShare = 100 * Double(counts.difficultWords) / words
            return 0.1579 * difficultShare + 0.0496 * wordsPerSentence + (difficultShare > 5 ? 3.6365 : 0)
        case .lix:
            return wordsPerSentence + 100 * Double(counts.longWords) / words
        }
    }

    /// Every metric's score, in declaration order.
    public static func scores(_ counts: TextCounts) -> [(metric: ReadabilityMetric, score: Double?)] {
        allCases.map { ($0, $0.score(counts)) }
    }
}
