import YAMLParser

/// `kind: existence`: Vale's existence check. Words and patterns that should not appear.
struct ExistenceRule: ValeWordListRule, RuleKind {
    static let name = "existence"
    static let summary = "Reports every match of a list of words or Vale patterns (Vale's existence check); plain words share one matcher across rules."
    static let options: [(key: String, description: String)] = [
        ("tokens", "words, phrases or Vale (regexp2) patterns; each is matched as a whole word unless nonword is set"),
        ("raw", "pattern pieces put before the token list (after it with append: true), without word boundaries"),
        ("append", "put raw after the token list instead of before it"),
        ("nonword", "do not wrap the tokens in \\b word boundaries"),
        ("ignorecase", "match without regard to case (default: false)"),
        ("exceptions", "patterns that, found in a match, excuse it"),
        ("vocab", "also excuse the project's accepted words (Vale's Vocab; default: true)"),
    ] + ValeRuleSettings.commonOptions
    static let examples: [RuleExample] = [
        RuleExample("A listed word is reported where it stands", options: "tokens: [obviously, of course]\nignorecase: true\nmessage: \"Don't use '%s'.\"",
                    article: "# Title\n\nThe answer is Obviously yes.\n", expected: ["3:15"]),
        RuleExample("Tokens are patterns", options: #"tokens: ['\d+(?:st|nd|rd|th)']"# + "\nmessage: \"Spell out '%s'.\"",
                    article: "# Title\n\nThe 1st and 22nd entries.\n", expected: ["3:5", "3:13"]),
        RuleExample("Whole words only, unless nonword", options: "tokens: [cure]",
                    article: "# Title\n\nSecure and curative are fine.\n", expected: []),
        RuleExample("A phrase broken across lines is not matched, as in Vale", options: "tokens: [of course]",
                    article: "# Title\n\nIt works, of\ncourse.\n", expected: []),
        RuleExample("Exceptions excuse a match", options: "tokens: ['[A-Z]{3,}']\nexceptions: [NASA]",
                    article: "# Title\n\nNASA and the ESA agree.\n", expected: ["3:14"]),
        RuleExample("Scope narrows where it looks", options: "tokens: [miracle]\nscope: heading",
                    article: "# A miracle cure\n\nNo miracle here.\n", expected: ["1:5"]),
    ]

    let definition: RuleDefinition
    let settings: ValeRuleSettings
    private(set) var program: ValeTokenProgram
    let exceptions: ValeExceptions
    /// `settings.message`, read once.
    let template: ValeMessageTemplate

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let settings = ValeRuleSettings.read(&options, definition: definition, defaultMessage: "'%s' is not allowed.")
        let tokens = (options.strings("tokens") ?? []).filter { !$0.0.trimmingCharacters().isEmpty }
        let raw = (options.strings("raw") ?? []).map(\.0).joined()
        let append = options.bool("append") ?? false
        let nonword = options.bool("nonword") ?? false
        let ignoreCase = options.bool("ignorecase") ?? false
        let exceptionWords = options.strings("exceptions")?.map(\.0) ?? []
        let vocab = options.bool("vocab") ?? true
        if tokens.isEmpty && raw.isEmpty && options.errors.isEmpty {
            options.report("an existence rule needs 'tokens' or 'raw'", at: options.node)
            return nil
        }
        let context = ValeBuildContext.current
        guard let exceptions = ValeRules.exceptions(exceptionWords + (vocab ? context.acceptedWords : []), options: &options) else { return nil }
        let word = !nonword && !tokens.isEmpty
        let program: ValeTokenProgram
        if raw.isEmpty && context.wordTemplate == nil {
            guard let nodes = ValeRules.parse(tokens, options: &options) else { return nil }
            do {
                program = try ValeTokenProgram(alternatives: nodes, caseInsensitive: ignoreCase, bounded: word, source: tokens.map(\.0).joined(separator: "|"))
            } catch {
                ValeRules.reportCulprit(of: error, among: tokens, options: &options)
                return nil
            }
        } else {
            // Vale's own construction: raw and the template around the joined tokens.
            let template = word ? (context.wordTemplate ?? #"(?m)\b(?:%s)\b"#) : "(?m)(?:%s)"
            var pattern = template.replacingFirst("%s", with: tokens.map(\.0).joined(separator: "|"))
            pattern = append ? pattern + raw : raw + pattern
            if ignoreCase { pattern = "(?i)" + pattern }
            do {
                program = ValeTokenProgram(whole: try ValePattern(pattern), groupsAreAlternatives: false)
            } catch {
                options.report(error.message, at: options.node["raw"] ?? options.node["tokens"] ?? options.node)
                return nil
            }
        }
        var built = definition
        built.message = nil
        return ExistenceRule(definition: built, settings: settings, program: program, exceptions: exceptions, template: ValeMessageTemplate(settings.message))
    }

