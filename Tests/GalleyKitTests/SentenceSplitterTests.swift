import Testing
@testable import GalleyKit

/// Edge cases of sentence splitting inside one block: where a sentence ends and where it must not.
@Suite struct SentenceSplitterTests {
    static let cases: [(String, [String])] = [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("Dr. Smith met Mrs. Jones at St. Mary's.", ["Dr. Smith met Mrs. Jones at St. Mary's."]),
        ("Use a tool, e.g. Vale or Galley. It helps.", ["Use a tool, e.g. Vale or Galley.", "It helps."]),
        ("That is, i.e. Nothing changed.", ["That is, i.e. Nothing changed."]),
        ("The U.S. Army left. Then peace came.", ["The U.S. Army left.", "Then peace came."]),
        ("It opens at 9 a.m. and closes at 5 p.m. Staff leave later.", ["It opens at 9 a.m. and closes at 5 p.m.", "Staff leave later."]),
        ("J. R. R. Tolkien wrote it. Many read it.", ["J. R. R. Tolkien wrote it.", "Many read it."]),
        ("Prices rose 3.5 percent. Galley v1.2.0 shipped.", ["Prices rose 3.5 percent.", "Galley v1.2.0 shipped."]),
        ("Wait... and then it happened. Later... Nothing.", ["Wait... and then it happened.", "Later...", "Nothing."]),
        ("Wait\u{2026} Nothing happened.", ["Wait\u{2026}", "Nothing happened."]),
        ("She said \"Stop.\" He stopped.", ["She said \"Stop.\"", "He stopped."]),
        ("(This is an aside.) Back to the point.", ["(This is an aside.)", "Back to the point."]),
        ("\u{201C}Really?\u{201D} she asked. \u{201C}Yes.\u{201D}", ["\u{201C}Really?\u{201D} she asked.", "\u{201C}Yes.\u{201D}"]),
        ("Really?! Yes!!", ["Really?!", "Yes!!"]),
        ("It ended.Then it began again.", ["It ended.", "Then it began again."]),
        ("See Fig. 3 and No. 5 for details. Done.", ["See Fig. 3 and No. 5 for details.", "Done."]),
        ("He said no. 5 people came.", ["He said no.", "5 people came."]),
        ("Roe v. Wade was decided in 1973. It stood.", ["Roe v. Wade was decided in 1973.", "It stood."]),
        ("Sales grew in 2020. 15 stores opened.", ["Sales grew in 2020.", "15 stores opened."]),
        ("Apple Inc. announced it. Acme Inc. The end.", ["Apple Inc. announced it.", "Acme Inc.", "The end."]),
        ("Visit example.com today. It is free.", ["Visit example.com today.", "It is free."]),
        ("No terminator at the end", ["No terminator at the end"]),
        ("Trailing spaces.   ", ["Trailing spaces."]),
        ("Is it safe? yes, it is.", ["Is it safe? yes, it is."]),
        ("", []),
    ]

    /// Prose analysis splits with the stops the tokenizer collects instead of scanning again;
    /// both must give the same sentences, on the edge cases and on a real article.
    @Test func tokenizerStopsGiveTheSameSentences() throws {
        let document = try TestSupport.read("explainer/explainer.md")
        let texts = Self.cases.map(\.0) + document.blocks.map(\.text.text) + ["Tail\u{2026} next. Wait\u{2014}what?! No\u{2009}. Yes"]
        for text in texts {
            var copy = text
            copy.withUTF8 { bytes in
                var stops: [Int] = []
                _ = WordTokenizer.tokens(in: bytes, stops: &stops)
                #expect(SentenceSplitter.sentences(in: bytes, candidates: stops) == SentenceSplitter.sentences(in: bytes), "\(text)")
            }
        }
    }

    @Test(arguments: cases.indices)
    func splits(index: Int) {
        let (text, expected) = Self.cases[index]
        let bytes = Array(text.utf8)
        let sentences = SentenceSplitter.sentences(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(sentences == expected, "\(text)")
    }

    /// The candidates read eight bytes at a time are exactly the bytes a plain reading picks
    /// (from each of the first characters, so each byte is seen in every lane of a word),
    /// and give the same sentences.
    @Test func candidatesReadByWordsAreThePlainOnes() throws {
        let document = try TestSupport.read("explainer/explainer.md")
        let tricky = ["a.b!c?d;e\u{E9}f", "........", "12345678.", ";;;;;;;;;", "\u{3002}\u{FF01}x\u{FF1F}", "e\u{301}. Z\u{200D}z.\u{1F44D}",
                      "no stop here at all, not one", "x_1. 2_y! __?", "line.\nline!\r\nline?\r", "\u{2026}\u{203D}\u{37E};", "\u{7F}\u{80}\u{BF}\u{C0}\u{FF}"]
        let texts = Self.cases.map(\.0) + document.blocks.map(\.text.text) + tricky
        for text in texts {
            let bytes = Array(text.utf8)
            for start in 0...min(bytes.count, 9) where start == bytes.count || bytes[start] & 0xC0 != 0x80 {
                let part = Array(bytes[start...])
                part.withUnsafeBufferPointer { buffer in
                    let plain = buffer.indices.filter { SentenceSplitter.Candidates.isCandidate(buffer[$0]) }
                    #expect(Array(SentenceSplitter.Candidates(buffer)) == plain, "\(text.debugDescription) from \(start)")
                    #expect(SentenceSplitter.sentences(in: buffer) == SentenceSplitter.sentences(in: buffer, candidates: plain), "\(text.debugDescription)")
                }
            }
        }
    }
}
