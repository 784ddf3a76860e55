/// Syllables of words in languages other than English, where Galley has no pronunciation
/// dictionary.
///
/// - German, Spanish, French, Italian, Dutch, Portuguese: hyphenation points + 1, from the
///   LibreOffice hyphenation dictionary of the language (Debian's `hyphen-*` packages), at least
///   two letters from either end: the count Pyphen gives, so the count textstat uses
///   (`HyphenationPatterns`). Without the dictionary, vowel groups.
/// - Russian, Ukrainian, Belarusian: one syllable per vowel letter, which their spelling makes exact.
/// - Other alphabetic scripts: groups of vowel letters; Chinese, Japanese and Korean: one per
///   character (a Han character, a kana, a Hangul block is a syllable or a mora).
///
/// Hyphens and dots split a word into parts counted one by one; an apostrophe joins the letters
/// around it, as the elision it marks does (`qu'ils` counts as `quils`); a part without a vowel
/// counts nothing, a word at least one.
enum LanguageSyllables {
    static func count(_ word: UnsafeBufferPointer<UInt8>, profile: LanguageProfile, region: String) -> (syllables: Int, source: Syllables.Source) {
        let lowered = String(decoding: word, as: UTF8.self).lowercased()
        var total = 0
        var usedHyphenation = false
        var part = ""
        func finishPart() {
            guard !part.isEmpty else { return }
            defer { part = "" }
            let vowels = vowelCount(part, method: profile.syllables)
            guard vowels > 0 else { return }
            if case .hyphenation(let dictionaries) = profile.syllables,
               let patterns = HyphenationDictionaries.patterns(language: profile.code, region: region, preferred: dictionaries) {
                usedHyphenation = true
                total += patterns.pointCount(part) + 1
            } else {
                total += vowels
            }
        }
        for scalar in lowered.unicodeScalars {
            switch scalar {
            case "-", "\u{2010}", "\u{2011}", ".":
                finishPart()
            case "'", "\u{2019}":
                // An elision joins the syllables around it: qu'ils is one, dell'anno three.
                continue
            default:
                if WordTokenizer.isWordCharacter(scalar) { part.unicodeScalars.append(scalar) }
            }
        }
        finishPart()
        return (max(1, total), usedHyphenation ? .hyphenation : .rules)
    }

    /// Syllables by vowels alone: vowel letters or groups of them (per `method`), and one per
    /// Han, kana or Hangul character.
    static func vowelCount(_ part: String, method: LanguageProfile.SyllableMethod) -> Int {
        var count = 0
        var inGroup = false
        for scalar in part.unicodeScalars {
            let value = scalar.value
            if isSyllabicCharacter(value) {
                count += 1
                inGroup = false
                continue
            }
            guard isVowel(value) else {
                inGroup = false
                continue
            }
            if method == .vowelLetters || !inGroup { count += 1 }
            inGroup = true
        }
        return count
    }

    /// Han, kana and Hangul syllable blocks: each is a syllable (or a mora) of its own.
    private static func isSyllabicCharacter(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0x20000...0x3FFFF).contains(value)
    }

    /// Lowercase vowel letters of the Latin, Greek and Cyrillic alphabets.
    private static func isVowel(_ value: UInt32) -> Bool {
        switch value {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true  // a e i o u y
        case 0xE0...0xE6, 0xE8...0xEF, 0xF2...0xF6, 0xF8...0xFC, 0xFD, 0xFF: return true  // à–æ, è–ï, ò–ö, ø–ü, ý, ÿ
        case 0x101, 0x103, 0x105, 0x113, 0x115, 0x117, 0x119, 0x11B, 0x129, 0x12B, 0x12D, 0x12F, 0x131,
             0x14D, 0x14F, 0x151, 0x153, 0x169, 0x16B, 0x16D, 0x16F, 0x171, 0x173, 0x177:
            return true  // Latin Extended-A vowels (ā ă ą ē ė ę ě ī į ı ō ő œ ū ů ű ų ŷ...)
        case 0x1EA1...0x1EF9: return true  // Vietnamese vowels with tone marks
        case 0x3AC...0x3AF, 0x3B1, 0x3B5, 0x3B7, 0x3B9, 0x3BF, 0x3C5, 0x3C9, 0x3CA...0x3CE, 0x390, 0x3B0:
            return true  // Greek α ε η ι ο υ ω with and without accents
        case 0x430, 0x435, 0x438, 0x43E, 0x443, 0x44B, 0x44D, 0x44E, 0x44F, 0x451, 0x454, 0x456, 0x457:
            return true  // Cyrillic а е и о у ы э ю я ё є і ї
        default: return false
        }
    }
}
