import GalleyKit
import SystemIO

/// `galley vale`: Vale's command line, on Galley's engine. It reads `.vale.ini` and the styles it
/// names, takes the flags CI scripts pass to `vale`, and prints what Vale prints.
enum ValeCommand {
    static let valued: Set<String> = ["--config", "--minAlertLevel", "--output", "--glob", "--ext", "--filter", "--sources", "--jobs"]
    static let switches: Set<String> = ["--no-global", "--sort", "--relative", "--normalize", "--no-exit", "--no-wrap", "--ignore-syntax",
                                        "--mode-compat", "--version", "-v", "--help", "-h"]

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, valued: valued, switches: switches)
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        if parsed.has("--help") || parsed.has("-h") {
            Terminal.write(Help.vale, to: .output)
            return ExitCode.clean
        }
        if parsed.has("--version") || parsed.has("-v") {
            Terminal.write("galley \(Galley.version) (vale compatible)\n", to: .output)
            return ExitCode.clean
        }
        let output: ValeOutput.Format
        switch parsed.value("--output") ?? "CLI" {
        case "CLI": output = .cli
        case "line": output = .line
        case "JSON": output = .json
        case let other:
            return CommandLineTool.usageError("--output '\(other)': Galley prints Vale's line, JSON and CLI output, not Go templates")
        }
        if parsed.value("--filter") != nil {
            return CommandLineTool.usageError("--filter (Vale's rule filter expressions) is not supported; switch rules on and off in .vale.ini")
        }
        if parsed.has("--ignore-syntax") {
            return CommandLineTool.usageError("--ignore-syntax is not supported: Galley always reads the document's structure")
        }
        if let first = parsed.operands.first, ["sync", "ls-config", "ls-dirs", "ls-metrics", "ls-vars", "fix", "host-install", "host-uninstall"].contains(first) {
            return CommandLineTool.usageError("'vale \(first)' is not supported by galley vale: it lints only (styles are read from StylesPath as they are)")
        }
        let jobs: Int
        do {
            jobs = try parsed.jobs()
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        var extensionFlag = parsed.value("--ext")
        if let given = extensionFlag, !given.hasPrefix(".") { extensionFlag = "." + given }

        let cwd = FileSystem.currentDirectory
        let options = ValeProject.Options(configPath: parsed.value("--config"), directory: cwd, noGlobal: parsed.has("--no-global"),
                                          minAlertLevel: parsed.value("--minAlertLevel"), environment: Terminal.environmentVariables)
        let project: ValeProject
        switch ValeProject.load(options) {
        case .success(let loaded): project = loaded
        case .failure(let failure): return ConfigurationReport.fail(failure.errors)
        }
        for warning in project.warnings {
            Terminal.write("\(warning.path):\(warning.location.line):\(warning.location.column): warning: \(warning.message)\n", to: .error)
        }
        let glob = ValeGlob(parsed.value("--glob") ?? "*")

        // What to lint: files and folders, one string of text, or standard input.
        var session = ValeSession(project: project, forcedExtension: extensionFlag)
        var items: [ValeSession.Item] = []
        var inline: (name: String, bytes: [UInt8])?
        let operands = parsed.operands
        if operands.count == 1, (try? FileSystem.kind(of: operands[0])) == nil {
            let ext = extensionFlag ?? ".txt"
            inline = ("stdin" + ext, Array(operands[0].utf8))
        } else if operands.isEmpty {
            if Terminal.inputIsTerminal {
                Terminal.write(Help.vale, to: .error)
                return ExitCode.usage
            }
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.readStandardInput(maxBytes: Linter.defaultMaxFileBytes)
            } catch {
                return CommandLineTool.usageError("standard input \(error.reason)")
            }
            inline = ("stdin" + (extensionFlag ?? ".txt"), bytes)
        } else {
            for operand in operands {
                guard (try? FileSystem.kind(of: operand)) != nil else {
                    return CommandLineTool.usageError("argument '\(operand)' does not exist")
                }
            }
            for path in ValeFiles.walk(operands) where session.selects(path, glob: glob) {
                items.append(session.item(for: path))
            }
        }

        // Results come in the order Vale prints them (by path: the walk's order, kept by the
        // run). Line output is written as each file's results come, so a large run does not hold
        // every alert and its text until the end; JSON and the table need the whole run.
        items.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var results: [ValeSession.FileResult] = []
        var problems = false
        var errors = false
        var lines: [UInt8] = []
        func take(_ result: ValeSession.FileResult) {
            if let problem = result.problem {
                Terminal.write("galley: error: \(problem)\n", to: .error)
                problems = true
            } else if let reason = result.skipped {
                Terminal.write("galley: note: \(result.path): skipped: \(reason)\n", to: .error)
            }
            if !errors { errors = result.alerts.contains { $0.severity == "error" } }
            guard output == .line else {
                results.append(result)
                return
            }
            ValeOutput.appendLines(of: result, to: &lines)
            if lines.count >= 1 << 16 {
                lines.withUnsafeBufferPointer { Terminal.write($0, to: .output) }
                lines.removeAll(keepingCapacity: true)
            }
        }
        if let inline {
            let item = session.item(for: inline.name)
            take(session.lint(item, bytes: inline.bytes))
        } else {
            let shared = session
            ParallelRun.run(items, jobs: jobs, work: { shared.lint($0) }, deliver: take)
        }
        switch output {
        case .line: lines.withUnsafeBufferPointer { Terminal.write($0, to: .output) }
        case .json: Terminal.write(ValeOutput.json(results), to: .output)
        case .cli: Terminal.write(ValeOutput.cli(results, fileCount: results.count, standardInput: inline != nil), to: .output)
        }
        KeptUntilExit.keep((results, session))
        if problems { return ExitCode.usage }
        return errors && !parsed.has("--no-exit") ? ExitCode.findings : ExitCode.clean
    }
}

/// Vale's walk: folders recursively (except node_modules and .git), symbolic links followed
/// (each folder once), paths cleaned as Go's filepath.Join cleans them.
enum ValeFiles {
    static func walk(_ roots: [String]) -> [String] {
        var files: [String] = []
        var visited: Set<FileSystem.Identity> = []
        for root in roots {
            let start = clean(root)
            guard let kind = try? FileSystem.kind(of: start) else { continue }
            guard case .directory = kind else {
                if case .regular = kind { files.append(start) }
                continue
            }
            var pending = [start]
            while let folder = pending.popLast() {
                guard let identity = try? FileSystem.identity(of: folder), visited.insert(identity).inserted else { continue }
                var entries: [FileSystem.Entry] = []
                try? FileSystem.forEachEntry(folder) { entries.append($0) }
                for entry in entries.sorted(by: { $0.name < $1.name }) {
                    let path = folder == "." ? entry.name : folder + "/" + entry.name
                    switch entry.kind {
                    case .directory:
                        if entry.name != "node_modules" && entry.name != ".git" { pending.append(path) }
                    case .regular:
                        files.append(path)
                    default:
                        break
                    }
                }
            }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Go's `filepath.Clean`: no `./`, no doubled or trailing slashes, `..` resolved lexically.
    static func clean(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
