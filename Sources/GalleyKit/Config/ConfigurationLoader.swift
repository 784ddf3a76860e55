import SystemIO
import YAMLParser

/// Reads `.galley.yml` files (and the files they extend), checking every key, rule id and rule
/// option before anything is linted.
public struct ConfigurationLoader {
    /// Rule sets already loaded, by absolute path, so configurations that share one read it once.
    private var ruleSets: [String: Result<RuleSet, ConfigErrors>] = [:]
    /// SHA-256 of each rule set file read, for configurations' signatures.
    private var ruleSetDigests: [String: [UInt8]] = [:]

    public init() {}

    public static let keys: [(key: String, description: String)] = [
        ("extends", "a configuration file (or list of them) this one builds on; paths are relative to this file"),
        ("rule-sets", "rule sets to apply: bundled names (house-style) or YAML files relative to this file; default: house-style"),
        ("include", "globs of the files to lint (default: every article)"),
        ("exclude", "globs of files not to lint"),
        ("rules", "per-rule changes by id: off, on, a severity, or a mapping of options to replace"),
        ("overrides", "a list of {files: [globs], rules: {...}, html: {...}}: changes for matching files only"),
        ("xml", "{vocabularies: [...]}: XPath mappings of XML vocabularies other than DocBook"),
        ("vale", "a .vale.ini or a Vale style folder (or a list of them): their rules run beside the rule sets (docs/vale.md)"),
        ("site", "{root, url-pattern, permalink-fields, index-files, slugs, url, static}: how the site maps files to pages, for library rules"),
        ("html", "{content, ignore, title-separator, faq}: where a web page's article is, with CSS selectors (docs/html.md)"),
        ("language", "the language of articles that declare none (a BCP 47 tag: de, pt-BR); default en; an override's 'language' sets it for its files"),
        ("languages", "per language: {es: {rule-sets: [...], rules: {...}}}: the rule sets and rule changes for articles in that language"),
        ("faq", "{headings: [...]}: more headings that open the FAQ, besides the built-in names in many languages"),
    ] + SyntaxSettings.keys

    /// Loads the configuration at `path` (absolute).
    public mutating func load(_ path: String) -> Result<Configuration, ConfigErrors> {
        var errors: [ConfigError] = []
        var configuration = Configuration(path: path)
        var chain: [String] = []
        var digest = SHA256()
        load(path, into: &configuration, chain: &chain, errors: &errors, digest: &digest)
        configuration.signature = digest.finish().prefix(16).map(hexByte).joined()
        // Root-relative links start from the configuration's folder unless `site: root` says otherwise.
        if configuration.site.root == nil { configuration.site.root = PathNames.directory(of: path) }
        if configuration.ruleSets.isEmpty, errors.isEmpty {
            switch BundledRules.load(BundledRules.defaultSetName)! {
            case .success(let set): configuration.ruleSets = [set]
            case .failure(let failure): errors += failure.errors
            }
        }
        if errors.isEmpty { configuration.addReaderRules() }
        if errors.isEmpty { rejectDuplicateIDs(configuration, errors: &errors) }
        if errors.isEmpty { validateRuleChanges(configuration, errors: &errors) }
        return errors.isEmpty ? .success(configuration) : .failure(ConfigErrors(errors))
    }

