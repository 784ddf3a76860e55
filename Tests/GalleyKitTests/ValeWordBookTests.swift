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
        var programs = try Self.lists.map(program)
        var literals: [ValeLiteralIndex.Literal] = []
        for (slot, program) in programs.enumerated() {
            for literal in program.literals {
                literals.append(ValeTokenProgram.literal(string: literal.string, rank: literal.rank, caseInsensitive: program.caseInsensitive, owner: Int32(slot)))
            }
        }
        let book = ValeWordBook(ValeLiteralIndex(literals))
        for slot in programs.indices { programs[slot].relink(to: book, slot: Int32(slot)) }
        let patterns = try Self.lists.map { list in
            try ValePattern((list.1 ? "(?i)" : "") + "(?m)\\b(?:" + list.0.joined(separator: "|") + ")\\b")
        }
        let scratch = ValeScratch.make()
        var compared = 0
        for text in Self.texts {
            let document = ValeDocument(ArticleFormats.read(path: "x.md", bytes: Array(text.utf8), format: .markdown))
            let hits = ValeWordBook.Hits(book: book, document: document)
            for index in 0..<document.blockTextCount {
                let valeText = document.text(index)
                var string = valeText.run.text
                let bytes = Array(string.utf8)
                for (slot, program) in programs.enumerated() {
                    var holds = false
                    for unit in units(bytes) {
                        let found = program.matches(in: document, text: index, range: unit, hits: hits, scratch: scratch).matches.map(\.range)
                        let expected = string.withUTF8 { whole in
                            patterns[slot].matches(UnsafeBufferPointer(rebasing: whole[unit]), form: valeText.patternForm, scratch: scratch).matches.map(\.range)
                        }
                        #expect(found == expected, "list \(slot) in \(unit) of \(valeText.text.debugDescription)")
                        holds = holds || !expected.isEmpty
                        compared += 1
                    }
                    // Only literal lists say which texts to read; a text holding a match is one of them.
                    if program.pattern == nil { #expect(hits.textsWithHits(owner: Int32(slot)).contains(index) == holds, "list \(slot) in \(valeText.text.debugDescription)") }
                }
            }
        }
        #expect(compared > 1000)
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
