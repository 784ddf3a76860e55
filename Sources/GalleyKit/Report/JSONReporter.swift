/// Galley's own JSON: a versioned envelope, one object per finding on its own line, and the
/// totals. The shape is documented in docs/formats/json.md; `version` changes only when a field
/// is removed or changes meaning.
public struct JSONReporter: Reporter {
    public static let version = 1
    private var first = true

    public init() {}

    public mutating func begin() -> String {
        let tool = JSONOutput.object([("name", .string("galley")), ("version", .string(Galley.version)), ("informationUri", .string(Galley.informationURI))])
        return "{\n  \"version\": \(Self.version),\n  \"tool\": \(tool.compact),\n  \"diagnostics\": ["
    }

    public mutating func add(_ report: FileReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += first ? "\n    " : ",\n    "
            first = false
            output += Self.object(diagnostic).compact
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        let totals = JSONOutput.object([
            ("files", .int(summary.files)), ("errors", .int(summary.errors)), ("warnings", .int(summary.warnings)),
            ("notes", .int(summary.notes)), ("baselined", .int(summary.baselined)),
        ])
        return (first ? "]" : "\n  ]") + ",\n  \"summary\": \(totals.compact)\n}\n"
    }

    static func object(_ diagnostic: Diagnostic) -> JSONOutput {
        .object([
            ("path", .string(diagnostic.path)),
            ("line", .int(diagnostic.span.start.line)),
            ("column", .int(diagnostic.span.start.column)),
            ("endLine", .int(diagnostic.span.end.line)),
            ("endColumn", .int(diagnostic.span.end.column)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("ruleId", .string(diagnostic.ruleID)),
            ("message", .string(diagnostic.message)),
            ("matchedText", .optional(diagnostic.matchedText)),
            ("suggestion", .optional(diagnostic.suggestion)),
            ("ruleSet", .optional(diagnostic.ruleSet)),
            ("fingerprint", .string(diagnostic.stableFingerprint)),
            ("fixes", .array(diagnostic.fixes.map(fix))),
        ])
    }

    /// A fix: what it does, and its edits with the positions of the text they replace.
    static func fix(_ fix: Fix) -> JSONOutput {
        .object([
            ("description", .string(fix.title)),
            ("automatic", .bool(fix.automatic)),
            ("edits", .array(fix.edits.map { edit in
                .object([
                    ("line", .int(edit.span.start.line)), ("column", .int(edit.span.start.column)),
                    ("endLine", .int(edit.span.end.line)), ("endColumn", .int(edit.span.end.column)),
                    ("text", .string(edit.replacement)),
                ])
            })),
        ])
    }
}
