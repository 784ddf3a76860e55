import GalleyKit
import SystemIO

/// `galley rules [PATH]`: the rules that apply to a file (or to every file of a folder), after
/// the configuration's changes and the overrides that match it.
enum RulesCommand {
    static func run(_ arguments: [String]) -> Int32 {
        Arguments.parse(arguments, valued: ["--config"], help: Help.rules, list)
    }

    private static func list(_ parsed: Arguments) -> Int32 {
        let path = parsed.operands.first ?? "."
        let kind: FileSystem.Kind
        do {
            kind = try FileSystem.kind(of: path)
        } catch {
            return CommandLineTool.usageError("\(path): \(FileSystem.explain(error))")
        }
        let isFolder = kind == .directory
        let configuration: Configuration
        switch LintPlan.configuration(forDirectory: isFolder ? path : PathNames.directory(of: path), configPath: parsed.value("--config")) {
        case .success(let loaded): configuration = loaded
        case .failure(let failure): return ConfigurationReport.fail(failure.errors)
        }
        // The overrides that apply to the file, or to everything in the folder; others apply to
        // some of its files only, and are named rather than silently left out.
        let absolute = PathNames.absolute(path, from: PathNames.normalize(FileSystem.currentDirectory))
        let applying = configuration.matchingOverrides(absolutePath: absolute)
        var errors: [ConfigError] = []
        let rules = configuration.rules(applying: applying, errors: &errors)
        guard errors.isEmpty else { return ConfigurationReport.fail(errors) }
        if !isFolder, let reason = configuration.exclusionReason(absolutePath: absolute) {
            Terminal.write("galley: note: \(path) is not linted: \(reason)\n", to: .error)
        }
        if isFolder {
            let partial = configuration.overrides.indices.filter { !applying.contains($0) }
            if !partial.isEmpty {
                let globs = partial.flatMap { configuration.overrides[$0].files.map { "'\($0.glob.pattern)'" } }
                Terminal.write("galley: note: \(Plural.count(partial.count, "override")) for some files (\(globs.joined(separator: ", "))) not shown; name a file to see its rules\n", to: .error)
            }
        }
        let source = configuration.path.map { "configuration: \(PathNames.display($0))" } ?? "configuration: none found; the bundled house style applies"
        var output = source + "\n\n"
        let idWidth = max(4, rules.map(\.id.count).max() ?? 0) + 2
        let kindWidth = max(4, rules.map(\.definition.kind.count).max() ?? 0) + 2
        output += "id".padding(idWidth) + "kind".padding(kindWidth) + "severity".padding(10) + "defined at\n"
        for rule in rules {
            let definition = rule.definition
            output += definition.id.padding(idWidth) + definition.kind.padding(kindWidth) + definition.severity.rawValue.padding(10)
            output += "\(definition.origin):\(definition.location.line)\n"
        }
        Terminal.write(output, to: .output)
        return ExitCode.clean
    }
}

/// `galley explain RULE|KIND`: what a rule checks, its options and its examples.
enum ExplainCommand {
    static func run(_ arguments: [String]) -> Int32 {
        Arguments.parse(arguments, valued: ["--config"], switches: ["--markdown"], help: Help.explain, explain)
    }

    private static func explain(_ parsed: Arguments) -> Int32 {
        if parsed.has("--markdown") {
            Terminal.write(RuleDocumentation.markdown(), to: .output)
            return ExitCode.clean
        }
        guard let name = parsed.operands.first else { return Arguments.missingOperands(Help.explain) }
        if let kind = RuleKinds.named(name) {
            Terminal.write(RuleDocumentation.text(for: kind), to: .output)
            return ExitCode.clean
        }
        let configuration: Configuration
        switch LintPlan.configuration(forDirectory: ".", configPath: parsed.value("--config")) {
        case .success(let loaded): configuration = loaded
        case .failure(let failure): return ConfigurationReport.fail(failure.errors)
        }
        var errors: [ConfigError] = []
        let rules = configuration.rules(applying: [], errors: &errors)
        guard let rule = rules.first(where: { $0.id == name }), let text = RuleDocumentation.text(forRule: rule.definition) else {
            let names = rules.map(\.id) + RuleKinds.all.map { $0.name }
            return CommandLineTool.usageError("no rule or rule kind '\(name)'\(Spelling.suggestion(for: name, among: names)); see 'galley rules'")
        }
        Terminal.write(text, to: .output)
        return ExitCode.clean
    }
}

