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
        if options.fix { return FixCommand.run(options) }
        return run(options)
    }

    static func run(_ options: LintOptions) -> Int32 {
        if options.readsStandardInput { return lintStandardInput(options) }

        let discovery = FileDiscovery.expand(options.paths, honoringIgnoreFiles: options.honorsIgnoreFiles)
        for problem in discovery.problems { Terminal.write("galley: error: \(problem)\n", to: .error) }
        let writer = GuardedWriter(protecting: discovery)
        if let refusal = refusal(options, writer) { return CommandLineTool.usageError(refusal.message) }
        let files = options.shard.map { $0.select(discovery.files) } ?? discovery.files
        let plan = LintPlan.make(files: files, named: options.onlyArticles ? [] : discovery.named, folders: discovery.folders, configPath: options.configPath,
                                 maxFileBytes: options.maxFileBytes, onlyArticles: options.onlyArticles)
        guard plan.errors.isEmpty else { return ConfigurationReport.fail(plan.errors) }
        ConfigurationReport.warn(plan.warnings)
        for warning in discovery.warnings { Terminal.write("galley: warning: \(warning)\n", to: .error) }
        for note in discovery.notes { Terminal.write("galley: note: \(note)\n", to: .error) }
        noteExclusions(plan, named: discovery.named)

        var output: LintOutput
        do {
            output = try LintOutput(options: options, rules: Self.activeRules(plan), writer: writer)
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        output.begin()
        var progress = Progress(total: plan.items.count, enabled: options.showProgress)
        if LibraryLint.applies(plan, options) {
            return LibraryLint.run(plan, options: options, output: &output, progress: &progress, writer: writer, usageProblems: !discovery.problems.isEmpty)
        }
        ParallelRun.run(plan.items, jobs: options.jobs, work: { $0.lint() }) { report in
            // Findings go to the terminal too: they print on a clean line, then the count returns.
            if !report.diagnostics.isEmpty { progress.clear() }
            output.add(report)
            progress.advance()
        }
        progress.clear()
        return output.finish(usageProblems: !discovery.problems.isEmpty)
    }

    /// `galley lint -`: the article from standard input (see `StandardInputRun`).
    private static func lintStandardInput(_ options: LintOptions) -> Int32 {
        var run: StandardInputRun
        switch StandardInputRun.prepare(options) {
        case .success(let prepared): run = prepared
        case .failure(let status): return status.code
        }
        run.output.begin()
        for item in run.plan.items {
            run.output.add(item.linter.lint(path: run.name, bytes: run.bytes, format: run.format, silently: options.onlyArticles))
        }
        return run.output.finish(usageProblems: false)
    }

    /// The output and baseline paths must not be articles of the run (checked before anything
    /// runs, so a refused run writes nothing).
    static func refusal(_ options: LintOptions, _ writer: GuardedWriter) -> GuardedWriter.Refusal? {
        let outputs = [("--output", options.outputPath), ("--write-baseline", options.writeBaselinePath), ("--facts", options.library.factsPath)]
        for case let (option, path?) in outputs {
            if let refusal = writer.refusal(for: path, option: option) { return refusal }
        }
        return nil
    }

    /// A file named on the command line that the configuration leaves out is not linted: say
    /// why, rather than report "0 files". Files found in folders are counted in one note.
    static func noteExclusions(_ plan: LintPlan, named: Set<String>) {
        var unnamed = 0
        for (path, reason) in plan.excluded {
            if named.contains(path) {
                Terminal.write("galley: note: \(path) is not linted: \(reason)\n", to: .error)
            } else {
                unnamed += 1
            }
        }
        if unnamed > 0, plan.items.isEmpty {
            Terminal.write("galley: note: \(Plural.count(unnamed, "file")) found, all left out by the configuration's include and exclude\n", to: .error)
        }
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
        Terminal.write("galley: \(Plural.count(errors.count, "configuration error")); nothing was linted\n", to: .error)
        return ExitCode.usage
    }

    /// Problems that do not stop a run (a Vale rule Galley cannot run, with why), once per
    /// run, on standard error at their file:line:column, as `galley vale` prints them. They
    /// change no exit status.
    static func warn(_ warnings: [ConfigError]) {
        for warning in warnings {
            Terminal.write("\(warning.path):\(warning.location.line):\(warning.location.column): warning: \(warning.message)\n", to: .error)
        }
    }
}
