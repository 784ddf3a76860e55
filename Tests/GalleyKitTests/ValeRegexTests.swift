import Dispatch
import Synchronization
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

    /// The expansion as first written (scalar arrays, a product at every node), to hold the
    /// linear one to the same strings in the same order.
    private func referenceExpansion(_ node: ValeRegexNode, limit: Int = ValeRegexLiterals.limit) -> [String]? {
        func strings(_ node: ValeRegexNode) -> [[Unicode.Scalar]]? {
            switch node {
            case .literal(let scalar): return [[scalar]]
            case .set(let set):
                guard !set.negated else { return nil }
                var result: [[Unicode.Scalar]] = []
                for item in set.items {
                    switch item {
                    case .scalar(let scalar): result.append([scalar])
                    case .range(let low, let high):
                        guard high.value - low.value < 8 else { return nil }
                        for value in low.value...high.value { if let scalar = Unicode.Scalar(value) { result.append([scalar]) } }
                    default: return nil
                    }
                }
                return result.count <= 8 ? result : nil
            case .sequence(let items):
                var result: [[Unicode.Scalar]] = [[]]
                for item in items {
                    guard let options = strings(item) else { return nil }
                    result = result.flatMap { prefix in options.map { prefix + $0 } }
                    guard result.count <= limit else { return nil }
                }
                return result
            case .alternation(let branches):
                var result: [[Unicode.Scalar]] = []
                for branch in branches {
                    guard let options = strings(branch) else { return nil }
                    result += options
                    guard result.count <= limit else { return nil }
                }
                return result
            case .group(.capturing, let body), .group(.nonCapturing(nil), let body): return strings(body)
            case .repetition(let body, let min, let max, let lazy):
                guard let max, max <= 4, let options = strings(body) else { return nil }
                var result: [[Unicode.Scalar]] = []
                for count in lazy ? Array(min...max) : Array((min...max).reversed()) {
                    var expanded: [[Unicode.Scalar]] = [[]]
                    for _ in 0..<count {
                        expanded = expanded.flatMap { prefix in options.map { prefix + $0 } }
                        guard expanded.count <= limit else { return nil }
                    }
                    result += expanded
                    guard result.count <= limit else { return nil }
                }
                return result
            default: return nil
            }
        }
        guard let all = strings(node) else { return nil }
        var seen: Set<String> = []
        var result: [String] = []
        for item in all {
            var text = ""
            text.unicodeScalars.append(contentsOf: item)
            if seen.insert(text).inserted { result.append(text) }
        }
        return result
    }

    @Test func linearExpansionGivesTheStringsOfTheProduct() throws {
        let patterns = [
            "air(?:m[ae]n|wom[ae]n)", "a (?:large)? number", "colou?r", "e\\.g\\.", "(?:ab|cd){2}", "x{1,3}", "x{1,3}?", "[a-c]x[0-2]",
            "naïve|naive", "caf\u{e9}|cafe\u{301}", "\u{1F469}\u{200D}\u{1F4BB} dev", "snake_case", "a", "", "(?:)", "(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)",
            "[ae][ae][ae][ae][ae][ae][ae]", "2nd|22nd", "über-cool", "x\\d", "a.b", "(?i)x", "[^a]b", "Ⅻ½²",
        ]
        for pattern in patterns {
            let node = try ValeRegex(pattern).root
            #expect(ValeRegexLiterals.expand(node) == referenceExpansion(node), "\(pattern)")
            #expect(ValeRegexLiterals.expand(node, limit: 4) == referenceExpansion(node, limit: 4), "\(pattern), limit 4")
        }
    }

    @Test func plainEntriesAreReadAsTheParserReadsThem() throws {
        let entries = [
            "a", "abc", "of course", "naïve", "über-cool", "x}y", "a]b", "#tag", "  ", "2nd", "snake_case", "e\u{301}t\u{e9}",
            "\u{1F469}\u{200D}\u{1F4BB}", "a\tb", "don't", "C#", "x,y;z", "a-b/c", "}", "]",
        ]
        for entry in entries {
            let plain = try #require(ValeRules.plainWords(entry), "\(entry)")
            #expect(plain == (try ValeRegex(entry).root), "\(entry)")
        }
        for special in ["", "a|b", "(a)", "a.b", "a?", "a*", "a+", "x{2}", "{", "^a", "a$", "\\bword\\b", "[ab]", "(?i)a"] {
            #expect(ValeRules.plainWords(special) == nil, "\(special)")
        }
    }

    @Test func prefilterNeverPassesOverAMatch() throws {
        let patterns = [
            "percent", "(?i)percent", "(?i)\\b(?:eg|e\\.g\\.)[\\s,]", "naïve", "(?i)naïve", "(?i)kelvin", "(?i)\\bstrasse\\b", "colou?r",
            "(?:ab|cd){2}x", "[0-9]+ ?(?:kB|MB|GB)", "\\b(am|are|were|being|is|been|was|be)\\b\\s*\\w+ed", "(?:^|\\s)I(?=\\s)",
            "[a-z][.?!] {2,}[A-Z]", "\\s[—–]\\s", "e\u{301}t\u{e9}", "x_y", "a.b.c", "(?:one|two|three) (?:four|five)",
        ]
        let texts = [
            "The PERCENT rises.", "percent", "see e.g. this", "EG, that", "A naïve plan; NAÏVE too.", "KELVIN \u{212A}elvin", "Stra\u{17F}se",
            "color and colour", "abcdx cdabx", "5 kB, 10MB", "it was closed", "Then I said", "end.  Next", "a — b", "e\u{301}t\u{e9}",
            "x_y", "a-b-c", "one four, three five", "", "\n", "\u{200D}", "naive", "Ⅻ 2nd",
        ]
        let scratch = ValeScratch.make()
        for source in patterns {
            let pattern = try ValePattern(source)
            for text in texts {
                let valeText = ValeText(TextRun(verbatim: text, at: 0), source: Array(text.utf8), format: .markdown)
                var copy = text
                let found = copy.withUTF8 { pattern.matches($0, form: valeText.patternForm, scratch: scratch).matches }
                #expect(found.isEmpty || pattern.mayMatch(valeText), "\(source) on \(text)")
            }
        }
    }

    @Test func formsCompiledOnFirstUseMatchAsBefore() throws {
        // Every form, asked for from several threads at once, is made once and matches the same.
        let pattern = try ValePattern(#"(?i)\bnaïve\b|\b\w+_\w+\b|\bcolou?r\b"#)
        let texts = ["A naïve colour", "snake_case here", "NAÏVE", "colo\u{301}r e\u{301}", "plain ascii color"]
        let expected = texts.map { text -> [Range<Int>] in
            var copy = text
            let form = ValeText(TextRun(verbatim: text, at: 0), source: Array(text.utf8), format: .markdown).patternForm
            return copy.withUTF8 { pattern.matches($0, form: form, scratch: ValeScratch.make()).matches.map(\.range) }
        }
        let fresh = try ValePattern(#"(?i)\bnaïve\b|\b\w+_\w+\b|\bcolou?r\b"#)
        let results = Mutex<[[[Range<Int>]]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let scratch = ValeScratch.make()
            let mine = texts.map { text -> [Range<Int>] in
                var copy = text
                let form = ValeText(TextRun(verbatim: text, at: 0), source: Array(text.utf8), format: .markdown).patternForm
                return copy.withUTF8 { fresh.matches($0, form: form, scratch: scratch).matches.map(\.range) }
            }
            results.withLock { $0.append(mine) }
        }
        #expect(results.withLock { $0 }.allSatisfy { $0 == expected })
        #expect(fresh.captureCount == pattern.captureCount)
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
