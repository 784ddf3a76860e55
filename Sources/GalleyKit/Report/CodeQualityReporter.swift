/// GitLab Code Quality (a subset of the Code Climate spec): a JSON array of issues, each with
/// `description`, `check_name`, `fingerprint`, `severity` and `location.path`/`lines.begin`.
public struct CodeQualityReporter: Reporter {
    private var first = true

    public init() {}

    public mutating func begin() -> String { "[" }

    public mutating func add(_ report: FileReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += first ? "\n  " : ",\n  "
            first = false
            output += JSONOutput.object([
                ("description", .string(diagnostic.message)),
                ("check_name", .string(diagnostic.ruleID)),
                ("fingerprint", .string(diagnostic.stableFingerprint)),
                ("severity", .string(Self.severity(diagnostic.severity))),
                ("location", .object([
                    ("path", .string(diagnostic.path)),
                    ("lines", .object([("begin", .int(diagnostic.span.start.line)), ("end", .int(diagnostic.span.end.line))])),
                ])),
            ]).compact
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String { first ? "]\n" : "\n]\n" }

    /// GitLab's scale is info, minor, major, critical, blocker; an error blocks a merge request
    /// in Galley's own terms but is not a security problem, so it is `major`.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .note: return "info"
        case .warning: return "minor"
        case .error: return "major"
        }
    }
}
