/// What Galley knows of a language for counting and scoring prose: how to count its syllables,
/// which published readability formulas exist for it, and whether the English-only checks
/// (passive voice, transition words, Dale-Chall familiar words) mean anything in it.
///
/// A language without a formula has none here: its articles are "not applicable" for every
/// score, never given an English number.
public struct LanguageProfile: Sendable, Hashable {
    public enum SyllableMethod: Sendable, Hashable {
        /// English: CMUdict's pronunciations, then rules (`Syllables`).
        case pronunciation
        /// Hyphenation points + 1, from the first of these LibreOffice dictionaries found, as
        /// Pyphen (and so textstat) counts; vowel groups when none is installed.
        case hyphenation(dictionaries: [String])
        /// One syllable per vowel letter: exact for Russian, Ukrainian and Belarusian spelling.
        case vowelLetters
        /// Groups of vowel letters: a fallback for alphabetic scripts without a dictionary.
        case vowelGroups
    }

    /// The primary language subtag: `de`.
    public let code: String
    public let name: String
    let syllables: SyllableMethod
    /// The formulas published for the language, in the order `galley metrics` prints them.
    public let metrics: [ReadabilityMetric]
    /// The language's Flesch-style reading ease (higher is easier, about 0 to 100), if any.
    public let readingEase: ReadabilityMetric?
    /// A score in school years or grades, if the language has one.
    public let grade: ReadabilityMetric?

    public var isEnglish: Bool { code == "en" }

    /// Mixed into word keys of the shared word-facts cache: a spelling means different
    /// syllables in different languages ("die" in English and German). Zero for English.
    var cacheSalt: UInt64 {
        isEnglish ? 0 : FNV1a.hash(Array(code.utf8)) & ~1
    }

    public static func of(_ tag: LanguageTag) -> LanguageProfile {
        known[tag.language] ?? LanguageProfile(code: tag.language, name: tag.language, syllables: defaultSyllables(tag),
                                               metrics: nordic.contains(tag.language) ? [.lix] : [], readingEase: nil, grade: nil)
    }

    public static let english = of(.english)

    /// Björnsson designed LIX for Swedish and measured it on the Nordic languages too.
    private static let nordic: Set<String> = ["sv", "da", "nb", "nn", "no", "fi", "is"]

    private static func defaultSyllables(_ tag: LanguageTag) -> SyllableMethod {
        ["uk", "be"].contains(tag.language) ? .vowelLetters : .vowelGroups
    }

    static let known: [String: LanguageProfile] = {
        let profiles = [
            LanguageProfile(code: "en", name: "English", syllables: .pronunciation,
                            metrics: [.fleschReadingEase, .fleschKincaidGrade, .gunningFog, .smog, .colemanLiau, .ari, .daleChall, .lix],
                            readingEase: .fleschReadingEase, grade: .fleschKincaidGrade),
            LanguageProfile(code: "de", name: "German", syllables: .hyphenation(dictionaries: ["hyph_de_DE.dic", "hyph_de_AT.dic", "hyph_de_CH.dic"]),
                            metrics: [.fleschAmstad, .wienerSachtextformel, .lix], readingEase: .fleschAmstad, grade: .wienerSachtextformel),
            LanguageProfile(code: "es", name: "Spanish", syllables: .hyphenation(dictionaries: ["hyph_es_ES.dic", "hyph_es.dic"]),
                            metrics: [.fernandezHuerta, .szigrisztPazos, .gutierrezPolini, .crawford, .lix],
                            readingEase: .fernandezHuerta, grade: .crawford),
            LanguageProfile(code: "fr", name: "French", syllables: .hyphenation(dictionaries: ["hyph_fr.dic", "hyph_fr_FR.dic"]),
                            metrics: [.kandelMoles, .lix], readingEase: .kandelMoles, grade: nil),
            LanguageProfile(code: "it", name: "Italian", syllables: .hyphenation(dictionaries: ["hyph_it_IT.dic", "hyph_it.dic"]),
                            metrics: [.fleschVacca, .gulpease, .lix], readingEase: .fleschVacca, grade: nil),
            LanguageProfile(code: "nl", name: "Dutch", syllables: .hyphenation(dictionaries: ["hyph_nl_NL.dic", "hyph_nl.dic"]),
                            metrics: [.fleschDouma, .lix], readingEase: .fleschDouma, grade: nil),
            // Pyphen's "pt" is the Brazilian dictionary too; Debian's European one has a few dozen patterns.
            LanguageProfile(code: "pt", name: "Portuguese", syllables: .hyphenation(dictionaries: ["hyph_pt_BR.dic", "hyph_pt_PT.dic"]),
                            metrics: [.fleschMartins, .lix], readingEase: .fleschMartins, grade: nil),
            LanguageProfile(code: "ru", name: "Russian", syllables: .vowelLetters,
                            metrics: [.oborneva, .lix], readingEase: .oborneva, grade: nil),
        ]
        return Dictionary(uniqueKeysWithValues: profiles.map { ($0.code, $0) })
    }()
}
