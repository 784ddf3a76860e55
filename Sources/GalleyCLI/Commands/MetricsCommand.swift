import GalleyKit
import SystemIO

/// `galley metrics PATH… [--format text|json] [--words]`: readability counts, scores and
/// assessments of each article, so an editor can see why a readability rule said what it said.
enum MetricsCommand {
    static let formats = ["text", "json"]

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, valued: ["--format"], switches: ["--words", "--help", "-h"])
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        if parsed.has("--help") || parsed.has("-h") {
            Terminal.write(Help.metrics, to: .output)
            return ExitCode.clean
        }
        let format = parsed.value("--format") ?? "text"
        guard formats.contains(format) else {
            return CommandLineTool.usageError("unknown format '\(format)'\(Spelling.suggestion(for: format, among: formats)); formats: \(formats.joined(separator: ", "))")
        }
        guard !parsed.operands.isEmpty else {
            Terminal.write(Help.metrics, to: .error)
            return ExitCode.usage
        }
        let discovery = FileDiscovery.expand(parsed.operands)
        var status = ExitCode.clean
        for problem in discovery.problems {
            status = CommandLineTool.usageError(problem)
        }
        let json = format == "json"
        if json { Terminal.write("{\"files\": [\n", to: .output) }
        var first = true
        for path in discovery.files {
            guard let format = DocumentFormat(path: path) else {
                status = CommandLineTool.usageError("\(path): unsupported file type")
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.read(path, maxBytes: Linter.defaultMaxFileBytes)
            } catch {
                status = CommandLineTool.usageError("\(path): \(error.reason)")
                continue
            }
            let document = DocumentReader.read(path: path, bytes: bytes, format: format)
            let report = MetricsReport(document: document, prose: ProseAnalysis(document), includeWords: parsed.has("--words"))
            if json {
                Terminal.write((first ? "" : ",\n") + report.json, to: .output)
            } else {
                Terminal.write((first ? "" : "\n") + report.text, to: .output)
            }
            first = false
        }
        if json { Terminal.write("\n]}\n", to: .output) }
        return status
    }
}