    private mutating func load(_ path: String, into configuration: inout Configuration, chain: inout [String], errors: inout [ConfigError],
                               digest: inout SHA256) {
        let display = Self.display(path)
        guard !chain.contains(path) else {
            errors.append(ConfigError(path: display, location: SourceLocation(line: 1, column: 1),
                                      message: "'extends' loops back to this file: \((chain + [path]).map(Self.display).joined(separator: " → "))"))
            return
        }
        chain.append(path)
        defer { chain.removeLast() }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, maxBytes: 4 << 20)
        } catch {
            errors.append(ConfigError(path: display, location: SourceLocation(line: 1, column: 1), message: "cannot read the configuration: \(error.reason)"))
            return
        }
        digest.update(display)
        digest.update(bytes)
        let file = YAMLFile(path: display, source: SourceText(decoding: bytes))
        guard file.encodingErrors.isEmpty else {
            errors += file.encodingErrors
            return
        }
        let root: YAMLNode
        do {
            let stream = try file.parse()
            errors += stream.warnings.map { file.error($0.message, at: $0.mark) }
            guard let document = stream.documents.first else { return }
            root = document
        } catch {
            errors.append(file.error(error.message, at: error.mark))
            return
        }
        let directory = PathNames.directory(of: path)
        let boundary = RepositoryBoundary.of(directory)
        var reader = OptionReader(file: file, node: root)
        for (base, node) in reader.strings("extends") ?? [] {
            let basePath = PathNames.absolute(base, from: directory)
            if let target = boundary.escape(of: basePath) {
                reader.report("'extends' leads outside the repository (\(target)); Galley only reads configuration inside it", at: node)
            } else if FileSystem.isReadableFile(basePath) {
                load(basePath, into: &configuration, chain: &chain, errors: &errors, digest: &digest)
            } else {
                reader.report("cannot read extended configuration '\(base)' (\(Self.display(basePath))): \(Self.whyUnreadable(basePath))", at: node)
            }
        }
        for (name, node) in reader.strings("vale") ?? [] {
            let target = PathNames.absolute(name, from: directory)
            if let escape = boundary.escape(of: target) {
                reader.report("'vale' leads outside the repository (\(escape)); Galley only reads Vale set-ups inside it", at: node)
                continue
            }
            switch ValeProject.load(folderOrConfiguration: target) {
            case .success(let project):
                let base = ValeConfiguration.isDirectory(target) ? directory : PathNames.directory(of: target)
                configuration.vale.append(ValeSource(project: project, directory: base))
                configuration.warnings += project.warnings
            case .failure(let failure):
                if failure.errors.isEmpty { reader.report("cannot read the Vale set-up '\(name)'", at: node) }
                errors += failure.errors
            }
        }
        for (name, node) in reader.strings("rule-sets") ?? [] {
            digest.update(name)
            guard let set = ruleSet(name, relativeTo: directory, at: node, reader: &reader, errors: &errors, digest: &digest) else { continue }
            if !configuration.ruleSets.contains(where: { $0.path == set.path }) { configuration.ruleSets.append(set) }
        }
        if let include = reader.strings("include") {
            configuration.include = include.map { Configuration.FilePattern(glob: Glob($0.0), directory: directory) }
        }
        configuration.exclude += (reader.strings("exclude") ?? []).map { Configuration.FilePattern(glob: Glob($0.0), directory: directory) }
        if let rules = reader.node("rules"), rules.resolvedScalar != .null {
            for (id, change) in ruleChanges(rules, file: file, reader: &reader) {
                configuration.rules[id] = configuration.rules[id].map { $0.merged(with: change) } ?? change
            }
        }
        if let overrides = reader.node("overrides"), overrides.resolvedScalar != .null {
            configuration.overrides += self.overrides(overrides, file: file, directory: directory, reader: &reader)
        }
        if var html = reader.options("html") {
            configuration.html = configuration.html.merged(with: HTMLConfig.settings(&html))
            reader.absorb(html)
        }
        if let language = reader.string("language") {
            if let tag = LanguageTag(language) {
                configuration.language = tag
            } else {
                reader.report("'\(language)' is not a language tag (BCP 47: en, de-AT, pt-BR, zh-Hans)", at: reader.node["language"]!)
            }
        }
        if var faq = reader.options("faq") {
            configuration.faqHeadings += (faq.strings("headings") ?? []).map(\.0)
            reader.absorb(faq)
        }
        if let languages = reader.node("languages"), languages.resolvedScalar != .null {
            configuration.languageSettings += languageSettings(languages, file: file, directory: directory, reader: &reader, errors: &errors,
                                                               digest: &digest)
        }
        if var xml = reader.options("xml") {
            if let vocabularies = xml.node("vocabularies") {
                var nestedErrors: [ConfigError] = []
                configuration.xmlMappings += XMLVocabularyConfig.mappings(from: vocabularies, file: file, errors: &nestedErrors)
                errors += nestedErrors
            }
            reader.absorb(xml)
        }
        if var site = reader.options("site") {
            configuration.site.read(&site, directory: directory)
            reader.absorb(site)
        }
        configuration.syntax = configuration.syntax.merged(with: SyntaxSettings.read(&reader))
        errors += reader.finish()
    }

    /// A bundled set by name, or a rule set file relative to the configuration.
    private mutating func ruleSet(_ name: String, relativeTo directory: String, at node: YAMLNode, reader: inout OptionReader,
                                  errors: inout [ConfigError], digest: inout SHA256) -> RuleSet? {
        let isPath = name.contains("/") || name.hasSuffix(".yml") || name.hasSuffix(".yaml")
        let key = isPath ? PathNames.absolute(name, from: directory) : "<bundled>/" + name
        if ruleSets[key] == nil {
            if isPath, let target = RepositoryBoundary.of(directory).escape(of: key) {
                reader.report("rule set '\(name)' leads outside the repository (\(target)); Galley only reads rule sets inside it", at: node)
                return nil
            }
            if isPath {
                do {
                    let bytes = try FileSystem.read(key, maxBytes: 16 << 20)
                    ruleSetDigests[key] = SHA256.hash(bytes)
                    ruleSets[key] = RuleSetLoader.load(path: key, bytes: bytes, displayPath: Self.display(key))
                } catch {
                    reader.report("cannot read rule set '\(name)': \(error.reason)", at: node)
                    return nil
                }
            } else if let bundled = BundledRules.load(name) {
                ruleSets[key] = bundled
            } else {
                reader.report("no bundled rule set '\(name)'\(Spelling.suggestion(for: name, among: BundledRules.names)); bundled sets: \(BundledRules.names.joined(separator: ", ")); a file path needs '/' or '.yml'", at: node)
                return nil
            }
        }
        if let known = ruleSetDigests[key] { digest.update(known) }
        switch ruleSets[key]! {
        case .success(let set): return set
        case .failure(let failure):
            errors += failure.errors
            return nil
        }
    }

    /// `rules:` entries: `id: off`, `id: warning`, or `id: {severity: ..., option: ...}`.
    private func ruleChanges(_ node: YAMLNode, file: YAMLFile, reader: inout OptionReader) -> [(String, RuleOverride)] {
        guard let pairs = node.pairs else {
            reader.report("'rules' must map rule ids to changes, found \(OptionReader.describe(node))", at: node)
            return []
        }
        var result: [(String, RuleOverride)] = []
        for pair in pairs {
            guard let id = pair.key.scalar else { continue }
            let value = pair.value
            if let text = value.scalar {
                switch (value.resolvedScalar, text) {
                case (.bool(let flag)?, _): result.append((id, RuleOverride(enabled: flag, key: pair.key)))
                case (_, "off"): result.append((id, RuleOverride(enabled: false, key: pair.key)))
                case (_, "on"): result.append((id, RuleOverride(enabled: true, key: pair.key)))
                case (_, "error"), (_, "warning"), (_, "note"):
                    let key = YAMLNode(content: .scalar("severity", .plain), tag: nil, start: value.start, end: value.start, source: file)
                    result.append((id, RuleOverride(enabled: true, pairs: [YAMLPair(key: key, value: value)], key: pair.key)))
                default:
                    reader.report("rule '\(id)': expected off, on, error, warning, note or a mapping of options, found '\(text)'", at: value)
                }
            } else if let options = value.pairs {
                var enabled: Bool?
                var kept: [YAMLPair] = []
                for option in options {
                    if option.key.scalar == "enabled" {
                        if case .bool(let flag)? = option.value.resolvedScalar { enabled = flag } else {
                            reader.report("'enabled' must be true or false", at: option.value)
                        }
                    } else if option.key.scalar == "id" || option.key.scalar == "kind" {
                        reader.report("a rule's '\(option.key.scalar!)' cannot be changed; define a new rule in a rule set instead", at: option.key)
                    } else {
                        kept.append(option)
                    }
                }
                result.append((id, RuleOverride(enabled: enabled ?? (kept.isEmpty ? nil : true), pairs: kept, key: pair.key)))
            } else {
                reader.report("rule '\(id)': expected off, on, a severity or a mapping of options", at: value)
            }
        }
        return result
    }

    private func overrides(_ node: YAMLNode, file: YAMLFile, directory: String, reader: inout OptionReader) -> [Configuration.Override] {
        guard let items = node.items else {
            reader.report("'overrides' must be a list of {files, rules, html}", at: node)
            return []
        }
        var result: [Configuration.Override] = []
        for item in items {
            var nested = OptionReader(file: file, node: item)
            let files = nested.strings("files", required: true) ?? []
            var rules: [String: RuleOverride] = [:]
            if let rulesNode = nested.node("rules") {
                for (id, change) in ruleChanges(rulesNode, file: file, reader: &nested) { rules[id] = change }
            }
            var html = HTMLSettings()
            if var settings = nested.options("html") {
                html = HTMLConfig.settings(&settings)
                nested.absorb(settings)
            }
            let syntax = SyntaxSettings.read(&nested)
            var language: LanguageTag?
            if let text = nested.string("language") {
                language = LanguageTag(text)
                if language == nil { nested.report("'\(text)' is not a language tag (BCP 47: en, de-AT, pt-BR, zh-Hans)", at: item["language"]!) }
            }
            reader.absorb(nested)
            result.append(Configuration.Override(files: files.map { Configuration.FilePattern(glob: Glob($0.0), directory: directory) }, rules: rules,
                                                 html: html, syntax: syntax, language: language))
        }
        return result
    }

    /// `languages: {es: {rule-sets: [...], rules: {...}}}`.
    private mutating func languageSettings(_ node: YAMLNode, file: YAMLFile, directory: String, reader: inout OptionReader,
                                           errors: inout [ConfigError], digest: inout SHA256) -> [Configuration.LanguageSettings] {
        guard let pairs = node.pairs else {
            reader.report("'languages' must map language tags to {rule-sets, rules}, found \(OptionReader.describe(node))", at: node)
            return []
        }
        var result: [Configuration.LanguageSettings] = []
        for pair in pairs {
            guard let key = pair.key.scalar, let tag = LanguageTag(key) else {
                reader.report("'\(pair.key.scalar ?? "")' is not a language tag (BCP 47: en, de-AT, pt-BR, zh-Hans)", at: pair.key)
                continue
            }
            guard pair.value.pairs != nil else {
                reader.report("language '\(key)': expected {rule-sets, rules}, found \(OptionReader.describe(pair.value))", at: pair.value)
                continue
            }
            var nested = OptionReader(file: file, node: pair.value)
            var settings = Configuration.LanguageSettings(language: tag)
            if let names = nested.strings("rule-sets") {
                settings.ruleSets = names.compactMap { name, at in
                    digest.update(name)
                    return ruleSet(name, relativeTo: directory, at: at, reader: &nested, errors: &errors, digest: &digest)
                }
            }
            if let rulesNode = nested.node("rules") {
                for (id, change) in ruleChanges(rulesNode, file: file, reader: &nested) { settings.rules[id] = change }
            }
            reader.absorb(nested)
            result.append(settings)
        }
        return result
    }

    /// Rule ids are unique across the rule sets a configuration uses: changes, suppressions,
    /// baselines and reports name rules by id, and two rules answering to one id would share
    /// each other's findings. The second definition is the error, naming the first.
    private func rejectDuplicateIDs(_ configuration: Configuration, errors: inout [ConfigError]) {
        rejectDuplicateIDs(in: configuration.ruleSets, errors: &errors)
        for settings in configuration.languageSettings { rejectDuplicateIDs(in: settings.ruleSets ?? [], errors: &errors) }
    }

    private func rejectDuplicateIDs(in ruleSets: [RuleSet], errors: inout [ConfigError]) {
        var first: [String: RuleEntry] = [:]
        for set in ruleSets {
            for entry in set.entries {
                guard let earlier = first[entry.id] else {
                    first[entry.id] = entry
                    continue
                }
                let place = "\(earlier.file.path):\(earlier.file.location((earlier.node["id"] ?? earlier.node).start))"
                errors.append(entry.file.error(
                    "rule id '\(entry.id)' is also defined in rule set '\(earlier.ruleSet)' (\(place)); rule ids must be unique across the rule sets a configuration uses",
                    at: entry.node["id"] ?? entry.node))
            }
        }
    }

    /// Every rule id named in `rules` or `overrides` exists, and every change builds a valid rule.
    private func validateRuleChanges(_ configuration: Configuration, errors: inout [ConfigError]) {
        let allSets = configuration.ruleSets + configuration.languageSettings.flatMap { $0.ruleSets ?? [] }
        let known = configuration.ruleIDs + allSets.dropFirst(configuration.ruleSets.count).flatMap { $0.entries.map(\.id) }
            .filter { !configuration.ruleIDs.contains($0) }
        let entries = Dictionary(allSets.flatMap { $0.entries }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let changeSets = [configuration.rules] + configuration.overrides.map(\.rules) + configuration.languageSettings.map(\.rules)
        let valeIDs = Set(configuration.vale.flatMap { $0.project.rules.map(\.id) })
        for (position, changes) in changeSets.enumerated() {
            for (id, change) in changes.sorted(by: { $0.key < $1.key }) {
                if valeIDs.contains(id) {
                    // A Vale rule can be switched off here; anything else is changed in .vale.ini.
                    if position != 0 || !change.pairs.isEmpty || change.enabled == nil, let key = change.key, let file = key.source as? YAMLFile {
                        errors.append(file.error("'\(id)' is a Vale rule: switch it off here (\(id): off), change its level or options in the Vale set-up", at: key))
                    }
                    continue
                }
                guard let entry = entries[id] else {
                    let message = "no rule '\(id)' in the active rule sets\(Spelling.suggestion(for: id, among: known))"
                    if let key = change.key, let file = key.source as? YAMLFile {
                        errors.append(file.error(message, at: key))
                    } else {
                        errors.append(ConfigError(path: configuration.path.map(Self.display) ?? "", location: SourceLocation(line: 1, column: 1), message: message))
                    }
                    continue
                }
                let effective = position == 0 ? change : (configuration.rules[id] ?? RuleOverride()).merged(with: change)
                _ = RuleSetLoader.build(entry, override: effective, errors: &errors)
            }
        }
    }

    static func display(_ path: String) -> String { PathNames.display(path) }

    /// Why a path is not a readable file: missing, a folder, no permission…
    static func whyUnreadable(_ path: String) -> String {
        do {
            let kind = try FileSystem.kind(of: path)
            if case .regular = kind { return "permission denied" }
            return "it is \(kind.description), not a file"
        } catch {
            return FileSystem.explain(error)
        }
    }
}
