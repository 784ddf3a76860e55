import Testing
import PCRE
@testable import GalleyKit

/// Vale's patterns (regexp2 in RE2 mode) as Galley runs them with PCRE2.
@Suite struct ValeRegexTests {
    private func matches(_ pattern: String, _ text: String) throws -> [String] {
        let compiled = try ValePattern(pattern)
        var copy = text
        return copy.withUTF8 { bytes in
            let exact = ValeText(TextRun(verbatim: text, at: 0), source: Array(text.utf8), format: .markdown).needsExactWords
            return compiled.matches(bytes, exact: exact, scratch: ValeScratch.make()).matches.map {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.range]), as: UTF8.self)
            }
        }
    }

    @Test func wordCharactersAreRegexp2s() throws {
        // A combining acute accent is a word character for regexp2, not for PCRE2's \w.
        #expect(try matches(#"\bcafe\u0301\b"#, "un cafe\u{301} noir") == ["cafe\u{301}"])
        #expect(try matches(#"\w+"#, "cafe\u{301}") == ["cafe\u{301}"])
        // A superscript two is a number for PCRE2, not a word character for regexp2.
        #expect(try matches(#"\bm\b"#, "10 m² here") == ["m"])
        #expect(try matches(#"\w+"#, "snake_case") == ["snake_case"])
    }

    @Test func dollarOnlyAtTheEndWithoutMultiline() throws {
        #expect(try matches("end$", "the end\n") == [])
        #expect(try matches("(?m)end$", "the end\nmore") == ["end"])
    }

    @Test func syntaxPCRE2WouldReadOtherwise() throws {
        #expect(try matches(#"\u00e9"#, "café") == ["é"])
        #expect(try matches(#"(?P<x>ab)\k<x>"#, "abab") == ["abab"])
        #expect(try matches("[[:digit:]]+", "a12b") == ["12"])
        #expect(try matches(#"a\vb"#, "a\u{0B}b") == ["a\u{0B}b"])
        #expect(throws: ValePattern.Failure.self) { try ValePattern("a++") }
        #expect(throws: ValePattern.Failure.self) { try ValePattern("[a-z-[aeiou]]") }
        #expect(throws: ValePattern.Failure.self) { try ValePattern(#"\p{IsGreek}"#) }
    }

    @Test func unboundedLookbehindOpeningThePatternRuns() throws {
        // Google's Colons: PCRE2 10.42 cannot compile the lookbehind.
        let colons = #"(?<!:[^ ]+?):\s[A-Z]"#
        #expect(try matches(colons, "Tone: Concise") == [": C"])
        #expect(try matches(colons, "See http://x.com: Foo") == [])
        // Elsewhere it cannot be run, and says why.
        #expect(throws: ValePattern.Failure.self) { try ValePattern(#"a(?<!b+)c"#) }
    }

    @Test func wordListsExpandInTheOrderABacktrackerTriesThem() throws {
        let node = try ValeRegex("air(?:m[ae]n|wom[ae]n)").root
        #expect(ValeRegexLiterals.expand(node) == ["airman", "airmen", "airwoman", "airwomen"])
        #expect(ValeRegexLiterals.expand(try ValeRegex("a (?:large)? number").root) == ["a large number", "a  number"])
        #expect(ValeRegexLiterals.expand(try ValeRegex(#"\d+"#).root) == nil)
        // Only words bounded by \b go to the shared matcher.
        #expect(ValeRegexLiterals.wordLiterals(try ValeRegex("he/she").root, bounded: false) == nil)
        #expect(ValeRegexLiterals.wordLiterals(try ValeRegex(#"\bI'm\b"#).root, bounded: false) == ["I'm"])
    }

    @Test func sharedMatcherAgreesWithTheRegex() throws {
        let tokens = ["a", "a b", "very", "is", "it is", #"\d+th"#]
        let text = "It is a b c, very 5th very. Is it isn't?"
        let program = try ValeTokenProgram(alternatives: tokens.map { try ValeRegex($0).root }, caseInsensitive: true, bounded: true, source: "")
        let expected = try matches("(?i)(?m)\\b(?:" + tokens.joined(separator: "|") + ")\\b", text)
        let document = ValeDocument(ArticleFormats.read(path: "x.md", bytes: Array(text.utf8), format: .markdown))
        let hits = ValeWordBook.Hits(book: program.book, document: document)
        let found = program.matches(in: document, text: 0, range: 0..<document.text(0).run.utf8Count, hits: hits, scratch: ValeScratch.make())
        #expect(found.matches.map { document.text(0).run.substring($0.range) } == expected)
    }

    @Test func hostilePatternsNeitherCrashNorHang() throws {
        // Nesting past the parser's depth is an error, not a stack overflow.
        let deep = String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000)
        #expect(throws: ValePattern.Failure.self) { try ValePattern(deep) }
        for broken in ["(", ")", "[", "a{2,1}", "\\", "(?<", "(?P<1>a)", "\\p{", "*a", "(?z)"] {
            #expect(throws: ValePattern.Failure.self) { try ValePattern(broken) }
        }
        // Catastrophic backtracking gives up within PCRE2's match limit and says so.
        let pattern = try ValePattern("(a+)+$")
        let text = String(repeating: "a", count: 40) + "b"
        var copy = text
        let started = ContinuousClock.now
        let result = copy.withUTF8 { pattern.matches($0, exact: false, scratch: ValeScratch.make()) }
        #expect(result.gaveUp)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func goFormatting() {
        #expect(ValeMessage.format("Use '%s' instead of '%s'.", ["a", "b", "c"]) == "Use 'a' instead of 'b'.")
        #expect(ValeMessage.format("'%s' and %s", ["a"]) == "'a' and %!s(MISSING)")
        #expect(ValeMessage.format("100%% of %[2]s", ["a", "b"]) == "100% of b")
        #expect(ValeMessage.sentence(["a", "b", "c"]) == "'a', 'b', or 'c'")
        #expect(ValeOutput.goString("<a & b>\n") == #""\u003ca \u0026 b\u003e\n""#)
    }
}
