import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GalleyKit

/// Every format reports the same findings as the gcc output of the same run, each exactly once,
/// and each format's exact shape is pinned by a golden file in Fixtures/reporters/golden/.
@Suite struct ReporterGoldenTests {
    /// Defective articles in four formats, one with characters every format must escape (in its
    /// path too), one where rules of every severity fire, some with suggestions, and a clean one,
    /// so formats that list clean files show one.
    static let goldenPaths = ["Fixtures/defective/skipped-levels.md", "Fixtures/defective/skipped-levels.html",
                              "Fixtures/defective/skipped-levels.xml", "Fixtures/defective/skipped-levels.yml",
                              "Fixtures/explainer/explainer.md", "Fixtures/reporters/articles"]

    /// The goldens use the fixed rules of Fixtures/reporters/config/ on fixed files; the
    /// comparison with gcc also runs the bundled house style on whole fixture folders, whatever
    /// they hold and it reports by now.
    enum Rules: String, CaseIterable, CustomStringConvertible {
        case fixed, houseStyle
        var arguments: [String] {
            switch self {
            case .fixed: return ["--config", ReporterFixtures.configuration] + goldenPaths
            case .houseStyle: return ["Fixtures/defective", "Fixtures/explainer", "Fixtures/reporters/articles"]
            }
        }
        var description: String { rawValue }
    }

    /// path, line, column (nil where a format has none), severity, rule, message.
    struct Finding: Hashable, Comparable, CustomStringConvertible {
        var path: String
        var line: Int
        var column: Int?
        var severity: String
        var rule: String
        var message: String

        static func < (a: Finding, b: Finding) -> Bool { a.description < b.description }
        var description: String { "\(path):\(line):\(column.map(String.init) ?? "-"): \(severity): \(message) [\(rule)]" }
        var withoutColumn: Finding { var copy = self; copy.column = nil; return copy }
    }

    static func gcc(_ rules: Rules) throws -> TestSupport.RunResult {
        let run = try TestSupport.runGalley(["lint"] + rules.arguments)
        #expect(run.status == 1)
        return run
    }

    static func findings(inGCC output: String) -> [Finding] {
        let findings = output.split(separator: "\n").map { parseGCC(String($0)) }
        #expect(findings.allSatisfy { $0 != nil }, "every gcc line parses")
        return findings.compactMap { $0 }
    }

    static func parseGCC(_ line: String) -> Finding? {
        let pattern = #/^(.+?):(\d+):(\d+): (error|warning|note): (.*) \[([A-Za-z0-9._-]+)\]$/#
        guard let match = line.wholeMatch(of: pattern) else { return nil }
        return Finding(path: String(match.1), line: Int(match.2)!, column: Int(match.3)!, severity: String(match.4),
                       rule: String(match.6), message: String(match.5))
    }

    /// The report in `format`; its summary and status are those of the gcc run.
    static func run(_ format: ReportFormat, _ rules: Rules, like gcc: TestSupport.RunResult) throws -> String {
        let result = try TestSupport.runGalley(["lint", "--format", format.rawValue] + rules.arguments)
        #expect(result.status == gcc.status, "\(format)")
        #expect(result.stderr == gcc.stderr, "\(format)")
        return result.stdout
    }

    @Test(arguments: ReportFormat.allCases)
    func golden(format: ReportFormat) throws {
        let gcc = try Self.gcc(.fixed)
        #expect(gcc.stderr == "16 errors, 4 warnings, 1 note in 7 files\n")
        let output = try Self.run(format, .fixed, like: gcc)
        try TestSupport.expectGolden(output, "reporters/golden/\(format.rawValue).txt")
    }

    @Test(arguments: ReportFormat.allCases, Rules.allCases)
    func everyGCCFindingAppearsExactlyOnce(format: ReportFormat, rules: Rules) throws {
        let gcc = try Self.gcc(rules)
        let expected = Self.findings(inGCC: gcc.stdout)
        #expect(expected.count >= 21, "the fixtures fire several rules in several files")
        #expect(Set(expected.map(\.rule)).isSuperset(of: ["heading-h1", "heading-increment", "parse-error"]))
        #expect(Set(expected.map(\.severity)) == (rules == .fixed ? ["error", "warning", "note"] : Set(expected.map(\.severity))))
        let output = try Self.run(format, rules, like: gcc)
        let actual = try Self.findings(in: output, format: format)
        if format.hasColumns {
            #expect(actual.sorted() == expected.sorted())
        } else {
            #expect(actual.map(\.withoutColumn).sorted() == expected.map(\.withoutColumn).sorted())
        }
    }

