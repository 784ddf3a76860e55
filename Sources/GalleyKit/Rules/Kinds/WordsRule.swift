/// `kind: words`: terms and phrases that should not appear (tone lists: banned, condescending).
struct WordsRule: TermRule, RuleKind {
    static let name = "words"
    static let summary = "Reports every use of listed words and phrases, case-insensitive and whole-word by default."
    static let options: [(key: String, description: String)] = [
        ("terms", "the words and phrases to report"),
        ("terms-file", "a plain text file of terms, one per line (# starts a comment), relative to the rule set"),
    ] + TermOptions.descriptions
    static let examples: [RuleExample] = [
        RuleExample("A listed word is reported where it stands", options: "terms: [obviously, of course]",
                    article: "# Title\n\nThe answer is obviously yes.\n", expected: ["3:15"]),
        RuleExample("Phrases match across line breaks, in any case", options: "terms: [of course]",
                    article: "# Title\n\nIt works, Of\ncourse.\n", expected: ["3:11"]),
        RuleExample("Whole words only", options: "terms: [cure]",
                    article: "# Title\n\nSecure and curative are fine.\n", expected: []),
        RuleExample("Inflections on request", options: "terms: [guarantee]\ninflections: true",
                    article: "# Title\n\nResults are guaranteed.\n", expected: ["3:13"]),
        RuleExample("Exceptions keep a phrase", options: "terms: [simply]\nexceptions: [simply put]",
                    article: "# Title\n\nSimply put, it works.\n", expected: []),
        RuleExample("Scope limits where terms are looked for", options: "terms: [miracle]\nscope: [headings]",
                    article: "# A miracle cure\n\nNo miracle here.\n", expected: ["1:5"]),
    ]

    let definition: RuleDefinition
    let terms: [TermSpec]
    let scope: Scope

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let termOptions = TermOptions.read(&options)
        let words = TermOptions.terms(&options)
        if words.isEmpty && options.errors.isEmpty {
            options.report("a words rule needs 'terms' or 'terms-file'", at: options.node)
            return nil
        }
        let specs = words.enumerated().flatMap { termOptions.specs(for: $0.element, payload: $0.offset) } + termOptions.exceptionSpecs
        return WordsRule(definition: definition, terms: specs, scope: termOptions.scope)
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        let inScope = context.unitSet(in: scope)
        return context.termHits(for: id).filter { inScope.contains($0.unit) }.map { unitHit in
            let text = context.units[unitHit.unit].text
            let match = text.substring(unitHit.hit.range)
            return Finding(range: text.sourceRange(ofTextRange: unitHit.hit.range), message: "avoid '\(match)'",
                           values: ["match": match, "term": unitHit.hit.spec.phrase], matchedText: match)
        }
    }
}
