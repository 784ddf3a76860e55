/// Turns file reports into one output format. Reporters are fed file by file, in path order,
/// so output can stream while later files are still being linted.
public protocol Reporter {
    /// Output before the first file.
    mutating func begin() -> String
    /// Output for one file.
    mutating func add(_ report: FileReport) -> String
    /// Output after the last file.
    mutating func finish(_ summary: RunSummary) -> String
}

extension Reporter {
    public mutating func begin() -> String { "" }
    public mutating func finish(_ summary: RunSummary) -> String { "" }
}

/// Totals of a run.
public struct RunSummary: Sendable, Equatable {
    public var files = 0
    public var errors = 0
    public var warnings = 0
    public var notes = 0

    public init() {}

    public mutating func add(_ report: FileReport) {
        guard !report.skipped else { return }
        files += 1
        for diagnostic in report.diagnostics {
            switch diagnostic.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
    }

    /// "2 errors, 1 warning in 3 files".
    public var text: String {
        var parts = [Self.count(errors, "error"), Self.count(warnings, "warning")]
        if notes > 0 { parts.append(Self.count(notes, "note")) }
        return parts.joined(separator: ", ") + " in " + Self.count(files, "file")
    }

    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}

/// `path:line:column: severity: message [rule-id]`, the format compilers, editors and CI parse.
public struct GCCReporter: Reporter {
    public init() {}

    public mutating func add(_ report: FileReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += Self.line(diagnostic)
            output += "\n"
        }
        return output
    }

    public static func line(_ diagnostic: Diagnostic) -> String {
        let message = diagnostic.message.replacingNewlines()
        return "\(diagnostic.path):\(diagnostic.span.start.line):\(diagnostic.span.start.column): \(diagnostic.severity.rawValue): \(message) [\(diagnostic.ruleID)]"
    }
}

extension String {
    /// One-line form of a message: line breaks become spaces.
    func replacingNewlines() -> String {
        guard contains(where: { $0 == "\n" || $0 == "\r" }) else { return self }
        return String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
