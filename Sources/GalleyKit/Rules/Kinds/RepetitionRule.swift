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
        // A scanner's tokens hold no whitespace, so they need no trimming, and two ASCII tokens
        // compare by their bytes; other tokens are compared as Strings, as Vale compares them.
        let scanned = pattern.scanner != nil
        // The closure reads these, not the rule: it would copy the rule (and retain all it
        // holds) for every unit.
        let pattern = pattern, maximum = maximum, ignoreCase = ignoreCase, alpha = alpha, exceptions = exceptions, message = settings.message
        return valeCheck(context) { run, unit in
            let valeText = run.document.text(unit.text)
            var text = valeText.run.text
            return text.withUTF8 { whole in
                let bytes = UnsafeBufferPointer(rebasing: whole[unit.range])
                var alerts: [ValeAlert] = []
                var count = 0
                func token(_ range: Range<Int>?) -> String {
                    range.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self).trimmingCharacters() } ?? ""
                }
                /// A token `range` that repeats the one before (`hit`), as Vale counts and reports it.
                func settle(hit: Bool, previous: Range<Int>?, range: Range<Int>) {
                    // As in Vale, the count is not reset by a token that is not a repeat.
                    if hit { count += 1 }
                    if hit, count > maximum, let start = previous?.lowerBound {
                        let span = (start + unit.range.lowerBound)..<(range.upperBound + unit.range.lowerBound)
                        let repeated = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<range.upperBound]), as: UTF8.self)
                        if !repeated.contains("\n") && !exceptions.matches(repeated, scratch: run.scratch) {
                            let current = token(range)
                            alerts.append(ValeAlert(text: unit.text, range: span, match: repeated, message: ValeMessage.format(message, [current]),
                                                    suggestion: current))
                            count = 0
                        }
                    }
                }
                if let scanner = pattern.scanner, valeText.isASCII {
                    // Only neighbours with the same bytes can repeat: the others change nothing.
                    // Gathered first (they are few): the walk then touches no variable `settle` shares.
                    var repeats: [(Range<Int>, Range<Int>)] = []
                    scanner.forEachASCIIRepeat(bytes, ignoringCase: ignoreCase) { repeats.append(($0, $1)) }
                    for (previous, range) in repeats {
                        settle(hit: !alpha || bytes[range].allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }, previous: previous, range: range)
                    }
                    return (alerts, false)
                }
                var previousRange: Range<Int>?
                let gaveUp = pattern.forEachMatch(bytes, in: valeText, scratch: run.scratch) { range in
                    var hit: Bool
                    if previousRange == nil {
                        // The first token repeats nothing (it is compared with an empty one).
                        hit = false
                    } else if scanned, let previous = previousRange, let same = Self.asciiEqual(bytes, range, previous, ignoringCase: ignoreCase, ascii: valeText.isASCII) {
                        hit = same && (!alpha || bytes[range].allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
                    } else {
                        let current = token(range)
                        let previous = token(previousRange)
                        hit = !current.isEmpty && (ignoreCase ? ValeFold.lower(current) == ValeFold.lower(previous) : current == previous)
                        hit = hit && (!alpha || current.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.properties.generalCategory.isLetter })
                    }
                    settle(hit: hit, previous: previousRange, range: range)
                    previousRange = range
                    return true
                }
                return (alerts, gaveUp)
            }
        }
    }

    /// Whether two tokens of `bytes` are the same, when both are ASCII (nil otherwise).
    /// `ascii`: all of `bytes` is ASCII.
    static func asciiEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Range<Int>, _ second: Range<Int>, ignoringCase: Bool, ascii: Bool = false) -> Bool? {
        guard first.count == second.count else {
            return ascii || (bytes[first].allSatisfy { $0 < 0x80 } && bytes[second].allSatisfy { $0 < 0x80 }) ? false : nil
        }
        var equal = true
        for offset in 0..<first.count {
            let a = bytes[first.lowerBound + offset], b = bytes[second.lowerBound + offset]
            if a >= 0x80 || b >= 0x80 { return nil }
            if a == b { continue }
            if ignoringCase, a | 0x20 == b | 0x20, (a | 0x20) >= 0x61, (a | 0x20) <= 0x7A { continue }
            equal = false
        }
        return equal
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
