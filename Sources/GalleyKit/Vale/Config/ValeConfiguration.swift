import SystemIO

/// A `.vale.ini`, read with Vale's meaning: where styles live, which styles and rules apply to
/// which files (by glob section), at which level, what to ignore.
public struct ValeConfiguration: Sendable {
    /// A `[glob]` section.
    struct Section: Sendable {
        var glob: ValeGlob
        /// `BasedOnStyles` here, if the section sets it (replaces the global styles).
        var styles: [String]?
        /// `Style.Rule = YES|NO|level`.
        var checks: [String: Bool]
        var blockIgnores: [String]
        var tokenIgnores: [String]
    }

    /// The `.vale.ini` files read, the project's first.
    public internal(set) var files: [String] = []
    /// Folders searched for styles, in order.
    public internal(set) var stylesPaths: [String] = []
    /// 0 suggestion, 1 warning (Vale's default), 2 error.
    public internal(set) var minAlertLevel = 1
    var wordTemplate: String?
    var vocabularies: [String] = []
    var accepted: [String] = []
    var rejected: [String] = []
    var globalStyles: [String] = []
    var globalChecks: [String: Bool] = [:]
    var globalBlockIgnores: [String] = []
    var globalTokenIgnores: [String] = []
    var sections: [Section] = []
    /// `Style.Rule = error` anywhere: the rule's level everywhere (as in Vale).
    var levels: [String: String] = [:]
    /// `[formats]`: extension → the format it is read as (`mdx = md`).
    var formats: [String: String] = [:]
    /// Every style named by a `BasedOnStyles`, and every `Style.Rule` named, in order.
    var styles: [String] = []
    var checks: [String] = []
    /// Problems that do not stop a run (options Galley does not support), at their position.
    public internal(set) var warnings: [ConfigError] = []

    /// Whether any style or rule applies to every file (`[*]`); without one, only files that
    /// match a section are linted, as in Vale.
    var hasGlobalRules: Bool { !globalStyles.isEmpty || !globalChecks.isEmpty }

    static let coreOptions: Set<String> = ["StylesPath", "MinAlertLevel", "IgnoredScopes", "WordTemplate", "SkippedScopes", "IgnoredClasses", "Vocab", "NLPEndpoint"]
    static let syntaxOptions: Set<String> = ["BasedOnStyles", "IgnorePatterns", "BlockIgnores", "CommentDelimiters", "TokenIgnores", "Transform", "Lang"]
    static let globalOptions: Set<String> = ["BasedOnStyles", "IgnorePatterns", "BlockIgnores", "TokenIgnores", "Lang"]
    static let fileNames = [".vale", "_vale", "vale.ini", ".vale.ini", "_vale.ini"]

    // MARK: Reading

