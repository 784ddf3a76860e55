/// The output formats of `galley lint --format`, one reporter each.
public enum ReportFormat: String, CaseIterable, Sendable {
    case gcc, pretty, json, sarif, github, junit, checkstyle, codequality, rdjson

    public var summary: String {
        switch self {
        case .gcc: return "path:line:column: severity: message [rule-id] (the default)"
        case .pretty: return "the source line with a caret under each finding, for people"
        case .json: return "Galley's own JSON, one object per finding"
        case .sarif: return "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers"
        case .github: return "GitHub Actions workflow commands: annotations on pull requests"
        case .junit: return "JUnit XML, one test case per finding (GitLab, Jenkins)"
        case .checkstyle: return "Checkstyle XML (Jenkins warnings, reviewdog)"
        case .codequality: return "GitLab Code Quality JSON"
        case .rdjson: return "reviewdog's diagnostic format, fixes as suggestions for review comments"
        }
    }

    public func makeReporter(_ context: ReportContext) -> any Reporter {
        switch self {
        case .gcc: return GCCReporter()
        case .pretty: return PrettyReporter(colors: context.colors)
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter(context: context)
        case .github: return GitHubReporter()
        case .junit: return JUnitReporter()
        case .checkstyle: return CheckstyleReporter()
        case .codequality: return CodeQualityReporter()
        case .rdjson: return RDJSONReporter(context: context)
        }
    }
}
