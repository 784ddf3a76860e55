import GalleyKit
import SystemIO

/// Exit codes, as documented in the README.
enum ExitCode {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 2
}

enum CommandLineTool {
    static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else { return LintCommand.run([]) }
        switch first {
        case "lint": return LintCommand.run(Array(arguments.dropFirst()))
        case "fix": return FixCommand.run(Array(arguments.dropFirst()))
        case "lsp": return LSPCommand.run(Array(arguments.dropFirst()))
        case "dump": return DumpCommand.run(Array(arguments.dropFirst()))
        case "rules": return RulesCommand.run(Array(arguments.dropFirst()))
        case "explain": return ExplainCommand.run(Array(arguments.dropFirst()))
        case "check-config": return CheckConfigCommand.run(Array(arguments.dropFirst()))
        case "init": return InitCommand.run(Array(arguments.dropFirst()))
        case "metrics": return MetricsCommand.run(Array(arguments.dropFirst()))
        case "audit": return AuditCommand.run(Array(arguments.dropFirst()))
        case "completions": return CompletionsCommand.run(Array(arguments.dropFirst()))
        case "help" where arguments.count == 2 && arguments[1] == "--man": return CompletionsCommand.manPage()
        case "vale": return ValeCommand.run(Array(arguments.dropFirst()))
        case "library": return LibraryCommand.run(Array(arguments.dropFirst()))
        case "help", "--help", "-h":
            Terminal.write(Help.text(for: arguments.dropFirst().first), to: .output)
            return ExitCode.clean
        case "--version", "version":
            Terminal.write("galley \(Galley.version)\n", to: .output)
            return ExitCode.clean
        default:
            if first.hasPrefix("-") || DocumentFormat(path: first) != nil || first.contains("/") || first == "." {
                return LintCommand.run(arguments)
            }
            let commands = Help.commands.map(\.name)
            return usageError("unknown command '\(first)'\(Spelling.suggestion(for: first, among: commands)); see 'galley help'")
        }
    }

    static func usageError(_ message: String) -> Int32 {
        Terminal.write("galley: error: \(message)\n", to: .error)
        return ExitCode.usage
    }
}