    /// Applies one `.vale.ini` on top of what is read already (Vale reads the project's file,
    /// then the global one). `alertLevelFlag` (`--minAlertLevel`) wins over MinAlertLevel.
    mutating func apply(_ ini: ValeINI, absolutePath: String, alertLevelFlag: String?, errors: inout [ConfigError]) {
        let path = ini.path
        files.append(absolutePath)
        func error(_ entry: ValeINI.Entry, _ message: String, value: Bool = false) {
            errors.append(ConfigError(path: path, location: SourceLocation(line: entry.line, column: value ? entry.valueColumn : entry.column), message: message))
        }
        func warn(_ entry: ValeINI.Entry, _ message: String) {
            warnings.append(ConfigError(path: path, location: SourceLocation(line: entry.line, column: entry.column), message: message))
        }
        let directory = PathNames.directory(of: absolutePath)
        // The core section.
        for entry in ini.section("")?.entries ?? [] {
            switch entry.key {
            case "StylesPath":
                let resolved = PathNames.absolute(Self.expandingHome(entry.value), from: directory)
                if !Self.isDirectory(resolved) {
                    error(entry, "The path '\(resolved)' does not exist.", value: true)
                } else if !stylesPaths.contains(resolved) {
                    stylesPaths.append(resolved)
                }
            case "MinAlertLevel":
                guard let level = ValeLevel.names.firstIndex(of: entry.value) else {
                    error(entry, "MinAlertLevel must be 'suggestion', 'warning', or 'error'.", value: true)
                    continue
                }
                if alertLevelFlag == nil { minAlertLevel = level }
            case "WordTemplate":
                wordTemplate = entry.value
            case "Vocab":
                for name in entry.list where !vocabularies.contains(name) { vocabularies.append(name) }
            case "IgnoredScopes", "SkippedScopes", "IgnoredClasses":
                warn(entry, "'\(entry.key)' is not supported: Galley reads the prose of the document model, and code, scripts and styles are never prose")
            case "NLPEndpoint":
                warn(entry, "'NLPEndpoint' is not supported: Galley splits sentences itself")
            case "Packages":
                break  // read by `vale sync`, which fetches packages; Galley reads what is on StylesPath
            default:
                if Self.syntaxOptions.contains(entry.key) {
                    error(entry, "'\(entry.key)' is a syntax-specific option")
                } else {
                    warn(entry, "unknown core option '\(entry.key)'\(Spelling.suggestion(for: entry.key, among: Array(Self.coreOptions))); Vale ignores it too")
                }
            }
        }
        for section in ini.sections where section.name == "formats" {
            for entry in section.entries { formats[entry.key] = entry.value }
        }
        // [*]: global styles and rules.
        for entry in ini.section("*")?.entries ?? [] {
            if Self.coreOptions.contains(entry.key) {
                error(entry, "'\(entry.key)' is a core option; it should be defined above any syntax-specific options (`[...]`).")
            } else if Self.globalOptions.contains(entry.key) {
                switch entry.key {
                case "BasedOnStyles":
                    globalStyles = Self.merged(section: ini.section("*")!, key: "BasedOnStyles")
                    for style in globalStyles where !styles.contains(style) { styles.append(style) }
                case "BlockIgnores", "IgnorePatterns": globalBlockIgnores = Self.merged(section: ini.section("*")!, key: entry.key)
                case "TokenIgnores": globalTokenIgnores = Self.merged(section: ini.section("*")!, key: entry.key)
                default: break
                }
            } else if Self.syntaxOptions.contains(entry.key) {
                error(entry, "'\(entry.key)' is a syntax-specific option")
            } else {
                let (on, level, problem) = Self.switchValue(entry.value)
                globalChecks[entry.key] = on
                if let level { levels[entry.key] = level }
                if let problem { warn(entry, problem) }
                if !checks.contains(entry.key) { checks.append(entry.key) }
            }
        }
        // [glob] sections.
        for section in ini.sections where !["", "*", "DEFAULT", "formats", "asciidoctor"].contains(section.name) {
            let glob = ValeGlob(section.name)
            if let problem = glob.problem {
                errors.append(ConfigError(path: path, location: SourceLocation(line: section.line, column: 1),
                                          message: "The glob pattern '\(section.name)' could not be compiled: \(problem)."))
                continue
            }
            var rules = Section(glob: glob, styles: nil, checks: [:], blockIgnores: [], tokenIgnores: [])
            for entry in section.entries {
                if Self.coreOptions.contains(entry.key) {
                    error(entry, "'\(entry.key)' is a core option; it should be defined above any syntax-specific options (`[...]`).")
                    continue
                }
                switch entry.key {
                case "BasedOnStyles":
                    let named = Self.merged(section: section, key: "BasedOnStyles")
                    rules.styles = named
                    for style in named where !styles.contains(style) { styles.append(style) }
                case "BlockIgnores", "IgnorePatterns": rules.blockIgnores = Self.merged(section: section, key: entry.key)
                case "TokenIgnores": rules.tokenIgnores = Self.merged(section: section, key: entry.key)
                case "Lang": break
                case "Transform":
                    warn(entry, "'Transform' (an XSLT stylesheet for XML) is not supported: Galley reads DocBook and mapped XML vocabularies itself")
                case "CommentDelimiters":
                    warn(entry, "'CommentDelimiters' is not supported: Galley reads vale comments written as HTML comments")
                default:
                    let (on, level, problem) = Self.switchValue(entry.value)
                    rules.checks[entry.key] = on
                    if let level { levels[entry.key] = level }
                    if let problem { warn(entry, problem) }
                    if !checks.contains(entry.key) { checks.append(entry.key) }
                }
            }
            if let index = sections.firstIndex(where: { $0.glob.pattern == section.name }) {
                sections[index] = rules
            } else {
                sections.append(rules)
            }
        }
    }

