import GalleyKit
import SystemIO

/// Options of `galley lint`, parsed and checked before any file is read.
struct LintOptions {
    var paths: [String] = []
    var configPath: String?
    var format = ReportFormat.gcc
    var jobs = Terminal.processorCount
    var maxFileBytes = Linter.defaultMaxFileBytes
    var showHelp = false
    /// Where the report goes instead of standard output.
    var outputPath: String?
    /// Findings below this are neither reported nor counted.
    var minimumSeverity = Severity.note
    var maxWarnings: Int?
    var baselinePath: String?
    var writeBaselinePath: String?
    /// Named YAML files that are not articles are skipped as in folders (pre-commit names every file).
    var onlyArticles = false
    var shard: Shard?
    /// Progress on standard error, when it is a terminal.
    var showProgress = true
    /// The name standard input stands for (`galley lint - --stdin-filename docs/a.md`).
    var stdinFilename: String?
    /// Library rules: where this run's facts go (`--facts`), the ref whose changes are linted
    /// (`--changed-since`), and the facts cache (`--cache`, `--no-cache`, `--cache-dir`).
    var library = LibraryOptions()
    /// `galley fix` or `lint --fix`: apply the findings' fixes; with `dryRun`, print them as a diff.
    var fix = false
    var dryRun = false
    /// Folders are walked without what .gitignore and .galleyignore leave out (`--no-ignore`: with).
    var honorsIgnoreFiles = true

    /// `-` among the paths: the article comes from standard input.
    var readsStandardInput: Bool { paths.contains("-") }
    /// What findings in standard input are reported at without `--stdin-filename` (read as Markdown).
    static let standardInputName = "<stdin>"

    static let valued: Set<String> = Set(["--format", "--jobs", "--max-file-size", "--config", "--output", "--max-warnings", "--min-severity",
                                      "--baseline", "--write-baseline", "--shard", "--stdin-filename"]).union(LibraryOptions.valued)
    static let switches: Set<String> = Set(["--help", "-h", "--quiet", "-q", "--only-articles", "--no-progress", "--fix", "--dry-run", "--no-ignore"])
        .union(LibraryOptions.switches)

    /// `fixing`: parsed for `galley fix`, which is `galley lint --fix`.
    static func parse(_ arguments: [String], fixing: Bool = false) throws(Arguments.UsageError) -> LintOptions {
        let parsed = try Arguments(arguments, valued: valued, switches: switches)
        var options = LintOptions()
        options.fix = fixing || parsed.has("--fix")
        options.dryRun = parsed.has("--dry-run")
        if options.dryRun, !options.fix { throw Arguments.UsageError(message: "--dry-run shows what --fix would change; use it with --fix or galley fix") }
        options.showHelp = parsed.has("--help") || parsed.has("-h")
        options.paths = parsed.operands.isEmpty ? ["."] : parsed.operands
        options.configPath = parsed.value("--config")
        options.onlyArticles = parsed.has("--only-articles")
        options.honorsIgnoreFiles = !parsed.has("--no-ignore")
        options.showProgress = !parsed.has("--no-progress") && Terminal.isTerminal(.error)
        if let text = parsed.value("--shard") {
            guard let shard = Shard(text) else { throw Arguments.UsageError(message: "--shard needs K/N with 1 ≤ K ≤ N, such as 2/4, not '\(text)'") }
            options.shard = shard
        }
        if let name = parsed.value("--format") {
            guard let format = ReportFormat(rawValue: name) else {
                let names = ReportFormat.allCases.map(\.rawValue)
                throw Arguments.UsageError(message: "unknown format '\(name)'\(Spelling.suggestion(for: name, among: names)); formats: \(names.joined(separator: ", "))")
            }
            options.format = format
        }
        options.jobs = try parsed.jobs()
        if let text = parsed.value("--max-file-size") {
            guard let bytes = ByteSize.parse(text) else { throw Arguments.UsageError(message: "--max-file-size needs a size such as 500K or 20M, not '\(text)'") }
            options.maxFileBytes = bytes
        }
        options.outputPath = try path(parsed, "--output")
        options.baselinePath = try path(parsed, "--baseline")
        options.writeBaselinePath = try path(parsed, "--write-baseline")
        options.stdinFilename = try path(parsed, "--stdin-filename")
        if options.stdinFilename != nil, !options.readsStandardInput {
            throw Arguments.UsageError(message: "--stdin-filename names standard input; lint it with '-' as the path")
        }
        if let text = parsed.value("--min-severity") {
            guard let severity = Severity(rawValue: text) else {
                let names = Severity.allCases.map(\.rawValue)
                throw Arguments.UsageError(message: "--min-severity needs one of \(names.joined(separator: ", ")), not '\(text)'\(Spelling.suggestion(for: text, among: names))")
            }
            options.minimumSeverity = severity
        }
        if parsed.has("--quiet") || parsed.has("-q") {
            if parsed.value("--min-severity") != nil, options.minimumSeverity != .error {
                throw Arguments.UsageError(message: "--quiet shows only errors; it contradicts --min-severity \(options.minimumSeverity.rawValue)")
            }
            options.minimumSeverity = .error
        }
        if let text = parsed.value("--max-warnings") {
            guard let number = Int(text), number >= 0 else { throw Arguments.UsageError(message: "--max-warnings needs a whole number of at least 0, not '\(text)'") }
            guard options.minimumSeverity <= .warning else {
                throw Arguments.UsageError(message: "--max-warnings counts warnings, which --quiet or --min-severity error hide")
            }
            options.maxWarnings = number
        }
        if let output = options.outputPath, output == options.baselinePath || output == options.writeBaselinePath {
            throw Arguments.UsageError(message: "--output and the baseline must be different files")
        }
        options.library = try LibraryOptions.parse(parsed, lint: options)
        return options
    }

    private static func path(_ parsed: Arguments, _ option: String) throws(Arguments.UsageError) -> String? {
        guard let value = parsed.value(option) else { return nil }
        guard !value.isEmpty else { throw Arguments.UsageError(message: "\(option) needs a file name") }
        return value
    }
}

enum ByteSize {
    /// "500K", "20M", "1G" or a plain number of bytes.
    static func parse(_ text: String) -> Int? {
        var digits = text.uppercased()
        var multiplier = 1
        if digits.hasSuffix("B") { digits.removeLast() }
        switch digits.last {
        case "K": multiplier = 1 << 10; digits.removeLast()
        case "M": multiplier = 1 << 20; digits.removeLast()
        case "G": multiplier = 1 << 30; digits.removeLast()
        default: break
        }
        guard let number = Int(digits), number > 0 else { return nil }
        let (result, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : result
    }
}
