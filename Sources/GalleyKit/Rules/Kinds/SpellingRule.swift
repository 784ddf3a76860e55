/// `kind: spelling`: Hunspell dictionaries and the team's own vocabulary.
struct SpellingRule: VocabularyRule, RuleKind {
    static let name = "spelling"
    static let summary = "Reports words that neither the Hunspell dictionary nor the team's vocabulary knows, and rejected words, with suggestions; code, URLs, identifiers, acronyms and template syntax are not checked."
    static let options: [(key: String, description: String)] = [
        ("dictionary", "a Hunspell dictionary by name (en_US, the default; en_GB, de_DE, fr_FR, es_ES...) from the system's dictionary folders, or a .dic/.aff pair by path relative to the rule set; a list consults each (a word any of them knows is right)"),
        ("dictionaries", "language tag → dictionary (or list), for articles in that language (declared, or set by .galley.yml's language): {en-GB: en_GB, de: de_DE}; an article in a language neither mapped nor the dictionary's is not checked"),
        ("accept", "terms to accept: a capitalized term only as written (GitHub, not Github), a lower-case one in any case; a term with [ ] ( ) ? * + | \\ ^ $ { } is a regular expression matching whole words (case-sensitive unless (?i))"),
        ("accept-file", "a file (or list) of terms to accept, one a line, # comments, relative to the rule set"),
        ("reject", "terms to report wherever they stand, even when the dictionary knows them; same case rules"),
        ("reject-file", "a file (or list) of terms to reject, one a line, relative to the rule set"),
        ("vocabulary", "a Vale vocabulary folder (or list), e.g. styles/config/vocabularies/Base: its accept.txt and reject.txt"),
        ("article-terms", "accept words the article itself uses outside its prose: in code, URLs, markup and metadata the rule does not read (default: true)"),
        ("acronym-length", "all-capital words up to this many letters (and their plurals: APIs) are acronyms, not checked (default: 5)"),
        ("suggestions", "how many suggestions a finding carries, 0 to 10 (default: 3); the first is the finding's suggestion, each a fix an editor offers"),
        ("autofix", "let galley fix replace each unknown word with its first suggestion (default: false: suggestions are offered, never applied unasked)"),
        ("scope", "which parts of the article to read (default: all prose, title and description)"),
    ]
    static let fixes: String? = """
        with `autofix: true`, replaces an unknown word with its first suggestion, in the word's \
        case. Without it (the default) galley fix leaves spelling alone: most unknown words in \
        real prose are names and terms, which no suggestion fits, so each suggestion is a fix \
        an editor offers (a quick fix) and JSON and SARIF list, never one applied unasked.
        """
    static let examples: [RuleExample] = [
        RuleExample("An unknown word is reported, with suggestions", options: "",
                    article: "# Title\n\nWe recieve letters every day.\n", expected: ["3:4"]),
        RuleExample("Code, URLs, identifiers, acronyms and template syntax are not prose",
                    options: "",
                    article: "# Title\n\nRun `recieve` on https://exmaple.com/recieve, set maxRetrys and retry_cuont,\nask NASAA, mail ops@exmaple.com, see {{ site.titel }}, use --verbos.\n",
                    expected: []),
        RuleExample("A capitalized term is accepted as written; a lower-case one in any case", options: "accept: [Kubernetes, kubectl]",
                    article: "# Title\n\nKubernetes, kubectl and Kubectl are fine; kubernetes is not.\n", expected: ["3:43"]),
        RuleExample("An accepted term never excuses a longer word", options: "accept: [kube]",
                    article: "# Title\n\nThe kube cluster runs kubee.\n", expected: ["3:23"]),
        RuleExample("Rejected terms are reported even when the dictionary knows them", options: "reject: [alright]",
                    article: "# Title\n\nIt is alright.\n", expected: ["3:7"]),
        RuleExample("Another dictionary", options: "dictionary: en_GB",
                    article: "# Title\n\nThe colour, not the color.\n", expected: ["3:21"]),
        RuleExample("galley fix applies the first suggestion only when asked to", options: "autofix: true",
                    article: "# Title\n\nWe recieve letters.\n", expected: ["3:4"], fixed: "# Title\n\nWe receive letters.\n"),
    ]

