import GalleyKit
import SystemIO

/// `galley library FACTS…`: the final step of a sharded run. Each shard linted its share of the
/// files and wrote their facts (`galley lint --shard K/N --facts FILE`); this step reads every
/// shard's facts and runs the library rules over the whole library, reporting only their
/// findings, in any report format. The shards' reports and this one together hold exactly the
/// findings of one unsharded run. Run it on the same checkout, from the same folder: each
/// article is judged with the configuration that governs it, which must be the one its facts
/// were taken under.
enum LibraryCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options: LintOptions
        do throws(Arguments.UsageError) {
            let parsed = try Arguments(arguments, valued: LintOptions.valued, switches: LintOptions.switches)
            if parsed.has("--help") || parsed.has("-h") {
                Terminal.write(Help.library, to: .output)
                return ExitCode.clean
            }
            guard !parsed.operands.isEmpty else { return Arguments.missingOperands(Help.library) }
            for option in ["--shard", "--facts", "--changed-since", "--stdin-filename", "--cache-dir", "--max-file-size"] where parsed.value(option) != nil {
                throw Arguments.UsageError(message: "\(option) is an option of galley lint; galley library reads facts files")
            }
            for option in ["--cache", "--no-cache", "--only-articles"] where parsed.has(option) {
                throw Arguments.UsageError(message: "\(option) is an option of galley lint; galley library reads facts files")
            }
            options = try LintOptions.parse(arguments)
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        if options.paths.contains("-") { return CommandLineTool.usageError("galley library reads facts files, not standard input") }

        var records: [(record: FactsFile.Record, signature: String)] = []
        var shards: [(file: String, shard: String)] = []
        var versions: Set<String> = []
        for path in options.paths {
            let file: FactsFile
            do {
                file = try FactsFile.decode(try FileSystem.read(path, maxBytes: FactsFile.maxBytes))
            } catch let failure as FileSystem.Failure {
                return CommandLineTool.usageError("cannot read the facts \(path): \(failure.code == FileSystem.tooLarge ? "larger than \(FactsFile.maxBytes >> 20) MB" : FileSystem.explain(failure))")
            } catch let error as FactsError {
                return CommandLineTool.usageError("\(path): \(error.message)")
            } catch {
                return CommandLineTool.usageError("\(path): \(error)")
            }
            versions.insert(file.galleyVersion)
            shards.append((path, file.shard))
            records += file.records.map { ($0, file.signatures[$0.signature]) }
        }
        if versions.count > 1 {
            return CommandLineTool.usageError("the facts were written by different Galley versions (\(versions.sorted().joined(separator: ", "))); run every shard with the same one")
        }
        if let problem = shardProblem(shards) { return CommandLineTool.usageError(problem) }
        records.sort { $0.record.path.utf8.lexicographicallyPrecedes($1.record.path.utf8) }
        for index in records.indices.dropFirst() where records[index].record.path == records[index - 1].record.path {
            return CommandLineTool.usageError("\(records[index].record.path) has facts in two files; give each shard's facts once")
        }

        let paths = PathList(records.map(\.record.path))
        var discovery = FileDiscovery.Result()
        discovery.named = Set(paths)
        let writer = GuardedWriter(protecting: discovery)
        for case let (option, path?) in [("--output", options.outputPath), ("--write-baseline", options.writeBaselinePath)] {
            if let refusal = writer.refusal(for: path, option: option) { return CommandLineTool.usageError(refusal.message) }
        }
        let plan = LintPlan.make(files: paths, named: Set(paths), configPath: options.configPath, maxFileBytes: options.maxFileBytes, keepsExcluded: true)
        guard plan.errors.isEmpty else { return ConfigurationReport.fail(plan.errors) }
        var phase = LibraryPhase(linters: plan.linters)
        for (item, entry) in zip(plan.items, records) {
            guard item.linter.signature == entry.signature else {
                return CommandLineTool.usageError("\(item.path): its configuration is not the one its facts were taken under; run the shards and galley library on the same checkout, from the same folder")
            }
            phase.add(entry.record, linter: item.linterNumber)
        }
        phase.finishAdding()

        var output: LintOutput
        do {
            output = try LintOutput(options: options, rules: LintCommand.activeRules(plan), writer: writer)
            try output.limitBaseline(to: .libraryRules, libraryIDs: phase.libraryIDs)
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        if !phase.isActive { Terminal.write("galley: note: the configuration has no library rules; nothing to check\n", to: .error) }
        output.begin()
        let findings = phase.run(jobs: options.jobs)
        LibraryMerge.merge(plan.items.lazy.map { FileReport(path: $0.path, diagnostics: []) }, findings) { output.add($0) }
        return output.finish(usageProblems: false)
    }

    /// Facts of a sharded run must come from every shard of one split, once each.
    static func shardProblem(_ shards: [(file: String, shard: String)]) -> String? {
        let whole = shards.filter { $0.shard.isEmpty }
        if !whole.isEmpty {
            return shards.count == 1 ? nil : "\(whole[0].file) holds the facts of a whole run; give it alone, or only shards' facts"
        }
        var total: Int?
        var seen: [Int: String] = [:]
        for (file, text) in shards {
            guard let shard = Shard(text) else { return "\(file): unreadable shard '\(text)'" }
            if let total, total != shard.count { return "\(file) is shard \(text), but another file is a shard of \(total)" }
            total = shard.count
            if let other = seen[shard.index] { return "\(file) and \(other) are both shard \(text)" }
            seen[shard.index] = file
        }
        if let total {
            let missing = (1...total).filter { seen[$0] == nil }
            if !missing.isEmpty {
                return "the facts of shard \(missing.map { "\($0)/\(total)" }.joined(separator: ", ")) are missing: the library rules need every article"
            }
        }
        return nil
    }
}
