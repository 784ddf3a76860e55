import GalleyKit
import SystemIO

enum LintCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, valued: ["--format", "--jobs", "--max-file-size"], switches: ["--help", "-h"])
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        if parsed.has("--help") || parsed.has("-h") {
            Terminal.write(Help.lint, to: .output)
            return ExitCode.clean
        }
        let format = parsed.value("--format") ?? "gcc"
        guard format == "gcc" else { return CommandLineTool.usageError("unknown format '\(format)'; formats: gcc") }
        var jobs = Terminal.processorCount
        if let text = parsed.value("--jobs") {
            guard let number = Int(text), number >= 1 else { return CommandLineTool.usageError("--jobs needs a whole number of at least 1, not '\(text)'") }
            jobs = number
        }
        var maxFileBytes = Linter.defaultMaxFileBytes
        if let text = parsed.value("--max-file-size") {
            guard let bytes = ByteSize.parse(text) else { return CommandLineTool.usageError("--max-file-size needs a size such as 500K or 20M, not '\(text)'") }
            maxFileBytes = bytes
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
        let linter = Linter(rules: ruleSet.rules, maxFileBytes: maxFileBytes)

        let discovery = FileDiscovery.expand(parsed.operands.isEmpty ? ["."] : parsed.operands)
        for problem in discovery.problems { Terminal.write("galley: error: \(problem)\n", to: .error) }

        var reporter = GCCReporter()
        var summary = RunSummary()
        Terminal.write(reporter.begin(), to: .output)
        ParallelRun.run(discovery.files, jobs: jobs, lint: { linter.lint(path: $0) }) { report in
            summary.add(report)
            Terminal.write(reporter.add(report), to: .output)
        }
        Terminal.write(reporter.finish(summary), to: .output)
        Terminal.write(summary.text + "\n", to: .error)
        if !discovery.problems.isEmpty { return ExitCode.usage }
        return summary.errors > 0 ? ExitCode.findings : ExitCode.clean
    }
}

enum ByteSize {
    /// "500K", "20M", "1G" or a plain number of bytes.
    static func parse(_ text: String) -> Int? {
        var digits = text.uppercased()
        var multiplier = 1
        if digits.hasSuffix("B") { digits.removeLast() }
        switch digits.last {
        case "K": multiplier = 1 << 10; digits.removeLast()
        case "M": multiplier = 1 << 20; digits.removeLast()
        case "G": multiplier = 1 << 30; digits.removeLast()
        default: break
        }
        guard let number = Int(digits), number > 0 else { return nil }
        let (result, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : result
    }
}
