/// Checkstyle XML, which Jenkins' warnings plugin, reviewdog and many IDEs read:
/// `<checkstyle><file name><error line column severity message source/></file></checkstyle>`.
/// Every file checked is listed, with or without errors, as Checkstyle itself does.
public struct CheckstyleReporter: Reporter {
    public init() {}

    public mutating func begin() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
    }

    public mutating func add(_ report: FileReport) -> String {
        guard !report.diagnostics.isEmpty else { return "  <file name=\"\(XMLEscaping.attribute(report.path))\"/>\n" }
        var output = "  <file name=\"\(XMLEscaping.attribute(report.path))\">\n"
        for diagnostic in report.diagnostics {
            output += "    <error line=\"\(diagnostic.span.start.line)\" column=\"\(diagnostic.span.start.column)\""
            output += " severity=\"\(Self.severity(diagnostic.severity))\""
            output += " message=\"\(XMLEscaping.attribute(diagnostic.message))\""
            output += " source=\"galley.\(XMLEscaping.attribute(diagnostic.ruleID))\"/>\n"
        }
        output += "  </file>\n"
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String { "</checkstyle>\n" }

    /// Checkstyle's severities are error, warning and info.
    static func severity(_ severity: Severity) -> String {
        severity == .note ? "info" : severity.rawValue
    }
}
