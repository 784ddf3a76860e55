/// `kind: repetition`: Vale's repetition check. The same token twice in a row.
struct RepetitionRule: ValeRule, RuleKind {
    static let name = "repetition"
    static let summary = "Reports a token repeated right after itself, such as 'the the' (Vale's repetition check)."
    static let options: [(key: String, description: String)] = [
        ("tokens", "Vale patterns for what counts as a token, e.g. '[^\\s]+'"),
        ("max", "repeats allowed before one is reported (default: 0)"),
        ("ignorecase", "'The the' is a repeat too"),
        ("alpha", "only tokens made of letters count"),
        ("exceptions", "patterns that, found in a repeat, excuse it"),
        ("vocab", "also excuse the project's accepted words (default: true)"),
    ] + ValeRuleSettings.commonOptions
    static let examples: [RuleExample] = [
        RuleExample("A repeated word is reported from its first copy", options: "tokens: ['[^\\s]+']\nalpha: true\nmessage: \"'%s' is repeated!\"",
                    article: "# Title\n\nIt is the the best.\n", expected: ["3:7"]),
        RuleExample("Case counts unless ignored", options: "tokens: ['[^\\s]+']\nignorecase: true",
                    article: "# Title\n\nThe the best is yet to come.\n", expected: ["3:1"]),
        RuleExample("Not across a line break, as in Vale", options: "tokens: ['[^\\s]+']",
                    article: "# Title\n\nIt is the\nthe best.\n", expected: []),
        RuleExample("Code between the words breaks the repeat", options: "tokens: ['[^\\s]+']",
                    article: "# Title\n\nthe `the` the\n", expected: []),
    ]

    let definition: RuleDefinition
    let settings: ValeRuleSettings
    let pattern: ValePattern
    let maximum: Int
    let ignoreCase: Bool
    let alpha: Bool
    let exceptions: ValeExceptions

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let settings = ValeRuleSettings.read(&options, definition: definition, defaultMessage: "'%s' is repeated!")
        let maximum = options.int("max", range: 0...1_000_000) ?? 0
        let ignoreCase = options.bool("ignorecase") ?? false
        let alpha = options.bool("alpha") ?? false
        let exceptionWords = options.strings("exceptions")?.map(\.0) ?? []
        let vocab = options.bool("vocab") ?? true
        guard let tokens = options.strings("tokens", required: true) else { return nil }
        guard let exceptions = ValeRules.exceptions(exceptionWords + (vocab ? ValeBuildContext.current.acceptedWords : []), options: &options) else { return nil }
        let pattern: ValePattern
        do {
            pattern = try ValePattern((ignoreCase ? "(?i)" : "") + "(" + tokens.map(\.0).joined(separator: "|") + ")")
        } catch {
            ValeRules.reportCulprit(of: error, among: tokens, options: &options)
            return nil
        }
        var built = definition
        built.message = nil
        return RepetitionRule(definition: built, settings: settings, pattern: pattern, maximum: maximum, ignoreCase: ignoreCase, alpha: alpha,
                              exceptions: exceptions)
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        valeCheck(context) { run, unit in
            let valeText = run.document.text(unit.text)
            var text = valeText.run.text
            let (matches, gaveUp) = text.withUTF8 { whole in
                pattern.matches(UnsafeBufferPointer(rebasing: whole[unit.range]), in: valeText, scratch: run.scratch)
            }
            var alerts: [ValeAlert] = []
            var previous = ""
            var previousRange: Range<Int>?
            var count = 0
            for match in matches {
                let range = (match.range.lowerBound + unit.range.lowerBound)..<(match.range.upperBound + unit.range.lowerBound)
                let current = run.substring(unit.text, range).trimmingCharacters()
                var hit = !current.isEmpty && (ignoreCase ? ValeFold.lower(current) == ValeFold.lower(previous) : current == previous)
                hit = hit && (!alpha || current.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.properties.generalCategory.isLetter })
                // As in Vale, the count is not reset by a token that is not a repeat.
                if hit { count += 1 }
                if hit, count > maximum, let start = previousRange?.lowerBound {
                    let span = start..<range.upperBound
                    let repeated = run.substring(unit.text, span)
                    if !repeated.contains("\n") && !exceptions.matches(repeated, scratch: run.scratch) {
                        alerts.append(ValeAlert(text: unit.text, range: span, match: repeated, message: ValeMessage.format(settings.message, [current]),
                                                suggestion: current))
                        count = 0
                    }
                }
                previousRange = range
                previous = current
            }
            return (alerts, gaveUp)
        }
    }
}

extension Unicode.GeneralCategory {
    var isLetter: Bool {
        switch self {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}
