import GalleyKit
import SystemIO

/// `galley lint -` and `galley fix -`: the article comes from standard input; `--stdin-filename`
/// names it, which chooses its format and configuration and is the path findings are reported at.
/// Everything is checked (paths, output files, configuration) before standard input is read.
struct StandardInputRun {
    let name: String
    let format: DocumentFormat
    let plan: LintPlan
    let bytes: [UInt8]
    var output: LintOutput

    /// The run, or the exit status of the usage or configuration problem that stops it.
    /// `stream`: where findings go (standard error when standard output carries the article).
    static func prepare(_ options: LintOptions, stream: Terminal.Stream = .output) -> Result<StandardInputRun, ExitStatus> {
        guard options.paths == ["-"] else {
            return .failure(ExitStatus(CommandLineTool.usageError("'-' (standard input) cannot be combined with other paths")))
        }
        let name = options.stdinFilename ?? LintOptions.standardInputName
        var format = DocumentFormat.markdown
        if let named = options.stdinFilename {
            guard let known = DocumentFormat(path: named) else {
                return .failure(ExitStatus(CommandLineTool.usageError("--stdin-filename \(named): \(ArticleLoader.unsupportedMessage)")))
            }
            format = known
        }
        let writer = GuardedWriter(protecting: FileDiscovery.Result(), inputs: [name])
        if let refusal = LintCommand.refusal(options, writer) { return .failure(ExitStatus(CommandLineTool.usageError(refusal.message))) }
        let plan = LintPlan.make(files: PathList([name]), named: [name], configPath: options.configPath, maxFileBytes: options.maxFileBytes)
        guard plan.errors.isEmpty else { return .failure(ExitStatus(ConfigurationReport.fail(plan.errors))) }
        ConfigurationReport.warn(plan.warnings)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readStandardInput(maxBytes: options.maxFileBytes)
        } catch let failure {
            return .failure(ExitStatus(CommandLineTool.usageError("standard input \(failure.reason)")))
        }
        let output: LintOutput
        do {
            output = try LintOutput(options: options, rules: LintCommand.activeRules(plan), writer: writer, stream: stream)
        } catch {
            return .failure(ExitStatus(CommandLineTool.usageError(error.message)))
        }
        LintCommand.noteExclusions(plan, named: [name])
        return .success(StandardInputRun(name: name, format: format, plan: plan, bytes: bytes, output: output))
    }

    /// An exit status as an error, for `Result`.
    struct ExitStatus: Error {
        let code: Int32
        init(_ code: Int32) { self.code = code }
    }
}
