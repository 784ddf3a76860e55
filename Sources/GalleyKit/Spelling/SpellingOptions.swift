import SystemIO
import YAMLParser

/// The dictionaries one spelling check consults, found when the rule set loads and loaded on
/// first use (`SpellingSessionPool`).
struct DictionaryChoice: Sendable {
    var files: [DictionaryFiles]
    var pool: SpellingSessionPool
    /// What messages call it: `en_US`, `en_US+medical`.
    var label: String

    init(files: [DictionaryFiles]) {
        self.files = files
        pool = SpellingSessionPool.shared(for: files)
        label = files.map(\.name).joined(separator: "+")
    }

    var letters: Set<Unicode.Scalar> { files.reduce(into: []) { $0.formUnion($1.letters) } }
    var isEnglish: Bool { files.first?.language == "en" }
}

/// Reads a spelling rule's options: dictionaries (by name or path, and per language), vocabularies.
/// Every problem is a configuration error at the option that caused it, or at the line of the
/// vocabulary file.
struct SpellingOptions {
    var dictionary: DictionaryChoice
    /// Language tag (lower case, `-` separated) → dictionaries, when the rule maps languages.
    var languages: [String: DictionaryChoice]?
    var vocabulary = SpellingVocabulary()
    var acronymLength = 5
    var suggestionCount = 3
    var articleTerms = true
    /// Whether `galley fix` applies the first suggestion unasked.
    var autofix = false
    var scope = Scope.all

    static let defaultDictionary = "en_US"

    static func read(_ options: inout OptionReader) -> SpellingOptions? {
        var result: SpellingOptions?
        let scope = options.scope()
        let acronymLength = options.int("acronym-length", range: 0...32) ?? 5
        let suggestionCount = options.int("suggestions", range: 0...10) ?? 3
        let articleTerms = options.bool("article-terms") ?? true
        let autofix = options.bool("autofix") ?? false
        let dictionary = dictionaries(&options, key: "dictionary")
        var languages: [String: DictionaryChoice]?
        if let node = options.node("dictionaries") {
            languages = languageMap(node, options: &options)
        }
        var acceptTerms = inlineTerms(&options, key: "accept")
        var rejectTerms = inlineTerms(&options, key: "reject")
        var acceptFiles: [String] = []
        for (path, node) in paths(&options, key: "accept-file") {
            acceptTerms += terms(ofFile: path, node: node, options: &options)
            acceptFiles.append(path)
        }
        for (path, node) in paths(&options, key: "reject-file") {
            rejectTerms += terms(ofFile: path, node: node, options: &options)
        }
        for (folder, node) in paths(&options, key: "vocabulary") {
            let accept = folder + "/accept.txt", reject = folder + "/reject.txt"
            let hasAccept = (try? FileSystem.kind(of: accept)) != nil, hasReject = (try? FileSystem.kind(of: reject)) != nil
            guard case .directory? = try? FileSystem.kind(of: folder), hasAccept || hasReject else {
                options.report(vocabularyFolderProblem(folder, accept: accept, reject: reject), at: node)
                continue
            }
            if hasAccept {
                acceptTerms += terms(ofFile: accept, node: node, options: &options)
                acceptFiles.append(accept)
            }
            if hasReject { rejectTerms += terms(ofFile: reject, node: node, options: &options) }
        }
        if let dictionary {
            result = SpellingOptions(dictionary: dictionary, languages: languages, acronymLength: acronymLength, suggestionCount: suggestionCount,
                                     articleTerms: articleTerms, autofix: autofix, scope: scope)
            result?.vocabulary = SpellingVocabulary(accept: TermList(acceptTerms), reject: TermList(rejectTerms, scanAllPatterns: true),
                                                    acceptFile: acceptFiles.first.map { FileSystem.canonicalPath($0) ?? $0 })
        }
        return result
    }

    /// The dictionaries named by `key` (one name or path, or a list), `en_US` when absent.
    private static func dictionaries(_ options: inout OptionReader, key: String) -> DictionaryChoice? {
        guard options.node(key) != nil else {
            return locate([(defaultDictionary, options.node["kind"] ?? options.node)], options: &options, isDefault: true)
        }
        guard let names = options.strings(key) else { return nil }
        guard !names.isEmpty else {
            if let node = options.node[key] { options.report("'\(key)' names no dictionary", at: node) }
            return nil
        }
        return locate(names, options: &options, isDefault: false)
    }

    private static func locate(_ names: [(String, YAMLNode)], options: inout OptionReader, isDefault: Bool) -> DictionaryChoice? {
        var files: [DictionaryFiles] = []
        var failed = false
        for (name, node) in names {
            if DictionaryLocator.isPath(name), directory(for: node, key: "dictionary", options: &options) == nil {
                failed = true
                continue
            }
            let folder = directory(for: node, key: "dictionary", options: &options, quiet: true) ?? "."
            if DictionaryLocator.isPath(name), let escape = boundaryEscape(folder: folder, path: name) {
                options.report("the dictionary '\(name)' leads outside the repository (\(escape)); Galley only reads dictionaries inside it", at: node)
                failed = true
                continue
            }
            switch DictionaryLocator.locate(name, relativeTo: folder) {
            case .success(let found):
                files.append(found)
            case .failure(let failure):
                options.report(failure.message + (isDefault ? " (en_US is the default; name another with 'dictionary')" : ""), at: node)
                failed = true
            }
        }
        return failed || files.isEmpty ? nil : DictionaryChoice(files: files)
    }

