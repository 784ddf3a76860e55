import GalleyKit
import SystemIO

/// `galley metrics PATH… [--format text|json] [--words]`: readability counts, scores and
/// assessments of each article, so an editor can see why a readability rule said what it said.
enum MetricsCommand {
    static let formats = ["text", "json"]

    static func run(_ arguments: [String]) -> Int32 {
        Arguments.parse(arguments, valued: ["--format", "--jobs"], switches: ["--words"], help: Help.metrics, measure)
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
        let discovery = FileDiscovery.expand(parsed.operands)
        var status = ExitCode.clean
        for problem in discovery.problems {
            status = CommandLineTool.usageError(problem)
        }
        let json = format == "json"
        let includeWords = parsed.has("--words")
        if json { Terminal.write("{\"files\": [\n", to: .output) }
        var first = true
        // Files are measured on all cores and printed in path order, as `galley lint` does.
        ParallelRun.run(discovery.files, jobs: jobs, work: { path in measure(path, json: json, includeWords: includeWords) }) { outcome in
            switch outcome {
            case .success(let text):
                Terminal.write((first ? "" : json ? ",\n" : "\n") + text, to: .output)
                first = false
            case .failure(let problem):
                status = CommandLineTool.usageError(problem.message)
            }
        }
        if json { Terminal.write("\n]}\n", to: .output) }
        return status
    }

    struct Problem: Error {
        var message: String
    }

    /// One file's report as text or JSON, or why it could not be read.
    private static func measure(_ path: String, json: Bool, includeWords: Bool) -> Result<String, Problem> {
        guard let format = DocumentFormat(path: path) else { return .failure(Problem(message: "\(path): unsupported file type")) }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, maxBytes: Linter.defaultMaxFileBytes)
        } catch {
            return .failure(Problem(message: "\(path): \(error.reason)"))
        }
        let document = ArticleFormats.read(path: path, bytes: bytes, format: format)
        let report = MetricsReport(document: document, prose: ProseAnalysis(document), includeWords: includeWords)
        return .success(json ? report.json : report.text)
    }
}
