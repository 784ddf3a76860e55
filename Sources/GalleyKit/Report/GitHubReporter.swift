/// GitHub Actions workflow commands, which GitHub turns into annotations on the changed lines:
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
public struct GitHubReporter: Reporter {
    public init() {}

    public mutating func add(_ report: FileReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += Self.command(diagnostic)
            output += "\n"
        }
        return output
    }

    static func command(_ diagnostic: Diagnostic) -> String {
        let span = diagnostic.span
        let properties = [
            ("file", diagnostic.path),
            ("line", String(span.start.line)),
            ("col", String(span.start.column)),
            ("endLine", String(span.end.line)),
            ("endColumn", String(lastColumn(span))),
            ("title", diagnostic.ruleID),
        ]
        let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command(for: diagnostic.severity)) \(list)::\(escapeData(diagnostic.message))"
    }

    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    /// GitHub's end column is the last character of the span, where Galley's (and SARIF's) is
    /// the one after it.
    static func lastColumn(_ span: SourceSpan) -> Int {
        span.end.line == span.start.line ? max(span.start.column, span.end.column - 1) : max(1, span.end.column - 1)
    }

    /// The message: `%`, CR and LF would end or corrupt the command.
    static func escapeData(_ text: String) -> String {
        escape(text, alsoSeparators: false)
    }

    /// Property values: also `:` and `,`, which separate properties and the message.
    static func escapeProperty(_ text: String) -> String {
        escape(text, alsoSeparators: true)
    }

    private static func escape(_ text: String, alsoSeparators: Bool) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            case ":" where alsoSeparators: output += "%3A"
            case "," where alsoSeparators: output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
