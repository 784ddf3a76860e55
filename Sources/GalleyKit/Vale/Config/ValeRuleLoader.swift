import SystemIO
import YAMLParser

/// Reads Vale rule files (a style folder's `*.yml`) into Galley rules of the same kinds.
struct ValeRuleLoader {
    let configuration: ValeConfiguration
    private(set) var rules: [any Rule] = []
    private(set) var warnings: [ConfigError] = []
    private(set) var counts: [(style: String, loaded: Int, skipped: Int)] = []
    private var ids: Set<String> = []
    private var styles: Set<String> = []
    private var skipped: Set<String> = []

    /// Vale's check kinds and the Galley kinds that run them.
    static let kinds = [
        "existence": "existence", "substitution": "substitution", "occurrence": "occurrence", "repetition": "repetition",
        "consistency": "consistency", "conditional": "conditional", "capitalization": "capitalization", "metric": "metric",
        "spelling": "spelling",
    ]
    /// Vale's kinds Galley does not run, and why.
    static let unsupported = [
        "readability": "Vale's readability kind is not mapped yet; Galley's own 'readability' kind computes the same grade formulas",
        "sequence": "Vale's sequence check needs a part-of-speech tagger, which Galley does not have",
        "script": "Vale's script check runs Tengo programs, which Galley does not run",
    ]
    static let commonKeys: Set<String> = ["extends", "level", "message", "description", "name"]

    /// The configuration's compiled ignore patterns, shared by its rules.
    let ignores: ValeIgnores?

    init(configuration: ValeConfiguration, ignores: ValeIgnores? = nil) {
        self.configuration = configuration
        self.ignores = ignores
    }

    func hasStyle(_ name: String) -> Bool { styles.contains(name) }

    /// Every `*.yml` below `folder`; a rule is named after the folder holding it.
    mutating func loadStyle(_ folder: String) {
        let style = folder.split(separator: "/").last.map(String.init) ?? folder
        styles.insert(style)
        var files: [String] = []
        var pending = [folder]
        var visited = 0
        while let directory = pending.popLast(), visited < 10_000 {
            visited += 1
            try? FileSystem.forEachEntry(directory) { entry in
                let path = directory + "/" + entry.name
                if case .directory = entry.kind { pending.append(path) } else if entry.name.hasSuffix(".yml") { files.append(path) }
            }
        }
        for path in files.sorted() {
            let owner = PathNames.directory(of: path).split(separator: "/").last.map(String.init) ?? style
            loadRule(path: path, style: owner)
        }
    }

    mutating func loadRule(path: String, style: String) {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let id = style + "." + (fileName.split(separator: ".").first.map(String.init) ?? fileName)
        guard !ids.contains(id) else { return }
        ids.insert(id)
        let display = PathNames.display(path)
        do {
            let bytes = try FileSystem.read(path, maxBytes: 4 << 20)
            load(id: id, style: style, file: YAMLFile(path: display, source: SourceText(decoding: bytes)))
        } catch {
            skip(id, style: style, ConfigError(path: display, location: SourceLocation(line: 1, column: 1), message: "cannot read the rule: \(error.reason)"))
        }
    }

    /// Vale's own style: Repetition, Spelling (Hunspell's en_US), the vocabulary rules Terms and Avoid.
    mutating func loadBuiltIn() {
        styles.insert("Vale")
        let origin = "<Vale>"
        load(id: "Vale.Repetition", style: "Vale", file: YAMLFile(path: origin, source: SourceText(utf8: """
            extends: repetition
            message: "'%s' is repeated!"
            level: error
            alpha: true
            action: {name: edit, params: [truncate, " "]}
            tokens: ['[^\\s]+']
            """)))
        let accepted = configuration.accepted.filter(Self.isPhrase)
        if !configuration.accepted.isEmpty {
            var swap = ""
            var seen: Set<String> = []
            for word in accepted where seen.insert(ValeFold.lower(word)).inserted {
                swap += "  \(Self.quoted(ValeFold.lower(word))): \(Self.quoted(word))\n"
            }
            load(id: "Vale.Terms", style: "Vale", file: YAMLFile(path: origin, source: SourceText(utf8: """
                extends: substitution
                message: "Use '%s' instead of '%s'."
                level: error
                ignorecase: true
                vocab: false
                swap:\(swap.isEmpty ? " {}" : "\n" + swap)
                """)))
        }
        if !configuration.rejected.isEmpty {
            load(id: "Vale.Avoid", style: "Vale", file: YAMLFile(path: origin, source: SourceText(utf8: """
                extends: existence
                message: "Avoid using '%s'."
                level: error
                ignorecase: false
                tokens: [\(configuration.rejected.map(Self.quoted).joined(separator: ", "))]
                """)))
        }
        let sectionsWithVale = configuration.sections.filter { $0.styles?.contains("Vale") == true }
        let spellingOn = configuration.globalChecks["Vale.Spelling"] != false
            && (configuration.globalStyles.contains("Vale") || configuration.globalChecks["Vale.Spelling"] == true
                || sectionsWithVale.contains { $0.checks["Vale.Spelling"] != false }
                || configuration.sections.contains { $0.checks["Vale.Spelling"] == true })
        if spellingOn {
            load(id: "Vale.Spelling", style: "Vale", file: YAMLFile(path: origin, source: SourceText(utf8: """
                extends: spelling
                message: "Did you really mean '%s'?"
                level: error
                """)))
        }
    }

