import PCRE
import SystemIO
import YAMLParser

/// `extends: spelling` in a Vale style, and Vale's own `Vale.Spelling`: the spelling kind run the
/// way Vale runs it. Vale's options (`dictionaries`, `dicpath`, `append`, `aff`/`dic`, `filters`,
/// `ignore`, `custom`) and its common ones (`scope`, `message`, `limit`…) are read; words are
/// checked with Hunspell and Galley's word rules on Vale's view of the document; the project's
/// accepted words are exceptions as Vale has them (patterns, case-sensitive unless `(?i)`); a word
/// a filter matches anywhere is skipped, and so are Vale's default filters' unless `custom: true`.
struct ValeSpellingRule: ValeRule {
    let definition: RuleDefinition
    let settings: ValeRuleSettings
    let dictionary: DictionaryChoice
    let policy: SpellingPolicy
    let exceptions: ValeExceptions
    let filters: [ValePattern]

    /// Vale's filters when `custom` is not set: mixed-case words, words with anything but
    /// letters, `_` and `'`, and words ending in capitals.
    static let defaultFilters = [#"[A-Z]{1}[a-z]+[A-Z]+\w+"#, #"[^a-zA-Z_']"#, #"[A-Z]+$"#]
    static let defaultMessage = "Did you really mean '%s'?"

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let context = ValeBuildContext.current
        let settings = ValeRuleSettings.read(&options, definition: definition, defaultMessage: defaultMessage)
        let stylesPath = context.stylesPath ?? PathNames.directory(of: options.file.path)
        let custom = options.bool("custom") ?? false
        let append = options.bool("append") ?? false
        _ = options.int("threshold")  // read by Vale's suggestion ranking, which Hunspell's replaces
        var dicpath = options.string("dicpath").map { $0.hasPrefix("/") ? $0 : stylesPath + "/" + $0 }
        if dicpath == nil { dicpath = stylesPath + "/config/dictionaries" }
        var files: [DictionaryFiles] = []
        var failed = false
        func locate(_ name: String, at node: YAMLNode?) {
            let local = dicpath.map { $0 + "/" + name }
            let found: Result<DictionaryFiles, DictionaryLocator.Failure>
            if let local, FileSystem.isReadableFile(local + ".aff"), FileSystem.isReadableFile(local + ".dic") {
                found = DictionaryLocator.locate(local, relativeTo: ".")
            } else {
                found = DictionaryLocator.locate(name, relativeTo: stylesPath)
            }
            switch found {
            case .success(let dictionary): files.append(dictionary)
            case .failure(let problem):
                options.report(problem.message, at: node ?? options.node)
                failed = true
            }
        }
        let names = options.strings("dictionaries") ?? []
        if names.isEmpty || append { locate(SpellingOptions.defaultDictionary, at: options.node["extends"]) }
        for (name, node) in names { locate(name, at: node) }
        let affixOption = options.string("aff"), wordsOption = options.string("dic")
        if let affix = affixOption, let words = wordsOption {
            let resolve = { (path: String) in path.hasPrefix("/") ? path : stylesPath + "/" + path }
            let stem = resolve(affix).hasSuffix(".aff") ? String(resolve(affix).dropLast(4)) : resolve(affix)
            if stem + ".dic" == resolve(words) {
                locate(stem, at: options.node["aff"])
            } else if let node = options.node["dic"] {
                options.report("'aff' and 'dic' must name one dictionary's two files (NAME.aff and NAME.dic)", at: node)
                failed = true
            }
        } else if affixOption != nil || wordsOption != nil, let node = options.node["aff"] ?? options.node["dic"] {
            options.report("'aff' and 'dic' go together: a dictionary's NAME.aff and NAME.dic", at: node)
            failed = true
        }
        var ignored: [VocabularyTerm] = []
        for (path, node) in options.strings("ignore") ?? [] {
            ignored += SpellingOptions.terms(ofFile: path.hasPrefix("/") ? path : stylesPath + "/" + path, node: node, options: &options)
        }
        var filters: [ValePattern] = []
        for (source, node) in (options.strings("filters") ?? []) + (custom ? [] : defaultFilters.map { ($0, options.node) }) {
            do {
                filters.append(try ValePattern(source))
            } catch {
                options.report("filter '\(source)' does not compile: \(error.message)", at: node)
                failed = true
            }
        }
        guard !failed, !files.isEmpty else { return nil }
        let exceptions: ValeExceptions
        do {
            exceptions = try ValeExceptions(context.acceptedWords)
        } catch {
            options.report("the vocabulary's accepted words do not compile: \(error.message)", at: options.node)
            return nil
        }
        let choice = DictionaryChoice(files: files)
        // `custom: true` turns Vale's default filters off; Galley's shape rules (identifiers,
        // acronyms, single letters) go with them.
        let policy = SpellingPolicy(vocabulary: SpellingVocabulary(accept: TermList(ignored)), acronymLength: custom ? 0 : 32,
                                    letters: choice.letters, isEnglish: choice.isEnglish, skipsShapes: !custom)
        // The message is Vale's format, filled per finding; the engine must not apply it again.
        var built = definition
        built.message = nil
        return ValeSpellingRule(definition: built, settings: settings, dictionary: choice, policy: policy, exceptions: exceptions, filters: filters)
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        let result = dictionary.pool.withSession { session in
            var suggested: [String: [String]] = [:]
            let findings = valeCheck(context) { run, unit in
                var text = run.document.text(unit.text).run.text
                let alerts = text.withUTF8 { bytes -> [ValeAlert] in
                    let slice = UnsafeBufferPointer(rebasing: bytes[unit.range])
                    let tokens = WordTokenizer.tokens(in: slice)
                    return policy.misspellings(in: slice, tokens: tokens, session: session).compactMap { misspelling in
                        // Vale's words are whole tokens ("remark-gfm"): its filters and exceptions see those.
                        let token = tokens.first { $0.range.contains(misspelling.range.lowerBound) }.map { SpellingPolicy.text(slice, $0.range) }
                        guard !isExcepted(misspelling.word, scratch: run.scratch), !(token.map { isExcepted($0, scratch: run.scratch) } ?? false) else {
                            return nil
                        }
                        let shift = unit.range.lowerBound
                        let suggestions = self.suggestions(for: misspelling.word, session: session, memo: &suggested)
                        return ValeAlert(text: unit.text, range: misspelling.range.lowerBound + shift..<misspelling.range.upperBound + shift,
                                         match: misspelling.word, message: ValeMessage.format(settings.message, [misspelling.word]),
                                         suggestion: suggestions.first, replacements: suggestions)
                    }
                }
                return (alerts, false)
            }
            // Suggestions are offered (quick fixes, JSON, SARIF), never applied unasked.
            return findings.map { finding in
                var finding = finding
                finding.fixes = finding.fixes.map { fix in
                    var fix = fix
                    fix.automatic = false
                    return fix
                }
                return finding
            }
        }
        switch result {
        case .success(let findings): return findings
        case .failure(let error):
            var finding = Finding(range: SourceRange(at: 0), message: "the spelling dictionary \(dictionary.label) could not be loaded: \(error.message)")
            finding.isAboutTheRule = true
            return [finding]
        }
    }

    /// Vale's exceptions (the accepted words, each a whole word) and filters (anywhere in the word).
    private func isExcepted(_ word: String, scratch: PCREPattern.Scratch) -> Bool {
        if exceptions.matches(word, scratch: scratch) { return true }
        var copy = word
        return copy.withUTF8 { bytes in
            filters.contains { filter in
                if case .found = filter.search(bytes, from: 0, exact: true, scratch: scratch) { return true }
                return false
            }
        }
    }

    /// Hunspell's best three suggestions, in the word's case, for the first distinct words of
    /// the document (as the spelling kind bounds them).
    private func suggestions(for word: String, session: SpellingSession, memo: inout [String: [String]]) -> [String] {
        if let known = memo[word] { return known }
        guard memo.count < SpellingRule.suggestedWordsPerDocument, word.utf8.count <= SpellingRule.maxSuggestedBytes else { return [] }
        var list: [String] = []
        for suggestion in session.suggestions(for: word).map({ SpellingRule.matchingCase($0, of: word) }) where !list.contains(suggestion) && suggestion != word {
            list.append(suggestion)
            if list.count == 3 { break }
        }
        memo[word] = list
        return list
    }
}
