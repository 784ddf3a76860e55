import Testing
@testable import GalleyKit

/// The shared word book (`ValeLiteralIndex` and `ValeWordBook.Hits`, read for several rules at
/// once) against PCRE2 running each rule's `\b(?:a|b|…)\b` on its own: the same matches in every
/// unit, on text where words are hard to tell (non-ASCII letters, combining marks, joiners,
/// digits, underscores, line ends, empty units).
@Suite struct ValeWordBookTests {
    /// Word lists, each a rule of the shared book: (tokens, case-insensitive).
    static let lists: [([String], Bool)] = [
        (["naïve", "café", "cafe", "über", "a", "a b", "it is", "very"], true),
        (["Naïve", "NAÏVE", "Foo", "foo_bar", "x", "fast", "2fast", "İstanbul"], false),
        (["new york", "york", "new", "ǅemal", "ǆemal", "ﬁne", "kelvin", "is"], true),
        (["very", "VERY", "is", "a", "e.g.", "état", "etat"], true),
        (["\\d+th", "colou?r", "is", "york"], true),
    ]

    static let texts = [
        "Naïve café NAÏVE cafe\u{301} über ÜBER Über-alles, it is very naïve.",
        "foo_bar foo bar Foo_bar x\u{200D}x x\u{200C}fast 2fast fast2 fast_ fast",
        "New\nYork new york NEW YORK, newyork york. It\nis a\nb: a b.",
        "ǅemal ǆemal Ǆemal ﬁne FINE \u{212A}elvin KELVIN kelvin 5th colour color.",
        "É́tat état ÉTAT etat e.g. E.G. e.g.x İstanbul istanbul.",
        "The ٣th, ५th and १२th of it, not the 7th: “colour”.",
        "a",
        "x",
    ]

    private func program(_ list: ([String], Bool)) throws -> ValeTokenProgram {
        try ValeTokenProgram(alternatives: list.0.map { try ValeRegex($0).root }, caseInsensitive: list.1, bounded: true, source: "")
    }

    /// Every unit between two places where a word does not go on (and every empty one).
    private func units(_ bytes: [UInt8]) -> [Range<Int>] {
        let boundaries = (0...bytes.count).filter { $0 == 0 || $0 == bytes.count || bytes[$0] == 0x20 || bytes[$0] == 0x0A || bytes[$0 - 1] == 0x20 }
        return boundaries.flatMap { lower in boundaries.filter { $0 >= lower }.map { lower..<$0 } }
    }

    @Test func sharedBookFindsWhatEachRulesPatternFinds() throws {
        try compareWithPatterns(lists: Self.lists, texts: Self.texts, scanned: false)
    }

    /// Lists with patterns of bounded width (a search starts at most that far before where the
    /// scan saw the pattern end) and without, on texts whose matches lie far into long units,
    /// after characters of several bytes.
    static let scannedLists: [([String], Bool)] = [
        (["colou?r", "e\\.g\\.", "[a-zé]{2}ing", "ab?c", "naïve"], true),
        (["\\d+th", "Colou?r", "x{1,3}y", "über"], false),
        (["[\\w]+ly", "(?:very|so) [a-z]{1,12}", "is", "ǅ\\w"], true),
        // A trailing lookahead is consumed by the relaxed form: the scan's end lies past the
        // match's, by as much as the lookahead reads.
        (["x(?=\\s+yz)", "(?<=on )it(?=[ ]+(?:goes|went))"], false),
        // Matches of three characters or more: no search where fewer bytes are left.
        (["[a-z]{2}[.?!]", "x\\d{2,}", "ǅ[.?!]"], false),
        // Twice the same pattern with no word of its own: the twins share what one finds.
        (["\\d+th", "[a-z]{2}ing", "[\\w]+ly"], true),
        (["\\d+th", "[a-z]{2}ing", "[\\w]+ly"], true),
    ]

