import Foundation
import Testing
@testable import GalleyKit

/// Galley's counts and scores in German, Spanish, French, Italian, Dutch, Portuguese and Russian
/// against textstat 0.7.13's language modes, from the fixture Scripts/textstat-parity writes.
@Suite struct LanguageParityTests {
    static let fixture: JSONValue = {
        let text = try! String(contentsOfFile: TestSupport.fixturePath("readability/parity/languages/textstat.json"), encoding: .utf8)
        return try! JSONValue.parse(text)
    }()

    static let languages = ["de", "es", "fr", "it", "nl", "pt", "ru"]

    /// Each line of a text is one paragraph; the front matter declares the language.
    static func prose(_ language: String) throws -> ProseAnalysis {
        let text = try String(contentsOfFile: TestSupport.fixturePath("readability/parity/languages/\(language).txt"), encoding: .utf8)
        let markdown = "---\nlang: \(language)\n---\n" + text.split(separator: "\n").joined(separator: "\n\n") + "\n"
        return ProseAnalysis(TestSupport.document(markdown))
    }

    static func number(_ value: JSONValue?) -> Double? {
        if case .number(let number)? = value { return number }
        return nil
    }

    static func tolerance(_ key: String) -> Double? { number(fixture["tolerances"]?[key]?["tolerance"]) }

    @Test(arguments: languages)
    func countsAndScores(language: String) throws {
        let textstat = try #require(Self.fixture["texts"]?[language]?["textstat"])
        let prose = try Self.prose(language)
        #expect(prose.language.language == language)
        let counts = prose.documentCounts
        let note = Self.fixture["texts"]?[language]?["note"]?.string ?? ""
        #expect(abs(Double(counts.words) - (Self.number(textstat["words"]) ?? .nan)) <= (Self.tolerance("words") ?? 0) * Double(counts.words))
        #expect(Double(counts.sentences) == Self.number(textstat["sentences"]), "\(language) sentences")
        let theirSyllables = try #require(Self.number(textstat["syllables"]))
        if note.contains("deliberately different syllables") {
            #expect(Double(counts.syllables) > theirSyllables, "\(language): Galley counts the syllables hyphenation misses")
        } else {
            #expect(abs(Double(counts.syllables) - theirSyllables) <= (Self.tolerance("syllables") ?? 0) * theirSyllables,
                    "\(language) syllables: Galley \(counts.syllables), textstat \(theirSyllables)")
        }
        for metric in prose.profile.metrics {
            guard let theirs = Self.number(textstat[metric.rawValue]) else { continue }
            let ours = try #require(metric.score(counts))
            if metric == prose.profile.readingEase {
                guard !note.contains("deliberately different syllables") else { continue }
                #expect(abs(ours - theirs) <= Self.tolerance("reading-ease") ?? 0, "\(language) \(metric.rawValue): Galley \(ours), textstat \(theirs)")
            } else {
                let limit = try #require(Self.tolerance(metric.rawValue), "\(metric.rawValue) needs a tolerance in the fixture")
                #expect(abs(ours - theirs) <= limit, "\(language) \(metric.rawValue): Galley \(ours), textstat \(theirs)")
            }
        }
    }

    /// Every language's reading ease is textstat's, within 0.01, from textstat's own counts: the
    /// same published constants (Portuguese: Martins' 42 points above English Flesch).
    @Test(arguments: languages)
    func readingEaseFormulaOnTheSameCounts(language: String) throws {
        let textstat = try #require(Self.fixture["texts"]?[language]?["textstat"])
        let profile = LanguageProfile.of(try #require(LanguageTag(language)))
        let metric = try #require(profile.readingEase)
        #expect(Self.fixture["reading-ease"]?[language]?.string == metric.rawValue)
        var counts = TextCounts()
        counts.words = Int(try #require(Self.number(textstat["words"])))
        counts.sentences = Int(try #require(Self.number(textstat["sentences"])))
        counts.syllables = Int(try #require(Self.number(textstat["syllables"])))
        let ours = try #require(metric.score(counts))
        #expect(abs(ours - (Self.number(textstat[metric.rawValue]) ?? .nan)) < 0.01, "\(language) \(metric.rawValue)")
    }

    /// Russian counts a syllable per vowel letter: информация has five.
    @Test func russianSyllablesAreVowels() {
        let profile = LanguageProfile.of(LanguageTag("ru")!)
        var word = "информация"
        let count = word.withUTF8 { LanguageSyllables.count($0, profile: profile, region: "") }
        #expect(count.syllables == 5)
    }

    /// Hyphenation points come from the dictionaries the way Pyphen finds them.
    @Test(arguments: [("de", "Verantwortung", 4), ("de", "Abend", 1), ("es", "información", 4), ("it", "collaborazione", 6),
                      ("fr", "qu'ils", 1), ("nl", "lettergrepen", 4), ("pt", "companheiro", 4)])
    func hyphenationSyllables(language: String, word: String, expected: Int) {
        let profile = LanguageProfile.of(LanguageTag(language)!)
        var copy = word
        let count = copy.withUTF8 { LanguageSyllables.count($0, profile: profile, region: "") }
        #expect(count.syllables == expected, "\(word)")
        #expect(count.source == .hyphenation, "\(word): is hyphen-\(language) installed (Scripts/install-deps)?")
    }
}

/// `make install` and release tarballs ship the dictionaries the languages read first.
@Suite struct ShippedDictionaryTests {
    @Test func makefileShipsEveryLanguagesDictionary() throws {
        let makefile = try String(contentsOfFile: TestSupport.packageRoot.appendingPathComponent("Makefile").path, encoding: .utf8)
        let line = try #require(makefile.split(separator: "\n").first { $0.hasPrefix("HYPHEN_DICTIONARIES = ") })
        let listed = line.dropFirst("HYPHEN_DICTIONARIES = ".count).split(separator: " ").map(String.init).sorted()
        #expect(listed == HyphenationDictionaries.shipped)
    }
}
