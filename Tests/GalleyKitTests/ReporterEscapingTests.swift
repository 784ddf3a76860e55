import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GalleyKit

/// Messages and paths with characters each format treats specially come through intact.
@Suite struct ReporterEscapingTests {
    static let nastyMessage = "100% sure: a, b\nand c\r\nthen \"d\" & <e> 'f'\ttab \u{1B}[31m"
    static let nastyPath = "notes/a,b: 100%\nc.md"

    static func diagnostic(path: String = nastyPath, message: String = nastyMessage, severity: Severity = .warning) -> Diagnostic {
        Diagnostic(path: path, range: SourceRange(start: 3, end: 9),
                   span: SourceSpan(start: SourceLocation(line: 2, column: 4), end: SourceLocation(line: 2, column: 10)),
                   severity: severity, message: message, ruleID: "odd-rule", ruleSet: "set",
                   matchedText: "x\u{0}y", suggestion: "z")
    }

    static func render(_ format: ReportFormat, _ diagnostics: [Diagnostic], path: String = nastyPath) -> String {
        var reporter = format.makeReporter(ReportContext(rules: RuleCatalog(definitions: []), workingDirectory: "/work/site"))
        var summary = RunSummary()
        let report = FileReport(path: path, diagnostics: diagnostics)
        summary.add(report)
        return reporter.begin() + reporter.add(report) + reporter.finish(summary)
    }

    @Test func githubEscapesPercentAndLineBreaksInMessages() throws {
        let line = GitHubReporter.command(Self.diagnostic())
        #expect(!line.contains("\n") && !line.contains("\r"))
        #expect(line.hasSuffix("::100%25 sure: a, b%0Aand c%0D%0Athen \"d\" & <e> 'f'\ttab \u{1B}[31m"))
        let parsed = try GitHubCommand.parse(line)
        #expect(parsed.message == Self.nastyMessage)
    }

    @Test func githubEscapesCommasAndColonsInProperties() throws {
        let line = GitHubReporter.command(Self.diagnostic())
        #expect(line.hasPrefix("::warning file=notes/a%2Cb%3A 100%25%0Ac.md,line=2,col=4,endLine=2,endColumn=9,title=odd-rule::"))
        let parsed = try GitHubCommand.parse(line)
        #expect(parsed.properties["file"] == Self.nastyPath)
        #expect(parsed.properties.count == 6)
    }

    @Test func githubSeverities() {
        #expect(GitHubReporter.command(Self.diagnostic(severity: .error)).hasPrefix("::error "))
        #expect(GitHubReporter.command(Self.diagnostic(severity: .note)).hasPrefix("::notice "))
    }

    @Test func githubEscapingOfPlainTextIsIdentity() {
        #expect(GitHubReporter.escapeData("plain text; nothing to do") == "plain text; nothing to do")
        #expect(GitHubReporter.escapeProperty("%%") == "%25%25")
    }

    @Test func gccAndPrettyKeepOneLinePerFinding() {
        let gcc = Self.render(.gcc, [Self.diagnostic()])
        #expect(gcc.split(separator: "\n", omittingEmptySubsequences: false).count == 2)
        #expect(gcc.hasPrefix("notes/a,b: 100% c.md:2:4: warning: 100% sure: a, b and c then "))
        var reporter = PrettyReporter(colors: false)
        let output = reporter.add(FileReport(path: Self.nastyPath, diagnostics: [Self.diagnostic()]))
        let header = GCCReporter.line(Self.diagnostic()).replacingOccurrences(of: "\u{1B}", with: "\u{FFFD}")
        #expect(output.split(separator: "\n").map(String.init) == [header, "      = suggestion: z"], "no source line here")
        #expect(!output.contains("\u{1B}"), "escape sequences from the text never reach the terminal")
    }

    @Test(arguments: [ReportFormat.json, .sarif, .codequality])
    func jsonFormatsRoundTrip(format: ReportFormat) throws {
        let output = Self.render(format, [Self.diagnostic()])
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        // The decoded document holds the exact message and path.
        func strings(_ value: Any) -> [String] {
            if let text = value as? String { return [text] }
            if let array = value as? [Any] { return array.flatMap(strings) }
            if let object = value as? [String: Any] { return object.values.flatMap(strings) }
            return []
        }
        let all = strings(object)
        #expect(all.contains(Self.nastyMessage), "\(format)")
        if format == .sarif {
            #expect(all.contains("notes/a%2Cb%3A%20100%25%0Ac.md"))
        } else {
            #expect(all.contains(Self.nastyPath))
        }
        #expect(!text.isEmpty)
    }

