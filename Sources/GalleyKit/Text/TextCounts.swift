/// The counts behind every readability formula, for any stretch of prose. Counts add up, so a
/// section's counts are the sum of its blocks'.
public struct TextCounts: Sendable, Hashable {
    public var words = 0
    public var sentences = 0
    public var syllables = 0
    /// Letters in words (Coleman-Liau).
    public var letters = 0
    /// Letters and digits in words (automated readability index).
    public var characters = 0
    /// Words of three or more syllables (SMOG, Wiener Sachtextformel).
    public var polysyllables = 0
    /// Words of one syllable (Wiener Sachtextformel).
    public var monosyllables = 0
    /// Gunning's complex words: three or more syllables, not a proper name, not a hyphenated
    /// compound, not three syllables only because of -es, -ed or -ing (Gunning fog).
    public var complexWords = 0
    /// Words of more than six letters (LIX).
    public var longWords = 0
    /// Words not on the Dale-Chall list of familiar words, nor inflections of them (Dale-Chall).
    public var difficultWords = 0

    public init() {}

    public static func + (lhs: TextCounts, rhs: TextCounts) -> TextCounts {
        var sum = lhs
        sum += rhs
        return sum
    }

    public static func += (lhs: inout TextCounts, rhs: TextCounts) {
        lhs.words += rhs.words
        lhs.sentences += rhs.sentences
        lhs.syllables += rhs.syllables
        lhs.letters += rhs.letters
        lhs.characters += rhs.characters
        lhs.polysyllables += rhs.polysyllables
        lhs.monosyllables += rhs.monosyllables
        lhs.complexWords += rhs.complexWords
        lhs.longWords += rhs.longWords
        lhs.difficultWords += rhs.difficultWords
    }

    /// The counts as name-value pairs, in the order `galley metrics` prints them.
    public var fields: [(name: String, value: Int)] { fields(for: .english) }

    /// The counts that mean something in `profile`'s language: complex and difficult words are
    /// English notions (Gunning's and Dale-Chall's), one-syllable words only the Wiener
    /// Sachtextformel uses.
    public func fields(for profile: LanguageProfile) -> [(name: String, value: Int)] {
        if profile.isEnglish {
            return [("words", words), ("sentences", sentences), ("syllables", syllables), ("letters", letters),
                    ("characters", characters), ("polysyllables", polysyllables), ("complex-words", complexWords),
                    ("long-words", longWords), ("difficult-words", difficultWords)]
        }
        return [("words", words), ("sentences", sentences), ("syllables", syllables), ("letters", letters),
                ("characters", characters), ("polysyllables", polysyllables), ("monosyllables", monosyllables),
                ("long-words", longWords)]
    }
}
