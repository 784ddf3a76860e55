/// The readability formulas, with the constants their authors published: the English ones, and
/// the adaptations published for other languages (`LanguageProfile` says which apply to which).
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

    // German
    /// Amstad (1978), Flesch for German: 180 − W/S − 58.5 Y/W.
    case fleschAmstad = "flesch-amstad"
    /// Bamberger & Vanecek (1984), the first Wiener Sachtextformel, a school grade (4–15):
    /// 0.1935 MS + 0.1672 W/S + 0.1297 IW − 0.0327 ES − 0.875, with MS the percentage of words
    /// of three or more syllables, IW of words of more than six letters, ES of one-syllable words.
    case wienerSachtextformel = "wiener-sachtextformel"
    // Spanish
    /// Fernández Huerta (1959), as corrected in use: 206.84 − 0.60 P − 1.02 W/S, P syllables per 100 words.
    case fernandezHuerta = "fernandez-huerta"
    /// Szigriszt Pazos (1993), perspicuity: 206.835 − 62.3 Y/W − W/S.
    case szigrisztPazos = "szigriszt-pazos"
    /// Gutiérrez de Polini (1972), comprehensibility: 95.2 − 9.7 L/W − 0.35 W/S, L letters.
    case gutierrezPolini = "gutierrez-polini"
    /// Crawford (1984), years of schooling: 0.049 P − 0.205 F − 3.407, P syllables and F
    /// sentences per 100 words.
    case crawford
    // French
    /// Kandel & Moles (1958), Flesch for French: 207 − 1.015 W/S − 73.6 Y/W.
    case kandelMoles = "kandel-moles"
    // Italian
    /// Lucisano & Piemontese (1988), Gulpease: 89 + (300 S − 10 L)/W, L letters; 0–100.
    case gulpease
    /// Franchina & Vacca (1986), Flesch for Italian: 217 − 1.3 W/S − 0.6 P, P syllables per 100 words.
    case fleschVacca = "flesch-vacca"
    // Dutch
    /// Douma (1960), Flesch for Dutch: 206.835 − 0.93 W/S − 77 Y/W.
    case fleschDouma = "flesch-douma"
    // Portuguese
    /// Martins et al. (1996), Flesch for Portuguese: 248.835 − 1.015 W/S − 84.6 Y/W.
    case fleschMartins = "flesch-martins"
    // Russian
    /// Oborneva (2006), Flesch for Russian: 206.835 − 1.3 W/S − 60.1 Y/W.
    case oborneva

    /// Whether a higher score means easier text (the reading-ease scales).
    public var higherIsEasier: Bool {
        switch self {
        case .fleschReadingEase, .fleschAmstad, .fernandezHuerta, .szigrisztPazos, .gutierrezPolini, .kandelMoles, .gulpease,
             .fleschVacca, .fleschDouma, .fleschMartins, .oborneva:
            return true
        default:
            return false
        }
    }

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
        case .fleschAmstad:
            return 180 - wordsPerSentence - 58.5 * syllablesPerWord
        case .wienerSachtextformel:
            let polysyllables = 100 * Double(counts.polysyllables) / words
            let longWords = 100 * Double(counts.longWords) / words
            let monosyllables = 100 * Double(counts.monosyllables) / words
            return 0.1935 * polysyllables + 0.1672 * wordsPerSentence + 0.1297 * longWords - 0.0327 * monosyllables - 0.875
        case .fernandezHuerta:
            return 206.84 - 60 * syllablesPerWord - 1.02 * wordsPerSentence
        case .szigrisztPazos:
            return 206.835 - 62.3 * syllablesPerWord - wordsPerSentence
        case .gutierrezPolini:
            return 95.2 - 9.7 * Double(counts.letters) / words - 0.35 * wordsPerSentence
        case .crawford:
            return 0.049 * 100 * syllablesPerWord - 0.205 * 100 * sentences / words - 3.407
        case .kandelMoles:
            return 207 - 1.015 * wordsPerSentence - 73.6 * syllablesPerWord
        case .gulpease:
            return 89 + (300 * sentences - 10 * Double(counts.letters)) / words
        case .fleschVacca:
            return 217 - 1.3 * wordsPerSentence - 60 * syllablesPerWord
        case .fleschDouma:
            return 206.835 - 0.93 * wordsPerSentence - 77 * syllablesPerWord
        case .fleschMartins:
            return 248.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord
        case .oborneva:
            return 206.835 - 1.3 * wordsPerSentence - 60.1 * syllablesPerWord
        }
    }

    /// The scores of the metrics `profile` has, in its order (English: every English metric).
    public static func scores(_ counts: TextCounts, for profile: LanguageProfile = .english) -> [(metric: ReadabilityMetric, score: Double?)] {
        profile.metrics.map { ($0, $0.score(counts)) }
    }
}
