import GalleyKit
import SystemIO

/// A command line split into options and operands, checked against what the command accepts.
struct Arguments {
    private(set) var operands: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    struct UsageError: Error {
        var message: String
    }

    /// `valued` options take a value (`--format json` or `--format=json`); `switches` do not.
    init(_ arguments: [String], valued: Set<String>, switches: Set<String>) throws(UsageError) {
        var index = 0
        var onlyOperands = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyOperands || !argument.hasPrefix("-") || argument == "-" {
                operands.append(argument)
                continue
            }
            if argument == "--" {
                onlyOperands = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if valued.contains(name) {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else if index < arguments.count {
                    values[name, default: []].append(arguments[index])
                    index += 1
                } else {
                    throw UsageError(message: "option '\(name)' needs a value")
                }
            } else if switches.contains(name), inlineValue == nil {
                flags.insert(name)
            } else {
                throw UsageError(message: "unknown option '\(name)'\(Self.suggestion(for: name, among: valued.union(switches)))")
            }
        }
    }

    /// A short option most likely means the long one that starts with its letter (`-j` is
    /// `--jobs`, not `-h`); otherwise the nearest spelling.
    static func suggestion(for name: String, among known: Set<String>) -> String {
        let letters = Array(name)
        if letters.count == 2, letters[0] == "-", letters[1] != "-" {
            let long = known.filter { $0.hasPrefix("--" + String(letters[1])) }.sorted()
            if !long.isEmpty { return " (did you mean \(long.map { "'\($0)'" }.joined(separator: " or "))?)" }
        }
        return Spelling.suggestion(for: name, among: known.sorted())
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// `--jobs N`, files worked on at once: every core unless given.
    func jobs() throws(UsageError) -> Int {
        guard let text = value("--jobs") else { return Terminal.processorCount }
        guard let number = Int(text), number >= 1 else { throw UsageError(message: "--jobs needs a whole number of at least 1, not '\(text)'") }
        return number
    }
}

extension Arguments {
    /// Parses a subcommand's arguments and runs `body` with them. `-h`/`--help` prints `help`;
    /// a usage error is reported; both return without running `body`.
    static func parse(_ arguments: [String], valued: Set<String> = [], switches: Set<String> = [], help: String,
                      _ body: (Arguments) -> Int32) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, valued: valued, switches: switches.union(["--help", "-h"]))
        } catch {
            return CommandLineTool.usageError(error.message)
        }
        if parsed.has("--help") || parsed.has("-h") {
            Terminal.write(help, to: .output)
            return ExitCode.clean
        }
        return body(parsed)
    }

    /// For commands that need at least one operand: the usage goes to standard error, exit 2.
    static func missingOperands(_ help: String) -> Int32 {
        Terminal.write(help, to: .error)
        return ExitCode.usage
    }
}
