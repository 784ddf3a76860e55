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
        // A line break in a path or message would split the finding; parsers read one line each.
        let message = diagnostic.message.replacingNewlines()
        return "\(diagnostic.path.replacingNewlines()):\(diagnostic.span.start.line):\(diagnostic.span.start.column): \(diagnostic.severity.rawValue): \(message) [\(diagnostic.ruleID)]"
    }
}

extension String {
    /// One-line form of a message: line breaks (CRLF being one `Character`) become spaces.
    func replacingNewlines() -> String {
        guard contains(where: \.isNewline) else { return self }
        return String(map { $0.isNewline ? " " : $0 })
    }
}
