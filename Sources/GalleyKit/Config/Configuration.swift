import SystemIO
import YAMLParser

/// A `.galley.yml`: which rule sets apply, to which files, with which changes.
public struct Configuration: Sendable {
    /// A glob and the folder its pattern is relative to (the configuration file's).
    public struct FilePattern: Sendable {
        public var glob: Glob
        public var directory: String

        public func matches(absolutePath path: String) -> Bool {
            guard let relative = PathNames.relative(path, to: directory) else { return false }
            return glob.matches(relative)
        }
    }

    public struct Override: Sendable {
        public var files: [FilePattern]
        public var rules: [String: RuleOverride]
        public var html = HTMLSettings()
        /// `templates`, `ignore`, `front-matter-title` for the matching files.
        public var syntax = SyntaxSettings()
        /// The language of the matching articles that declare none (`de/**`: German).
        public var language: LanguageTag? = nil
    }

    /// What articles in one language get instead of the rest (`languages: {es: ...}`).
    public struct LanguageSettings: Sendable {
        public var language: LanguageTag
        /// The rule sets for these articles, when they are not the configuration's own.
        public var ruleSets: [RuleSet]?
        /// Changes to rules for these articles (localized section names, other limits).
        public var rules: [String: RuleOverride] = [:]
    }

    /// The file, or nil for the built-in default (the bundled house style).
    public var path: String?
    public var ruleSets: [RuleSet] = []
    public var include: [FilePattern] = []
    public var exclude: [FilePattern] = []
    public var rules: [String: RuleOverride] = [:]
    public var overrides: [Override] = []
    public var xmlMappings: [XMLVocabularyMapping] = []
    /// Vale set-ups (`vale:`), whose rules run beside the rule sets'.
    public var vale: [ValeSource] = []
    /// Problems that do not stop a run: Vale rules Galley cannot run, at their file:line:column.
    public var warnings: [ConfigError] = []
    /// How the site maps files to pages (`site:`), for the library rules.
    public var site = SiteOptions()
    /// A digest of every file the configuration was read from (itself, what it extends, its
    /// rule sets): facts taken under another configuration are never reused for this one.
    public var signature = "built-in"
    /// `html:` at the top level (extended files' settings merged in).
    public var html = HTMLSettings()
    /// `templates`, `ignore`, `front-matter-title`.
    public var syntax = SyntaxSettings()
    /// The language of articles that declare none (`language:`); nil: English.
    public var language: LanguageTag?
    /// Headings that open the FAQ besides the built-in names in many languages (`faq: headings:`).
    public var faqHeadings: [String] = []
    /// Per-language rule sets and rule changes (`languages:`).
    public var languageSettings: [LanguageSettings] = []

    public static let fileNames = [".galley.yml", ".galley.yaml"]

    /// Why the configuration does not lint `path` (absolute), for a note; nil when it does.
    public func exclusionReason(absolutePath path: String) -> String? {
        let file = self.path.map(PathNames.display) ?? "the configuration"
        if !include.isEmpty, !include.contains(where: { $0.matches(absolutePath: path) }) {
            return "not matched by 'include' in \(file)"
        }
        if let pattern = exclude.first(where: { $0.matches(absolutePath: path) }) {
            return "excluded by '\(pattern.glob.pattern)' in \(file)"
        }
        return nil
    }

    /// Every rule id the rule sets define.
    public var ruleIDs: [String] { ruleSets.flatMap { $0.entries.map(\.id) } }

    /// Indexes of the overrides that apply to `path`: files with the same set share one linter.
    public func matchingOverrides(absolutePath path: String) -> [Int] {
        overrides.indices.filter { overrides[$0].files.contains { $0.matches(absolutePath: path) } }
    }

    /// The Vale rules for `path` (absolute): each set-up's selection for the file, by its path
    /// relative to the set-up's folder; rules switched off in `rules:` left out.
    /// What decides `valeRules(absolutePath:)` for a file: the sections of each Vale set-up
    /// whose globs match it. Files with the same selection get the same Vale rules.
    func valeSelection(absolutePath path: String) -> String {
        vale.map { source in
            source.project.configuration.sectionIndices(for: PathNames.relative(path, to: source.directory) ?? path).map(String.init).joined(separator: ",")
        }.joined(separator: ";")
    }

