import GalleyKit
import SystemIO

/// `galley lint` when library rules are part of the run, or facts are asked for.
///
/// - A whole run: every file is linted and gives its facts; the reports wait (the documents do
///   not) until the library rules have run over all facts, then go out with the library
///   findings merged in, in path order.
/// - A shard (`--shard K/N`): reports go out as files finish, as in any run; the facts go to
///   `--facts FILE` for `galley library` to run the library rules over every shard's.
/// - `--changed-since REF`: only the changed files are linted; every other article gives its
///   facts (from the cache when it can), so the library rules still see the whole library.
enum LibraryLint {
    /// Whether this run needs the library machinery at all.
    static func applies(_ plan: LintPlan, _ options: LintOptions) -> Bool {
        options.library.factsPath != nil || options.library.changedSince != nil || plan.linters.contains { $0.takesFacts }
    }

    static func run(_ plan: LintPlan, options: LintOptions, output: inout LintOutput, progress: inout Progress, writer: GuardedWriter,
                    usageProblems: Bool) -> Int32 {
        var phase = LibraryPhase(linters: plan.linters)
        if options.library.changedSince != nil {
            return changedSince(plan, phase: phase, options: options, output: &output, progress: &progress, writer: writer, usageProblems: usageProblems)
        }
        let runsLibrary = phase.isActive && options.shard == nil
        do {
            if !runsLibrary, phase.isActive { try output.limitBaseline(to: .fileRules, libraryIDs: phase.libraryIDs) }
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        let keepsSourceLines = options.format == .pretty
        let keepsFacts = runsLibrary || options.library.factsPath != nil
        // A whole run can fill the cache for later runs over changed files (--cache).
        let cache = phase.isActive && options.library.cacheEnabled ? FactsCache(directory: options.library.cacheDirectory, writer: writer) : nil
        var held: [FileReport] = []
        var cacheProblem: String?
        ParallelRun.run(plan.items, jobs: options.jobs, work: { item in
            guard cache != nil else { return Outcome(report: item.lint(), linter: item.linterNumber) }
            return Self.work(item, linting: true, cache: cache)
        }) { outcome in
            guard var report = outcome.report else { return }
            let linter = outcome.linter
            if cacheProblem == nil { cacheProblem = outcome.cacheProblem }
            if keepsFacts, let facts = report.facts ?? outcome.facts { phase.add(facts, linter: linter) }
            report.facts = nil
            if runsLibrary {
                // Kept until the library rules have run: only what the reporters print.
                report.document = nil
                if !keepsSourceLines { for index in report.diagnostics.indices { report.diagnostics[index].sourceLine = nil } }
                held.append(report)
            } else {
                if !report.diagnostics.isEmpty { progress.clear() }
                output.add(report)
            }
            progress.advance()
        }
        progress.clear()
        phase.finishAdding()
        if let cacheProblem { Terminal.write("galley: warning: the facts cache is not written: \(cacheProblem)\n", to: .error) }
        var failed = usageProblems
        if let path = options.library.factsPath {
            failed = !writeFacts(phase, plan: plan, shard: options.shard, to: path, writer: writer) || failed
        }
        if runsLibrary {
            let findings = phase.run(jobs: options.jobs)
            LibraryMerge.merge(held, findings) { output.add($0) }
        } else if phase.isActive, options.library.factsPath == nil {
            let ids = phase.libraryIDs.sorted().joined(separator: ", ")
            Terminal.write("galley: note: the library rules (\(ids)) need every article: with --shard, write each shard's facts with --facts FILE and run 'galley library' over them all\n", to: .error)
        }
        return output.finish(usageProblems: failed)
    }

    /// Writes the run's facts for `galley library`; false (after saying why) when it cannot.
    static func writeFacts(_ phase: LibraryPhase, plan: LintPlan, shard: Shard?, to path: String, writer: GuardedWriter) -> Bool {
        let bytes = FactsFile.encode(phase.store, signatures: plan.linters.map(\.signature), shard: shard)
        do {
            try writer.write(bytes, to: path, option: "--facts", what: "the facts")
            return true
        } catch {
            Terminal.write("galley: error: \(error.message)\n", to: .error)
            return false
        }
    }

    // MARK: --changed-since

    private struct Outcome: Sendable {
        var report: FileReport?
        var facts: ArticleFacts?
        var linter: Int
        var fromCache = false
        var cacheProblem: String?
    }

    private static func changedSince(_ plan: LintPlan, phase: LibraryPhase, options: LintOptions, output: inout LintOutput, progress: inout Progress,
                                     writer: GuardedWriter, usageProblems: Bool) -> Int32 {
        var phase = phase
        let ref = options.library.changedSince ?? "HEAD"
        let changes: ChangedFiles
        do {
            changes = try ChangedFiles.since(ref)
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        let cwd = PathNames.normalize(FileSystem.currentDirectory)
        let changed = changes.changed
        let usesLibrary = phase.isActive
        let cache = usesLibrary && options.library.cacheEnabled ? FactsCache(directory: options.library.cacheDirectory, writer: writer) : nil
        // Without library rules, the other files have nothing to give.
        let items: [LintPlan.Item] = plan.items.filter { usesLibrary || changed.contains(PathNames.absolute($0.path, from: cwd)) }
        var held: [FileReport] = []
        var linted = 0
        var cached = 0
        var cacheProblem: String?
        var focus: Set<String> = []
        progress = Progress(total: items.count, enabled: options.showProgress)
        ParallelRun.run(items, jobs: options.jobs, work: { item in
            let isChanged = changed.contains(PathNames.absolute(item.path, from: cwd))
            return Self.work(item, linting: isChanged, cache: cache)
        }) { outcome in
            if let facts = outcome.facts { phase.add(facts, linter: outcome.linter) }
            if var report = outcome.report {
                report.document = nil
                focus.insert(report.path)
                if !report.skipped { linted += 1 }
                held.append(report)
            }
            if outcome.fromCache { cached += 1 }
            if cacheProblem == nil { cacheProblem = outcome.cacheProblem }
            progress.advance()
        }
        progress.clear()
        phase.finishAdding()
        if let cacheProblem { Terminal.write("galley: warning: the facts cache is not written: \(cacheProblem)\n", to: .error) }
        var note = "--changed-since \(ref): \(Plural.count(linted, "changed file")) linted"
        if usesLibrary {
            note += "; the library rules read the facts of all \(Plural.count(phase.store.count, "article"))"
            if cache != nil { note += " (\(AuditNumber.grouped(cached)) from the cache)" }
        }
        Terminal.write("galley: note: \(note)\n", to: .error)
        let deleted = Set(changes.deleted.map { PathNames.relative($0, to: cwd) ?? $0 })
        let findings = usesLibrary ? phase.run(focus: LibraryPhase.Focus(changed: focus, deleted: deleted), jobs: options.jobs) : []
        LibraryMerge.merge(held, findings) { output.add($0) }
        return output.finish(usageProblems: usageProblems)
    }

    /// A changed file is linted; any other gives its facts, from the cache when it has them.
    private static func work(_ item: LintPlan.Item, linting: Bool, cache: FactsCache?) -> Outcome {
        let linter = item.linter
        var outcome = Outcome(linter: item.linterNumber)
        let bytes = try? FileSystem.read(item.path, maxBytes: linter.loader.maxFileBytes)
        let key = cache != nil ? bytes.map { FactsCache.key(content: $0, signature: linter.signature) } : nil
        if linting {
            var report = bytes.map { linter.lint(path: item.path, bytes: $0, onlyArticles: !item.isNamed) } ?? item.lint()
            outcome.facts = report.facts
            report.facts = nil
            outcome.report = report
        } else if let key, let cached = cache?.facts(forKey: key, path: item.path) {
            outcome.facts = cached
            outcome.fromCache = true
            return outcome
        } else if let bytes {
            outcome.facts = linter.facts(path: item.path, bytes: bytes)
        }
        if let cache, let key, let facts = outcome.facts {
            outcome.cacheProblem = cache.store(facts, forKey: key)
        }
        return outcome
    }
}