    func relinked(to book: ValeWordBook, slot: Int32) -> ExistenceRule {
        var copy = self
        copy.program.relink(to: book, slot: slot)
        return copy
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        valeCheck(context, texts: { program.textsToRead($0, context: context) }) { run, unit in
            let (matches, gaveUp) = program.matches(in: run.document, text: unit.text, range: unit.range, hits: run.hits(program.book, context: context),
                                                    scratch: run.scratch)
            var alerts: [ValeAlert] = []
            if !matches.isEmpty { alerts.reserveCapacity(matches.count) }
            for match in matches where !match.range.isEmpty {
                let range = (match.range.lowerBound + unit.range.lowerBound)..<(match.range.upperBound + unit.range.lowerBound)
                let text = run.substring(unit.text, range)
                if exceptions.pattern != nil, exceptions.matches(text.trimmingCharacters(), scratch: run.scratch) { continue }
                var suggestion: String?
                let message: String
                if !settings.action.name.isEmpty, let fixes = settings.action.fixes(for: text) {
                    let replacement = fixes.count == 1 ? fixes[0] : (fixes.isEmpty ? text : ValeMessage.sentence(fixes))
                    message = template.fill(text, replacement)
                    suggestion = fixes.first
                } else {
                    message = template.fill(text)
                }
                alerts.append(ValeAlert(text: unit.text, range: range, match: text, message: message, suggestion: suggestion))
            }
            return (alerts, gaveUp)
        }
    }
}

/// Option reading the Vale kinds share.
enum ValeRules {
    /// Each entry parsed as a Vale pattern; a bad one is reported where it is written.
    static func parse(_ entries: [(String, YAMLNode)], options: inout OptionReader) -> [ValeRegexNode]? {
        var nodes: [ValeRegexNode] = []
        var failed = false
        for (source, node) in entries {
            if let plain = plainWords(source) {
                nodes.append(plain)
                continue
            }
            do {
                nodes.append(try ValeRegex(source).root)
            } catch {
                options.report("invalid pattern '\(source)': \(error.message) (at character \(error.offset + 1))", at: node)
                failed = true
            }
        }
        return failed ? nil : nodes
    }

    /// The tree the parser gives an entry without any character special to it (most entries of
    /// a word list): its characters in a row, read without the parser's work.
    static func plainWords(_ source: String) -> ValeRegexNode? {
        var items: [ValeRegexNode] = []
        items.reserveCapacity(source.utf8.count)
        for scalar in source.unicodeScalars {
            switch scalar {
            case "(", ")", "[", ".", "^", "$", "\\", "*", "+", "?", "{", "|": return nil
            default: items.append(.literal(scalar))
            }
        }
        if items.isEmpty { return nil }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// A list that did not compile: the entry that fails on its own is named, else the list.
    static func reportCulprit(of error: ValePattern.Failure, among entries: [(String, YAMLNode)], options: inout OptionReader) {
        for (source, node) in entries {
            if case .failure(let own) = Result(catching: { () throws(ValePattern.Failure) in _ = try ValePattern(source) }) {
                options.report(own.message, at: node)
                return
            }
        }
        options.report(error.message, at: entries.first?.1 ?? options.node)
    }

    static func exceptions(_ words: [String], options: inout OptionReader) -> ValeExceptions? {
        do {
            return try ValeExceptions(words)
        } catch {
            options.report("the exceptions do not compile: \(error.message)", at: options.node["exceptions"] ?? options.node)
            return nil
        }
    }
}

extension String {
    /// `self` with the first `target` replaced (Go's fmt.Sprintf of a one-verb template).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = Substring(self).range(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
