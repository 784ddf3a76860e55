import SystemIO

/// Which linter each file gets: the configuration nearest to it (or the one given), with the
/// overrides that match it. Everything is loaded and checked before the first file is linted,
/// so a broken configuration never yields a partial run.
public struct LintPlan: Sendable {
    public struct Item: Sendable {
        public var path: String
        private let shared: SharedLinter
        /// Named on the command line: linted even if it turns out not to be an article.
        public var isNamed: Bool
        /// The index of the item's linter in `LintPlan.linters`.
        public var linterNumber: Int
        /// `--only-articles`: files that are not articles are skipped without a word.
        public var onlyArticles: Bool

        public var linter: Linter { shared.linter }

        init(path: String, shared: SharedLinter, isNamed: Bool, linterNumber: Int, onlyArticles: Bool) {
            self.path = path
            self.shared = shared
            self.isNamed = isNamed
            self.linterNumber = linterNumber
            self.onlyArticles = onlyArticles
        }

        public func lint() -> FileReport { shared.linter.lint(path: path, onlyArticles: !isNamed, silently: onlyArticles) }
    }

    final class SharedLinter: Sendable {
        let linter: Linter
        init(_ linter: Linter) { self.linter = linter }
    }

    /// The files to lint, in path order. Each costs a position in the file list and the number
    /// of its linter (shared by every file with the same configuration and overrides), so a
    /// plan for 100,000 files is a few hundred kilobytes beside the paths themselves.
    public struct Items: RandomAccessCollection, Sendable {
        fileprivate var files = PathList()
        fileprivate var named: Set<String> = []
        fileprivate var positions: [Int32] = []
        fileprivate var linterNumbers: [Int32] = []
        fileprivate var linters: [SharedLinter] = []
        fileprivate var onlyArticles = false

        public var startIndex: Int { 0 }
        public var endIndex: Int { positions.count }

        public subscript(index: Int) -> Item {
            let path = files[Int(positions[index])]
            let number = Int(linterNumbers[index])
            return Item(path: path, shared: linters[number], isNamed: !named.isEmpty && named.contains(path), linterNumber: number,
                        onlyArticles: onlyArticles)
        }
    }

    public private(set) var items = Items()
    public var errors: [ConfigError] = []
    /// Problems of the configurations read that do not stop the run (Vale rules Galley cannot
    /// run, options it does not support), each once however many files share a configuration.
    public var warnings: [ConfigError] = []
    /// Files that a configuration's include/exclude left out, with the reason.
    public var excluded: [(path: String, reason: String)] = []

    /// Every linter the files use, once each, in the order of the first file that uses it.
    public var linters: [Linter] { items.linters.map(\.linter) }

    /// `folders`: the folders named on the command line, whose configuration is checked even
    /// when they hold no article.
    /// `measuresProse`: every report carries the article's words and scores (`galley audit`).
    /// `keepsExcluded`: files the configuration leaves out are listed in `excluded` but planned
    /// all the same (`galley dump` shows what Galley reads of any file it is asked about).
    /// `onlyArticles`: `--only-articles`, files that are not articles are skipped silently.
    public static func make(files: PathList, named: Set<String> = [], folders: [String] = [], configPath: String?, maxFileBytes: Int,
                            measuresProse: Bool = false, keepsExcluded: Bool = false, onlyArticles: Bool = false) -> LintPlan {
        var planner = Planner(maxFileBytes: maxFileBytes, measuresProse: measuresProse)
        let cwd = PathNames.normalize(FileSystem.currentDirectory)
        var plan = LintPlan()
        plan.items.files = files
        plan.items.named = named
        plan.items.onlyArticles = onlyArticles
        var explicit: Configuration?
        if let configPath {
            switch planner.configuration(at: PathNames.absolute(configPath, from: cwd)) {
            case .success(let configuration): explicit = configuration
            case .failure(let failure):
                plan.errors = failure.errors
                return plan
            }
        }
        if explicit == nil {
            for folder in folders {
                if case .failure(let failure) = planner.nearestConfiguration(for: PathNames.absolute(folder, from: cwd) + "/.") {
                    for error in failure.errors where !plan.errors.contains(error) { plan.errors.append(error) }
                }
            }
        }
        for (position, file) in files.enumerated() {
            let absolute = PathNames.absolute(file, from: cwd)
            let configuration: Configuration
            if let explicit {
                configuration = explicit
            } else {
                switch planner.nearestConfiguration(for: absolute) {
                case .success(let found): configuration = found
                case .failure(let failure):
                    for error in failure.errors where !plan.errors.contains(error) { plan.errors.append(error) }
                    continue
                }
            }
            if let reason = configuration.exclusionReason(absolutePath: absolute) {
                plan.excluded.append((file, reason))
                if !keepsExcluded { continue }
            }
            guard let number = planner.linterNumber(configuration, for: absolute, errors: &plan.errors) else { continue }
            plan.items.positions.append(Int32(position))
            plan.items.linterNumbers.append(number)
        }
        plan.items.linters = planner.linters
        plan.warnings = planner.warnings
        plan.tellScannersTheRunSize()
        return plan
    }

