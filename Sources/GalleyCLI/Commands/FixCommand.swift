import GalleyKit
import SystemIO

/// `galley fix [options] [path ...]`, also `galley lint --fix`: lints as `lint` does, applies every
/// fix it can (see `Fixer`), writes each changed article once through the guarded writer, and
/// reports what is left. `--dry-run` prints a unified diff instead of writing; `-` fixes
/// standard input and prints the fixed text.
enum FixCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options: LintOptions
        do {
            options = try LintOptions.parse(arguments, fixing: true)
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        if options.showHelp {
            Terminal.write(Help.fix, to: .output)
            return ExitCode.clean
        }
        return run(options)
    }

    static func run(_ options: LintOptions) -> Int32 {
        if options.writeBaselinePath != nil {
            return CommandLineTool.usageError("--write-baseline records findings as they are; run it with galley lint, not while fixing")
        }
        if options.library.factsPath != nil || options.library.changedSince != nil || options.library.useCache != nil {
            return CommandLineTool.usageError("--facts, --changed-since and the facts cache are galley lint's; galley fix fixes the files it is given")
        }
        if options.readsStandardInput { return fixStandardInput(options) }

        let discovery = FileDiscovery.expand(options.paths)
        let writer = GuardedWriter(protecting: discovery)
        if let path = options.outputPath, let refusal = writer.refusal(for: path, option: "--output") {
            return CommandLineTool.usageError(refusal.message)
        }
        let files = options.shard.map { $0.select(discovery.files) } ?? discovery.files
        let plan = LintPlan.make(files: files, named: options.onlyArticles ? [] : discovery.named, folders: discovery.folders,
                                 configPath: options.configPath, maxFileBytes: options.maxFileBytes)
        // Library rules (broken links, duplicate titles) read every article as written: after
        // writing the fixes, the findings left are what galley lint then reports.
        let lintsAfter = !options.dryRun && plan.linters.contains { $0.takesFacts }
        if !lintsAfter {
            for problem in discovery.problems { Terminal.write("galley: error: \(problem)\n", to: .error) }
        }
        guard plan.errors.isEmpty else { return ConfigurationReport.fail(plan.errors) }
        if !lintsAfter {
            ConfigurationReport.warn(plan.warnings)
            for warning in discovery.warnings { Terminal.write("galley: warning: \(warning)\n", to: .error) }
            for note in discovery.notes { Terminal.write("galley: note: \(note)\n", to: .error) }
            LintCommand.noteExclusions(plan, named: discovery.named)
        }
        if options.dryRun, plan.linters.contains(where: { $0.takesFacts }) {
            Terminal.write("galley: note: the library rules (links, duplicates, orphans) read the files as written; --dry-run reports each file's own findings only\n", to: .error)
        }

        // With --dry-run the diff has standard output to itself; the findings go to standard error.
        var output: LintOutput
        do {
            output = try LintOutput(options: options, rules: LintCommand.activeRules(plan), writer: writer, stream: options.dryRun ? .error : .output)
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        if !lintsAfter { output.begin() }
        var tally = Tally()
        var progress = Progress(total: plan.items.count, enabled: options.showProgress)
        let minimum = options.minimumSeverity
        ParallelRun.run(plan.items, jobs: options.jobs, work: { item in
            Fixer(linter: item.linter, accepts: { $0.severity >= minimum }).fix(path: item.path, onlyArticles: !item.isNamed)
        }) { outcome in
            progress.clear()
            let report = tally.settle(outcome, options: options, writer: writer)
            if !lintsAfter { output.add(report) }
            progress.advance()
        }
        progress.clear()
        tally.printSummary(dryRun: options.dryRun)
        guard lintsAfter else { return output.finish(usageProblems: !discovery.problems.isEmpty || tally.writeFailures > 0) }
        var lint = options
        lint.fix = false
        let status = LintCommand.run(lint)
        return tally.writeFailures > 0 ? ExitCode.usage : status
    }

    /// `galley fix -`: the fixed article goes to standard output (or its diff, with --dry-run),
    /// its remaining findings to standard error, like a formatter reading standard input.
    private static func fixStandardInput(_ options: LintOptions) -> Int32 {
        var run: StandardInputRun
        switch StandardInputRun.prepare(options, stream: .error) {
        case .success(let prepared): run = prepared
        case .failure(let status): return status.code
        }
        let (name, bytes, format) = (run.name, run.bytes, run.format)
        run.output.begin()
        var fixed = bytes
        var tally = Tally()
        let minimum = options.minimumSeverity
        for item in run.plan.items {
            let outcome = Fixer(linter: item.linter, accepts: { $0.severity >= minimum }).fix(path: name, bytes: bytes, format: format)
            fixed = outcome.fixed
            tally.count(outcome)
            if !outcome.settled { Tally.warnUnsettled(name) }
            run.output.add(outcome.report)
        }
        if options.dryRun {
            if fixed != bytes { Terminal.write(Tally.diff(name: name, original: bytes, fixed: fixed), to: .output) }
        } else {
            fixed.withUnsafeBufferPointer { Terminal.write($0, to: .output) }
        }
        tally.printSummary(dryRun: options.dryRun)
        return run.output.finish(usageProblems: false)
    }
}

