import GalleyKit
import SystemIO

/// Where lint results go: the chosen reporter on standard output (or into `--output`), the
/// summary on standard error, and the exit status the gates decide. Findings pass through the
/// baseline first, then the severity filter; only what is left is reported and counted.
struct LintOutput {
    struct SetupError: Error {
        var message: String
    }

    private var reporter: any Reporter
    /// The whole report, when it goes to a file (written once, atomically, at the end).
    private var buffered: String?
    private let options: LintOptions
    private let writer: GuardedWriter
    private var baselineFilter: BaselineFilter?
    /// Every finding, before any filter, when a baseline is to be written.
    private var recorded: [Baseline.Entry]?
    private(set) var summary = RunSummary()
    /// Where the report goes when not into a file (standard error when standard output carries
    /// the fixed text of `galley fix -`).
    private let stream: Terminal.Stream
    /// Files that exist but could not be read: like a missing path, a usage problem (exit 2).
    private var unreadableFiles = 0

    init(options: LintOptions, rules: [RuleDefinition], writer: GuardedWriter, stream: Terminal.Stream = .output) throws(SetupError) {
        self.options = options
        self.writer = writer
        self.stream = stream
        let colors = options.outputPath == nil
            && PrettyReporter.wantsColors(outputIsTerminal: Terminal.isTerminal(stream), noColor: Terminal.environment("NO_COLOR"))
        let context = ReportContext(rules: RuleCatalog(definitions: rules), workingDirectory: FileSystem.currentDirectory, colors: colors)
        reporter = options.format.makeReporter(context)
        buffered = options.outputPath == nil ? nil : ""
        recorded = options.writeBaselinePath == nil ? nil : []
        if let path = options.baselinePath {
            baselineFilter = BaselineFilter(try Self.readBaseline(path))
        }
    }

    private static func readBaseline(_ path: String) throws(SetupError) -> Baseline {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path)
        } catch {
            throw SetupError(message: "cannot read the baseline \(path): \(error.reason)")
        }
        do {
            return try Baseline.parse(String(decoding: bytes, as: UTF8.self), name: path)
        } catch {
            throw SetupError(message: error.message)
        }
    }

    mutating func begin() {
        emit(reporter.begin())
    }

    /// Counts baseline entries that no longer match only among the findings this run can
    /// report (a shard: its files' own; `galley library`: the library rules').
    mutating func limitBaseline(to scope: BaselineFilter.Scope, libraryIDs: Set<String>) throws(SetupError) {
        guard baselineFilter != nil, let path = options.baselinePath else { return }
        baselineFilter = BaselineFilter(try Self.readBaseline(path), libraryIDs: libraryIDs, scope: scope)
    }

    mutating func add(_ report: FileReport) {
        guard !report.skipped else { return }
        if report.failed { unreadableFiles += 1 }
        recorded?.append(contentsOf: report.diagnostics.map(Baseline.Entry.init))
        var shown = report
        if var filter = baselineFilter {
            shown = filter.apply(report)
            summary.baselined = filter.hidden
            baselineFilter = filter
        }
        if options.minimumSeverity > .note { shown.diagnostics.removeAll { $0.severity < options.minimumSeverity } }
        summary.add(shown)
        emit(reporter.add(shown))
    }

    /// Writes the end of the report, the files asked for and the summary; returns the exit status.
    mutating func finish(usageProblems: Bool) -> Int32 {
        emit(reporter.finish(summary))
        var failed = usageProblems || unreadableFiles > 0
        if let path = options.outputPath, let report = buffered {
            failed = !write(report, to: path, option: "--output", what: "the report") || failed
        }
        Terminal.write(summary.text + "\n", to: .error)
        if let filter = baselineFilter, filter.stale > 0 {
            let count = filter.stale == 1 ? "1 baseline finding no longer occurs" : "\(filter.stale) baseline findings no longer occur"
            Terminal.write("galley: note: \(count) (fixed or changed); --write-baseline drops them\n", to: .error)
        }
        if let path = options.writeBaselinePath, let entries = recorded {
            guard write(Baseline(entries: entries).render(), to: path, option: "--write-baseline", what: "the baseline") else { return ExitCode.usage }
            Terminal.write("galley: recorded \(entries.count == 1 ? "1 finding" : "\(entries.count) findings") in \(path)\n", to: .error)
            return failed ? ExitCode.usage : ExitCode.clean
        }
        if failed { return ExitCode.usage }
        if summary.errors > 0 { return ExitCode.findings }
        if let limit = options.maxWarnings, summary.warnings > limit {
            Terminal.write("galley: error: \(summary.warnings) warnings, more than --max-warnings \(limit) allows\n", to: .error)
            return ExitCode.findings
        }
        return ExitCode.clean
    }

    private mutating func emit(_ text: String) {
        guard !text.isEmpty else { return }
        if buffered != nil {
            buffered! += text
        } else {
            Terminal.write(text, to: stream)
        }
    }

    private func write(_ text: String, to path: String, option: String, what: String) -> Bool {
        do {
            try writer.write(Array(text.utf8), to: path, option: option, what: what)
            return true
        } catch {
            Terminal.write("galley: error: \(error.message)\n", to: .error)
            return false
        }
    }
}
