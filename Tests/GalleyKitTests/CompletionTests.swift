import Foundation
import Testing
@testable import GalleyKit

/// `galley completions bash|zsh|fish` and `galley help --man`: made from the help texts, so every
/// command and option the help shows is in them, and bash really completes with them.
/// (Scripts/test-install also renders the page with `man -l` and drives zsh and fish.)
@Suite struct CompletionTests {
    /// The commands `galley help` lists, read from its output as a user sees it.
    static func commands() throws -> [String] {
        let help = try TestSupport.runGalley(["help"]).stdout
        let section = try #require(help.components(separatedBy: "commands:\n").last)
        return section.components(separatedBy: "\n\n")[0].split(separator: "\n").map { String($0.split(separator: " ")[0]) }
    }

    /// The options a command's help lists, `--name` and its placeholder (nil for a switch).
    static func options(_ command: String) throws -> [(name: String, placeholder: String?)] {
        let help = try TestSupport.runGalley(["help", command]).stdout
        var result: [(String, String?)] = []
        for line in help.split(separator: "\n") where line.hasPrefix("  -") {
            let words = line.split(separator: " ").map(String.init)
            guard let index = words.firstIndex(where: { $0.hasPrefix("--") }) else { continue }
            let next = index + 1 < words.count ? words[index + 1] : ""
            let isPlaceholder = !next.isEmpty && next.allSatisfy { $0.isUppercase || "/_-".contains($0) }
            result.append((words[index], isPlaceholder ? next : nil))
        }
        // Options shown only in the usage lines: [--config FILE], [--format text|json], [--force].
        for line in help.split(separator: "\n") where line.hasPrefix("usage: ") || line.hasPrefix("       galley ") {
            for match in line.matches(of: /\[(--[a-z-]+)(?: ([^\]]+))?\]/) where !result.contains(where: { $0.0 == String(match.1) }) {
                result.append((String(match.1), match.2.map(String.init)))
            }
        }
        return result
    }

    static let commandsWithOptions = ["lint", "metrics", "audit", "library"]

    @Test func completionScriptsAndManPageNameEveryCommandAndOption() throws {
        let commands = try Self.commands()
        #expect(commands.contains("lint") && commands.contains("completions") && commands.count >= 10)
        let scripts = try ["bash", "zsh", "fish"].map { shell in
            let result = try TestSupport.runGalley(["completions", shell])
            #expect(result.status == 0, "\(shell): \(result.stderr)")
            return (shell, result.stdout)
        }
        let man = try TestSupport.runGalley(["help", "--man"])
        #expect(man.status == 0)
        #expect(man.stdout.hasPrefix(".\\\""))
        #expect(man.stdout.contains(".TH GALLEY 1 \"\" \"galley \(Galley.version)\""))
        for command in commands {
            for (shell, script) in scripts {
                #expect(script.contains(command), "\(shell) completion lacks the command \(command)")
            }
            #expect(man.stdout.contains(".SS \(command.replacingOccurrences(of: "-", with: "\\-"))"), "man page lacks \(command)")
        }
        for command in Self.commandsWithOptions {
            for option in try Self.options(command) {
                let longName = String(option.name.dropFirst(2))
                for (shell, script) in scripts {
                    #expect(script.contains(shell == "fish" ? "-l \(longName) " : option.name), "\(shell) completion lacks \(command) \(option.name)")
                }
                #expect(man.stdout.contains("\\fB\(option.name.replacingOccurrences(of: "-", with: "\\-"))\\fR"), "man page lacks \(command) \(option.name)")
            }
        }
    }

    /// The help can only promise what the parser accepts: every option the help of a command
    /// lists is known to its parser (with `--help`, which then prints the help and exits 0).
    @Test func everyOptionInTheHelpIsAccepted() throws {
        let samples = ["FILE": "x.out", "PATH": "x.md", "N": "1", "K/N": "1/2", "SIZE": "1M", "TEXT": "t", "LEVEL": "warning", "FORMAT": "json",
                       "REF": "HEAD", "DIR": "x.cache"]
        for command in try Self.commands() where !["help", "version"].contains(command) {
            for option in try Self.options(command) {
                var arguments = [command, option.name]
                if let placeholder = option.placeholder {
                    let choice = placeholder.contains("|") ? placeholder.split(separator: "|").first.map(String.init) : nil
                    arguments.append(try #require(choice ?? samples[placeholder], "no sample value for \(placeholder)"))
                }
                // The parser knows it (it may still refuse the value or the combination alone).
                let result = try TestSupport.runGalley(arguments + ["--help"])
                #expect(!result.stderr.contains("unknown option"), "galley \(arguments.joined(separator: " ")) --help: \(result.stderr)")
                #expect(result.status == 0 || !result.stderr.isEmpty)
            }
        }
    }

    /// bash itself, non-interactively: the completion function fills COMPREPLY as it would on Tab.
    @Test func bashCompletesCommandsOptionsAndFormats() throws {
        let script = try TestSupport.runGalley(["completions", "bash"]).stdout
        let directory = try TestSupport.temporaryDirectory()
        try script.write(toFile: directory + "/galley.bash", atomically: true, encoding: .utf8)
        try "".write(toFile: directory + "/article.md", atomically: true, encoding: .utf8)
        func complete(_ words: String) throws -> [String] {
            let driver = """
            source galley.bash
            complete -p galley >/dev/null || exit 3
            COMP_WORDS=(\(words)); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _galley
            printf '%s\\n' "${COMPREPLY[@]}"
            """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["--noprofile", "--norc", "-c", driver]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "bash failed on: \(words)")
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).sorted()
        }
        let commands = try Self.commands()
        #expect(try complete("galley ''").filter { commands.contains($0) } == commands.sorted())
        #expect(try complete("galley ''").contains("article.md"))
        #expect(try complete("galley li") == ["library", "lint"])
        #expect(try complete("galley check") == ["check-config"])
        let formats = ReportFormat.allCases.map(\.rawValue).sorted()
        #expect(try complete("galley lint --format ''") == formats)
        #expect(try complete("galley --format ''") == formats)
        #expect(try complete("galley lint --format = ''") == formats)
        #expect(try complete("galley lint --format s") == ["sarif"])
        #expect(try complete("galley metrics --format ''") == ["json", "text"])
        #expect(try complete("galley lint --min-severity ''") == Severity.allCases.map(\.rawValue).sorted())
        #expect(try complete("galley lint --max-w") == ["--max-warnings"])
        #expect(try complete("galley audit --rep") == ["--report"])
        #expect(try complete("galley lint --output art") == ["article.md"])
        #expect(try complete("galley lint art") == ["article.md"])
        #expect(try complete("galley completions ''") == ["bash", "fish", "zsh"])
        #expect(try complete("galley help ''") == commands.sorted())
        #expect(try complete("galley explain hea") == ["headings"])
        #expect(try complete("galley --ver") == ["--version"])
    }

    @Test func unknownShellIsAUsageError() throws {
        let result = try TestSupport.runGalley(["completions", "bsh"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean 'bash'?"))
        #expect(try TestSupport.runGalley(["completions"]).status == 2)
    }
}
