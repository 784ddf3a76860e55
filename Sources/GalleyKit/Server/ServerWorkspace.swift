import SystemIO

/// Which linter a document gets, found exactly as `galley lint` finds it: the nearest
/// `.galley.yml` (or `--config`), with the overrides that match the file, through `LintPlan`.
/// Answers are kept until a configuration or rule-set file changes (`reset`).
struct ServerWorkspace {
    enum Choice: Sendable {
        case lint(Linter)
        /// The configuration leaves the file out, or it is not an article Galley reads.
        case skip(String)
        case configurationErrors([ConfigError])
    }

    let configPath: String?
    /// Workspace folders (absolute paths), for documents that are not files.
    var folders: [String] = []
    private var choices: [String: Choice] = [:]

    init(configPath: String?) {
        self.configPath = configPath
    }

    var fallbackFolder: String { folders.first ?? FileSystem.currentDirectory }

    mutating func choice(for document: ServerDocument) -> Choice {
        if let known = choices[document.path] { return known }
        let choice = Self.find(for: document, configPath: configPath)
        choices[document.path] = choice
        return choice
    }

    mutating func reset() { choices = [:] }

    private static func find(for document: ServerDocument, configPath: String?) -> Choice {
        guard document.format != nil else { return .skip("Galley does not read \(document.languageId) documents") }
        // Hidden files (.galley.yml itself) are never articles, as in folders.
        if PathNames.fileName(document.path).hasPrefix(".") { return .skip("hidden files are not linted") }
        let plan = LintPlan.make(files: PathList([document.path]), named: [document.path], configPath: configPath, maxFileBytes: Linter.defaultMaxFileBytes)
        if !plan.errors.isEmpty { return .configurationErrors(plan.errors) }
        if let item = plan.items.first { return .lint(item.linter) }
        return .skip(plan.excluded.first?.reason ?? "the configuration leaves it out")
    }

    /// Whether a changed file can change what documents are linted with.
    static func affectsConfiguration(_ path: String) -> Bool {
        let name = PathNames.fileName(path)
        if Configuration.fileNames.contains(name) { return true }
        return name.hasSuffix(".yml") || name.hasSuffix(".yaml") || name.hasSuffix(".txt") || name.hasSuffix(".dic") || name.hasSuffix(".aff")
    }
}