    static let scannedTexts = [
        "ééééééééééééééééééééééééééééééé colour, éééé color ééé e.g. éé singing and 5th abc ac ABC",
        "Ünder über ÜBER xxxy xxxxy xy 12th COLOR Colour colour ééing ÉÉING ǅé ǅǅ",
        String(repeating: "ǅ ǆ € 😀 ", count: 12) + "very nice, so é, is really ǅa",
        String(repeating: "word ", count: 40) + "sing\nbring colour",
        "a x" + String(repeating: " ", count: 30) + "yz, on it" + String(repeating: " ", count: 20) + "goes",
        "ab. abc? x12 x1 ǅ! é. éé? ab", "ab!", "x99",
        "",
    ]

    @Test func sharedBookWithScannerFindsWhatEachRulesPatternFinds() throws {
        try compareWithPatterns(lists: Self.lists + Self.scannedLists, texts: Self.texts + Self.scannedTexts, scanned: true)
    }

    private func compareWithPatterns(lists: [([String], Bool)], texts: [String], scanned: Bool) throws {
        var programs = try lists.map(program)
        var literals: [ValeLiteralIndex.Literal] = []
        var patterns: [ValePattern] = []
        var scanIDs: [Int] = []
        for (slot, program) in programs.enumerated() {
            for literal in program.literals {
                literals.append(ValeTokenProgram.literal(string: literal.string, rank: literal.rank, caseInsensitive: program.caseInsensitive, owner: Int32(slot)))
            }
            scanIDs.append(program.pattern == nil ? -1 : patterns.count)
            if let pattern = program.pattern { patterns.append(pattern) }
        }
        let scanner: ValeLazyScanner? = scanned ? ValeLazyScanner(patterns) : nil
        #expect(scanned == (scanner != nil))
        scanner?.expect(documents: ValeLazyScanner.breakEven)
        let twins = ValeWordBook.twins(of: programs)
        #expect(scanned == twins.contains { $0 >= 0 })
        let book = ValeWordBook(ValeLiteralIndex(literals), scanner: scanner, scanIDs: scanned ? scanIDs : [], twins: twins)
        for slot in programs.indices { programs[slot].relink(to: book, slot: Int32(slot)) }
        let patternsOfLists = try lists.map { list in
            try ValePattern((list.1 ? "(?i)" : "") + "(?m)\\b(?:" + list.0.joined(separator: "|") + ")\\b")
        }
        let scratch = ValeScratch.make()
        var compared = 0
        var matched = 0
        for text in texts {
            let document = ValeDocument(ArticleFormats.read(path: "x.md", bytes: Array(text.utf8), format: .markdown))
            let hits = ValeWordBook.Hits(book: book, document: document)
            if scanned {
                for slot in programs.indices where programs[slot].pattern != nil { #expect(hits.textsWithPatternHits(owner: Int32(slot)) != nil) }
            }
            for index in 0..<document.blockTextCount {
                let valeText = document.text(index)
                var string = valeText.run.text
                let bytes = Array(string.utf8)
                for (slot, program) in programs.enumerated() {
                    var holds = false
                    for unit in units(bytes) {
                        let found = program.matches(in: document, text: index, range: unit, hits: hits, scratch: scratch).matches.map(\.range)
                        let expected = string.withUTF8 { whole in
                            patternsOfLists[slot].matches(UnsafeBufferPointer(rebasing: whole[unit]), form: valeText.patternForm, scratch: scratch).matches.map(\.range)
                        }
                        #expect(found == expected, "list \(slot) in \(unit) of \(valeText.text.debugDescription)")
                        holds = holds || !expected.isEmpty
                        compared += 1
                        matched += expected.count
                    }
                    // The texts where a pattern may match, read off the scan's events once for
                    // all patterns, are those where each pattern's own search says it may.
                    if scanned, program.pattern != nil, let (scanner, id, ends) = hits.scan(owner: Int32(slot), text: index),
                       let texts = hits.textsWithPatternHits(owner: Int32(slot)) {
                        #expect(texts.contains(index) == scanner.mayMatch(id, in: ends), "list \(slot) in \(valeText.text.debugDescription)")
                        #expect(!holds || texts.contains(index) || hits.textsWithHits(owner: Int32(slot)).contains(index))
                    }
                    // Only literal lists say which texts to read; a text holding a match is one of them.
                    if program.pattern == nil { #expect(hits.textsWithHits(owner: Int32(slot)).contains(index) == holds, "list \(slot) in \(valeText.text.debugDescription)") }
                }
            }
        }
        #expect(compared > 1000 && matched > 1000)
    }

    /// Only programs of the same pattern with no word of their own are twins: not the same
    /// tokens under other flags, nor a list that holds words.
    @Test func twinsAreProgramsOfOnePattern() throws {
        // (`colou?r` would be two words of the list, `color` and `colour`.)
        let lists: [([String], Bool)] = [
            (["\\d+th", "[\\w]+ly"], true), (["\\d+th", "[\\w]+ly"], true), (["\\d+th", "[\\w]+ly"], false),
            (["\\d+th", "[\\w]+ly", "is"], true), (["\\d+th", "[\\w]+ly", "is"], true), (["[\\w]+ly", "\\d+th"], true),
            (["(?<!x )\\d+th"], false), (["(?<!x )\\d+th"], false), (["\\d+th", "[\\w]+ly"], false),
        ]
        let programs = try lists.map(program)
        #expect(ValeWordBook.twins(of: programs) == [0, 0, 2, -1, -1, -1, 6, 6, 2])
        #expect(ValeWordBook.twins(of: Array(programs[2...5])) == [])
        let whole = try ["(?i)\\bfoo\\b", "(?i)\\bfoo\\b", "\\bfoo\\b"].map { ValeTokenProgram(whole: try ValePattern($0), groupsAreAlternatives: false) }
        #expect(ValeWordBook.twins(of: whole) == [0, 0, -1])
        #expect(ValeWordBook.twins(of: [whole[0], ValeTokenProgram(whole: try ValePattern("(?i)\\bfoo\\b"), groupsAreAlternatives: true)]) == [])
    }

    /// Strings that share beginnings (the index reads each group like a trie), the same string
    /// in several rules and twice in one, and characters whose lower case is longer or shorter
    /// in UTF-8 than they are, or not one character.
    static let crowdedWords = [
        "in", "in order", "in order to", "in orde", "in the", "inn", "in-house", "in_house", "ink", "i", "in ǅemal",
        "in \u{212A}elvin", "in kelvin", "in Kelvin", "the", "the fact", "the fact that", "the facts", "The Fact", "THE",
        "ſtop", "stop", "sto", "İstanbul", "istanbul", "café", "cafe\u{301}", "naïve", "ﬁne", "fine", "2nd", "_x", "x_",
        "a", "a b", "a b c", "ab", "e.g.", "e.g", "ǆ", "Ǆ", "ǅ", "über", "Über", "ÜBER", "σας", "ΣΑΣ", "in", "the fact",
        // Two words parted by one space are found by the key of the pair; others by the first word's.
        "in\u{A0}order", "in\torder", "in -house", "the  fact", "in order ", "cafe\u{301} au lait", "au lait", "new york city",
        "york city", "a b_c", "İstanbul city", "x\u{200D}y z", "ǅemal in", "2 nd", "_ x", "über alles", "Über Alles",
    ]

    static let crowdedTexts = [
        "", "in", "In order to", "in order", "in orde", "in ordex", "in  order", "In the fact that", "inn ink in-house in_house",
        "IN \u{212A}ELVIN in kelvin In Kelvin in K", "the facts the fact. The Fact THE", "ſtop STOP ſto sto stop_ ſtoP",
        "İstanbul ISTANBUL istanbul İSTANBUL", "café cafe\u{301} CAFÉ cafe\u{301}\u{301} cafe", "naïve NAÏVE ﬁne FINE ﬁ",
        "2nd 2ND 22nd _x x_ __x x__", "a b c a b ab a\nb a\u{200D}b b\u{200D}a b", "e.g. E.G. e.g e.gx", "ǆ Ǆ ǅ ǅǆ",
        "über ÜBER Über überall", "σας ΣΑΣ ςας", "in ǅemal in ǆemal IN ǄEMAL", "x\u{200C}in \u{0301}in 5in in5",
        "in\u{A0}order in\torder in -house in - house the  fact the   fact in order  to", "CAFE\u{301} AU LAIT cafe au lait au laits",
        "New York City new york cityscape york city", "a b_c a b_ a b c_ İSTANBUL CITY istanbul city", "x\u{200D}y z x\u{200D}y  z",
        "ǅemal in ǆEMAL IN ǅemal inn", "2 nd 2 ND 22 nd _ x _ X", "über alles ÜBER ALLES Über Alles über\nalles", "in order\u{301} to",
        "in o", "in ", " in", "in\u{200D} order", "in \u{200D}order",
    ]

    /// Every literal tried at every word start, one character at a time: what the index must find.
    private func bruteForceHits(_ literals: [ValeLiteralIndex.Literal], in text: String) -> [ValeLiteralIndex.Hit] {
        let scalars = Array(text.unicodeScalars)
        var offsets = [0]
        for scalar in scalars { offsets.append(offsets.last! + String(scalar).utf8.count) }
        var hits: [ValeLiteralIndex.Hit] = []
        for start in scalars.indices {
            guard ValeCharacters.isWord(scalars[start]), start == 0 || !ValeCharacters.isBoundaryWord(scalars[start - 1]) else { continue }
            var here: [ValeLiteralIndex.Hit] = []
            for literal in literals {
                let expected = literal.caseInsensitive ? literal.folded : literal.bytes
                var spelled: [UInt8] = []
                var end = start
                while spelled.count < expected.count, end < scalars.count {
                    spelled += Array(String(literal.caseInsensitive ? ValeFold.lower(scalars[end]) : scalars[end]).utf8)
                    end += 1
                }
                guard !expected.isEmpty, spelled == expected, end == scalars.count || !ValeCharacters.isBoundaryWord(scalars[end]) else { continue }
                here.append(ValeLiteralIndex.Hit(owner: literal.owner, rank: literal.rank, start: Int32(offsets[start]), end: Int32(offsets[end])))
            }
            hits += here.sorted { ($0.owner, $0.rank) < ($1.owner, $1.rank) }
        }
        return hits
    }

    @Test func literalIndexFindsWhatBruteForceFinds() {
        // Four rules: two ignore case; each lists the words in another order, some twice.
        var literals: [ValeLiteralIndex.Literal] = []
        for owner in 0..<4 {
            let words = owner == 2 ? Self.crowdedWords.reversed() : owner == 3 ? Self.crowdedWords.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) : Self.crowdedWords
            for (position, word) in words.enumerated() {
                literals.append(ValeTokenProgram.literal(string: word, rank: Int32(position) * ValeTokenProgram.rankStride, caseInsensitive: owner % 2 == 0, owner: Int32(owner)))
            }
        }
        let index = ValeLiteralIndex(literals)
        // The texts, and texts made of their pieces in a fixed pseudo-random order.
        let pieces = Self.crowdedTexts.flatMap { $0.split(separator: " ").map(String.init) } + [" ", "\n", "-", ".", "\u{200D}"]
        var texts = Self.crowdedTexts
        var seed: UInt64 = 0x9E37_79B9
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<8 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(seed >> 33) % pieces.count] + ((seed >> 20) & 3 == 0 ? "" : " ")
            }
            texts.append(text)
        }
        var found = 0
        for text in texts {
            var copy = text
            let hits = copy.withUTF8 { index.hits(in: $0) }
            #expect(hits == bruteForceHits(literals, in: text), "\(text.debugDescription)")
            found += hits.count
        }
        #expect(found > 1000)
    }

    @Test func textSets() {
        var set = ValeTextSet(count: 3)
        #expect(set.isEmpty && !set.contains(0) && !set.contains(-1) && !set.contains(500))
        set.insert(2)
        set.insert(130)
        var other = ValeTextSet(count: 0)
        other.insert(64)
        other.insert(2)
        #expect(set.elements == [2, 130])
        #expect(set.union(other).elements == [2, 64, 130])
        #expect(other.union(set).elements == [2, 64, 130])
        #expect(!set.isEmpty && set.contains(130) && !set.contains(129))
    }
}
