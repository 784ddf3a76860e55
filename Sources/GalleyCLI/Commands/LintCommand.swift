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

        let ruleSet: RuleSet
        switch BundledRules.load(BundledRules.defaultSetName) {
        case .success(let loaded)?: ruleSet = loaded
        case .failure(let errors)?:
            for error in errors.errors { Terminal.write("\(error)\n", to: .error) }
            return ExitCode.usage
        case nil:
            return CommandLineTool.usageError("the bundled rule set is missing")
        }
        let linter = Linter(rules: ruleSet.rules, maxFileBytes: options.maxFileBytes)

        var output: LintOutput
        do {
            output = try LintOutput(options: options, rules: linter.rules.map(\.definition))
        } catch {
            return CommandLineTool.usageError(error.message)
        }

        let discovery = FileDiscovery.expand(options.paths)
        for problem in discovery.problems { Terminal.write("galley: error: \(problem)\n", to: .error) }

        output.begin()
        ParallelRun.run(discovery.files, jobs: options.jobs, lint: { linter.lint(path: $0) }) { output.add($0) }
        return output.finish(usageProblems: !discovery.problems.isEmpty)
    }
}
