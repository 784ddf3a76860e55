import GalleyKit
import SystemIO

enum LintCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options: LintOptions
        do {
            options = try LintOptions.parse(arguments)
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        if options.showHelp {
            Terminal.write(Help.lint, to: .output)
            return ExitCode.clean
        }

        let discovery = FileDiscovery.expand(options.paths)
        for problem in discovery.problems { Terminal.write("galley: error: \(problem)\n", to: .error) }
        if let problem = overwrittenArticle(options, files: discovery.files) { return CommandLineTool.usageError(problem) }
        let files = options.shard.map { $0.select(discovery.files) } ?? discovery.files
        let plan = LintPlan.make(files: files, named: options.onlyArticles ? [] : discovery.named, folders: discovery.folders, configPath: options.configPath, maxFileBytes: options.maxFileBytes)
        guard plan.errors.isEmpty else { return ConfigurationReport.fail(plan.errors) }
        for warning in discovery.warnings { Terminal.write("galley: warning: \(warning)\n", to: .error) }
        for note in discovery.notes { Terminal.write("galley: note: \(note)\n", to: .error) }

        var output: LintOutput
        do {
            output = try LintOutput(options: options, rules: Self.activeRules(plan))
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        output.begin()
        var progress = Progress(total: plan.items.count, enabled: options.showProgress)
        ParallelRun.run(plan.items, jobs: options.jobs, work: { $0.lint() }) { report in
            // Findings go to the terminal too: they print on a clean line, then the count returns.
            if !report.diagnostics.isEmpty { progress.clear() }
            output.add(report)
            progress.advance()
        }
        progress.clear()
        return output.finish(usageProblems: !discovery.problems.isEmpty)
    }

    /// Galley never writes to an article: a report or baseline path that is one of the files
    /// being linted (by identity, so links and `./` spellings count) is refused before anything runs.
    static func overwrittenArticle(_ options: LintOptions, files: PathList) -> String? {
        let outputs = [("--output", options.outputPath), ("--write-baseline", options.writeBaselinePath)]
            .compactMap { option, path in path.flatMap { path in (try? FileSystem.identity(of: path)).map { (option, path, $0) } } }
        guard !outputs.isEmpty else { return nil }
        for file in files {
            guard let identity = try? FileSystem.identity(of: file) else { continue }
            if let (option, path, _) = outputs.first(where: { $0.2 == identity }) {
                return "\(option) \(path) is \(file), one of the files being linted; Galley never writes to an article"
            }
        }
        return nil
    }

    /// Every rule some file of the run is checked with, once, for reports that describe rules.
    static func activeRules(_ plan: LintPlan) -> [RuleDefinition] {
        var seen: Set<String> = []
        var definitions: [RuleDefinition] = []
        for linter in plan.linters {
            for rule in linter.rules where seen.insert(rule.id).inserted { definitions.append(rule.definition) }
        }
        return definitions
    }
}

/// Configuration problems: all of them, in compiler format, then exit 2 without linting.
enum ConfigurationReport {
    static func fail(_ errors: [ConfigError]) -> Int32 {
        let sorted = errors.sorted { ($0.path, $0.location) < ($1.path, $1.location) }
        for error in sorted { Terminal.write("\(error)\n", to: .error) }
        Terminal.write("galley: \(errors.count) configuration \(errors.count == 1 ? "error" : "errors"); nothing was linted\n", to: .error)
        return ExitCode.usage
    }
}
