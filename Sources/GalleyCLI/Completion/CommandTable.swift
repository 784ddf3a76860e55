import GalleyKit

/// The command line as the shell completions and the man page describe it, read from the help
/// texts `galley help COMMAND` prints (`Help.commands` and `Help.text(for:)`): a command or an
/// option added to the help appears in the completions and the man page without further work,
/// and neither can say something the help does not.
struct CommandTable {
    struct Option {
        /// `--quiet`, and `-q` when there is a short form.
        var names: [String]
        /// `FILE`, `N`, `FORMAT`…: nil for a switch.
        var placeholder: String?
        var summary: String
        /// The values the option accepts, when they are a closed set.
        var choices: [String] = []

        var takesFile: Bool { placeholder == "FILE" || placeholder == "PATH" }
    }

    /// What the operands of a command are, for completion.
    enum Operand: Equatable {
        case none, files, folders, commands, ruleKinds
        /// One of a closed set, as in `galley completions bash|zsh|fish`.
        case choices([String])
    }

    struct Command {
        var name: String
        var summary: String
        /// The command's own help text; nil for commands without one (help, version).
        var help: String?
        var options: [Option] = []
        var operand = Operand.none
    }

    var commands: [Command]
    /// Options taken before any command: `galley --version`, and `galley [options] path`
    /// lints, so lint's options are offered there too.
    static let globalOptions = [Option(names: ["--version"], summary: "print the version"),
                                Option(names: ["-h", "--help"], summary: "show the help")]

    /// Values of placeholders that name a closed set the help text does not spell out.
    static let placeholderChoices: [String: [String]] = [
        "FORMAT": ReportFormat.allCases.map(\.rawValue),
        "LEVEL": Severity.allCases.map(\.rawValue),
    ]

    static var current: CommandTable {
        CommandTable(commands: Help.commands.map { entry in
            let text = Help.text(for: entry.name)
            guard text != Help.overview else {
                guard entry.name == "help" else { return Command(name: entry.name, summary: entry.summary) }
                return Command(name: entry.name, summary: entry.summary,
                               options: [Option(names: ["--man"], summary: "print the manual page, galley(1)")], operand: .commands)
            }
            var command = command(entry.name, summary: entry.summary, help: text)
            // Every command with a help text prints it with -h or --help (Arguments.parse).
            if !command.options.contains(where: { $0.names.contains("--help") }) {
                command.options.append(Option(names: ["-h", "--help"], summary: "show this help"))
            }
            return command
        })
    }

    var lint: Command? { commands.first { $0.name == "lint" } }

    /// Parses one help text: option lines (`  -q, --quiet   show errors only`) anywhere in it,
    /// and the usage lines for options shown only there and for what the operands are.
    static func command(_ name: String, summary: String, help: String) -> Command {
        var command = Command(name: name, summary: summary, help: help)
        var last: Int?
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if let option = optionLine(line) {
                command.options.append(option)
                last = command.options.count - 1
            } else if let index = last, line.hasPrefix("    "), !line.trimmingLeadingSpaces.hasPrefix("-") {
                command.options[index].summary += " " + line.trimmingLeadingSpaces
            } else {
                last = nil
            }
        }
        for line in usageLines(help) { readUsage(line, into: &command) }
        for index in command.options.indices where command.options[index].choices.isEmpty {
            command.options[index].choices = command.options[index].placeholder.flatMap { placeholderChoices[$0] } ?? []
        }
        return command
    }

    /// `usage: galley lint [options] [path ...]` and the lines under it that start `galley`.
    static func usageLines(_ help: String) -> [Substring] {
        var lines: [Substring] = []
        for line in help.split(separator: "\n") {
            if line.hasPrefix("usage: ") {
                lines.append(line.dropFirst("usage: ".count))
            } else if !lines.isEmpty, line.hasPrefix("       galley ") {
                lines.append(line.drop { $0 == " " })
            } else if !lines.isEmpty {
                break
            }
        }
        return lines
    }

    /// An option line: two or more spaces, names, an optional placeholder, the description.
    private static func optionLine(_ line: Substring) -> Option? {
        guard line.hasPrefix("  ") else { return nil }
        var words = line.trimmingLeadingSpaces.split(separator: " ", omittingEmptySubsequences: false)[...]
        var option = Option(names: [], summary: "")
        while let word = words.first, word.hasPrefix("-"), word.count > 1 {
            let name = word.hasSuffix(",") ? word.dropLast() : word
            guard name.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
            option.names.append(String(name))
            words.removeFirst()
            guard word.hasSuffix(",") else { break }
            words = words.drop { $0.isEmpty }
        }
        guard !option.names.isEmpty, option.names.contains(where: { $0.hasPrefix("--") }) else { return nil }
        if let word = words.first, isPlaceholder(word) {
            option.placeholder = String(word)
            option.choices = choices(word)
            words.removeFirst()
        }
        let description = words.drop { $0.isEmpty }
        guard !description.isEmpty else { return nil }
        option.summary = description.joined(separator: " ")
        return option
    }

    /// `FILE`, `K/N`, or a closed set such as `text|json`.
    private static func isPlaceholder(_ word: Substring) -> Bool {
        guard let first = word.first, !word.isEmpty else { return false }
        if word.contains("|") { return word.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "|" || $0 == "-" } }
        return first.isUppercase && word.allSatisfy { $0.isUppercase || $0.isNumber || "/_-".contains($0) }
    }

    private static func choices(_ placeholder: Substring) -> [String] {
        placeholder.contains("|") ? placeholder.split(separator: "|").map(String.init) : []
    }

    /// Options in brackets (`[--config FILE]`, `[--words]`) or bare (`--markdown`) and the
    /// operands (`[path ...]`, `[folder]`, `FILE ...`, `RULE-ID|KIND`, `[command]`).
    private static func readUsage(_ line: Substring, into command: inout Command) {
        let words = line.split(separator: " ").dropFirst(2).map { $0.trimmingCharacters(in: "[]") }
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word.hasPrefix("--") {
                let known = command.options.firstIndex { $0.names.contains(word) }
                // In brackets, a value follows the name inside the same brackets.
                let bracketed = line.contains("[\(word) ")
                let value = bracketed && index < words.count ? words[index] : nil
                if value != nil { index += 1 }
                if let known {
                    if let value, value.contains("|") { command.options[known].choices = choices(Substring(value)) }
                } else {
                    let placeholder = value.map { isPlaceholder(Substring($0)) ? $0 : "VALUE" }
                    command.options.append(Option(names: [word], placeholder: placeholder, summary: "",
                                                  choices: value.map { choices(Substring($0)) } ?? []))
                }
                continue
            }
            guard command.operand == .none else { continue }
            switch word.lowercased() {
            case "path", "file": command.operand = .files
            case "folder": command.operand = .folders
            case "command": command.operand = .commands
            case let other where other.contains("kind"): command.operand = .ruleKinds
            case let other where other.contains("|") && other == word: command.operand = .choices(choices(Substring(word)))
            default: break
            }
        }
    }
}

extension StringProtocol {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }

    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