    private mutating func load(id: String, style: String, file: YAMLFile) {
        guard file.encodingErrors.isEmpty else {
            for problem in file.encodingErrors { skip(id, style: style, problem) }
            return
        }
        let root: YAMLNode
        do {
            guard let document = try YAMLParser.parse(file.source.bytes).documents.first else {
                skip(id, style: style, ConfigError(path: file.path, location: SourceLocation(line: 1, column: 1), message: "the rule file is empty"))
                return
            }
            root = document
        } catch {
            skip(id, style: style, file.error(error.message, at: error.mark))
            return
        }
        var options = OptionReader(file: file, node: root)
        guard root.pairs != nil else {
            for problem in options.finish() { skip(id, style: style, problem) }
            return
        }
        guard let extends = options.string("extends", required: true), let extendsNode = options.node["extends"] else {
            for problem in options.finish(allowing: Self.commonKeys) { skip(id, style: style, problem) }
            return
        }
        guard let kindName = Self.kinds[extends], let kind = RuleKinds.named(kindName) else {
            let reason = Self.unsupported[extends]
                ?? "'extends' key must be one of \((Array(Self.kinds.keys) + Array(Self.unsupported.keys)).sorted().joined(separator: ", ")), not '\(extends)'"
            skip(id, style: style, file.error(reason, at: extendsNode))
            return
        }
        let message = options.string("message", required: true)
        var level = options.choice("level", ValeLevel.names) ?? "warning"
        if let override = configuration.levels[id] { level = override }
        let description = options.string("description") ?? ""
        _ = options.string("name")
        let definition = RuleDefinition(id: id, kind: kindName, severity: ValeLevel.severity(level) ?? .warning, message: message,
                                        description: description, ruleSet: style, origin: file.path, location: file.location(root.start))
        let context = ValeBuildContext(acceptedWords: configuration.accepted, wordTemplate: configuration.wordTemplate, ignores: ignores,
                                       fromVale: true, stylesPath: configuration.searchPaths.first)
        let rule = ValeBuildContext.$current.withValue(context) { kind.make(definition, options: &options) }
        let problems = options.finish()
        guard problems.isEmpty, let rule else {
            for problem in problems { skip(id, style: style, problem) }
            if problems.isEmpty { skip(id, style: style, file.error("the rule could not be built", at: root)) }
            return
        }
        rules.append(rule)
        count(style, loaded: 1, skipped: 0)
    }

    private mutating func skip(_ id: String, style: String, _ problem: ConfigError) {
        var warning = problem
        warning.message = "\(id) is not run: \(problem.message)"
        if !warnings.contains(warning) { warnings.append(warning) }
        if skipped.insert(id).inserted { count(style, loaded: 0, skipped: 1) }
    }

    private mutating func count(_ style: String, loaded: Int, skipped: Int) {
        if let index = counts.firstIndex(where: { $0.style == style }) {
            counts[index].loaded += loaded
            counts[index].skipped += skipped
        } else {
            counts.append((style, loaded, skipped))
        }
    }

    /// Vale's `IsPhrase`: letters, digits, spaces and hyphens only.
    static func isPhrase(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType == .decimal || $0 == " " || $0 == "-" }
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
