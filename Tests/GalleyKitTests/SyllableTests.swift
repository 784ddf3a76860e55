import Testing
@testable import GalleyKit

/// Syllable counting: the dictionary, the rules for words it lacks, and the word shapes around them.
@Suite struct SyllableTests {
    static let dictionaryWords: [(String, Int)] = [
        ("a", 1), ("the", 1), ("intimacy", 4), ("emotional", 4), ("vulnerability", 6), ("relationships", 4),
        ("readability", 5), ("fire", 2), ("every", 3), ("business", 2), ("don't", 1), ("zucchini", 3),
    ]

    @Test(arguments: dictionaryWords.indices)
    func dictionary(index: Int) {
        let (word, expected) = Self.dictionaryWords[index]
        let counted = Syllables.counted(word)
        #expect(counted.syllables == expected, "\(word)")
        #expect(counted.source == .dictionary, "\(word)")
    }

    /// Invented or rare words only the rules can count.
    static let ruleWords: [(String, Int)] = [
        ("blorp", 1), ("snaffle", 2), ("glimmerous", 3), ("frobnicated", 4), ("zorbing", 2), ("plinkified", 3),
        ("flimation", 3), ("trandlement", 3), ("mcflurg", 2), ("grubbiest", 3),
    ]

    @Test(arguments: ruleWords.indices)
    func rules(index: Int) {
        let (word, expected) = Self.ruleWords[index]
        let counted = Syllables.counted(word)
        #expect(counted.source == .rules, "\(word) should not be in the dictionary")
        #expect(counted.syllables == expected, "\(word)")
    }

    /// Spellings the fallback rules correct for, tried without the dictionary.
    static let ruleCorrections: [(String, Int)] = [
        ("make", 1), ("table", 2), ("tables", 2), ("wanted", 2), ("jumped", 1), ("boxes", 2), ("makes", 1),
        ("hopeful", 2), ("baseball", 2), ("piano", 3), ("nation", 2), ("social", 2), ("video", 3), ("usual", 3),
        ("being", 2), ("mosque", 1), ("tongue", 1), ("happiest", 3), ("criticism", 4), ("basically", 3), ("yes", 1), ("player", 2),
    ]

    @Test(arguments: ruleCorrections.indices)
    func ruleCorrection(index: Int) {
        let (word, expected) = Self.ruleCorrections[index]
        #expect(Syllables.ruleCount(word) == expected, "\(word)")
    }

    static let shapes: [(String, Int)] = [
        ("Intimacy", 4),            // case does not matter
        ("well-known", 2),          // hyphenated: part by part
        ("don\u{2019}t", 1),        // curly apostrophe
        ("Galley's", 2),            // possessive of a word the table lacks... or has
        ("boss's", 2),              // possessive after a sibilant
        ("café", 2),                // accents dropped
        ("U.S.", 2), ("e.g.", 2),   // dotted abbreviations spelled out
        ("W.H.O.", 5),
    ]

    @Test(arguments: shapes.indices)
    func wordShapes(index: Int) {
        let (word, expected) = Self.shapes[index]
        #expect(Syllables.count(word) == expected, "\(word)")
    }

    @Test func everyCountIsAtLeastOne() {
        for word in ["x", "hmm", "nth", "rhythm", "日本", "ß"] {
            #expect(Syllables.count(word) >= 1, "\(word)")
        }
    }

    /// Every record of both generated tables is found again through the hash index.
    @Test func everyTableRecordIsFound() {
        for table in [Syllables.table, FamiliarWords.table] {
            let words = table.words
            #expect(words.count == table.count)
            #expect(words.count > 2000)
            let missing = words.filter { word in
                var copy = word
                return !copy.withUTF8 { table.contains($0) }
            }
            #expect(missing.isEmpty, "\(missing.prefix(5))")
        }
        #expect(Syllables.isInDictionary("aardvark"))
        #expect(Syllables.isInDictionary("zywicki"))
        #expect(!Syllables.isInDictionary("blorp"))
        #expect(!Syllables.isInDictionary("aardvar"))
    }
}