    /// Vale rules' Vectorscan prefilter costs about 0.13 s to compile and pays for itself only
    /// over some hundreds of documents: now that the run's size is known, it compiles at the
    /// start of a large run and never in a small one (`ValeLazyScanner.expect`), as in
    /// `galley vale`, instead of after 64 documents.
    private func tellScannersTheRunSize() {
        var counts = [Int](repeating: 0, count: items.linters.count)
        for number in items.linterNumbers { counts[Int(number)] += 1 }
        let linters = items.linters.enumerated().map { (rules: $0.element.linter.rules, documents: counts[$0.offset]) }
        for (scanner, documents) in ValeRuleBook.scanners(of: linters) { scanner.expect(documents: documents) }
    }

    /// The configuration that governs files in `directory` (absolute): the nearest `.galley.yml`
    /// found walking up, or the built-in default.
    public static func configuration(forDirectory directory: String, configPath: String?) -> Result<Configuration, ConfigErrors> {
        var planner = Planner(maxFileBytes: Linter.defaultMaxFileBytes, measuresProse: false)
        let cwd = PathNames.normalize(FileSystem.currentDirectory)
        if let configPath { return planner.configuration(at: PathNames.absolute(configPath, from: cwd)) }
        return planner.nearestConfiguration(for: PathNames.absolute(directory, from: cwd) + "/.")
    }
}

private struct Planner {
    let maxFileBytes: Int
    let measuresProse: Bool
    private var loader = ConfigurationLoader()
    private var loaded: [String: Result<Configuration, ConfigErrors>] = [:]
    /// Folder → the configuration file that governs it ("" for none).
    private var governing: [String: String] = [:]
    /// Every linter built, in the order first asked for; `numbers` finds one by configuration
    /// and overrides.
    private(set) var linters: [LintPlan.SharedLinter] = []
    private var numbers: [String: Int32] = [:]
    /// Per configuration and matching Vale sections, the Vale rules chosen and their ids.
    private var valeChoices: [String: (rules: [any Rule], key: String)] = [:]
    /// The warnings of every configuration read, in the order read, without repeats.
    private(set) var warnings: [ConfigError] = []

    init(maxFileBytes: Int, measuresProse: Bool) {
        self.maxFileBytes = maxFileBytes
        self.measuresProse = measuresProse
    }

    mutating func configuration(at path: String) -> Result<Configuration, ConfigErrors> {
        if let cached = loaded[path] { return cached }
        let result = path.isEmpty ? Configuration.builtIn() : loader.load(path)
        loaded[path] = result
        if case .success(let configuration) = result {
            for warning in configuration.warnings where !warnings.contains(warning) { warnings.append(warning) }
        }
        return result
    }

    mutating func nearestConfiguration(for file: String) -> Result<Configuration, ConfigErrors> {
        configuration(at: governingFile(for: PathNames.directory(of: file)))
    }

    private mutating func governingFile(for directory: String) -> String {
        var visited: [String] = []
        var current = directory
        var found = ""
        while true {
            if let known = governing[current] {
                found = known
                break
            }
            visited.append(current)
            if let name = Configuration.fileNames.first(where: { FileSystem.isReadableFile(current == "/" ? "/" + $0 : current + "/" + $0) }) {
                found = current == "/" ? "/" + name : current + "/" + name
                break
            }
            if current == "/" { break }
            current = PathNames.directory(of: current)
        }
        for directory in visited { governing[directory] = found }
        return found
    }

    /// The number of the linter for `file` in `linters`, built on first use.
    mutating func linterNumber(_ configuration: Configuration, for file: String, errors: inout [ConfigError]) -> Int32? {
        let overrides = configuration.matchingOverrides(absolutePath: file)
        // Vale set-ups choose their rules per file (by their own globs): chosen once per
        // configuration and matching sections, not filtered again for every file.
        var valeRules: [any Rule] = []
        var valeKey = ""
        if !configuration.vale.isEmpty {
            let selection = (configuration.path ?? "") + "|" + configuration.valeSelection(absolutePath: file)
            if let chosen = valeChoices[selection] {
                (valeRules, valeKey) = chosen
            } else {
                valeRules = configuration.valeRules(absolutePath: file)
                valeKey = valeRules.map(\.id).joined(separator: ",")
                valeChoices[selection] = (valeRules, valeKey)
            }
        }
        let key = (configuration.path ?? "") + "|" + overrides.map(String.init).joined(separator: ",") + "|" + valeKey
        if let known = numbers[key] { return known }
        var problems: [ConfigError] = []
        let rules = configuration.rules(applying: overrides, errors: &problems) + valeRules
        guard problems.isEmpty else {
            for problem in problems where !errors.contains(problem) { errors.append(problem) }
            return nil
        }
        let number = Int32(linters.count)
        linters.append(LintPlan.SharedLinter(Linter(rules: rules, readerOptions: configuration.readerOptions(applying: overrides),
                                                    maxFileBytes: maxFileBytes, measuresProse: measuresProse, site: configuration.site,
                                                    signature: configuration.signature + "|" + overrides.map(String.init).joined(separator: ","))))
        numbers[key] = number
        return number
    }
}
