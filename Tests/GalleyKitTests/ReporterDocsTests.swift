import Foundation
import Testing
import GalleyKit

/// Each page of docs/formats/ shows the real output of the command it names, between
/// `<!-- sample -->` markers; GALLEY_UPDATE_GOLDEN=1 rewrites the samples.
@Suite struct ReporterDocsTests {
    static let inputs = ["--config", ReporterFixtures.configuration, "Fixtures/reporters/articles/sample.md", "Fixtures/explainer/explainer.md"]

    static func fence(_ format: ReportFormat) -> String {
        switch format {
        case .json, .sarif, .codequality, .rdjson: return "json"
        case .junit, .checkstyle: return "xml"
        case .gcc, .pretty, .github: return "text"
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func samplesAreRealOutput(format: ReportFormat) throws {
        let path = TestSupport.packageRoot.appendingPathComponent("docs/formats/\(format.rawValue).md").path
        let page = try String(contentsOfFile: path, encoding: .utf8)
        let arguments = ["lint", "--format", format.rawValue] + Self.inputs
        #expect(page.contains("Sample: `galley \(arguments.joined(separator: " "))`"), "the page names the command")
        let output = try TestSupport.runGalley(arguments).stdout
        let sample = "<!-- sample -->\n```\(Self.fence(format))\n\(output)```\n<!-- /sample -->"
        let start = try #require(page.range(of: "<!-- sample -->"))
        let end = try #require(page.range(of: "<!-- /sample -->"))
        if ProcessInfo.processInfo.environment["GALLEY_UPDATE_GOLDEN"] == "1" {
            try page.replacingCharacters(in: start.lowerBound..<end.upperBound, with: sample).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(page[start.lowerBound..<end.upperBound]) == sample, "docs/formats/\(format.rawValue).md shows stale output")
    }

    /// docs/formats/document-json.md shows what `galley dump --format json` prints.
    @Test func documentJSONSampleIsRealOutput() throws {
        let path = TestSupport.packageRoot.appendingPathComponent("docs/formats/document-json.md").path
        let page = try String(contentsOfFile: path, encoding: .utf8)
        let arguments = ["dump", "--format", "json", "Fixtures/faq/bold-questions.md"]
        #expect(page.contains("Sample: `galley \(arguments.joined(separator: " "))`"))
        let output = try TestSupport.runGalley(arguments).stdout
        let sample = "<!-- sample -->\n```json\n\(output)```\n<!-- /sample -->"
        let start = try #require(page.range(of: "<!-- sample -->"))
        let end = try #require(page.range(of: "<!-- /sample -->"))
        if ProcessInfo.processInfo.environment["GALLEY_UPDATE_GOLDEN"] == "1" {
            try page.replacingCharacters(in: start.lowerBound..<end.upperBound, with: sample).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(page[start.lowerBound..<end.upperBound]) == sample, "docs/formats/document-json.md shows stale output")
    }

    @Test func everyFormatHasAPageAndTheIndexListsIt() throws {
        let index = try String(contentsOfFile: TestSupport.packageRoot.appendingPathComponent("docs/formats/README.md").path, encoding: .utf8)
        for format in ReportFormat.allCases {
            #expect(index.contains("| `\(format.rawValue)`"), "\(format) is in the index")
        }
    }
}