    @Test func jsonEscapesEveryControlCharacter() throws {
        var all = ""
        for value in 0..<0x20 { all.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        all += "\u{7F}\"\\é😀"
        let quoted = JSONEscaping.quoted(all)
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 })
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(decoded == [all])
    }

    @Test(arguments: [ReportFormat.junit, .checkstyle])
    func xmlFormatsAreWellFormedAndKeepTheMessage(format: ReportFormat) throws {
        let output = Self.render(format, [Self.diagnostic()])
        let document = try XMLDocument(data: Data(output.utf8), options: [])
        let messages = try document.nodes(forXPath: "//@message").compactMap(\.stringValue)
        // XML 1.0 cannot carry ESC at all: it becomes U+FFFD; everything else survives.
        let expected = Self.nastyMessage.replacingOccurrences(of: "\u{1B}", with: "\u{FFFD}")
        #expect(messages == [expected])
        let names = try document.nodes(forXPath: format == .junit ? "//testsuite/@name" : "//file/@name").compactMap(\.stringValue)
        #expect(names == [Self.nastyPath])
    }

    @Test func xmlAttributeEscaping() {
        #expect(XMLEscaping.attribute("a<b>&\"c\"\n\t\r") == "a&lt;b&gt;&amp;&quot;c&quot;&#10;&#9;&#13;")
        #expect(XMLEscaping.text("a<b>&\"c\"\n") == "a&lt;b&gt;&amp;\"c\"\n")
        #expect(XMLEscaping.text("\u{0}\u{FFFE}ok") == "\u{FFFD}\u{FFFD}ok")
        #expect(XMLEscaping.text("plain café") == "plain café")
    }

    @Test func junitPassesWhenThereAreNoFindings() throws {
        var reporter = JUnitReporter()
        let output = reporter.begin() + reporter.finish(RunSummary())
        let document = try XMLDocument(data: Data(output.utf8), options: [])
        #expect(try document.nodes(forXPath: "//testcase").count == 1)
        #expect(try document.nodes(forXPath: "//failure").isEmpty)
    }

    @Test func junitNamesSameRuleAtSamePlaceUniquely() throws {
        let twice = [Self.diagnostic(path: "a.md", message: "one"), Self.diagnostic(path: "a.md", message: "two")]
        let output = Self.render(.junit, twice, path: "a.md")
        let document = try XMLDocument(data: Data(output.utf8), options: [])
        let names = try document.nodes(forXPath: "//testcase/@name").compactMap(\.stringValue)
        #expect(names == ["a.md:2:4 odd-rule", "a.md:2:4 odd-rule (2)"])
    }

    @Test func sarifURIs() {
        #expect(ArtifactURI.make(path: "docs/a b.md", workingDirectory: "/site").uri == "docs/a%20b.md")
        #expect(ArtifactURI.make(path: "./docs/../x.md", workingDirectory: "/site/").uri == "x.md")
        #expect(ArtifactURI.make(path: "/site/docs/é.md", workingDirectory: "/site") == ("docs/%C3%A9.md", true))
        #expect(ArtifactURI.make(path: "/elsewhere/x.md", workingDirectory: "/site") == ("file:///elsewhere/x.md", false))
        #expect(ArtifactURI.make(path: "../x.md", workingDirectory: "/site/sub") == ("file:///site/x.md", false))
        #expect(ArtifactURI.make(path: "sub/../x.md", workingDirectory: "/site") == ("x.md", true))
        #expect(ArtifactURI.make(path: "../x.md", workingDirectory: "/site") == ("file:///x.md", false))
    }

    @Test func prettyCaretFollowsTabsAndSpans() {
        let span = SourceSpan(start: SourceLocation(line: 1, column: 3), end: SourceLocation(line: 1, column: 6))
        #expect(PrettyReporter.marker(for: span, on: "\tx abc") == "\t ^~~")
        let empty = SourceSpan(start: SourceLocation(line: 1, column: 2), end: SourceLocation(line: 1, column: 2))
        #expect(PrettyReporter.marker(for: empty, on: "ab") == " ^")
        let multiline = SourceSpan(start: SourceLocation(line: 1, column: 2), end: SourceLocation(line: 3, column: 1))
        #expect(PrettyReporter.marker(for: multiline, on: "éabc") == " ^~~")
    }

    @Test func prettyColoursOnlyWhenAsked() {
        #expect(PrettyReporter.wantsColors(outputIsTerminal: true, noColor: nil))
        #expect(PrettyReporter.wantsColors(outputIsTerminal: true, noColor: ""))
        #expect(!PrettyReporter.wantsColors(outputIsTerminal: true, noColor: "1"))
        #expect(!PrettyReporter.wantsColors(outputIsTerminal: false, noColor: nil))
        var coloured = PrettyReporter(colors: true)
        let output = coloured.add(FileReport(path: "a.md", diagnostics: [Self.diagnostic(path: "a.md", message: "m", severity: .error)]))
        #expect(output.contains("\u{1B}[1;31merror:\u{1B}[0m"))
    }
}
