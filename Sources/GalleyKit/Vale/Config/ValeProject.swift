import SystemIO
import YAMLParser

/// A Vale set-up loaded: the `.vale.ini` (and the global one), the vocabularies, and every rule
/// of the styles it names, built as Galley rules sharing one word-list matcher.
///
/// Problems that make the set-up unusable (an unreadable `.vale.ini`, a style that is not on
/// StylesPath) are errors, as in Vale. A rule Galley cannot run is a warning at its file:line:
/// column naming the reason, and the rest of the style still runs.
public struct ValeProject: Sendable {
    public let configuration: ValeConfiguration
    /// Every rule loaded, in style order.
    public let rules: [any Rule]
    /// Options not supported and rules that cannot run, at their positions.
    public let warnings: [ConfigError]
    /// How many rules each style (Vale included) loaded, and how many were set aside.
    public let loadedByStyle: [(style: String, loaded: Int, skipped: Int)]

    /// Where to look for the configuration.
    public struct Options: Sendable {
        /// `--config`; nil to search from `directory` upwards, then the home folder.
        public var configPath: String?
        public var directory: String
        /// `--no-global`: do not read the global `.vale.ini` nor the default StylesPath.
        public var noGlobal = false
        /// `--minAlertLevel`.
        public var minAlertLevel: String?
        public var environment: [String: String] = [:]

        public init(configPath: String? = nil, directory: String, noGlobal: Bool = false, minAlertLevel: String? = nil,
                    environment: [String: String] = [:]) {
            self.configPath = configPath
            self.directory = directory
            self.noGlobal = noGlobal
            self.minAlertLevel = minAlertLevel
            self.environment = environment
        }
    }

    init(configuration: ValeConfiguration, rules: [any Rule], warnings: [ConfigError], loadedByStyle: [(style: String, loaded: Int, skipped: Int)]) {
        self.configuration = configuration
        self.rules = rules
        self.warnings = warnings
        self.loadedByStyle = loadedByStyle
    }

    // MARK: Loading

