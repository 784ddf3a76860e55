import GalleyKit
import SystemIO

/// Where lint results go: the chosen reporter on standard output, the summary on standard error,
/// and the exit status the gates decide.
struct LintOutput {
    static let formats = ["gcc"]

    private var reporter: any Reporter
    private(set) var summary = RunSummary()

    init(options: LintOptions) {
        reporter = GCCReporter()
    }

    mutating func begin() {
        Terminal.write(reporter.begin(), to: .output)
    }

    mutating func add(_ report: FileReport) {
        guard !report.skipped else { return }
        summary.add(report)
        Terminal.write(reporter.add(report), to: .output)
    }

    /// Writes the end of the report and the summary; returns the exit status.
    mutating func finish(usageProblems: Bool) -> Int32 {
        Terminal.write(reporter.finish(summary), to: .output)
        Terminal.write(summary.text + "\n", to: .error)
        if usageProblems { return ExitCode.usage }
        return summary.errors > 0 ? ExitCode.findings : ExitCode.clean
    }
}