/// `galley check-config`: load and validate configuration and rule sets, lint nothing.
enum CheckConfigCommand {
    static func run(_ arguments: [String]) -> Int32 {
        Arguments.parse(arguments, valued: ["--config", "--vale"], help: Help.checkConfig, check)
    }

    private static func check(_ parsed: Arguments) -> Int32 {
        var errors: [ConfigError] = []
        var summaries: [String] = []
        var warnings: [ConfigError] = []
        if let vale = parsed.value("--vale") {
            // A Vale set-up as `galley vale --config FILE --no-global` reads it.
            let options = ValeProject.Options(configPath: vale, directory: FileSystem.currentDirectory, noGlobal: true,
                                              environment: Terminal.environmentVariables)
            switch ValeProject.load(options) {
            case .failure(let failure): errors += failure.errors
            case .success(let project):
                warnings += project.warnings
                let styles = project.loadedByStyle.map { "\($0.style) \($0.loaded)" + ($0.skipped > 0 ? " (\($0.skipped) not run)" : "") }
                let lists = project.wordListSummary
                summaries.append("\(vale): \(Plural.count(project.rules.count, "Vale rule")) loaded: \(styles.joined(separator: ", ")); "
                    + "\(lists.words) words and phrases in one shared matcher, \(Plural.count(lists.patterns, "list pattern"))")
            }
        }
        for path in parsed.operands.isEmpty ? ["."] : parsed.operands {
            // A typo in a CI step must fail, not check the defaults and pass.
            let kind: FileSystem.Kind
            do {
                kind = try FileSystem.kind(of: path)
            } catch {
                return CommandLineTool.usageError("\(path): \(FileSystem.explain(error))")
            }
            let directory = kind == .directory ? path : PathNames.directory(of: path)
            switch LintPlan.configuration(forDirectory: directory, configPath: parsed.value("--config")) {
            case .failure(let failure):
                for error in failure.errors where !errors.contains(error) { errors.append(error) }
            case .success(let configuration):
                let sets = configuration.ruleSets.map(\.name).joined(separator: ", ")
                let name = configuration.path.map(PathNames.display) ?? "bundled defaults"
                let vale = configuration.vale.reduce(0) { $0 + $1.project.rules.count }
                summaries.append("\(name): \(Plural.count(configuration.ruleIDs.count, "rule")) from \(sets)" + (vale > 0 ? " and \(Plural.count(vale, "Vale rule"))" : ""))
                for warning in configuration.warnings where !warnings.contains(warning) { warnings.append(warning) }
            }
        }
        guard errors.isEmpty else { return ConfigurationReport.fail(errors) }
        // Rules that cannot run do not stop a run: each is listed, at its file:line:column.
        Terminal.write(warnings.map { "\($0.path):\($0.location.line):\($0.location.column): warning: \($0.message)\n" }.joined(), to: .output)
        Terminal.write(summaries.map { "ok: \($0)\n" }.joined(), to: .output)
        return ExitCode.clean
    }
}

/// `galley init`: a commented starter `.galley.yml`.
enum InitCommand {
    static func run(_ arguments: [String]) -> Int32 {
        Arguments.parse(arguments, switches: ["--force"], help: Help.initialize, write)
    }

    private static func write(_ parsed: Arguments) -> Int32 {
        let directory = parsed.operands.first ?? "."
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + ".galley.yml"
        if FileSystem.isReadableFile(path), !parsed.has("--force") {
            return CommandLineTool.usageError("\(path) already exists; use --force to replace it")
        }
        do {
            try GuardedWriter().write(Array(StarterConfiguration.text.utf8), to: path, option: "init", what: "the configuration")
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        Terminal.write("wrote \(path)\n", to: .output)
        return ExitCode.clean
    }
}