    /// `YES` → on, `NO` → off, a level → on at that level; anything else is off, as in Vale.
    private static func switchValue(_ value: String) -> (on: Bool, level: String?, problem: String?) {
        switch value {
        case "YES": return (true, nil, nil)
        case "NO": return (false, nil, nil)
        case "suggestion", "warning", "error": return (true, value, nil)
        default: return (false, nil, "'\(value)' is not YES, NO or a level (suggestion, warning, error): Vale switches the rule off, and so does Galley")
        }
    }

    /// A key's values across shadows, split on commas, trimmed, without repeats.
    private static func merged(section: ValeINI.Section, key: String) -> [String] {
        var result: [String] = []
        for value in section.values(key) {
            for item in value.split(separator: ",") {
                let name = String(item).trimmingCharacters()
                if !name.isEmpty, !result.contains(name) { result.append(name) }
            }
        }
        return result
    }

    static func isDirectory(_ path: String) -> Bool {
        if case .directory? = try? FileSystem.kind(of: path) { return true }
        return false
    }

    static func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = Terminal.environment("HOME") else { return path }
        return home + String(path.dropFirst())
    }

    // MARK: Applying

    /// The extension a file is read as: its own, or what `[formats]` maps it to.
    func normalizedExtension(of path: String) -> String {
        // The name found from the end of the path (`lastPiece`), not by splitting all of it
        // into components by characters.
        let name = ValeSession.lastPiece(of: Substring(path), separator: "/") ?? Substring(path)
        guard let dot = name.lastIndex(of: ".") else { return "" }
        let ext = String(name[name.index(after: dot)...])
        return formats[ext] ?? ext
    }

    /// `path` with its extension replaced as `[formats]` says (Vale matches sections against both).
    func normalizedPath(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path }
        let ext = String(path[path.index(after: dot)...])
        guard let mapped = formats[ext] else { return path }
        return String(path[...dot]) + mapped
    }

    /// Whether Vale would lint `path` at all: with no global rules, only files a section matches.
    func covers(_ path: String) -> Bool {
        if hasGlobalRules { return true }
        let normed = normalizedPath(path)
        return sections.contains { $0.glob.matches(path) || $0.glob.matches(normed) }
    }

    /// The styles and rule switches for `path`: the last matching section's `BasedOnStyles`
    /// (else the global ones), and every matching section's switches, later ones winning.
    func selection(for path: String) -> (styles: [String], checks: [String: Bool]) {
        var styles = globalStyles
        var checks: [String: Bool] = [:]
        for index in sectionIndices(for: path) {
            let section = sections[index]
            if let named = section.styles { styles = named }
            for (key, value) in section.checks { checks[key] = value }
        }
        return (styles, checks)
    }

    /// The sections whose glob matches `path` (as written or normalized), in order: they alone
    /// decide which rules the file gets.
    func sectionIndices(for path: String) -> [Int] {
        let candidates = [path, normalizedPath(path)]
        return sections.indices.filter { candidates.contains(where: sections[$0].glob.matches) }
    }

    /// Ignore patterns for a file with normalized extension `normed` and real extension `real`
    /// (Vale matches these sections against the extensions, e.g. `*.md` against `.md`).
    func ignores(normed: String, real: String) -> (block: [String], token: [String]) {
        var block = globalBlockIgnores
        var token = globalTokenIgnores
        for section in sections where section.glob.matches("." + normed) || section.glob.matches("." + real) {
            block += section.blockIgnores
            token += section.tokenIgnores
        }
        return (block, token)
    }
}
