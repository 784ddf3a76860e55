/// Syllable counting: the CMUdict-derived table first, rules for the words it does not know.
///
/// Works on a word's UTF-8 bytes. Letters are lowercased and accents dropped (`café` looks up
/// `cafe`); curly apostrophes count as straight ones; hyphenated words count part by part
/// (`well-known` = `well` + `known`); a possessive the table lacks counts as its stem plus the
/// `-es` sound after a sibilant; dotted abbreviations are spelled out (`U.S.` = 2).
public enum Syllables {
    /// How a word's count was found, for `galley metrics --words`.
    public enum Source: String, Sendable {
        case dictionary, rules, number
        /// A hyphenation dictionary's points (languages other than English, `LanguageSyllables`).
        case hyphenation
    }

    public static func count(_ word: String) -> Int {
        counted(word).syllables
    }

    /// The count and where it came from.
    public static func counted(_ word: String) -> (syllables: Int, source: Source) {
        var copy = word
        return copy.withUTF8 { bytes in
            var found = Source.dictionary
            let syllables = count(bytes, found: &found)
            return (syllables, found)
        }
    }

    /// Syllables of the word in `bytes` (a word token's range), and where the count came from.
    public static func count(_ bytes: UnsafeBufferPointer<UInt8>, found: inout Source) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { key in
            var length = 0
            var parts = 0
            var total = 0
            var letters = 0
            var dots = 0
            var usedRules = false
            var sawDigit = false
            var index = 0
            func finishPart() {
                guard length > 0 else { return }
                var partSource = Source.dictionary
                total += countPart(UnsafeBufferPointer(rebasing: key[0..<length]), found: &partSource)
                if partSource == .rules { usedRules = true }
                parts += 1
                length = 0
            }
            while index < bytes.count {
                let (scalar, size) = WordTokenizer.decode(bytes, at: index)
                index += size
                switch scalar {
                case "A"..."Z", "a"..."z":
                    key[length] = UInt8(scalar.value) | 0x20
                    length += 1
                    letters += 1
                case "'", "\u{2019}":
                    key[length] = UInt8(ascii: "'")
                    length += 1
                case "-", "\u{2010}", "\u{2011}":
                    finishPart()
                case ".":
                    dots += 1
                case "0"..."9":
                    sawDigit = true
                default:
                    if let base = asciiBase(scalar) {
                        key[length] = base
                        length += 1
                        letters += 1
                    }
                }
            }
            if dots > 0, letters > 0 {
                found = .dictionary
                return abbreviationSyllables(UnsafeBufferPointer(rebasing: key[0..<length]))
            }
            finishPart()
            if parts == 0 {
                found = sawDigit ? .number : .rules
                return 1
            }
            found = usedRules ? .rules : .dictionary
            return max(1, total)
        }
    }

    /// Whether the table knows the word (lowercase ASCII), for coverage figures.
    public static func isInDictionary(_ word: String) -> Bool {
        var copy = word
        return copy.withUTF8 { lookUp($0) != nil }
    }

    /// The rules' count alone, for accuracy figures (`galley-syllables`).
    public static func ruleCount(_ word: String) -> Int {
        var copy = word.lowercased()
        return copy.withUTF8 { bytes in
            let letters = bytes.filter { $0 >= 0x61 && $0 <= 0x7A }
            return letters.withUnsafeBufferPointer { SyllableRules.count($0) }
        }
    }

    private static func countPart(_ key: UnsafeBufferPointer<UInt8>, found: inout Source) -> Int {
        if let known = lookUp(key) { return known }
        // A possessive or elided form the table lacks: the stem, plus /ɪz/ after a sibilant.
        var stem = key.count
        while stem > 0, key[stem - 1] == UInt8(ascii: "'") { stem -= 1 }
        let apostropheS = stem >= 2 && key[stem - 1] == UInt8(ascii: "s") && key[stem - 2] == UInt8(ascii: "'")
        if apostropheS { stem -= 2 }
        if stem < key.count, stem > 0 {
            let base = UnsafeBufferPointer(rebasing: key[0..<stem])
            let baseCount = lookUp(base) ?? rules(base, found: &found)
            return baseCount + (apostropheS && endsInSibilant(base) ? 1 : 0)
        }
        return rules(key, found: &found)
    }

    private static func rules(_ key: UnsafeBufferPointer<UInt8>, found: inout Source) -> Int {
        found = .rules
        let letters = key.filter { $0 != UInt8(ascii: "'") }
        return letters.withUnsafeBufferPointer { SyllableRules.count($0) }
    }

    private static func lookUp(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let value = table.value(of: key), let count = value else { return nil }
        return Int(count) - 48
    }

    /// CMUdict's counts, searched in place (see `WordTable`).
    static let table = WordTable(records: SyllableTable.records)

    private static func endsInSibilant(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = word.last else { return false }
        switch last {
        case UInt8(ascii: "s"), UInt8(ascii: "x"), UInt8(ascii: "z"): return true
        case UInt8(ascii: "h"): return word.count >= 2 && (word[word.count - 2] == UInt8(ascii: "c") || word[word.count - 2] == UInt8(ascii: "s"))
        case UInt8(ascii: "e"): return word.count >= 2 && [UInt8(ascii: "c"), UInt8(ascii: "g"), UInt8(ascii: "s"), UInt8(ascii: "z")].contains(word[word.count - 2])
        default: return false
        }
    }

    /// Letters read one by one: U.S. = "you ess", a.m. = "ay em"; W is "double-u".
    private static func abbreviationSyllables(_ letters: UnsafeBufferPointer<UInt8>) -> Int {
        letters.reduce(0) { sum, letter in letter == UInt8(ascii: "'") ? sum : sum + (letter == UInt8(ascii: "w") ? 3 : 1) }
    }

    /// The unaccented ASCII letter of a Latin letter with a diacritic (é → e), lowercased.
    static func asciiBase(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0xC0...0xC5, 0xE0...0xE5: return UInt8(ascii: "a")
        case 0xC7, 0xE7: return UInt8(ascii: "c")
        case 0xC8...0xCB, 0xE8...0xEB: return UInt8(ascii: "e")
        case 0xCC...0xCF, 0xEC...0xEF: return UInt8(ascii: "i")
        case 0xD1, 0xF1: return UInt8(ascii: "n")
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8: return UInt8(ascii: "o")
        case 0xD9...0xDC, 0xF9...0xFC: return UInt8(ascii: "u")
        case 0xDD, 0xFD, 0xFF: return UInt8(ascii: "y")
        default: return nil
        }
    }
}
