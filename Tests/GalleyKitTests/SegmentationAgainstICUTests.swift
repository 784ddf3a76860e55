import Foundation
import Testing
@testable import GalleyKit

/// Galley's words and sentences against ICU's own break iterators on short articles in many
/// scripts, written for these tests (Fixtures/languages): within 10 %, as Scripts/segmentation-parity
/// measures on fetched translated libraries.
@Suite struct SegmentationAgainstICUTests {
    static let articles = ["scripts/th.md", "scripts/el.md", "scripts/ru.md", "scripts/ko.md", "scripts/fa.md", "scripts/ur.md",
                           "scripts/he.md", "library/en.md", "library/es.md", "library/de.md", "library/ja.md", "library/zh.md",
                           "library/ar/watering.md", "library/hi/watering.md"]

    @Test(arguments: articles)
    func withinTenPercent(article: String) throws {
        let document = try TestSupport.read("languages/" + article)
        let locale = document.resolvedLanguage.tag.description
        let prose = ProseAnalysis(document)
        var galley = (words: 0, sentences: 0)
        var icu = (words: 0, sentences: 0)
        for block in prose.blocks {
            galley.words += block.counts.words
            galley.sentences += block.counts.sentences
            var text = document.blocks[block.index].text.text
            text.withUTF8 { bytes in
                let excluded = WordTokenizer.excludedRanges(in: bytes)
                icu.words += ICUReference.wordCount(in: bytes, locale: locale, excluding: excluded)
                icu.sentences += ICUReference.sentenceCount(in: bytes, locale: locale, excluding: excluded)
            }
        }
        #expect(galley.words > 0 && galley.sentences > 0)
        #expect(abs(Double(galley.words - icu.words)) <= 0.1 * Double(icu.words), "\(article) words: Galley \(galley.words), ICU \(icu.words)")
        #expect(abs(Double(galley.sentences - icu.sentences)) <= 0.1 * Double(icu.sentences),
                "\(article) sentences: Galley \(galley.sentences), ICU \(icu.sentences)")
    }
}