    public func valeRules(absolutePath path: String) -> [any Rule] {
        vale.flatMap { source in
            source.project.rules(for: PathNames.relative(path, to: source.directory) ?? path).filter { rules[$0.id]?.enabled != false }
        }
    }

    /// The rules for a file matching exactly the overrides `applying`. With per-language settings,
    /// a rule they change comes in two versions: the changed one scoped to that language, the
    /// other to every other language; the engine runs the one for the article's language.
    public func rules(applying: [Int], errors: inout [ConfigError]) -> [any Rule] {
        var result: [any Rule] = []
        for ruleSet in ruleSets {
            for entry in ruleSet.entries {
                let change = self.change(entry.id, applying: applying, language: nil)
                let elsewhere = languageSettings.filter { $0.ruleSets != nil || $0.rules[entry.id] != nil }.map(\.language)
                if change.isEmpty, elsewhere.isEmpty {
                    if change.enabled != false, let rule = ruleSet.rules.first(where: { $0.id == entry.id }) { result.append(rule) }
                } else if let rule = RuleSetLoader.build(entry, override: change, scope: elsewhere.isEmpty ? .all : .except(elsewhere), errors: &errors) {
                    result.append(rule)
                }
            }
        }
        for settings in languageSettings {
            for ruleSet in settings.ruleSets ?? ruleSets {
                for entry in ruleSet.entries where settings.ruleSets != nil || settings.rules[entry.id] != nil {
                    let change = self.change(entry.id, applying: applying, language: settings)
                    if let rule = RuleSetLoader.build(entry, override: change, scope: .only(settings.language), errors: &errors) {
                        result.append(rule)
                    }
                }
            }
        }
        return result
    }

    /// The configuration's changes to rule `id`: its own, the matching overrides', then the
    /// language's, later ones winning.
    private func change(_ id: String, applying: [Int], language: LanguageSettings?) -> RuleOverride {
        var change = rules[id] ?? RuleOverride()
        for index in applying {
            if let later = overrides[index].rules[id] { change = change.merged(with: later) }
        }
        if let later = language?.rules[id] { change = change.merged(with: later) }
        return change
    }

    /// What the readers need for a file matching exactly the overrides `applying`.
    public func readerOptions(applying: [Int] = []) -> ReaderOptions {
        var options = ReaderOptions(xmlMappings: xmlMappings)
        var htmlSettings = html
        var syntaxSettings = syntax
        for index in applying {
            htmlSettings = htmlSettings.merged(with: overrides[index].html)
            syntaxSettings = syntaxSettings.merged(with: overrides[index].syntax)
        }
        options.html = htmlSettings.applied(to: HTMLOptions())
        syntaxSettings.apply(to: &options)
        options.language = applying.reversed().lazy.compactMap { self.overrides[$0].language }.first ?? language
        options.faqHeadings = faqHeadings
        return options
    }

    /// The bundled house style, used where no `.galley.yml` is found.
    public static func builtIn() -> Result<Configuration, ConfigErrors> {
        BundledRules.load(BundledRules.defaultSetName)!.map { set in
            var configuration = Configuration(path: nil, ruleSets: [set])
            configuration.addReaderRules()
            return configuration
        }
    }

    /// The reader's rules (`parse-error`) join every configuration, after its own rule sets,
    /// unless one of those defines the same ids: then that definition stands.
    mutating func addReaderRules() {
        guard case .success(let reader)? = BundledRules.load(BundledRules.readerSetName),
              !ruleSets.contains(where: { $0.path == reader.path }) else { return }
        let defined = Set(ruleIDs)
        var kept = reader
        kept.entries.removeAll { defined.contains($0.id) }
        kept.rules.removeAll { defined.contains($0.id) }
        if !kept.entries.isEmpty { ruleSets.append(kept) }
    }
}

/// A Vale set-up named by `vale:` in `.galley.yml`: a `.vale.ini`, or one style folder.
public struct ValeSource: Sendable {
    public let project: ValeProject
    /// The folder paths are matched from (the `.vale.ini`'s, or the configuration's).
    public let directory: String
}
