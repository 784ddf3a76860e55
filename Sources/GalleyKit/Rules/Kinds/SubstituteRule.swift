import YAMLParser

/// `kind: substitute`: words with a plainer swap ("utilize" → "use"); the message names the swap.
struct SubstituteRule: TermRule, RuleKind {
    static let name = "substitute"
    static let summary = "Reports words and phrases that have a plainer swap, and suggests it."
    static let options: [(key: String, description: String)] = [
        ("swaps", "a mapping of each term to its suggested replacement"),
    ] + TermOptions.descriptions
    static let examples: [RuleExample] = [
        RuleExample("The message names the swap", options: "swaps: {utilize: use, in order to: to}",
                    article: "# Title\n\nWe utilize tools in order to help.\n", expected: ["3:4", "3:18"]),
        RuleExample("Inflected forms get an inflected suggestion", options: "swaps: {facilitate: help}\ninflections: true",
                    article: "# Title\n\nThis facilitated the work.\n", expected: ["3:6"]),
        RuleExample("Nothing to swap", options: "swaps: {utilize: use}",
                    article: "# Title\n\nWe use tools.\n", expected: []),
    ]

    let definition: RuleDefinition
    let terms: [TermSpec]
    let suggestions: [String]
    let scope: Scope

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let termOptions = TermOptions.read(&options)
        guard let swapsNode = options.node("swaps") else {
            options.report("a substitute rule needs 'swaps': a mapping of terms to replacements", at: options.node)
            return nil
        }
        guard let pairs = swapsNode.pairs else {
            options.report("'swaps' must be a mapping of terms to replacements, found \(OptionReader.describe(swapsNode))", at: swapsNode)
            return nil
        }
        var specs: [TermSpec] = []
        var suggestions: [String] = []
        for pair in pairs {
            guard let term = pair.key.scalar, let replacement = pair.value.scalar, TermSpec(term) != nil else {
                options.report("each swap must map a term to a replacement string", at: pair.key)
                continue
            }
            for spec in termOptions.specs(for: term, payload: suggestions.count) {
                specs.append(spec)
            }
            suggestions.append(replacement)
        }
        return SubstituteRule(definition: definition, terms: specs + termOptions.exceptionSpecs, suggestions: suggestions, scope: termOptions.scope)
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        let inScope = context.unitSet(in: scope)
        return context.termHits(for: id).filter { inScope.contains($0.unit) }.map { unitHit in
            let text = context.units[unitHit.unit].text
            let match = text.substring(unitHit.hit.range)
            let base = terms.first { $0.payload == unitHit.hit.spec.payload && !$0.isException }?.phrase ?? unitHit.hit.spec.phrase
            var suggestion = suggestions[unitHit.hit.spec.payload]
            if unitHit.hit.spec.phrase != base {
                suggestion = Inflections.apply(from: base, to: unitHit.hit.spec.phrase, on: suggestion)
            }
            suggestion = Self.matchingCase(suggestion, of: match)
            return Finding(range: text.sourceRange(ofTextRange: unitHit.hit.range), message: "use '\(suggestion)' instead of '\(match)'",
                           values: ["match": match, "term": base, "suggestion": suggestion], matchedText: match, suggestion: suggestion)
        }
    }

    /// "Utilize" → "Use": a capitalized match gets a capitalized suggestion.
    static func matchingCase(_ suggestion: String, of match: String) -> String {
        guard let first = match.first, first.isUppercase, let head = suggestion.first, head.isLowercase else { return suggestion }
        return head.uppercased() + suggestion.dropFirst()
    }
}
