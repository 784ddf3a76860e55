import GalleyKit
import SystemIO

/// `galley dump [--format text|json] FILE…`: the document Galley reads from each file, read as
/// `galley lint` reads it (the same configuration and reader options).
enum DumpCommand {
    static let formats = ["text", "json"]

    static func run(_ arguments: [String]) -> Int32 {
        Arguments.parse(arguments, valued: ["--config", "--format"], help: Help.dump, dump)
    }

    private static func dump(_ parsed: Arguments) -> Int32 {
        guard !parsed.operands.isEmpty else { return Arguments.missingOperands(Help.dump) }
        let format = parsed.value("--format") ?? "text"
        guard formats.contains(format) else {
            return CommandLineTool.usageError("unknown format '\(format)'\(Spelling.suggestion(for: format, among: formats)); formats: \(formats.joined(separator: ", "))")
        }
        var status = ExitCode.clean
        var files: [String] = []
        for path in parsed.operands {
            switch try? FileSystem.kind(of: path) {
            case .regular?:
                guard DocumentFormat(path: path) != nil else {
                    status = CommandLineTool.usageError("\(path): \(ArticleLoader.unsupportedMessage)")
                    continue
                }
                files.append(path)
            case .directory?:
                status = CommandLineTool.usageError("\(path): is a folder; dump reads files (galley dump \(path)/article.md)")
            case let other?:
                status = CommandLineTool.usageError("\(path): is \(other.description), not a file")
            case nil:
                status = CommandLineTool.usageError("\(path): no such file or directory")
            }
        }
        let plan = LintPlan.make(files: PathList(files), named: Set(files), configPath: parsed.value("--config"), maxFileBytes: Linter.defaultMaxFileBytes,
                                 keepsExcluded: true)
        guard plan.errors.isEmpty else { return ConfigurationReport.fail(plan.errors) }
        LintCommand.noteExclusions(plan, named: Set(files))
        var documents: [Document] = []
        for item in plan.items {
            switch item.linter.loader.load(path: item.path) {
            case .success(let document):
                if format == "json" {
                    documents.append(document)
                } else {
                    if files.count > 1 { Terminal.write("== \(item.path)\n", to: .output) }
                    Terminal.write(DocumentDump.text(of: document), to: .output)
                }
            case .failure(let problem):
                if problem.isFailure {
                    status = CommandLineTool.usageError("\(item.path): \(problem.message)")
                } else {
                    Terminal.write("galley: \(problem.severity.rawValue): \(item.path): \(problem.message)\n", to: .error)
                }
            }
        }
        if format == "json" { Terminal.write(DocumentJSON.render(documents), to: .output) }
        return status
    }
}
