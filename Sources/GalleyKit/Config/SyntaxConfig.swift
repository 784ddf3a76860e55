import PCRE
import YAMLParser

/// What a `.galley.yml` (or one of its overrides) says about the site's own syntax: `templates`,
/// `ignore` and `front-matter-title`. Each is optional; a later file or a matching override
/// replaces what an earlier one said.
public struct SyntaxSettings: Sendable {
    public enum Templates: Sendable, Equatable {
        /// Those whose syntax the file shows (the default).
        case detect
        case languages(Set<TemplateLanguage>)
    }

    public var templates: Templates?
    public var ignoredTokens: [IgnorePattern]?
    public var ignoredBlocks: [IgnorePattern]?
    public var frontMatterTitle: Bool?

    public init() {}

    static let keys: [(key: String, description: String)] = [
        ("templates", "template languages whose syntax is not prose, in Markdown, MDX and HTML: a list of liquid, jinja (also nunjucks), hugo; auto (detect them, the default) or none"),
        ("ignore", "{tokens: [...], blocks: [...]}: PCRE2 patterns of inline spans and of whole blocks that are not prose (Vale's TokenIgnores and BlockIgnores)"),
        ("front-matter-title", "true when the site renders the front matter title as the page's H1: it then counts as the H1 when the body has none"),
    ]

    private static let aliases: [String: TemplateLanguage] = ["nunjucks": .jinja, "jekyll": .liquid, "go": .hugo]

    /// The settings in `reader`'s mapping, reporting mistakes at their file position.
    static func read(_ reader: inout OptionReader) -> SyntaxSettings {
        var settings = SyntaxSettings()
        if let names = reader.strings("templates") {
            settings.templates = templates(names, reader: &reader)
        }
        if var ignore = reader.options("ignore") {
            settings.ignoredTokens = patterns("tokens", in: &ignore)
            settings.ignoredBlocks = patterns("blocks", in: &ignore)
            reader.absorb(ignore)
        }
        settings.frontMatterTitle = reader.bool("front-matter-title")
        return settings
    }

    private static func templates(_ names: [(String, YAMLNode)], reader: inout OptionReader) -> Templates? {
        let known = TemplateLanguage.allCases.map(\.rawValue) + aliases.keys.sorted()
        if names.count == 1, names[0].0 == "auto" { return .detect }
        if names.count == 1, names[0].0 == "none" { return .languages([]) }
        var languages: Set<TemplateLanguage> = []
        for (name, node) in names {
            if let language = TemplateLanguage(rawValue: name) ?? aliases[name] {
                languages.insert(language)
            } else {
                reader.report("unknown template language '\(name)'\(Spelling.suggestion(for: name, among: known)); "
                              + "templates: \(known.joined(separator: ", ")), or auto, or none", at: node)
            }
        }
        return .languages(languages)
    }

    private static func patterns(_ key: String, in reader: inout OptionReader) -> [IgnorePattern]? {
        guard let sources = reader.strings(key) else { return nil }
        var result: [IgnorePattern] = []
        for (source, node) in sources {
            if let compiled = PatternRule.compile(source, ignoreCase: false, at: node, options: &reader) { result.append(IgnorePattern(compiled)) }
        }
        return result
    }

    /// These settings with `later`'s on top, field by field.
    func merged(with later: SyntaxSettings) -> SyntaxSettings {
        var result = self
        if let templates = later.templates { result.templates = templates }
        if let tokens = later.ignoredTokens { result.ignoredTokens = tokens }
        if let blocks = later.ignoredBlocks { result.ignoredBlocks = blocks }
        if let title = later.frontMatterTitle { result.frontMatterTitle = title }
        return result
    }

    func apply(to options: inout ReaderOptions) {
        switch templates {
        case .languages(let languages)?: options.templates = languages
        case .detect?, nil: options.templates = nil
        }
        options.ignoredTokens = ignoredTokens ?? []
        options.ignoredBlocks = ignoredBlocks ?? []
        options.frontMatterTitleIsH1 = frontMatterTitle ?? false
    }
}