    public static func load(_ options: Options) -> Result<ValeProject, ConfigErrors> {
        var errors: [ConfigError] = []
        var files: [String] = []
        if let given = options.configPath {
            let path = PathNames.absolute(given, from: options.directory)
            guard FileSystem.isReadableFile(path) else {
                return .failure(ConfigErrors([ConfigError(path: given, location: SourceLocation(line: 1, column: 1), message: "--config: path '\(given)' does not exist")]))
            }
            files.append(path)
        } else if let fromEnvironment = options.environment["VALE_CONFIG_PATH"], !fromEnvironment.isEmpty {
            files.append(PathNames.absolute(fromEnvironment, from: options.directory))
        } else if let found = search(from: options.directory, home: options.environment["HOME"]) {
            files.append(found)
        }
        if !options.noGlobal, let global = globalConfiguration(options.environment), FileSystem.isReadableFile(global), !files.contains(global) {
            files.append(global)
        }
        guard !files.isEmpty else {
            return .failure(ConfigErrors([ConfigError(path: options.directory, location: SourceLocation(line: 1, column: 1),
                                                      message: ".vale.ini not found: no .vale.ini, _vale.ini or vale.ini here, in a folder above, or in the home folder; give one with --config")]))
        }
        var configuration = ValeConfiguration()
        if !options.noGlobal, let styles = defaultStylesPath(options.environment), ValeConfiguration.isDirectory(styles) {
            configuration.stylesPaths.append(styles)
        }
        if let flag = options.minAlertLevel {
            guard let level = ValeLevel.names.firstIndex(of: flag) else {
                return .failure(ConfigErrors([ConfigError(path: "--minAlertLevel", location: SourceLocation(line: 1, column: 1),
                                                          message: "--minAlertLevel must be 'suggestion', 'warning', or 'error', not '\(flag)'")]))
            }
            configuration.minAlertLevel = level
        }
        var vocabularyEntries: [(String, ConfigError)] = []
        var styleEntries: [String: ConfigError] = [:]
        for file in files {
            let display = PathNames.display(file)
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.read(file, maxBytes: ValeINI.maxBytes + 1)
            } catch {
                errors.append(ConfigError(path: display, location: SourceLocation(line: 1, column: 1), message: "cannot read the configuration: \(error.reason)"))
                continue
            }
            switch ValeINI.parse(bytes, path: display) {
            case .failure(let failure): errors += failure.errors
            case .success(let ini):
                for section in ini.sections {
                    for entry in section.entries {
                        let position = ConfigError(path: display, location: SourceLocation(line: entry.line, column: entry.valueColumn), message: "")
                        if section.name.isEmpty, entry.key == "Vocab" { for name in entry.list { vocabularyEntries.append((name, position)) } }
                        if entry.key == "BasedOnStyles" { for name in entry.list where styleEntries[name] == nil { styleEntries[name] = position } }
                    }
                }
                var iniErrors: [ConfigError] = []
                configuration.apply(ini, absolutePath: file, alertLevelFlag: options.minAlertLevel, errors: &iniErrors)
                errors += iniErrors
            }
        }
        guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
        // Vocabularies.
        var acceptedWords: [String] = []
        var rejectedWords: [String] = []
        for (name, position) in vocabularyEntries {
            let candidates = configuration.searchPaths.map { $0 + "/config/vocabularies/" + name }
            guard let folder = candidates.first(where: ValeConfiguration.isDirectory) else {
                errors.append(ConfigError(path: position.path, location: position.location, message: "'config/vocabularies/\(name)' directory does not exist"))
                continue
            }
            ValeVocabulary.read(folder, accepted: &acceptedWords, rejected: &rejectedWords, errors: &errors)
        }
        configuration.accepted = acceptedWords
        configuration.rejected = rejectedWords
        guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
        // Ignore patterns, compiled once for every rule.
        var ignoreSections: [ValeIgnores.Section] = []
        let patternSets = [(ValeGlob("*"), configuration.globalBlockIgnores + configuration.globalTokenIgnores)]
            + configuration.sections.map { ($0.glob, $0.blockIgnores + $0.tokenIgnores) }
        for (glob, sources) in patternSets where !sources.isEmpty {
            var patterns: [ValePattern] = []
            for source in sources {
                do {
                    patterns.append(try ValePattern(source))
                } catch {
                    errors.append(ConfigError(path: configuration.files.first.map(PathNames.display) ?? "", location: SourceLocation(line: 1, column: 1),
                                              message: "an ignore pattern of [\(glob.pattern)] does not compile: \(error.message)"))
                }
            }
            ignoreSections.append(ValeIgnores.Section(glob: glob, patterns: patterns))
        }
        let ignores = ignoreSections.isEmpty ? nil : ValeIgnores(sections: ignoreSections, formats: configuration.formats)
        guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
        // Styles and rules.
        var loader = ValeRuleLoader(configuration: configuration, ignores: ignores)
        for style in configuration.styles where style != "Vale" {
            guard let folder = configuration.searchPaths.map({ $0 + "/" + style }).first(where: ValeConfiguration.isDirectory) else {
                let position = styleEntries[style]
                errors.append(ConfigError(path: position?.path ?? configuration.files.first ?? "", location: position?.location ?? SourceLocation(line: 1, column: 1),
                                          message: "style '\(style)' does not exist on StylesPath (\(configuration.stylesPaths.map(PathNames.display).joined(separator: ", ")))"))
                continue
            }
            loader.loadStyle(folder)
        }
        for check in configuration.checks {
            let parts = check.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, !loader.hasStyle(parts[0]), parts[0] != "Vale" else { continue }
            for root in configuration.searchPaths {
                let path = root + "/" + parts[0] + "/" + parts[1] + ".yml"
                if FileSystem.isReadableFile(path) { loader.loadRule(path: path, style: parts[0]) }
            }
        }
        if configuration.needsStyle("Vale") { loader.loadBuiltIn() }
        guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
        return .success(ValeProject(configuration: configuration, rules: ValeRuleBook.link(loader.rules), warnings: configuration.warnings + loader.warnings,
                                    loadedByStyle: loader.counts))
    }

    /// A set-up named in `.galley.yml`: a `.vale.ini` (read alone: no global configuration, no
    /// search), or a style folder (all its rules, every level, for every file).
    public static func load(folderOrConfiguration path: String) -> Result<ValeProject, ConfigErrors> {
        if ValeConfiguration.isDirectory(path) {
            var configuration = ValeConfiguration()
            let style = path.split(separator: "/").last.map(String.init) ?? path
            configuration.files = [path + "/"]
            configuration.stylesPaths = [PathNames.directory(of: path)]
            configuration.minAlertLevel = 0
            configuration.styles = [style]
            configuration.globalStyles = [style]
            var loader = ValeRuleLoader(configuration: configuration)
            loader.loadStyle(path)
            return .success(ValeProject(configuration: configuration, rules: ValeRuleBook.link(loader.rules), warnings: loader.warnings,
                                        loadedByStyle: loader.counts))
        }
        guard FileSystem.isReadableFile(path) else {
            return .failure(ConfigErrors([ConfigError(path: PathNames.display(path), location: SourceLocation(line: 1, column: 1),
                                                      message: "no .vale.ini or style folder here")]))
        }
        return load(Options(configPath: path, directory: PathNames.directory(of: path), noGlobal: true,
                            environment: ["HOME": ""]))
    }

    /// The nearest `.vale.ini` (or `_vale.ini`, `vale.ini`, `.vale`, `_vale`) from `directory`
    /// upwards, then in the home folder.
    static func search(from directory: String, home: String?) -> String? {
        var current = PathNames.normalize(directory)
        while true {
            for name in ValeConfiguration.fileNames {
                let candidate = (current == "/" ? "" : current) + "/" + name
                if FileSystem.isReadableFile(candidate) { return candidate }
            }
            if current == "/" { break }
            current = PathNames.directory(of: current)
        }
        if let home, !home.isEmpty {
            for name in ValeConfiguration.fileNames where FileSystem.isReadableFile(home + "/" + name) { return home + "/" + name }
        }
        return nil
    }

    /// `$XDG_CONFIG_HOME/vale/.vale.ini` (default `~/.config/vale/.vale.ini`).
    static func globalConfiguration(_ environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/vale/.vale.ini" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/vale/.vale.ini"
    }

    /// `$VALE_STYLES_PATH`, else `$XDG_DATA_HOME/vale/styles` (default `~/.local/share/vale/styles`).
    static func defaultStylesPath(_ environment: [String: String]) -> String? {
        if let given = environment["VALE_STYLES_PATH"], !given.isEmpty { return given }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/vale/styles" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/share/vale/styles"
    }

    /// Word-list alternatives of the rules: plain words and phrases (in the shared literal
    /// matcher, counting each string of an expanded pattern), and those left to patterns.
    public var wordListSummary: (words: Int, patterns: Int) {
        var words = 0, patterns = 0
        for case let rule as any ValeWordListRule in rules {
            words += rule.program.literals.count
            patterns += rule.program.patternAlternatives
        }
        return (words, patterns)
    }

    // MARK: Applying

    /// The rules Vale would run on `path` (as given on the command line or walked), at the
    /// levels the configuration gives them, above the minimum level.
    public func rules(for path: String) -> [any Rule] {
        let (styles, checks) = configuration.selection(for: path)
        return rules.filter { rule in
            let level = ValeLevel.names.firstIndex(of: ValeLevel.name(of: rule.severity)) ?? 1
            if level < configuration.minAlertLevel { return false }
            let id = rule.id
            if let on = checks[id] { return on }
            if let on = configuration.globalChecks[id] { return on }
            let style = id.split(separator: ".", maxSplits: 1).first.map(String.init) ?? id
            return styles.contains(style)
        }
    }
}