    let definition: RuleDefinition
    let settings: SpellingOptions
    let policies: [String: SpellingPolicy]

    var acceptFile: String? { settings.vocabulary.acceptFile }

    func vocabularyLine(for word: String) -> String? {
        let straight = TermList.straighten(word)
        guard !straight.isEmpty, !settings.vocabulary.reject.containsWord(straight) else { return nil }
        return straight
    }

    /// Distinct words a document gets suggestions for; Hunspell takes 5 to 30 ms a word to
    /// suggest, so a document full of unknown words (a word list, a table of names) is bounded.
    /// Which words get them depends on the document alone (its first distinct misspellings),
    /// never on what was cached before, so output is the same on any number of threads.
    static let suggestedWordsPerDocument = 50
    /// Longer words get no suggestions (they are rarely typos, and Hunspell is slow on them).
    static let maxSuggestedBytes = 40

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        // A Vale style's `extends: spelling` (and Vale.Spelling) has Vale's options and output.
        if ValeBuildContext.current.fromVale { return ValeSpellingRule.make(definition, options: &options) }
        guard let settings = SpellingOptions.read(&options) else { return nil }
        var policies: [String: SpellingPolicy] = [:]
        for choice in [settings.dictionary] + (settings.languages.map { Array($0.values) } ?? []) {
            policies[choice.label] = SpellingPolicy(vocabulary: settings.vocabulary, acronymLength: settings.acronymLength,
                                                    letters: choice.letters, isEnglish: choice.isEnglish)
        }
        return SpellingRule(definition: definition, settings: settings, policies: policies)
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        guard let choice = dictionary(for: document), let policy = policies[choice.label] else { return [] }
        let unitIndexes = context.units(in: settings.scope)
        guard !unitIndexes.isEmpty else { return [] }
        let result = choice.pool.withSession { session -> [Finding] in
            var found: [(unit: Int, misspelling: Misspelling)] = []
            for index in unitIndexes {
                var copy = context.units[index].text.text
                let misspellings = copy.withUTF8 { policy.misspellings(in: $0, tokens: context.unitWords[index], session: session) }
                found += misspellings.map { (index, $0) }
            }
            if settings.articleTerms, found.contains(where: { $0.misspelling.kind == .unknown }) {
                let (ranges, bigrams) = prose(context)
                let terms = ArticleTerms(source: document.source.bytes, prose: ranges, proseBigrams: bigrams)
                found.removeAll { $0.misspelling.kind == .unknown && terms.containsWordOrBase($0.misspelling.word) }
            }
            var findings: [Finding] = []
            var reported: Set<SourceRange> = []
            var suggested: [String: [String]] = [:]
            for (unit, misspelling) in found {
                let range = context.units[unit].text.sourceRange(ofTextRange: misspelling.range)
                guard reported.insert(range).inserted else { continue }
                let suggestions = self.suggestions(for: misspelling, session: session, memo: &suggested)
                var finding = finding(misspelling, range: range, suggestions: suggestions, dictionary: choice.label)
                finding.fixes = suggestions.compactMap { suggestion in
                    var fix = context.replacementFix(unit: unit, textRange: misspelling.range, with: suggestion,
                                                     title: "Replace '\(misspelling.word)' with '\(suggestion)'")
                    fix?.automatic = settings.autofix && misspelling.kind != .rejected
                    return fix
                }
                findings.append(finding)
            }
            return findings
        }
        switch result {
        case .success(let findings):
            return findings
        case .failure(let error):
            var finding = Finding(range: SourceRange(at: 0), message: "the spelling dictionary \(choice.label) could not be loaded: \(error.message)")
            finding.isAboutTheRule = true
            return [finding]
        }
    }

    /// Where the prose a spelling check reads came from (every block, and the metadata fields
    /// in scope; other fields, such as an author, are the article's terms), and its bigrams.
    private func prose(_ context: RuleContext) -> (ranges: [Range<Int>], bigrams: Set<UInt64>) {
        let inScope = context.unitSet(in: settings.scope)
        var ranges: [Range<Int>] = []
        var bigrams: Set<UInt64> = []
        for (index, unit) in context.units.enumerated() where unit.block != nil || inScope.contains(index) {
            unit.text.forEachSourceRange { ranges.append($0) }
            var text = unit.text.text
            text.withUTF8 { ArticleTerms.addBigrams(of: $0, tokens: context.unitWords[index], to: &bigrams) }
        }
        return (ranges, bigrams)
    }

    private func suggestions(for misspelling: Misspelling, session: SpellingSession, memo: inout [String: [String]]) -> [String] {
        guard settings.suggestionCount > 0 else { return [] }
        let word = misspelling.word
        if let known = memo[word] { return known }
        var list: [String]
        switch misspelling.kind {
        case .wrongCase(let term):
            list = [term]
        case .rejected:
            list = settings.vocabulary.nearbyAccepted(word).near.filter { TermList.straighten($0) != TermList.straighten(word) }
        case .unknown:
            guard memo.count < Self.suggestedWordsPerDocument, word.utf8.count <= Self.maxSuggestedBytes else { return [] }
            let nearby = settings.vocabulary.nearbyAccepted(word)
            list = nearby.near + session.suggestions(for: word) + nearby.far
        }
        var unique: [String] = []
        for suggestion in list.map({ Self.matchingCase($0, of: word) }) where !unique.contains(suggestion) && suggestion != word {
            unique.append(suggestion)
            if unique.count == settings.suggestionCount { break }
        }
        memo[word] = unique
        return unique
    }

    private func finding(_ misspelling: Misspelling, range: SourceRange, suggestions: [String], dictionary: String) -> Finding {
        let word = misspelling.word
        var message: String
        switch misspelling.kind {
        case .unknown: message = "unknown word '\(word)'"
        case .wrongCase(let term): message = "'\(word)' is written '\(term)'"
        case .rejected: message = "'\(word)' is on the reject list"
        }
        if let first = suggestions.first, misspelling.kind != .wrongCase(term: first) {
            message += "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
        }
        let values = ["match": word, "suggestion": suggestions.first ?? "", "suggestions": suggestions.joined(separator: ", "), "dictionary": dictionary]
        return Finding(range: range, message: message, values: values, matchedText: word, suggestion: suggestions.first, suggestions: suggestions)
    }

    /// A capitalized word gets capitalized suggestions, a word in capitals capital ones; a
    /// suggestion with capitals of its own (a name) keeps them. A word written with curly
    /// apostrophes gets suggestions with curly ones.
    static func matchingCase(_ suggestion: String, of word: String) -> String {
        var suggestion = suggestion
        if word.contains("\u{2019}"), suggestion.contains("'") { suggestion = String(suggestion.map { $0 == "'" ? "\u{2019}" : $0 }) }
        let letters = word.filter(\.isLetter)
        guard let first = letters.first, first.isUppercase, !suggestion.contains(where: \.isUppercase) else { return suggestion }
        if letters.count > 1, letters.allSatisfy(\.isUppercase) { return suggestion.uppercased() }
        return SubstituteRule.matchingCase(suggestion, of: word)
    }

    // MARK: Languages

    /// The dictionaries for `document`: by its declared language when the rule maps languages;
    /// nil (not checked) when it declares a language the rule has no dictionary for.
    func dictionary(for document: Document) -> DictionaryChoice? {
        guard let declared = Self.declaredLanguage(of: document) else { return settings.dictionary }
        let primary = String(declared.prefix { $0 != "-" })
        if let languages = settings.languages, let mapped = languages[declared] ?? languages[primary] { return mapped }
        let ownLanguage = settings.dictionary.files.first?.language ?? ""
        return ownLanguage.isEmpty || ownLanguage == primary ? settings.dictionary : nil
    }

    /// The article's language, normalized (`en-gb`), when something says it (the article, its
    /// configuration, or a script other than Latin: `und-arab`); nil when English is only assumed.
    static func declaredLanguage(of document: Document) -> String? {
        guard let language = document.language, language.source != .assumed else { return nil }
        return normalizedLanguage(language.tag.description)
    }

    static func normalizedLanguage(_ tag: String) -> String {
        String(tag.trimmingCharacters().lowercased().map { $0 == "_" ? "-" : $0 })
    }
}