/// What a fix run did: fixes and files counted, each changed file written (or shown as a diff).
private struct Tally {
    var fixes = 0
    var files = 0
    var writeFailures = 0

    mutating func count(_ outcome: Fixer.Outcome) {
        guard outcome.changed else { return }
        fixes += outcome.applied
        files += 1
    }

    /// Writes (or shows) one file's fixed text; returns the report to show for it: what is left
    /// in the fixed text, or in the original when it could not be written.
    mutating func settle(_ outcome: Fixer.Outcome, options: LintOptions, writer: GuardedWriter) -> FileReport {
        if !outcome.settled { Self.warnUnsettled(outcome.path) }
        guard outcome.changed else { return outcome.report }
        if options.dryRun {
            if outcome.encoding != .utf8, let encoding = outcome.encoding {
                Terminal.write("galley: note: \(outcome.path) is \(encoding.rawValue); its diff shows the text as UTF-8 and does not apply to the file's bytes\n", to: .error)
            }
            Terminal.write(Self.diff(name: outcome.path, original: outcome.original, fixed: outcome.fixed, encoding: outcome.encoding), to: .output)
        } else {
            // Another program may have written the file since it was read: its change wins.
            guard (try? FileSystem.read(outcome.path)) == outcome.original else {
                Terminal.write("galley: error: \(outcome.path) changed while it was being fixed; not written, run galley fix again\n", to: .error)
                writeFailures += 1
                return outcome.originalReport
            }
            do {
                try writer.rewrite(article: outcome.path, with: outcome.fixed)
            } catch {
                Terminal.write("galley: error: \(error.message); its \(Plural.count(outcome.applied, "fix")) not applied\n", to: .error)
                writeFailures += 1
                return outcome.originalReport
            }
        }
        count(outcome)
        return outcome.report
    }

    static func diff(name: String, original: [UInt8], fixed: [UInt8], encoding: SourceOrigin.Encoding? = .utf8) -> String {
        var path = name
        while path.hasPrefix("./") { path.removeFirst(2) }
        // A UTF-16 file is shown as its text; `patch` could not apply that to its bytes anyway.
        let (old, new) = encoding == .utf8 ? (original, fixed) : (Self.utf8(original), Self.utf8(fixed))
        return UnifiedDiff.make(old: old, new: new, oldName: "a/" + path, newName: "b/" + path)
    }

    private static func utf8(_ bytes: [UInt8]) -> [UInt8] { SourceText(decoding: bytes).bytes }

    static func warnUnsettled(_ path: String) {
        Terminal.write("galley: warning: \(path): fixes still changed the text after \(Fixer.maxPasses) passes, or undid each other; "
                       + "what is left is reported below (check rules whose swaps feed each other)\n", to: .error)
    }

    func printSummary(dryRun: Bool) {
        let what = "\(Plural.count(fixes, "fix")) in \(Plural.count(files, "file"))"
        Terminal.write(dryRun ? "galley: \(what) to apply (dry run: nothing written)\n" : "galley: \(what)\n", to: .error)
    }
}
