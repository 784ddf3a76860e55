/// reviewdog's Diagnostic Format, rdjson (`reviewdog -f=rdjson`): a `DiagnosticResult` with one
/// diagnostic per finding, its rule as `code` (with a link to the rule kind's documentation),
/// and the edits of its first fix as `suggestions`, which reviewdog turns into suggested
/// changes on a pull request. Positions are 1-based lines and UTF-8 byte columns, ends
/// exclusive, as the format defines them.
public struct RDJSONReporter: Reporter {
    private let context: ReportContext
    private var first = true

    public init(context: ReportContext) {
        self.context = context
    }

    public mutating func begin() -> String {
        let source = JSONOutput.object([("name", .string("galley")), ("url", .string(Galley.informationURI))])
        return "{\n  \"source\": \(source.compact),\n  \"diagnostics\": ["
    }

    public mutating func add(_ report: FileReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += first ? "\n    " : ",\n    "
            first = false
            output += object(diagnostic).compact
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        (first ? "]" : "\n  ]") + "\n}\n"
    }

    private func object(_ diagnostic: Diagnostic) -> JSONOutput {
        let columns = diagnostic.byteColumns ?? ByteColumns(start: diagnostic.span.start.column, end: diagnostic.span.end.column)
        var code: [(String, JSONOutput)] = [("value", .string(diagnostic.ruleID))]
        if let index = context.rules.index(of: diagnostic.ruleID), let url = context.rules.entries[index].helpURI {
            code.append(("url", .string(url)))
        }
        var members: [(String, JSONOutput)] = [
            ("message", .string(diagnostic.message)),
            ("location", .object([("path", .string(diagnostic.path)), ("range", Self.range(diagnostic.span, columns))])),
            ("severity", .string(Self.severity(diagnostic.severity))),
            ("code", .object(code)),
        ]
        if let fix = diagnostic.fixes.first {
            members.append(("suggestions", .array(fix.edits.map { edit in
                .object([("range", Self.range(edit.span, edit.byteColumns)), ("text", .string(edit.replacement))])
            })))
        }
        return .object(members)
    }

    private static func range(_ span: SourceSpan, _ columns: ByteColumns) -> JSONOutput {
        .object([
            ("start", .object([("line", .int(span.start.line)), ("column", .int(columns.start))])),
            ("end", .object([("line", .int(span.end.line)), ("column", .int(columns.end))])),
        ])
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "ERROR"
        case .warning: return "WARNING"
        case .note: return "INFO"
        }
    }
}
