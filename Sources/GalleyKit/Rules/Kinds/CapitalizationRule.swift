/// `kind: capitalization`: Vale's capitalization check. Headings (or any text) in a case style.
struct CapitalizationRule: ValeRule, RuleKind {
    static let name = "capitalization"
    static let summary = "Reports text not in the chosen case: $sentence, $title (AP or Chicago), $lower, $upper or a Vale pattern (Vale's capitalization check)."
    static let options: [(key: String, description: String)] = [
        ("match", "$sentence, $title, $lower, $upper, or a Vale pattern the whole text must match"),
        ("style", "for $title: AP (default) or Chicago"),
        ("exceptions", "words kept as written (names, acronyms); each is also a pattern"),
        ("indicators", "for $sentence: endings of a word after which the next word starts with a capital (default ':')"),
        ("threshold", "the share of words that must agree for the text to pass (default 0.8)"),
        ("prefix", "a pattern for a prefix left out of the check (e.g. a numbering)"),
        ("vocab", "also keep the project's accepted words as written (default: true)"),
    ] + ValeRuleSettings.commonOptions
    static let examples: [RuleExample] = [
        RuleExample("Sentence-style headings", options: "match: $sentence\nscope: heading\nmessage: \"'%s' should use sentence-style capitalization.\"",
                    article: "# Getting Started With Galley\n\n## Where the files go\n", expected: ["1:3"]),
        RuleExample("Names stay capitalized", options: "match: $sentence\nscope: heading\nexceptions: [Galley, Markdown]",
                    article: "# Using Galley with Markdown\n", expected: []),
        RuleExample("Title-style headings", options: "match: $title\nscope: heading",
                    article: "# The lord of the rings\n\n## The Return of the King\n", expected: ["1:3"]),
    ]

    enum Check: Sendable {
        case style(ValeCase)
        case lower, upper
        case pattern(ValePattern, source: String)
    }

    let definition: RuleDefinition
    let settings: ValeRuleSettings
    let check: Check
    let exceptions: ValeExceptions
    let threshold: Double
    /// A case style splits words as the exceptions do (asked once, not for every heading).
    var splitsLikeExceptions = false

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let settings = ValeRuleSettings.read(&options, definition: definition, defaultMessage: "'%s' should be in %s.")
        let style = options.choice("style", ["AP", "Chicago"]) ?? "AP"
        var words = options.strings("exceptions")?.map(\.0) ?? []
        let indicators = options.strings("indicators")?.map(\.0) ?? []
        let given = options.double("threshold") ?? 0
        let prefix = options.string("prefix") ?? ""
        let vocab = options.bool("vocab") ?? true
        guard let match = options.string("match", required: true), let matchNode = options.node["match"] else { return nil }
        if vocab { words += ValeBuildContext.current.acceptedWords }
        guard let exceptions = ValeRules.exceptions(words, options: &options) else { return nil }
        // Vale builds its exception pattern in place over the rule's list when no accepted words
        // are added to it, so the case styles then see each exception as `(?-i)word`, longest
        // first: matched with its own case even inside the styles' case-insensitive pattern.
        var vocabulary = words
        if !vocab || ValeBuildContext.current.acceptedWords.isEmpty {
            vocabulary = words.enumerated().sorted { ($0.element.utf8.count, -$0.offset) > ($1.element.utf8.count, -$1.offset) }
                .map { $0.element.hasPrefix("(?i)") ? $0.element : "(?-i)" + $0.element }
        }
        let check: Check
        do {
            switch match {
            case "$title": check = .style(try ValeCase(style: style == "Chicago" ? .titleChicago : .titleAP, vocabulary: vocabulary, indicators: [], prefix: prefix))
            case "$sentence": check = .style(try ValeCase(style: .sentence, vocabulary: vocabulary, indicators: indicators, prefix: prefix))
            case "$lower": check = .lower
            case "$upper": check = .upper
            default: check = .pattern(try ValePattern(match), source: match)
            }
        } catch {
            options.report(error.message, at: matchNode)
            return nil
        }
        var built = definition
        built.message = nil
        // A threshold of 0 would never trigger; Vale reads it as the default.
        var rule = CapitalizationRule(definition: built, settings: settings, check: check, exceptions: exceptions, threshold: given == 0 ? 0.8 : given)
        if case .style(let converter) = check { rule.splitsLikeExceptions = converter.splitsWords(like: exceptions) }
        return rule
    }

    func descriptionArguments(match: String, suggestion: String?) -> [String] { [match, suggestion ?? ""] }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        // Taken out of the enum once, not for every heading (which would retain all it holds).
        var style: ValeCase?
        if case .style(let converter) = check { style = converter }
        let exceptions = exceptions, threshold = threshold, message = settings.message, sameSplit = splitsLikeExceptions
        return valeCheck(context) { run, unit in
            if let converter = style {
                // Compared on bytes: Strings only for what is reported.
                var whole = run.document.text(unit.text).run.text
                let (expected, matched) = whole.withUTF8 { bytes in
                    converter.check(UnsafeBufferPointer(rebasing: bytes[unit.range]), exceptions: exceptions, threshold: threshold,
                                    splitsLikeExceptions: sameSplit, scratch: run.scratch)
                }
                guard !matched else { return ([], false) }
                let text = run.substring(unit.text, unit.range)
                let suggestion = String(decoding: expected, as: UTF8.self)
                return ([ValeAlert(text: unit.text, range: unit.range, match: text, message: ValeMessage.format(message, [text, suggestion]),
                                   suggestion: suggestion)], false)
            }
            let text = run.substring(unit.text, unit.range)
            let expected: String
            let matched: Bool
            switch check {
            case .style: return ([], false)
            case .lower:
                expected = ValeFold.lower(text)
                matched = text == expected || exceptions.matches(text, scratch: run.scratch)
            case .upper:
                expected = ValeFold.upper(text)
                matched = text == expected || exceptions.matches(text, scratch: run.scratch)
            case .pattern(let pattern, let source):
                expected = source
                matched = ValeCase.firstMatch(pattern, in: text, scratch: run.scratch) != nil || exceptions.matches(text, scratch: run.scratch)
            }
            guard !matched else { return ([], false) }
            return ([ValeAlert(text: unit.text, range: unit.range, match: text, message: ValeMessage.format(message, [text, expected]),
                               suggestion: nil)], false)
        }
    }
}
