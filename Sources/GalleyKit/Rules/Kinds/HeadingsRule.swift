/// `kind: headings`: the outline's shape (one H1, no skipped levels) and how headings are written.
struct HeadingsRule: Rule, RuleKind {
    static let name = "headings"
    static let summary = "Checks headings: an H1 present and alone, no skipped levels, sentence or title case, no trailing punctuation."
    static let options: [(key: String, description: String)] = [
        ("require-h1", "report an article without an H1 (at its first line)"),
        ("single-h1", "report every H1 after the first"),
        ("no-skipped-levels", "report a heading more than one level below the heading before it"),
        ("case", "'sentence' (only the first word and proper nouns capitalized) or 'title' (major words capitalized)"),
        ("proper-nouns", "words that keep their capital in sentence case (acronyms always do)"),
        ("trailing-punctuation", "report headings that end in punctuation other than the characters given here (e.g. '?'); every script's question and exclamation marks count as '?' and '!' (？ ؟ ՞ ¿ ！ ¡…), and closing brackets and quotes after the last word are not its end"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("A second H1 is reported", options: "single-h1: true",
                    article: "# Title\n\nText.\n\n# Another title\n", expected: ["5:1"]),
        RuleExample("One H1 passes", options: "single-h1: true",
                    article: "# Title\n\n## Section\n", expected: []),
        RuleExample("H2 followed by H4 skips a level", options: "no-skipped-levels: true",
                    article: "# Title\n\n## Section\n\n#### Detail\n", expected: ["5:1"]),
        RuleExample("Going back up any number of levels is fine", options: "no-skipped-levels: true",
                    article: "# Title\n\n## Section\n\n### Detail\n\n## Next\n", expected: []),
        RuleExample("A missing H1 is reported at the top", options: "require-h1: true",
                    article: "## Only a section\n", expected: ["1:1"]),
        RuleExample("Sentence case", options: "case: sentence\nproper-nouns: [Galley]",
                    article: "# Using Galley in CI\n\n## How It Works\n", expected: ["3:1"]),
        RuleExample("Title case", options: "case: title",
                    article: "# Using the Linter in CI\n\n## How it works\n", expected: ["3:1"]),
        RuleExample("Trailing punctuation other than a question mark", options: "trailing-punctuation: '?'",
                    article: "# What is it?\n\n## Details:\n", expected: ["3:1"]),
        RuleExample("Question marks of every script are question marks; closing quotes and brackets do not end a heading",
                    options: "trailing-punctuation: '?'",
                    article: "# 这是什么？\n\n## ما هذا؟\n\n## Ինչ է սա՞\n\n## Define \"done\"\n\n## A rule (or not?)\n\n## Notes (draft).\n", expected: ["11:1"]),
        RuleExample("An empty pair of brackets or quotes ends nothing: a function's name is not punctuation",
                    options: "trailing-punctuation: '?'",
                    article: "# Py_RunMain()\n\n## Cautions about fork()\n\n## The map[] type\n\n## Calling f(), then g().\n", expected: ["7:1"]),
    ]

    enum Case: String, Sendable { case sentence, title }

    let definition: RuleDefinition
    var requireH1 = false
    var singleH1 = false
    var noSkippedLevels = false
    var letterCase: Case?
    var properNouns: Set<String> = []
    var allowedPunctuation: String?

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = HeadingsRule(definition: definition)
        rule.requireH1 = options.bool("require-h1") ?? false
        rule.singleH1 = options.bool("single-h1") ?? false
        rule.noSkippedLevels = options.bool("no-skipped-levels") ?? false
        rule.letterCase = options.choice("case", ["sentence", "title"]).flatMap(Case.init(rawValue:))
        rule.properNouns = Set(options.strings("proper-nouns")?.map(\.0) ?? [])
        rule.allowedPunctuation = options.string("trailing-punctuation")
        if !(rule.requireH1 || rule.singleH1 || rule.noSkippedLevels || rule.letterCase != nil || rule.allowedPunctuation != nil) {
            options.report("a headings rule needs at least one of: require-h1, single-h1, no-skipped-levels, case, trailing-punctuation", at: options.node)
            return nil
        }
        return rule
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // Heading indexes, not copies of the blocks: three heading rules run on every article.
        let blocks = document.blocks
        let headings = document.headings
        let h1s = headings.filter { blocks[$0].level == 1 }
        if requireH1, h1s.isEmpty {
            findings.append(.aboutDocument(document, subject: "no-h1", message: "the article has no H1 heading"))
        }
        if singleH1 {
            for index in h1s.dropFirst() {
                let heading = blocks[index]
                findings.append(Finding(range: heading.range, message: "more than one H1 heading ('\(heading.text.text)')",
                                        values: ["heading": heading.text.text], matchedText: heading.text.text))
            }
        }
        if noSkippedLevels {
            var previous = 0
            for index in headings {
                let level = blocks[index].level
                if previous > 0, level > previous + 1 {
                    findings.append(Finding(
                        range: blocks[index].range,
                        message: "heading level \(level) follows level \(previous); use level \(previous + 1)",
                        values: ["level": String(level), "previous": String(previous), "expected": String(previous + 1)],
                        matchedText: blocks[index].text.text))
                }
                previous = level
            }
        }
        for index in headings {
            let text = blocks[index].text.text
            let range = blocks[index].range
            if let letterCase, let word = HeadingCase.firstViolation(in: text, case: letterCase, properNouns: properNouns) {
                findings.append(Finding(range: range, message: "'\(text)' is not in \(letterCase.rawValue) case ('\(word)')",
                                        values: ["heading": text, "match": word], matchedText: text))
            }
            if let allowedPunctuation, let last = TrailingPunctuation.last(of: text), !TrailingPunctuation.allows(last, allowedPunctuation) {
                findings.append(Finding(range: range, message: "'\(text)' ends with '\(Character(last))'",
                                        values: ["heading": text, "match": String(Character(last))], matchedText: text))
            }
        }
        return findings
    }
}

