/// JUnit XML as GitLab and Jenkins read it: one `testsuite` per file, one failing `testcase` per
/// finding (named by path, position and rule, unique in the report), and a passing testcase for
/// a file without findings, so the test report lists every file checked.
public struct JUnitReporter: Reporter {
    private var names: [String: Int] = [:]
    private var suites = 0

    public init() {}

    public mutating func begin() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"galley\">\n"
    }

    public mutating func add(_ report: FileReport) -> String {
        suites += 1
        let path = XMLEscaping.attribute(report.path)
        let count = max(1, report.diagnostics.count)
        var output = "  <testsuite name=\"\(path)\" tests=\"\(count)\" failures=\"\(report.diagnostics.count)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
        if report.diagnostics.isEmpty {
            output += "    <testcase name=\"\(XMLEscaping.attribute(uniqueName(report.path)))\" classname=\"\(path)\" file=\"\(path)\" time=\"0\"/>\n"
        }
        for diagnostic in report.diagnostics {
            let start = diagnostic.span.start
            let name = uniqueName("\(diagnostic.path):\(start.line):\(start.column) \(diagnostic.ruleID)")
            output += "    <testcase name=\"\(XMLEscaping.attribute(name))\" classname=\"\(path)\" file=\"\(path)\" line=\"\(start.line)\" time=\"0\">\n"
            output += "      <failure type=\"\(diagnostic.severity.rawValue)\" message=\"\(XMLEscaping.attribute(diagnostic.message))\">"
            output += XMLEscaping.text(GCCReporter.line(diagnostic))
            output += "</failure>\n"
            output += "    </testcase>\n"
        }
        output += "  </testsuite>\n"
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        var output = ""
        if suites == 0 {
            output += "  <testsuite name=\"galley\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
            output += "    <testcase name=\"no files to check\" classname=\"galley\" time=\"0\"/>\n"
            output += "  </testsuite>\n"
        }
        return output + "</testsuites>\n"
    }

    /// The name as given, or with " (2)", " (3)"... when the same rule fired twice at one place.
    private mutating func uniqueName(_ name: String) -> String {
        let seen = names[name, default: 0] + 1
        names[name] = seen
        return seen == 1 ? name : "\(name) (\(seen))"
    }
}