    /// `dictionaries: {en: en_US, en-GB: en_GB, de: [de_DE, dicts/fachbegriffe]}` (not `languages`,
    /// which every rule has: the languages it runs on).
    private static func languageMap(_ node: YAMLNode, options: inout OptionReader) -> [String: DictionaryChoice]? {
        guard let pairs = node.pairs else {
            options.report("'dictionaries' must map language tags to dictionaries, found \(OptionReader.describe(node))", at: node)
            return nil
        }
        var map: [String: DictionaryChoice] = [:]
        for pair in pairs {
            guard let tag = pair.key.scalar, !tag.isEmpty, tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                options.report("a language must be a tag such as en, en-GB or de", at: pair.key)
                continue
            }
            var names: [(String, YAMLNode)] = []
            if let name = pair.value.scalar {
                names = [(name, pair.value)]
            } else if let items = pair.value.items {
                names = items.compactMap { item in item.scalar.map { ($0, item) } }
            }
            guard !names.isEmpty else {
                options.report("language '\(tag)' must name a dictionary or a list of them", at: pair.value)
                continue
            }
            if let choice = locate(names, options: &options, isDefault: false) { map[SpellingRule.normalizedLanguage(tag)] = choice }
        }
        return map
    }

    private static func inlineTerms(_ options: inout OptionReader, key: String) -> [VocabularyTerm] {
        var terms: [VocabularyTerm] = []
        for (text, node) in options.strings(key) ?? [] {
            let file = options.file(of: node)
            let trimmed = text.trimmingCharacters()
            guard !trimmed.isEmpty else {
                options.report("an empty term in '\(key)'", at: node)
                continue
            }
            switch VocabularyFile.form(of: trimmed) {
            case .success(let form):
                terms.append(VocabularyTerm(form: form, path: file.path, line: file.location(node.start).line))
            case .failure(let problem):
                options.report(problem.message, at: node)
            }
        }
        return terms
    }

    /// Paths named by `key` (one or a list), resolved against the folder of the file that names them.
    private static func paths(_ options: inout OptionReader, key: String) -> [(String, YAMLNode)] {
        var result: [(String, YAMLNode)] = []
        for (path, node) in options.strings(key) ?? [] {
            guard let folder = directory(for: node, key: key, options: &options) else { continue }
            let resolved = path.hasPrefix("/") ? path : folder + "/" + path
            if let escape = boundaryEscape(folder: folder, path: resolved) {
                options.report("'\(key)' leads outside the repository (\(escape)); Galley only reads vocabularies inside it", at: node)
                continue
            }
            result.append((resolved, node))
        }
        return result
    }

    private static func boundaryEscape(folder: String, path: String) -> String? {
        let resolved = path.hasPrefix("/") ? path : folder + "/" + path
        for candidate in [resolved, resolved + ".aff", resolved + ".dic"] {
            if let escape = RepositoryBoundary.of(folder).escape(of: candidate) { return escape }
        }
        return nil
    }

    /// The folder of the file `node` was written in; nil (reported) for a bundled rule set.
    private static func directory(for node: YAMLNode, key: String, options: inout OptionReader, quiet: Bool = false) -> String? {
        let file = options.file(of: node).path
        if file.hasPrefix("<") {
            if !quiet { options.report("'\(key)' cannot name a file in a bundled rule set", at: node) }
            return nil
        }
        return file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
    }

    /// The terms of a vocabulary file; a file that cannot be read is reported at `node`, a bad
    /// line in the file itself.
    static func terms(ofFile path: String, node: YAMLNode, options: inout OptionReader) -> [VocabularyTerm] {
        let (terms, errors) = VocabularyFile.read(path)
        for error in errors {
            // A file that cannot be read is the option's problem; a bad line is the file's.
            if error.message.hasPrefix("cannot read the vocabulary file") {
                options.report("cannot read the vocabulary file \(path): " + error.message.dropFirst("cannot read the vocabulary file: ".count), at: node)
            } else {
                options.report(error)
            }
        }
        return terms
    }

    private static func vocabularyFolderProblem(_ folder: String, accept: String, reject: String) -> String {
        do {
            guard try FileSystem.kind(of: folder) == .directory else {
                return "the vocabulary \(folder) is not a folder; name a folder holding accept.txt and reject.txt, or use 'accept-file'"
            }
            return "the vocabulary folder \(folder) has neither accept.txt nor reject.txt (a Vale vocabulary holds one or both)"
        } catch {
            return "cannot read the vocabulary folder \(folder): \(error.reason)"
        }
    }
}