/// What a heading ends with, as a reader sees it: the last punctuation mark before any closing
/// brackets and quotes (`A rule (or not?)` ends with `?`, `Define "done"` with a letter, and
/// `Py_RunMain()` with an empty pair, which is no punctuation), and
/// question and exclamation marks of every script taken as `?` and `!`. Scalars, not characters:
/// the Greek question mark (U+037E) is canonically a semicolon, which is not a question mark.
enum TrailingPunctuation {
    static let questionMarks: Set<Unicode.Scalar> = [
        "?", "\u{FF1F}", "\u{061F}", "\u{037E}", "\u{055E}", "\u{00BF}", "\u{2E2E}", "\u{203D}", "\u{2047}", "\u{2048}", "\u{2049}",
        "\u{FE16}", "\u{FE56}", "\u{1367}", "\u{A60F}", "\u{1945}",
    ]
    static let exclamationMarks: Set<Unicode.Scalar> = [
        "!", "\u{FF01}", "\u{00A1}", "\u{055C}", "\u{07F9}", "\u{FE15}", "\u{FE57}", "\u{203C}", "\u{2049}", "\u{2048}", "\u{1944}",
    ]

    /// The heading's last punctuation scalar, or nil when it ends in a letter, digit or symbol.
    static func last(of text: String) -> Unicode.Scalar? {
        // Most headings end in a letter or a digit, settled on the last byte.
        if let byte = text.utf8.last, SourceAligner.isAlphanumeric(byte) { return nil }
        var scalars = text.unicodeScalars[...]
        while let last = scalars.last, isClosing(last) || last.properties.isWhitespace { scalars.removeLast() }
        // An opening mark left at the end was half of an empty pair: `Py_RunMain()`, `map[]`.
        guard let last = scalars.last, Character(last).isPunctuation, !isOpening(last) else { return nil }
        return last
    }

    static func allows(_ scalar: Unicode.Scalar, _ allowed: String) -> Bool {
        let written = Set(allowed.unicodeScalars)
        if written.contains(scalar) { return true }
        if questionMarks.contains(scalar), !written.isDisjoint(with: questionMarks) { return true }
        if exclamationMarks.contains(scalar), !written.isDisjoint(with: exclamationMarks) { return true }
        return false
    }

    private static func isOpening(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .openPunctuation, .initialPunctuation: return true
        default: return false
        }
    }

    /// Closing brackets (Pe), closing quotes (Pf) and the straight quotes that close as often as they open.
    private static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .closePunctuation, .finalPunctuation: return true
        default: return scalar == "\"" || scalar == "'" || scalar == "\u{201D}" || scalar == "\u{2019}" || scalar == "\u{00BB}"
        }
    }
}

/// Sentence and title case, by the usual English conventions.
enum HeadingCase {
    static let minorWords: Set<String> = [
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on",
        "per", "to", "up", "via", "vs", "from", "into", "onto", "with", "over",
    ]

    /// The first word that breaks the case, or nil.
    static func firstViolation(in heading: String, case style: HeadingsRule.Case, properNouns: Set<String>) -> String? {
        let words = heading.split { $0.isWhitespace }.map { $0.trimmingCharacters(in: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-" }) }
            .filter { $0.first?.isLetter == true }
        for (index, word) in words.enumerated() {
            guard let first = word.first else { continue }
            let isAcronym = word.count > 1 && word.allSatisfy { !$0.isLowercase }
            let hasInnerCapital = word.dropFirst().contains { $0.isUppercase }
            if isAcronym || hasInnerCapital || properNouns.contains(word) { continue }
            switch style {
            case .sentence:
                if index == 0 ? first.isLowercase : first.isUppercase { return word }
            case .title:
                let minor = minorWords.contains(word.lowercased())
                let shouldCapitalize = index == 0 || index == words.count - 1 || !minor
                if shouldCapitalize ? first.isLowercase : first.isUppercase { return word }
            }
        }
        return nil
    }
}

extension Substring {
    func trimmingCharacters(in predicate: (Character) -> Bool) -> String {
        var view = self
        while let first = view.first, predicate(first) { view.removeFirst() }
        while let last = view.last, predicate(last) { view.removeLast() }
        return String(view)
    }
}