    static func findings(in output: String, format: ReportFormat) throws -> [Finding] {
        switch format {
        case .gcc:
            return output.split(separator: "\n").compactMap { parseGCC(String($0)) }
        case .pretty:
            // Each finding opens with its gcc line; source and caret lines are indented.
            let headers = output.split(separator: "\n").filter { !$0.hasPrefix(" ") }
            return try headers.map { try #require(parseGCC(String($0))) }
        case .json:
            let root = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(root["version"] as? Int == 1)
            let items = try #require(root["diagnostics"] as? [[String: Any]])
            return try items.map { item in
                Finding(path: try #require(item["path"] as? String), line: try #require(item["line"] as? Int),
                        column: try #require(item["column"] as? Int), severity: try #require(item["severity"] as? String),
                        rule: try #require(item["ruleId"] as? String), message: try #require(item["message"] as? String))
            }
        case .sarif:
            return try SARIFReading.findings(output)
        case .github:
            return try output.split(separator: "\n").map { try GitHubCommand.parse(String($0)).finding }
        case .junit:
            return try XMLReading.junitFindings(output)
        case .checkstyle:
            return try XMLReading.checkstyleFindings(output)
        case .rdjson:
            return try RDJSONReading.findings(output)
        case .codequality:
            let items = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
            let severities = ["major": "error", "minor": "warning", "info": "note"]
            return try items.map { item in
                let location = try #require(item["location"] as? [String: Any])
                let lines = try #require(location["lines"] as? [String: Any])
                let severity = try #require(item["severity"] as? String)
                return Finding(path: try #require(location["path"] as? String), line: try #require(lines["begin"] as? Int), column: nil,
                               severity: try #require(severities[severity]),
                               rule: try #require(item["check_name"] as? String), message: try #require(item["description"] as? String))
            }
        }
    }
}

extension ReportFormat {
    /// Code Quality locates findings by line only.
    var hasColumns: Bool { self != .codequality }
}

/// rdjson read back as reviewdog reads it: its columns count UTF-8 bytes, turned here into the
/// code points the other formats count, from the line in the file.
enum RDJSONReading {
    static func findings(_ output: String) throws -> [ReporterGoldenTests.Finding] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect((root["source"] as? [String: Any])?["name"] as? String == "galley")
        let items = try #require(root["diagnostics"] as? [[String: Any]])
        let severities = ["ERROR": "error", "WARNING": "warning", "INFO": "note"]
        return try items.map { item in
            let location = try #require(item["location"] as? [String: Any])
            let path = try #require(location["path"] as? String)
            let start = try #require((location["range"] as? [String: Any])?["start"] as? [String: Any])
            let line = try #require(start["line"] as? Int)
            let byteColumn = try #require(start["column"] as? Int)
            return ReporterGoldenTests.Finding(
                path: path, line: line, column: try codePointColumn(path: path, line: line, byteColumn: byteColumn),
                severity: try #require(severities[item["severity"] as? String ?? ""]),
                rule: try #require((item["code"] as? [String: Any])?["value"] as? String), message: try #require(item["message"] as? String))
        }
    }

    static func codePointColumn(path: String, line: Int, byteColumn: Int) throws -> Int {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : TestSupport.packageRoot.appendingPathComponent(path)
        let text = SourceText(decoding: Array(try Data(contentsOf: url)))
        let offset = text.lineStarts[line - 1] + byteColumn - 1
        return text.location(of: offset).column
    }
}

enum SARIFReading {
    static func findings(_ output: String) throws -> [ReporterGoldenTests.Finding] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        return try results.map { result in
            let rule = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == rule, "ruleIndex points at the rule")
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
            let region = try #require(location["region"] as? [String: Any])
            let message = try #require((result["message"] as? [String: Any])?["text"] as? String)
            return ReporterGoldenTests.Finding(
                path: try #require(uri.removingPercentEncoding), line: try #require(region["startLine"] as? Int),
                column: try #require(region["startColumn"] as? Int), severity: try #require(result["level"] as? String),
                rule: rule, message: message)
        }
    }
}

/// A GitHub workflow command read back the way the runner reads it.
struct GitHubCommand {
    var command: String
    var properties: [String: String]
    var message: String

