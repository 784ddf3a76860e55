import Testing
import TextBoundaries
@testable import GalleyKit

/// The pretty reporter's caret stays under its span after wide and zero-width characters.
@Suite struct DisplayWidthTests {
    static func span(_ start: Int, _ end: Int) -> SourceSpan {
        SourceSpan(start: SourceLocation(line: 1, column: start), end: SourceLocation(line: 1, column: end))
    }

    @Test func widths() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("中") == 2)
        #expect(DisplayWidth.of("。") == 2)
        #expect(DisplayWidth.of("ｶ") == 1)  // halfwidth katakana
        #expect(DisplayWidth.of("한") == 2)
        #expect(DisplayWidth.of("\u{0301}") == 0)  // combining acute
        #expect(DisplayWidth.of("\u{200D}") == 0)  // zero-width joiner
        #expect(DisplayWidth.of("\u{FE0F}") == 0)  // variation selector
        #expect(DisplayWidth.of("\u{093F}") == 1)  // Devanagari vowel sign I: a spacing mark
        #expect(DisplayWidth.of("\u{094D}") == 0)  // virama
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("é") == 1)
    }

    @Test(arguments: [
        ("中文标题？ here", 7, 11, "           ^~~~"),  // after five wide characters and a space
        ("常见问题", 1, 5, "^~~~~~~~"),  // a span of wide characters is underlined whole
        ("e\u{0301}x", 3, 4, " ^"),  // e + combining acute is one cell
        ("👍 ok", 3, 5, "   ^~"),
        ("\tab", 2, 4, "\t^~"),
    ])
    func caretLinesUp(line: String, start: Int, end: Int, expected: String) {
        #expect(PrettyReporter.marker(for: Self.span(start, end), on: line) == expected, "\(line)")
    }

    /// A word after Chinese text, as `galley lint --format pretty` prints it: the caret under
    /// its first letter, one tilde for each further letter.
    @Test func prettyOutputOnChinese() throws {
        let result = try TestSupport.runGalley(["lint", "--format", "pretty", "--config", "Fixtures/languages/caret/.galley.yml",
                                                "Fixtures/languages/caret/zh.md"])
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let source = try #require(lines.firstIndex { $0.contains("| 中文") })
        // 中文句子，然后 and a space: seven wide characters and one narrow, 15 cells.
        #expect(lines[source + 1] == "      | " + String(repeating: " ", count: 15) + "^" + String(repeating: "~", count: 12))
    }
}
