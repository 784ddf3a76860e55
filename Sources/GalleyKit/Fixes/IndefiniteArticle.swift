/// "a" or "an" before a word, by how the word begins to sound: enough for a fix to keep the
/// article before the words it changes right ("an additional" → "a more", "a very old" →
/// "an old"), and to say when it cannot tell (numbers, abbreviations), so the article is then
/// left as it is.
enum IndefiniteArticle {
    /// Vowel letters sounding as consonants ("a user", "a one-off", "a European").
    private static let consonantSounds = ["one", "once", "use", "usu", "usa", "uti", "ura", "ure", "uri", "uro", "euro", "eu", "ewe",
                                          "unic", "unif", "unio", "uniq", "unit", "univ", "unan", "ubiq", "uk", "ufo"]
    /// Consonant letters sounding as vowels ("an hour", "an honest").
    private static let vowelSounds = ["hour", "honest", "honor", "honour", "heir"]

    /// Whether the word wants "an"; nil when its first sound cannot be told from its spelling.
    static func wantsAn(_ word: some StringProtocol) -> Bool? {
        let letters = word.prefix { $0.isLetter || $0 == "-" || $0 == "'" }
        guard let first = letters.first, first.isLetter, first.isASCII else { return nil }
        // An abbreviation is read letter by letter ("an FAQ", "a URL"): not told here. Longer
        // words in capitals are words ("AN ADDITIONAL").
        if (2...4).contains(letters.count), letters.filter(\.isLetter).allSatisfy(\.isUppercase) { return nil }
        let lower = letters.lowercased()
        if vowelSounds.contains(where: lower.hasPrefix) { return true }
        if consonantSounds.contains(where: lower.hasPrefix) { return false }
        return "aeiou".contains(lower.first!)
    }

    /// The article `article` ("a", "An", "AN"...) made to agree with `wantsAn`, in its case.
    static func agreeing(_ article: String, wantsAn: Bool) -> String {
        let isAn = article.lowercased() == "an"
        guard isAn != wantsAn else { return article }
        if wantsAn { return article == "A" ? "An" : article == "a" ? "an" : "AN" }
        return article.first == "a" ? "a" : "A"
    }
}
