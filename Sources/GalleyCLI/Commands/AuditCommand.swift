import GalleyKit
import SystemIO

/// `galley audit PATH… --report audit.html [--csv audit.csv] [--json audit.json]`: lints a whole
/// library as `galley lint` does (same configuration, same findings, same exit status) and writes
/// a report for people (HTML) and data for spreadsheets and dashboards (CSV, JSON). Only rows
/// and findings are kept as files stream through, never the documents.
enum AuditCommand {
    struct Options {
        var paths: [String] = []
        var htmlPath: String?
        var csvPath: String?
        var jsonPath: String?
        var libraryCSVPath: String?
        var title: String?
        var configPath: String?
        var jobs = Terminal.processorCount
        var maxFileBytes = Linter.defaultMaxFileBytes
        var shard: Shard?
        var onlyArticles = false
        var showProgress = true
        var honorsIgnoreFiles = true

        static func parse(_ arguments: [String]) throws(Arguments.UsageError) -> Options? {
            let parsed = try Arguments(arguments, valued: ["--report", "--csv", "--json", "--library-csv", "--title", "--config", "--jobs", "--max-file-size", "--shard"],
                                       switches: ["--help", "-h", "--no-progress", "--only-articles", "--no-ignore"])
            if parsed.has("--help") || parsed.has("-h") { return nil }
            // The shared options mean what they mean to `galley lint`.
            var lintArguments: [String] = []
            for name in ["--config", "--jobs", "--max-file-size", "--shard"] {
                if let value = parsed.value(name) { lintArguments += [name, value] }
            }
            let lint = try LintOptions.parse(lintArguments + (parsed.has("--no-progress") ? ["--no-progress"] : []))
            var options = Options()
            options.paths = parsed.operands.isEmpty ? ["."] : parsed.operands
            options.configPath = lint.configPath
            options.jobs = lint.jobs
            options.maxFileBytes = lint.maxFileBytes
            options.shard = lint.shard
            options.showProgress = lint.showProgress
            options.onlyArticles = parsed.has("--only-articles")
            options.honorsIgnoreFiles = !parsed.has("--no-ignore")
            options.title = parsed.value("--title")
            options.htmlPath = try path(parsed, "--report")
            options.csvPath = try path(parsed, "--csv")
            options.jsonPath = try path(parsed, "--json")
            options.libraryCSVPath = try path(parsed, "--library-csv")
            let outputs = [options.htmlPath, options.csvPath, options.jsonPath, options.libraryCSVPath].compactMap { $0 }
            guard !outputs.isEmpty else { throw Arguments.UsageError(message: "audit needs somewhere to write: --report FILE.html, --csv FILE or --json FILE") }
            guard Set(outputs).count == outputs.count else { throw Arguments.UsageError(message: "--report, --csv, --json and --library-csv must be different files") }
            return options
        }

        private static func path(_ parsed: Arguments, _ option: String) throws(Arguments.UsageError) -> String? {
            guard let value = parsed.value(option) else { return nil }
            guard !value.isEmpty else { throw Arguments.UsageError(message: "\(option) needs a file name") }
            return value
        }
    }

    static func run(_ arguments: [String]) -> Int32 {
        let parsedOptions: Options?
        do {
            parsedOptions = try Options.parse(arguments)
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        guard let options = parsedOptions else {
            Terminal.write(Help.audit, to: .output)
            return ExitCode.clean
        }

        let discovery = FileDiscovery.expand(options.paths, honoringIgnoreFiles: options.honorsIgnoreFiles)
        for problem in discovery.problems { Terminal.write("galley: error: \(problem)\n", to: .error) }
        let writer = GuardedWriter(protecting: discovery)
        for case let (option, path?) in [("--report", options.htmlPath), ("--csv", options.csvPath), ("--json", options.jsonPath),
                                         ("--library-csv", options.libraryCSVPath)] {
            if let refusal = writer.refusal(for: path, option: option) { return CommandLineTool.usageError(refusal.message) }
        }
        let files = options.shard.map { $0.select(discovery.files) } ?? discovery.files
        let plan = LintPlan.make(files: files, named: options.onlyArticles ? [] : discovery.named, folders: discovery.folders,
                                 configPath: options.configPath, maxFileBytes: options.maxFileBytes, measuresProse: true,
                                 onlyArticles: options.onlyArticles)
        guard plan.errors.isEmpty else { return ConfigurationReport.fail(plan.errors) }
        ConfigurationReport.warn(plan.warnings)
        LintCommand.noteExclusions(plan, named: discovery.named)

        var report = AuditReport(rules: LintCommand.activeRules(plan))
        var progress = Progress(total: plan.items.count, enabled: options.showProgress)
        var library = LibraryPhase(linters: plan.linters)
        let runsLibrary = library.isActive && options.shard == nil
        ParallelRun.run(plan.items, jobs: options.jobs, work: { ($0.lint(), $0.linterNumber) }) { result in
            var (fileReport, linter) = result
            if runsLibrary, let facts = fileReport.facts { library.add(facts, linter: linter) }
            fileReport.facts = nil
            report.add(fileReport)
            progress.advance()
        }
        progress.clear()
        if runsLibrary {
            library.finishAdding()
            report.addLibrary(library.run(jobs: options.jobs), rules: library.libraryIDs.sorted())
        } else if library.isActive {
            Terminal.write("galley: note: the library rules need every article; an audit of one shard leaves them out\n", to: .error)
        }

        let summary = AuditSummary(report)
        let heading = AuditHeading(title: options.title ?? options.paths.joined(separator: ", "), date: Clock.today())
        var failed = !discovery.problems.isEmpty
        var written: [String] = []
        let outputs: [(option: String, path: String?, what: String, make: () -> [UInt8])] = [
            ("--report", options.htmlPath, "the HTML report", { AuditHTMLWriter.write(report, summary, about: heading) }),
            ("--csv", options.csvPath, "the CSV rows", { AuditCSVWriter.write(report) }),
            ("--json", options.jsonPath, "the JSON audit", { AuditJSONWriter.write(report, summary, about: heading) }),
            ("--library-csv", options.libraryCSVPath, "the library CSV rows", { AuditLibraryCSVWriter.write(report.library) }),
        ]
        for output in outputs {
            guard let path = output.path else { continue }
            do {
                try writer.write(output.make(), to: path, option: output.option, what: output.what)
                written.append(path)
            } catch {
                Terminal.write("galley: error: \(error.message)\n", to: .error)
                failed = true
            }
        }
        let totals = summary.totals
        var line = "\(Plural.count(totals.errors, "error")), \(Plural.count(totals.warnings, "warning"))"
        if totals.notes > 0 { line += ", \(Plural.count(totals.notes, "note"))" }
        line += " in \(Plural.count(totals.articles, "file")); \(totals.cleanArticles) clean"
        Terminal.write(line + "\n", to: .error)
        if !written.isEmpty { Terminal.write("galley: wrote \(written.joined(separator: ", "))\n", to: .error) }
        if failed { return ExitCode.usage }
        return totals.errors > 0 ? ExitCode.findings : ExitCode.clean
    }
}
