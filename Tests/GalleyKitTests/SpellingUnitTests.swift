import Hunspell
import Testing
@testable import GalleyKit

/// The pieces of the spelling check on their own: the Hunspell wrapper, what is not prose,
/// and how terms match.
@Suite struct SpellingUnitTests {
    // MARK: Hunspell

    static func enUS() throws -> HunspellDictionary {
        let files = try DictionaryLocator.locate("en_US", relativeTo: ".").get()
        return try HunspellDictionary(affixPath: files.affixPath, dictionaryPath: files.wordsPath)
    }

    @Test func hunspellChecksAndSuggests() throws {
        let dictionary = try Self.enUS()
        #expect(dictionary.encoding == "UTF-8")
        #expect(dictionary.check("receive"))
        #expect(dictionary.check("Receive"))
        #expect(dictionary.check("RECEIVE"))
        #expect(!dictionary.check("recieve"))
        #expect(dictionary.check("don’t"))
        #expect(!dictionary.check(""))
        #expect(!dictionary.check(String(repeating: "a", count: 1_000)))
        #expect(!dictionary.check("a\u{0}b"))
        #expect(dictionary.suggestions(for: "recieve").first == "receive")
        #expect(dictionary.suggestions(for: "").isEmpty)
        dictionary.add("zorblax")
        #expect(dictionary.check("zorblax"))
        #expect(dictionary.check("Zorblax"))
    }

    @Test func hunspellRefusesFilesItCannotRead() throws {
        #expect(throws: HunspellDictionary.LoadError.self) {
            _ = try HunspellDictionary(affixPath: "/nonexistent.aff", dictionaryPath: "/nonexistent.dic")
        }
        let dictionary = try Self.enUS()
        #expect(throws: HunspellDictionary.LoadError.self) { try dictionary.addWords(fromDictionary: "/nonexistent.dic") }
        try dictionary.addWords(fromDictionary: TestSupport.fixturePath("spelling/dictionaries/team.dic"))
        #expect(dictionary.check("frobnicate"))
    }

    @Test func encodingsAreKnownOrRefused() {
        #expect(HunspellEncoding.isSupported("UTF-8"))
        #expect(HunspellEncoding.isSupported("ISO8859-1"))
        #expect(HunspellEncoding.isSupported("microsoft-cp1251"))
        #expect(!HunspellEncoding.isSupported("NO-SUCH-ENCODING"))
        #expect(HunspellEncoding.decode([0x4D, 0xFC, 0x73, 0x6C, 0x69], from: "ISO8859-1") == "Müsli")
    }

    // MARK: Not prose

    static func spans(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            NonProse.templateSpans(in: buffer).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    @Test func templateSpansAreBalancedAndBounded() {
        #expect(Self.spans("a {{ b }} c {% d %} e {# f #} g ${h} i {j {k} l}") == ["{{ b }}", "{% d %}", "{# f #}", "{h}", "{j {k} l}"])
        #expect(Self.spans("<% erb %> and {{< hugo >}} and {{% md %}}") == ["<% erb %>", "{{< hugo >}}", "{{% md %}}"])
        #expect(Self.spans("a stray { brace and a } close") == ["{ brace and a }"])
        #expect(Self.spans("never { closed") == [])
        #expect(Self.spans("} { } }") == ["{ }"])
        #expect(Self.spans("<% never closed") == [])
        #expect(Self.spans(String(repeating: "{", count: 100_000) + "x" + String(repeating: "}", count: 100_000)).count == 1)
    }

    static func identifierOrAcronym(_ word: String, _ length: Int = 5) -> Bool {
        var copy = word
        return copy.withUTF8 { NonProse.isIdentifierOrAcronym($0, acronymLength: length) }
    }

    @Test func identifiersAndAcronymsByShape() {
        for word in ["camelCase", "iPhone", "GitHub", "JavaScript", "SQLite", "HTTPie", "NASA", "HTTPS", "APIs", "URLs", "x", "I"] {
            #expect(Self.identifierOrAcronym(word), "\(word)")
        }
        for word in ["Receive", "receive", "RECEIVES", "THe", "HEllo", "IDss", "Émile"] {
            #expect(!Self.identifierOrAcronym(word), "\(word)")
        }
        #expect(!Self.identifierOrAcronym("NASA", 3))
        #expect(Self.identifierOrAcronym("ÉTÉ"))
    }

    @Test func hyphenPartsOfAWord() {
        func parts(_ word: String) -> [String] {
            let bytes = Array(word.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                SpellingPolicy.hyphenParts(buffer, 0..<buffer.count).map { String(decoding: bytes[$0], as: UTF8.self) }
            }
        }
        #expect(parts("well-known") == ["well", "known"])
        #expect(parts("state\u{2011}of\u{2010}the-art") == ["state", "of", "the", "art"])
        #expect(parts("plain") == ["plain"])
    }

    // MARK: Terms

    @Test func termsMatchWholeWordsUnderTheCaseRule() {
        let list = TermList([
            VocabularyTerm(form: .word("GitHub"), path: "a", line: 1),
            VocabularyTerm(form: .word("kubectl"), path: "a", line: 2),
            VocabularyTerm(form: .word("Let’s"), path: "a", line: 3),
            VocabularyTerm(form: .pattern("[Oo]bservab(le|ility)"), path: "a", line: 4),
        ])
        #expect(list.containsWord("GitHub"))
        #expect(!list.containsWord("Github"))
        #expect(!list.containsWord("GITHUB"))
        #expect(list.containsWord("KUBECTL"))
        #expect(!list.containsWord("kubectls"))
        #expect(list.containsWord("Let's"))
        #expect(list.containsWord("observable"))
        #expect(!list.containsWord("observables"))
        #expect(!list.containsWord("unobservable"))
    }
}
