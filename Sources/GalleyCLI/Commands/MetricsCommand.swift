import GalleyKit
import SystemIO

/// `galley metrics PATH… [--format text|json] [--words]`: readability counts, scores and
/// assessments of each article, so an editor can see why a readability rule said what it said.
enum MetricsCommand {
    static let formats = ["text", "json"]

    static func run(_ arguments: [String]) -> Int32 {
        Arguments.parse(arguments, valued: ["--format", "--jobs", "--config"], switches: ["--words", "--no-ignore"], help: Help.metrics, measure)
    }

    private static func measure(_ parsed: Arguments) -> Int32 {
        let format = parsed.value("--format") ?? "text"
        guard formats.contains(format) else {
            return CommandLineTool.usageError("unknown format '\(format)'\(Spelling.suggestion(for: format, among: formats)); formats: \(formats.joined(separator: ", "))")
        }
        let jobs: Int
        do {
            jobs = try parsed.jobs()
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        guard !parsed.operands.isEmpty else { return Arguments.missingOperands(Help.metrics) }
        let discovery = FileDiscovery.expand(parsed.operands, honoringIgnoreFiles: !parsed.has("--no-ignore"))
        var status = ExitCode.clean
        for problem in discovery.problems {
            status = CommandLineTool.usageError(problem)
        }
        // Read and measured as `galley lint` reads and checks them: the same configuration, the
        // same reader options, the limits of its assessment rule.
        let plan = LintPlan.make(files: discovery.files, named: discovery.named, folders: discovery.folders, configPath: parsed.value("--config"),
                                 maxFileBytes: Linter.defaultMaxFileBytes)
        guard plan.errors.isEmpty else { return ConfigurationReport.fail(plan.errors) }
        LintCommand.noteExclusions(plan, named: discovery.named)
        let json = format == "json"
        let includeWords = parsed.has("--words")
        if json { Terminal.write("{\"files\": [\n", to: .output) }
        var first = true
        // Files are measured on all cores and printed in path order, as `galley lint` does.
        ParallelRun.run(plan.items, jobs: jobs, work: { item in measure(item, json: json, includeWords: includeWords) }) { outcome in
            switch outcome {
            case .report(let text):
                Terminal.write((first ? "" : json ? ",\n" : "\n") + text, to: .output)
                first = false
            case .nothing:
                break
            case .skipped(let message):
                Terminal.write("galley: \(message)\n", to: .error)
            case .failed(let message):
                status = CommandLineTool.usageError(message)
            }
        }
        if json { Terminal.write("\n]}\n", to: .output) }
        return status
    }

    enum Outcome: Sendable {
        /// The file's report, as text or JSON.
        case report(String)
        /// A data file found in a folder: not an article, nothing to say.
        case nothing
        /// Not measured, and why (an empty file, one over the size limit).
        case skipped(String)
        /// Could not be read: a usage problem, exit 2.
        case failed(String)
    }

    private static func measure(_ item: LintPlan.Item, json: Bool, includeWords: Bool) -> Outcome {
        let linter = item.linter
        let document: Document
        switch linter.loader.load(path: item.path) {
        case .success(let read):
            document = read
        case .failure(let problem):
            return problem.isFailure ? .failed("\(item.path): \(problem.message)") : .skipped("\(problem.severity.rawValue): \(item.path): \(problem.message)")
        }
        if !item.isNamed, !document.isArticle { return .nothing }
        let prose = linter.engine.context(for: document).prose
        let report = MetricsReport(document: document, prose: prose, limits: linter.engine.assessmentLimits, includeWords: includeWords)
        return .report(json ? report.json : report.text)
    }
}
