import Testing
import TextBoundaries
@testable import GalleyKit

/// Words and sentences of every script: the byte path for scripts written with spaces, ICU's
/// dictionaries for those written without, every script's sentence terminators.
@Suite struct MultilingualSegmentationTests {
    static let sentenceCases: [(String, [String])] = [
        ("开源项目的贡献者通常是志愿者。他们为什么要这样做？因为有趣！",
         ["开源项目的贡献者通常是志愿者。", "他们为什么要这样做？", "因为有趣！"]),
        ("为什么?因为有趣。", ["为什么?", "因为有趣。"]),
        ("よくある質問を読んでください。「はい。」と彼は言った。",
         ["よくある質問を読んでください。", "「はい。」", "と彼は言った。"]),
        ("यह एक वाक्य है। यह दूसरा वाक्य है॥ तीसरा?", ["यह एक वाक्य है।", "यह दूसरा वाक्य है॥", "तीसरा?"]),
        ("ما هو المصدر المفتوح؟ إنه برمجيات، مفتوحة. نعم", ["ما هو المصدر المفتوح؟", "إنه برمجيات، مفتوحة.", "نعم"]),
        ("یہ ایک جملہ ہے۔ یہ دوسرا ہے", ["یہ ایک جملہ ہے۔", "یہ دوسرا ہے"]),
        ("Τι είναι το ανοιχτό λογισμικό; Είναι ελεύθερο. Ναι", ["Τι είναι το ανοιχτό λογισμικό;", "Είναι ελεύθερο.", "Ναι"]),
        ("Ρώτησε «γιατί;» Κανείς δεν ήξερε.", ["Ρώτησε «γιατί;»", "Κανείς δεν ήξερε."]),
        ("It rained; we stayed. (Or did we); Yes.", ["It rained; we stayed.", "(Or did we); Yes."]),
        ("¿Qué es el código abierto? ¡Es libre! Dice que sí.", ["¿Qué es el código abierto?", "¡Es libre!", "Dice que sí."]),
        ("Si vienes, ¿traes pan? Claro.", ["Si vienes, ¿traes pan?", "Claro."]),
        ("Что такое открытый код? Это просто. Да!", ["Что такое открытый код?", "Это просто.", "Да!"]),
        ("Բարեւ։ Ինչպե՞ս ես։", ["Բարեւ։", "Ինչպե՞ս ես։"]),
        ("ภาษาไทยไม่มีช่องว่างระหว่างคำ แต่มีช่องว่างระหว่างประโยค", ["ภาษาไทยไม่มีช่องว่างระหว่างคำ แต่มีช่องว่างระหว่างประโยค"]),
        ("Really‽ Yes.", ["Really‽", "Yes."]),
    ]

    @Test(arguments: sentenceCases.indices)
    func sentences(index: Int) {
        let (text, expected) = Self.sentenceCases[index]
        let bytes = Array(text.utf8)
        let sentences = SentenceSplitter.sentences(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(sentences == expected, "\(text)")
    }

    /// The stops the tokenizer collects give the sentences a full scan gives.
    @Test(arguments: sentenceCases.indices)
    func tokenizerStops(index: Int) {
        var text = Self.sentenceCases[index].0
        text.withUTF8 { bytes in
            var stops: [Int] = []
            _ = WordTokenizer.tokens(in: bytes, stops: &stops)
            #expect(SentenceSplitter.sentences(in: bytes, candidates: stops) == SentenceSplitter.sentences(in: bytes))
        }
    }

    static let wordCases: [(String, [String])] = [
        ("开源项目的贡献者", ["开", "源", "项目", "的", "贡献", "者"]),
        ("iPhone的价格是100元。", ["iPhone", "的", "价格", "是", "100", "元"]),
        ("オープンソースへの貢献", ["オープン", "ソース", "へ", "の", "貢献"]),
        ("ภาษาไทยไม่มีช่องว่าง", ["ภาษา", "ไทย", "ไม่มี", "ช่อง", "ว่าง"]),
        ("यह एक वाक्य है।", ["यह", "एक", "वाक्य", "है"]),
        ("ما هو المصدر المفتوح؟", ["ما", "هو", "المصدر", "المفتوح"]),
        ("¿Qué es? ¡Hola, señor!", ["Qué", "es", "Hola", "señor"]),
        ("한국어는 띄어쓰기를 합니다.", ["한국어는", "띄어쓰기를", "합니다"]),
        // An address inside Chinese text goes, the Chinese words around it stay.
        ("请访问https://opensource.guide了解更多", ["请", "访问", "了解", "更多"]),
        ("函数snake_case很好用", ["函数", "很好", "用"]),
    ]

    @Test(arguments: wordCases.indices)
    func words(index: Int) {
        let (text, expected) = Self.wordCases[index]
        let bytes = Array(text.utf8)
        let words = WordTokenizer.tokens(in: text).map { String(decoding: bytes[$0.range], as: UTF8.self) }
        #expect(words == expected, "\(text)")
    }

    /// Words found by ICU carry the same keys as words read on bytes, so word lists match them.
    @Test func dictionaryWordsHaveWordKeys() {
        let text = "保证有效。iPhone"
        let bytes = Array(text.utf8)
        for token in WordTokenizer.tokens(in: text) {
            let word = String(decoding: bytes[token.range], as: UTF8.self)
            #expect(token.key == WordKey(word), "\(word)")
        }
        #expect(WordTokenizer.tokens(in: "保证有效").count == WordTokenizer.tokens(in: "我们保证有效").count - 1)
    }
}

/// The tokenizer's tables of letters and spaces agree with Unicode's properties.
@Suite struct CharacterTableTests {
    @Test func wordCharactersMatchTheProperties() {
        var differences: [String] = []
        for value in UInt32(0x80)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if WordTokenizer.isWordCharacter(scalar) != WordTokenizer.isWordCharacterByProperties(scalar) {
                differences.append(String(value, radix: 16))
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }

    @Test func spacesMatchTheProperties() {
        for value in UInt32(0)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var text = String(scalar)
            let listed = text.withUTF8 { WordTokenizer.isSpace($0, at: 0) }
            #expect(listed == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }
}
