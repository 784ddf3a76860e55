/// `kind: conditional`: Vale's conditional check. The first pattern needs the second.
struct ConditionalRule: ValeRule, RuleKind {
    static let name = "conditional"
    static let summary = "Reports a match of 'first' that no earlier match of 'second' accounts for, such as an acronym never spelled out (Vale's conditional check)."
    static let options: [(key: String, description: String)] = [
        ("first", "a Vale pattern: what needs accounting for (the antecedent, e.g. an acronym)"),
        ("second", "a Vale pattern whose groups account for it (e.g. 'World Health Organization (WHO)')"),
        ("exceptions", "matches of 'first' that need nothing"),
        ("vocab", "also excuse the project's accepted words (default: true)"),
        ("ignorecase", "accepted for Vale's sake; as in Vale, it does not change the patterns"),
    ] + ValeRuleSettings.commonOptions
    static let examples: [RuleExample] = [
        RuleExample("An acronym used before it is defined", options: #"first: '\b([A-Z]{3,5})\b'"# + "\n" + #"second: '(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)'"# + "\nmessage: \"'%s' has no definition.\"",
                    article: "# Title\n\nThe WHO says so.\n\nThe World Health Organization (WHO) agrees.\n", expected: ["3:5"]),
        RuleExample("Defined first, then used", options: #"first: '\b([A-Z]{3,5})\b'"# + "\n" + #"second: '(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)'"# + "\nexceptions: [API]",
                    article: "# Title\n\nThe World Health Organization (WHO) agrees.\n\nThe WHO has an API.\n", expected: []),
    ]

    let definition: RuleDefinition
    let settings: ValeRuleSettings
    let first: ValePattern
    let second: ValePattern
    let exceptions: ValeExceptions
    /// Every match of the pattern holds two neighbouring capitals (`ValeCapitalPairs`).
    let firstNeedsCapitals: Bool
    let secondNeedsCapitals: Bool

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let settings = ValeRuleSettings.read(&options, definition: definition, defaultMessage: "'%s' has no definition.")
        _ = options.bool("ignorecase")
        let exceptionWords = options.strings("exceptions")?.map(\.0) ?? []
        let vocab = options.bool("vocab") ?? true
        let second = options.valePattern("second", required: true)
        let first = options.valePattern("first", required: true)
        guard let exceptions = ValeRules.exceptions(exceptionWords + (vocab ? ValeBuildContext.current.acceptedWords : []), options: &options),
              let first, let second else { return nil }
        var built = definition
        built.message = nil
        return ConditionalRule(definition: built, settings: settings, first: first.0, second: second.0, exceptions: exceptions,
                               firstNeedsCapitals: ValeCapitalPairs.required(by: first.0.root),
                               secondNeedsCapitals: ValeCapitalPairs.required(by: second.0.root))
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        // What 'second' has accounted for so far in the file.
        var defined: Set<String> = []
        // The closure reads these, not the rule: it would copy the rule for every unit.
        let first = first, second = second, exceptions = exceptions, message = settings.message
        let firstNeedsCapitals = firstNeedsCapitals, secondNeedsCapitals = secondNeedsCapitals
        return valeCheck(context) { run, unit in
            var text = run.document.texts[unit.text].run.text
            var alerts: [ValeAlert] = []
            var gaveUp = false
            text.withUTF8 { whole in
                let bytes = UnsafeBufferPointer(rebasing: whole[unit.range])
                // Most units hold no acronym: neither pattern can match there.
                let capitals = (firstNeedsCapitals || secondNeedsCapitals) ? ValeCapitalPairs.occur(in: bytes) : true
                if !capitals && firstNeedsCapitals && secondNeedsCapitals { return }
                let valeText = run.document.texts[unit.text]
                let (definitions, stopped) = !capitals && secondNeedsCapitals ? ([], false)
                    : second.matches(bytes, in: valeText, groups: true, scratch: run.scratch)
                for match in definitions {
                    for group in match.groups.dropFirst() {
                        if let group, !group.isEmpty { defined.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[group]), as: UTF8.self)) }
                    }
                }
                let (uses, stoppedToo) = !capitals && firstNeedsCapitals ? ([], false) : first.matches(bytes, in: valeText, scratch: run.scratch)
                gaveUp = stopped || stoppedToo
                for use in uses {
                    let found = String(decoding: UnsafeBufferPointer(rebasing: bytes[use.range]), as: UTF8.self)
                    if defined.contains(found) || exceptions.matches(found, scratch: run.scratch) { continue }
                    let range = (use.range.lowerBound + unit.range.lowerBound)..<(use.range.upperBound + unit.range.lowerBound)
                    alerts.append(ValeAlert(text: unit.text, range: range, match: found, message: ValeMessage.format(message, [found]), suggestion: nil))
                }
            }
            return (alerts, gaveUp)
        }
    }
}