    static func unescape(_ text: some StringProtocol) -> String {
        text.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",")
            .replacingOccurrences(of: "%25", with: "%")
    }

    static func parse(_ line: String) throws -> GitHubCommand {
        #expect(line.hasPrefix("::"))
        let body = line.dropFirst(2)
        let separator = try #require(body.range(of: "::"))
        let head = body[..<separator.lowerBound]
        let message = body[separator.upperBound...]
        let space = head.firstIndex(of: " ") ?? head.endIndex
        var properties: [String: String] = [:]
        if space < head.endIndex {
            for pair in head[head.index(after: space)...].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                #expect(parts.count == 2, "property \(pair)")
                properties[String(parts[0])] = unescape(parts[1])
            }
        }
        return GitHubCommand(command: String(head[..<space]), properties: properties, message: unescape(message))
    }

    var finding: ReporterGoldenTests.Finding {
        get throws {
            let severities = ["error": "error", "warning": "warning", "notice": "note"]
            let column: Int = try #require(Int(properties["col"] ?? ""))
            return ReporterGoldenTests.Finding(
                path: try #require(properties["file"]), line: try #require(Int(properties["line"] ?? "")),
                column: column, severity: try #require(severities[command]),
                rule: try #require(properties["title"]), message: message)
        }
    }
}

enum XMLReading {
    static func document(_ output: String) throws -> XMLDocument {
        try XMLDocument(data: Data(output.utf8), options: [])
    }

    static func junitFindings(_ output: String) throws -> [ReporterGoldenTests.Finding] {
        let root = try #require(try document(output).rootElement())
        #expect(root.name == "testsuites")
        var findings: [ReporterGoldenTests.Finding] = []
        var names: Set<String> = []
        for suite in root.elements(forName: "testsuite") {
            let cases = suite.elements(forName: "testcase")
            #expect(suite.attribute(forName: "tests")?.stringValue == String(cases.count))
            for testcase in cases {
                let name = try #require(testcase.attribute(forName: "name")?.stringValue)
                #expect(names.insert(name).inserted, "testcase names are unique: \(name)")
                guard let failure = testcase.elements(forName: "failure").first else { continue }
                // The failure's text is the finding's gcc line; its attributes must agree with it.
                let text = try #require(failure.stringValue)
                let finding = try #require(ReporterGoldenTests.parseGCC(text))
                #expect(failure.attribute(forName: "message")?.stringValue == finding.message)
                #expect(testcase.attribute(forName: "file")?.stringValue == finding.path)
                #expect(testcase.attribute(forName: "line")?.stringValue == String(finding.line))
                findings.append(finding)
            }
        }
        return findings
    }

    static func checkstyleFindings(_ output: String) throws -> [ReporterGoldenTests.Finding] {
        let root = try #require(try document(output).rootElement())
        #expect(root.name == "checkstyle")
        var findings: [ReporterGoldenTests.Finding] = []
        for file in root.elements(forName: "file") {
            let path = try #require(file.attribute(forName: "name")?.stringValue)
            for error in file.elements(forName: "error") {
                func value(_ name: String) throws -> String { try #require(error.attribute(forName: name)?.stringValue) }
                let source = try value("source")
                #expect(source.hasPrefix("galley."))
                let severity = try value("severity")
                let line = try value("line"), columnText = try value("column")
                let column: Int = try #require(Int(columnText))
                findings.append(ReporterGoldenTests.Finding(
                    path: path, line: try #require(Int(line)), column: column,
                    severity: severity == "info" ? "note" : severity, rule: String(source.dropFirst("galley.".count)),
                    message: try value("message")))
            }
        }
        return findings
    }
}
