import Testing
import PCRE
@testable import GalleyKit

/// The byte scanners that stand in for Vale's token patterns must find exactly what PCRE2 finds.
@Suite struct ValeTokenScannerTests {
    static let tokenPatterns = [#"[^\s]+"#, #"([^\s]+)"#, #"(?i)([^\s]+)"#, #"\S+"#, #"\w+"#, #"(\w+)"#, #"\b(\w+)\b"#, #"\b\w+\b"#,
                                #"(?:\b(\w+)\b)"#, #"(?i)(?:\b(\w+)\b)"#]

    /// Spaces of every kind, letters with and without combining marks, joiners, digits of
    /// other scripts, numbers that are not digits, connector punctuation, emoji sequences.
    static let texts = [
        "", " ", "\n\n", "word", "It is the the best.", "café crème", "cafe\u{301} noir", "a\u{200D}b c\u{200C}d",
        "\u{200D}lead trail\u{200D} mid\u{200D}\u{200D}x", "x\u{301}\u{200D}\u{301}y", "snake_case __init__ a_b", "42 ٣٤ १२३ x9",
        "10 m² ½ Ⅻ ⅓x", "a\u{A0}b\u{2003}c\u{3000}d\u{180E}e\u{85}f\u{2028}g\u{2029}h\u{1680}i\u{202F}j\u{205F}k\u{200B}l",
        "tab\tline\nnew\u{0B}vt\u{0C}ff\rcr", "‿tie⁀ a‿b ＿x", "日本語のテキスト、です。", "emoji 👍🏽 family 👨‍👩‍👧 ok",
        "Ωμέγα ΑΒΓ", "שָׁלוֹם עולם", "नमस्ते दुनिया", "(parens) \"quotes\" 'single' - dash — em",
        "**** @@@ `code`", "trailing space ", " leading", "ﬁne ǅ ǈ", "x\u{E000}y \u{F8FF}",
    ]

    private func pcre2Matches(_ pattern: ValePattern, _ text: String, form: ValePattern.Form) -> [Range<Int>] {
        var copy = text
        return copy.withUTF8 { pattern.matches($0, form: form, scratch: ValeScratch.make()).matches.map(\.range) }
    }

    private func scanned(_ scanner: ValeTokenScanner, _ text: String) -> [Range<Int>] {
        var copy = text
        return copy.withUTF8 { bytes in
            var found: [Range<Int>] = []
            scanner.forEachMatch(bytes) { found.append($0); return true }
            #expect(scanner.count(bytes) == found.count)
            return found
        }
    }

    @Test func recognisesTheTokenPatterns() throws {
        for source in Self.tokenPatterns {
            #expect(try ValePattern(source).scanner != nil, "\(source)")
        }
        #expect(try ValePattern(#"[^\s]+"#).scanner == .nonSpace)
        #expect(try ValePattern(#"(?:\b(\w+)\b)"#).scanner == .boundedWords)
        #expect(try ValePattern(#"\w+"#).scanner == .words)
        for source in [#"[^\s]+x"#, #"\w*"#, #"\b\w+"#, #"([^\s]+|x)"#, #"[^\s\d]+"#, #"\W+"#, #"\s+"#, #"[\w]+?x"#, #"(?<=a)\w+"#,
                       #"\B\w+\b"#, #"[^\s]{2,}"#, #"\p{L}+"#, #"(?i)\bcafé\b"#] {
            #expect(try ValePattern(source).scanner == nil, "\(source)")
        }
    }

    @Test func scannersFindWhatPCRE2Finds() throws {
        for source in Self.tokenPatterns {
            let pattern = try ValePattern(source)
            let scanner = try #require(pattern.scanner)
            for text in Self.texts {
                let expected = pcre2Matches(pattern, text, form: .exact)
                #expect(scanned(scanner, text) == expected, "\(source) on \(text.debugDescription)")
                // The form a Vale text picks agrees too (the fast form where PCRE2's \w is regexp2's).
                let valeText = ValeText(TextRun(verbatim: text, at: 0), source: Array(text.utf8), format: .markdown)
                #expect(pcre2Matches(pattern, text, form: valeText.patternForm) == expected, "\(source) on \(text.debugDescription)")
                var copy = text
                let viaPattern = copy.withUTF8 { bytes in
                    var found: [Range<Int>] = []
                    _ = pattern.forEachMatch(bytes, in: valeText, scratch: ValeScratch.make()) { found.append($0); return true }
                    return found
                }
                #expect(viaPattern == expected, "\(source) on \(text.debugDescription)")
            }
        }
    }

    /// The scanners' ASCII path (one bit test a byte) finds what PCRE2 and the general path
    /// find, with every ASCII byte inside a run, between runs, leading and trailing.
    @Test func asciiScannersFindWhatPCRE2Finds() throws {
        let all = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let texts = [all.joined(), all.map { "x" + $0 + "y" }.joined(separator: " "), all.map { $0 + "ab" + $0 }.joined(), all.reversed().joined(separator: "_")]
            + Self.texts.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        for source in Self.tokenPatterns {
            let pattern = try ValePattern(source)
            let scanner = try #require(pattern.scanner)
            for text in texts {
                var copy = text
                let ascii = copy.withUTF8 { bytes in
                    var found: [Range<Int>] = []
                    scanner.forEachASCIIMatch(bytes) { found.append($0); return true }
                    return found
                }
                #expect(ascii == pcre2Matches(pattern, text, form: .exact), "\(source) on \(text.debugDescription)")
                #expect(ascii == scanned(scanner, text), "\(source) on \(text.debugDescription)")
                // Counted eight bytes at a time, from every start (every alignment and tail).
                copy.withUTF8 { bytes in
                    for start in 0..<min(bytes.count, 17) {
                        let part = UnsafeBufferPointer(rebasing: bytes[start...])
                        var found = 0
                        scanner.forEachASCIIMatch(part) { _ in found += 1; return true }
                        #expect(scanner.countASCII(part) == found, "\(source) on \(text.debugDescription) from \(start)")
                    }
                }
                // Neighbouring matches with the same bytes, as the repetition check compares them.
                for ignoringCase in [false, true] {
                    let pairs = copy.withUTF8 { bytes in
                        var pairs: [[Range<Int>]] = []
                        scanner.forEachASCIIRepeat(bytes, ignoringCase: ignoringCase) { pairs.append([$0, $1]) }
                        return pairs
                    }
                    let bytes = Array(text.utf8)
                    let expected = zip(ascii, ascii.dropFirst()).filter { first, second in
                        ascii.isEmpty ? false : (first.count == second.count && zip(bytes[first], bytes[second]).allSatisfy { a, b in
                            a == b || (ignoringCase && (a | 0x20) == (b | 0x20) && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)
                        })
                    }.map { [$0.0, $0.1] }
                    #expect(pairs == expected, "\(source) on \(text.debugDescription)")
                }
            }
        }
        // Repeats, with case, digits, underscores and punctuation.
        let repeats = "the the The THE tHe x_1 x_1 x_2 42 42 a.b a.b a.B [x] [x] [X] ok"
        let scanner = try #require(try ValePattern(#"[^\s]+"#).scanner)
        var copy = repeats
        let found = copy.withUTF8 { bytes in
            var found: [String] = []
            scanner.forEachASCIIRepeat(bytes, ignoringCase: true) { found.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[$1]), as: UTF8.self)) }
            return found
        }
        #expect(found == ["the", "The", "THE", "tHe", "x_1", "42", "a.b", "a.B", "[x]", "[X]"])
    }

    /// Every character PCRE2 10.42 knows (Unicode 14) is a space, a word character or a joiner
    /// for the scanners exactly when it is one for PCRE2.
    @Test func characterClassesAgreeWithPCRE2() throws {
        let space = try PCREPattern(#"\A\s\z"#)
        let word = try PCREPattern(#"\A["# + ValeRegexPrinter.wordItems + #"]\z"#)
        let boundary = try PCREPattern(#"\A"# + ValeRegexPrinter.boundaryClass + #"\z"#)
        let wordStart = try PCREPattern(#"\A[\p{N}\p{L}*]\z"#)
        let scratch = PCREPattern.Scratch(pairs: 4)
        var checked = 0
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var one = String(scalar)
            guard one.withUTF8({ ValeTokenScanner.canScan($0) }) else { continue }
            checked += 1
            one.withUTF8 { bytes in
                func found(_ pattern: PCREPattern) -> Bool {
                    if case .found = pattern.search(bytes, from: 0, scratch: scratch) { return true }
                    return false
                }
                #expect(ValeTokenScanner.isSpace(scalar) == found(space), "U+\(String(value, radix: 16))")
                #expect(ValeCharacters.isWord(scalar) == found(word), "U+\(String(value, radix: 16))")
                #expect(ValeCharacters.isBoundaryWord(scalar) == found(boundary), "U+\(String(value, radix: 16))")
                #expect(ValeWordSplitter.isLetterOrNumber(scalar) == found(wordStart), "U+\(String(value, radix: 16))")
            }
        }
        #expect(checked > 100_000)
    }

    @Test func charactersNewerThanPCRE2AreLeftToIt() throws {
        // U+1E030 (Cyrillic modifier letter, Unicode 15) and an unassigned code point.
        for text in ["a \u{1E030}b", "x \u{E0080} y", "ahom \u{1171E}"] {
            var copy = text
            #expect(!copy.withUTF8 { ValeTokenScanner.canScan($0) })
        }
        var plain = "café 👍🏽"
        #expect(plain.withUTF8 { ValeTokenScanner.canScan($0) })
    }

    /// Capitalization checks split headings with their exceptions first, then words.
    @Test func wordSplitterFindsWhatTheWholePatternFinds() throws {
        let exceptions = ["Azure", "CLI", "Code", "I", "macOS", "VS", "Visual", "(?i)json", "gRPC", "a*", "_x"]
        let splitters = [
            try ValeExceptions(exceptions).splitter,
            try ValeExceptions([]).splitter,
            try ValeWordSplitter(first: #"(?i)\b(?:(?-i)Azure|(?-i)CLI|(?-i)I)\b"#),
            try ValeWordSplitter(first: nil, flags: "(?i)"),
        ]
        let headings = [
            "Getting Started With Azure CLI", "What I learned about macOS and VS Code", "**Bold** heading: 10 ways",
            "JSON, json and Json", "a_x _x x_ *stars* ***", "Ünïcödé wörds and cafe\u{301}", "日本語 heading", "m² ½ Ⅻ",
            "joined\u{200D}I I\u{200D}x", "spaces\u{A0}NBSP\u{2003}em\u{3000}ideo", "(parens) [brackets] {braces}", "",
            "   ", "I", "gRPC-based CLI's", "a\u{1171E}b I", "x \u{1E030} I",
        ]
        for splitter in splitters {
            for heading in headings {
                var copy = heading
                let (split, whole) = copy.withUTF8 { bytes in
                    (splitter.ranges(bytes, scratch: ValeScratch.make()),
                     splitter.whole.matches(bytes, form: .exact, scratch: ValeScratch.make()).matches.map(\.range))
                }
                #expect(split == whole, "\(splitter.whole.source) on \(heading.debugDescription)")
            }
        }
    }

    /// A pattern searched in the form the text allows finds what its exact form finds.
    @Test func firstMatchInTheTextsFormIsTheExactOne() throws {
        for source in [#"(?m)\b(?:(?-i)I|(?-i)CLI)\b"#, #"\bcafe\u0301\b"#, #"\w+"#, #"(?i)\bjson\b"#, #"\bm\b"#, #"[\p{N}\p{L}*]+[^\s]*"#] {
            let pattern = try ValePattern(source)
            for text in Self.texts + ["I said CLI", "cafe\u{301}", "10 m² here", "i JSON"] {
                var copy = text
                let exact = copy.withUTF8 { bytes -> Range<Int>? in
                    if case .found(let match) = pattern.search(bytes, from: 0, form: .exact, scratch: ValeScratch.make()) { return match.range }
                    return nil
                }
                #expect(pattern.firstMatch(in: text, scratch: ValeScratch.make()) == exact, "\(source) on \(text.debugDescription)")
            }
        }
    }

    /// Sentence case: whether the word before ends with an indicator, read in bytes or as a String.
    @Test func indicatorsReadInBytesAsInStrings() throws {
        let styles = [try ValeCase(style: .sentence, vocabulary: [], indicators: [], prefix: ""),
                      try ValeCase(style: .sentence, vocabulary: [], indicators: [":", "?", "--", "é"], prefix: "")]
        let words = ["Step:", ":", "1.", "10.x", "a.1", "Why?", "x--", "--", "café", "é", "Note:", "plain", "", "٣.", "2)", "A:b"]
        for style in styles {
            for word in words {
                for index in 0...1 {
                    #expect(style.isIndicator(word, index) == style.isIndicator(word, index, inBytes: false), "\(word.debugDescription) at \(index)")
                }
            }
        }
    }

    /// Capitalization: the byte path agrees with the String path (expected text and verdict) on
    /// every style, with exceptions, vocabulary patterns, indicators and a prefix.
    @Test func capitalizationOnBytesAgreesWithStrings() throws {
        let exceptions = ["Azure", "CLI", "I", "macOS", "VS", "(?i)json", "gRPC", "URLs", "a*", "_x", "Café", "[Nn]ode\\.js", "ß"]
        let prefixed = exceptions.map { $0.hasPrefix("(?i)") ? $0 : "(?-i)" + $0 }
        let cases: [(ValeCase, ValeExceptions)] = [
            (try ValeCase(style: .sentence, vocabulary: prefixed, indicators: [":"], prefix: ""), try ValeExceptions(exceptions)),
            (try ValeCase(style: .sentence, vocabulary: exceptions, indicators: [], prefix: #"^\d+\.\s"#), try ValeExceptions(exceptions)),
            (try ValeCase(style: .sentence, vocabulary: [], indicators: [":", "?", "é"], prefix: ""), .none),
            (try ValeCase(style: .sentence, vocabulary: ["(?i)Go", "K8s"], indicators: [], prefix: ""), try ValeExceptions(["K8s"])),
            // ASCII entries only, as the Microsoft and Google packages write them.
            (try ValeCase(style: .sentence, vocabulary: ["(?-i)Kubernetes", "(?-i)Azure", "(?-i)macOS", "(?-i)URLs", "(?-i)CLI", "(?-i)VS", "(?-i)I"],
                          indicators: [":"], prefix: ""), try ValeExceptions(["Azure", "CLI", "I", "Kubernetes", "macOS", "URLs", "VS"])),
            (try ValeCase(style: .sentence, vocabulary: ["azure", "cli", "Go", "k8s", "JSON", "longerword"], indicators: [], prefix: ""), .none),
            // Long ASCII entries (more than seven bytes: looked up by a hash of their bytes).
            (try ValeCase(style: .sentence, vocabulary: ["Kubernetes", "TypeScript", "JavaScript", "longerword", "Elasticsearch", "(?-i)PostgreSQL"],
                          indicators: [], prefix: ""), .none),
            // Entries whose match depends on what surrounds it: searched in every word.
            (try ValeCase(style: .sentence, vocabulary: ["^How", #"(?-i)Use\b"#, "API", #"(?<=-)based"#, #"(a)\1"#], indicators: [], prefix: ""), .none),
            (try ValeCase(style: .titleAP, vocabulary: prefixed, indicators: [], prefix: ""), try ValeExceptions(exceptions)),
            (try ValeCase(style: .titleChicago, vocabulary: [], indicators: [], prefix: ""), .none),
        ]
        let headings = [
            "Getting Started With Azure CLI", "What I learned about macOS and VS Code", "**Bold** heading: 10 Ways", "JSON, json and Json",
            "a_x _x x_ *stars* ***", "Ünïcödé Wörds and Cafe\u{301} CAFÉ café", "日本語 Heading", "m² ½ Ⅻ ǅungla ǈ", "joined\u{200D}I I\u{200D}x",
            "spaces\u{A0}NBSP\u{2003}Em\u{3000}Ideo", "(parens) [Brackets] {braces}", "", "   ", "I", "gRPC-based CLI's", "1. Install Node.js",
            "2. the Node.js guide", "Why? Because: Reasons", "Straße STRASSE ß ﬁne", "Ωμέγα ΑΒΓ ᾼ", "how to Use the API", "AZURE-based Azure-based",
            "a\u{1171E}b I", "x \u{1E030} Word", "It’s Don't", "ÉCOLE école", "İstanbul ıi", "\u{212A}elvin K\u{37E}", "10. Steps: One Two", "How Use-based aa Usexyz", "Deploy To azure With the cli", "GO go Go gO json Json K8S", "LongerWord longerword Cli-based",
            // Headings already as expected (the byte path then skips comparing word by word).
            "Using typescript with KUBERNETES and Elasticsearch or elasticsearchx", "Javascript Kubernete postgresql PostgreSQL LONGERWORDS",
            "Quick take", "Signs of progress", "Getting started with Azure CLI", "How do I use VS Code?", "Why: The reasons", "The Lord of the Rings",
            "Quick  take", "*", "1. Install", "Ok",
            // ASCII headings the one-walk check settles (or hands back): edges, spacing, case.
            " Quick take", "Quick take ", "Quick\ttake", "Quick take\n", "quick take", "Quick Take", "QUICK take", "Is it", "In the API",
            "It is I", "_under score", "Under_score x_y", "9 lives", "1 two", "Step 2: do this", "Why: the reasons", "Why: The reasons",
            "macOS tips", "Macos tips", "MacOS tips", "Using gRPC", "Using GRPC", "Azure", "azure", "AZURE", "*star* thing", "**",
            "Windows-based tips", "Use windows", "Visual Studio Code", "Visual studio code", "Kubernetes and kubernetes", "Kubernetesx",
            "a", "A", "I", "i", "2. install", "Note: see 1. below", "See: urls and URLs", "See: Urls", "x--y", "(CLI) tools", "CLI's tools",
            "Deploy-to Azure", "VS Code: the guide", "the.dot Case", "Word\u{7F}x", "Tab\tSeparated Words", "Q&A and more",
        ]
        for (style, exceptionList) in cases {
            for heading in headings {
                for threshold in [0.8, 1, 1.5] {
                    let strings = style.checkAsStrings(heading, exceptions: exceptionList, threshold: threshold, scratch: ValeScratch.make())
                    var copy = heading
                    let bytes = copy.withUTF8 { style.check($0, exceptions: exceptionList, threshold: threshold, scratch: ValeScratch.make()) }
                    #expect(bytes.expected == Array(strings.expected.utf8), "\(style.style) on \(heading.debugDescription)")
                    #expect(bytes.matched == strings.matched, "\(style.style) on \(heading.debugDescription) at \(threshold)")
                    // As the rule calls it: whether the words split alike asked once, beforehand.
                    let told = copy.withUTF8 {
                        style.check($0, exceptions: exceptionList, threshold: threshold, splitsLikeExceptions: style.splitsWords(like: exceptionList),
                                    scratch: ValeScratch.make())
                    }
                    #expect(told.expected == bytes.expected && told.matched == bytes.matched, "\(style.style) on \(heading.debugDescription)")
                }
            }
        }
    }

    /// Consistency: one prefilter for all the pairs lets through every text a pair's own does.
    @Test func consistencyPrefilterCoversEveryPair() throws {
        let lists: [[(String, String)]] = [
            [("advisor", "adviser"), ("centre", "center"), ("colour", "color"), ("learnt", "learned"), ("organise", "organize")],
            [("e-mail", "email"), ("ok", "okay")],
            [("Kelvin", "kilo"), ("café", "cafe")],
        ]
        let texts = ["", "The colour of the center", "nothing here", "Learnt it", "LEARNED", "e-mail or email", "OK then", "okay",
                     "\u{212A}elvin", "ſtyle", "caf\u{E9} and cafe\u{301}", "organised", "advisors"]
        for ignoreCase in [false, true] {
            for list in lists {
                let pairs = try list.map { first, second in
                    let pattern = try ValePattern((ignoreCase ? "(?i)" : "") + #"(?m)\b(?:"# + "(?P<first>\(first))|(?P<second>\(second))" + #")\b"#)
                    return ConsistencyRule.Pair(pattern: pattern, first: 1, second: 2)
                }
                let common = try #require(ConsistencyRule.commonPrefilter(pairs))
                for text in texts {
                    let grams = Array(text.utf8).withUnsafeBufferPointer { ValeTextGrams($0) }
                    let some = pairs.contains { $0.pattern.prefilter?.mayMatch(grams) ?? true }
                    #expect(!some || common.mayMatch(grams), "\(list) on \(text.debugDescription)")
                }
            }
        }
        // A pair without a prefilter (it may match anywhere): none in common.
        let open = ConsistencyRule.Pair(pattern: try ValePattern(#"(?P<first>\w+s)|(?P<second>x)"#), first: 1, second: 2)
        #expect(ConsistencyRule.commonPrefilter([open]) == nil)
    }

    /// Plain words found by their bytes in ASCII text are the matches PCRE2 finds for the
    /// patterns the capitalization checks write over them.
    @Test func literalWordsFindWhatPCRE2Finds() throws {
        let lists: [([String], caseless: Bool)] = [
            (["(?-i)Kubernetes", "(?-i)TypeScript", "(?-i)MongoDB", "(?-i)macOS", "(?-i)Azure", "(?-i)URLs", "(?-i)gRPC", "(?-i)CLI", "(?-i)VS", "(?-i)I"], true),
            (["Kubernetes", "azure", "cli", "Go", "k8s", "x_1", "I", "In"], true),
            (["Kubernetes", "azure", "cli", "Go", "k8s", "x_1", "I", "In"], false),
            (["(?-i)ab", "(?-i)abc", "(?-i)a"], false),
        ]
        let texts = ["", "I", "i", "In", "in", "Getting Started With Azure CLI", "What I learned about macOS and VS Code", "azure cli AZURE Cli",
                     "IIn In I", "x_1 x_12 _x_1 x_1_", "k8s K8S k8", "abc ab a abcd", "grpc gRPC GRPC", "Use  VS\tCode\nand CLI.", "I'm (I) [VS]-CLI",
                     "Kubernetes's URLs", "a-ab-abc", "123 I2 I_ _I", "*I* **CLI**", "\u{7F}I"]
        let scratch = ValeScratch.make()
        for (entries, caseless) in lists {
            let words = try #require(ValeLiteralWords(entries, caseless: caseless))
            let bounded = try ValePattern((caseless ? "(?i)" : "(?m)") + #"\b(?:"# + entries.joined(separator: "|") + #")\b"#)
            let flags = words.caseless ? "(?i)" : ""
            let anywhere = try ValePattern(flags + entries.map { "(?:" + $0 + ")" }.joined(separator: "|"))
            for text in texts {
                var copy = text
                copy.withUTF8 { bytes in
                    for start in 0...bytes.count {
                        let expected: Range<Int>?
                        if case .found(let match) = bounded.search(bytes, from: start, form: .exact, scratch: scratch) { expected = match.range } else { expected = nil }
                        #expect(words.firstBounded(bytes, from: start) == expected, "\(entries) in \(text.debugDescription) from \(start)")
                    }
                    #expect(words.occurs(in: bytes) == (anywhere.firstMatch(in: text, scratch: scratch) != nil), "\(entries) in \(text.debugDescription)")
                    for (index, entry) in entries.enumerated() {
                        #expect(words.occurs(index, in: bytes) == (try! ValePattern(flags + entry).firstMatch(in: text, scratch: scratch) != nil), "\(entry) in \(text.debugDescription)")
                    }
                }
            }
        }
        // Entries that are not all plain words, or that mix their own case with the pattern's.
        for entries in [["(?i)json", "(?-i)Go"], ["(?-i)Go", "JSON"], ["a*"], ["C++"], ["caf\u{E9}"], [""], ["(?-i)"]] {
            #expect(ValeLiteralWords(entries, caseless: false) == nil, "\(entries)")
        }
    }
}
