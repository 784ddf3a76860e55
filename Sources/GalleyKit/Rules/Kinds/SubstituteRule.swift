import YAMLParser

/// `kind: substitute`: words with a plainer swap ("utilize" → "use"); the message names the swap.
struct SubstituteRule: TermRule, RuleKind {
    static let name = "substitute"
    static let summary = "Reports words and phrases that have a plainer swap, and suggests it."
    static let options: [(key: String, description: String)] = [
        ("swaps", "a mapping of each term to its suggested replacement"),
    ] + TermOptions.descriptions
    static let fixes: String? = """
        replaces the matched words with the swap, keeping their case (Utilize → Use, UTILIZE → USE) \
        and the "a" or "an" before them right; an empty swap removes the words and one space beside \
        them. Offered only where the words stand in the source exactly as read (not across inline \
        markup, entities or template tags), and not in a heading a link of the article points at.
        """
    static let examples: [RuleExample] = [
        RuleExample("The message names the swap", options: "swaps: {utilize: use, in order to: to}",
                    article: "# Title\n\nWe utilize tools in order to help.\n", expected: ["3:4", "3:18"],
                    fixed: "# Title\n\nWe use tools to help.\n"),
        RuleExample("Inflected forms get an inflected suggestion, in the same case", options: "swaps: {facilitate: help}\ninflections: true",
                    article: "# Title\n\nThis facilitated the work. FACILITATE it.\n", expected: ["3:6", "3:28"],
                    fixed: "# Title\n\nThis helped the work. HELP it.\n"),
        RuleExample("An empty swap removes the words", options: "swaps: {very: \"\"}",
                    article: "# Title\n\nIt is very good.\n", expected: ["3:7"], fixed: "# Title\n\nIt is good.\n"),
        RuleExample("The article before the words follows the swap", options: "swaps: {additional: more, very: \"\"}",
                    article: "# Title\n\nAn additional step, a very old tool.\n", expected: ["3:4", "3:23"],
                    fixed: "# Title\n\nA more step, an old tool.\n"),
        RuleExample("No fix across inline markup", options: "swaps: {in order to: to}",
                    article: "# Title\n\nWe work *in order* to help.\n", expected: ["3:10"], fixed: "# Title\n\nWe work *in order* to help.\n"),
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
            let message = suggestion.isEmpty ? "remove '\(match)'" : "use '\(suggestion)' instead of '\(match)'"
            var finding = Finding(range: text.sourceRange(ofTextRange: unitHit.hit.range), message: message,
                                  values: ["match": match, "term": base, "suggestion": suggestion], matchedText: match, suggestion: suggestion)
            let title = suggestion.isEmpty ? "Remove '\(match)'" : "Replace '\(match)' with '\(suggestion)'"
            if let fix = context.replacementFix(unit: unitHit.unit, textRange: unitHit.hit.range, with: suggestion, title: title) {
                finding.fixes = [fix]
            }
            return finding
        }
    }

    /// "Utilize" → "Use", "UTILIZE" → "USE": the suggestion takes the match's case.
    static func matchingCase(_ suggestion: String, of match: String) -> String {
        let letters = match.filter(\.isLetter)
        if letters.count > 1, letters.allSatisfy(\.isUppercase) { return suggestion.uppercased() }
        guard let first = match.first, first.isUppercase, let head = suggestion.first, head.isLowercase else { return suggestion }
        return head.uppercased() + suggestion.dropFirst()
    }
}