extension ValeConfiguration {
    /// Where styles are looked for; without a StylesPath, the configuration's own folder.
    var searchPaths: [String] {
        stylesPaths.isEmpty ? [files.first.map(PathNames.directory(of:)) ?? "."] : stylesPaths
    }

    /// Whether a style is named anywhere (Vale loads its own style only then).
    func needsStyle(_ name: String) -> Bool {
        styles.contains(name) || checks.contains { $0.hasPrefix(name + ".") }
    }
}

/// Reads `config/vocabularies/NAME/accept.txt` and `reject.txt` (in any folder below).
enum ValeVocabulary {
    static func read(_ folder: String, accepted: inout [String], rejected: inout [String], errors: inout [ConfigError]) {
        var pending = [folder]
        var visited = 0
        while let directory = pending.popLast(), visited < 10_000 {
            visited += 1
            var names: [(String, FileSystem.Kind)] = []
            try? FileSystem.forEachEntry(directory) { names.append(($0.name, $0.kind)) }
            for (name, kind) in names.sorted(by: { $0.0 < $1.0 }) {
                let path = directory + "/" + name
                if case .directory = kind {
                    pending.append(path)
                    continue
                }
                guard name == "accept.txt" || name == "reject.txt" else { continue }
                do {
                    let text = String(decoding: try FileSystem.read(path, maxBytes: 16 << 20), as: UTF8.self)
                    for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                        let word = String(line).trimmingCharacters()
                        if word.isEmpty || word.hasPrefix("# ") { continue }
                        if name == "accept.txt" { accepted.append(word) } else { rejected.append(word) }
                    }
                } catch {
                    errors.append(ConfigError(path: PathNames.display(path), location: SourceLocation(line: 1, column: 1), message: "cannot read the vocabulary: \(error.reason)"))
                }
            }
        }
    }
}
