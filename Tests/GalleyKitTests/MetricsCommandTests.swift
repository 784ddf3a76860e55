import Foundation
import Testing
@testable import GalleyKit

/// `galley metrics`, run as a subprocess on the fixture articles.
@Suite struct MetricsCommandTests {
    @Test func textGolden() throws {
        let result = try TestSupport.runGalley(["metrics", "Fixtures/explainer/explainer.md"])
        #expect(result.status == 0)
        try TestSupport.expectGolden(result.stdout, "readability/explainer.md.metrics.txt")
    }

    @Test func jsonWithWordsGolden() throws {
        let result = try TestSupport.runGalley(["metrics", "--format", "json", "--words", "Fixtures/explainer/explainer.md"])
        #expect(result.status == 0)
        try TestSupport.expectGolden(result.stdout, "readability/explainer.md.metrics.json")
        let json = try JSONValue.parse(result.stdout)
        let file = try #require(json["files"]?.elements.first)
        // Every English formula is scored, and none made for another language.
        guard case .object(let scores)? = file["scores"] else { Issue.record("no scores"); return }
        #expect(scores.map(\.key) == LanguageProfile.english.metrics.map(\.rawValue))
        for metric in LanguageProfile.english.metrics {
            guard case .number? = file["scores"]?[metric.rawValue] else {
                Issue.record("missing score \(metric.rawValue)")
                continue
            }
        }
        let words = try #require(file["words"]?.elements)
        let intimacy = try #require(words.first { $0["word"]?.string == "intimacy" })
        guard case .number(let syllables)? = intimacy["syllables"] else { Issue.record("no syllables"); return }
        #expect(syllables == 4)
        #expect(intimacy["source"]?.string == "dictionary")
    }

    /// The same article in four formats has the same prose, so the same numbers.
    @Test func everyFormatScoresTheSame() throws {
        var scores: [String] = []
        for format in ["md", "html", "xml", "yml"] {
            let result = try TestSupport.runGalley(["metrics", "--format", "json", "Fixtures/explainer/explainer.\(format)"])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            let file = try #require(try JSONValue.parse(result.stdout)["files"]?.elements.first)
            scores.append(MetricsReport.describe(file["counts"]) + MetricsReport.describe(file["scores"]))
        }
        #expect(Set(scores).count == 1, "\(scores)")
    }

    @Test func foldersAndSeveralFiles() throws {
        let result = try TestSupport.runGalley(["metrics", "--format", "json", "Fixtures/explainer"])
        #expect(result.status == 0)
        let files = try #require(try JSONValue.parse(result.stdout)["files"]?.elements)
        #expect(files.compactMap { $0["path"]?.string } == ["explainer.html", "explainer.md", "explainer.xml", "explainer.yml"].map { "Fixtures/explainer/\($0)" })
    }

    @Test func usageErrors() throws {
        let badFormat = try TestSupport.runGalley(["metrics", "--format", "jsn", "Fixtures/explainer/explainer.md"])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("unknown format 'jsn' (did you mean 'json'?)"))
        let missing = try TestSupport.runGalley(["metrics", "Fixtures/nowhere.md"])
        #expect(missing.status == 2)
        let noPaths = try TestSupport.runGalley(["metrics"])
        #expect(noPaths.status == 2)
        #expect(noPaths.stderr.contains("usage: galley metrics"))
    }
}

extension MetricsReport {
    /// A JSON value as comparable text (test helper).
    static func describe(_ value: JSONValue?) -> String {
        switch value {
        case .object(let members)?: return "{" + members.map { "\($0.key):\(describe($0.value))" }.joined(separator: ",") + "}"
        case .array(let items)?: return "[" + items.map { describe($0) }.joined(separator: ",") + "]"
        case .string(let text, _)?: return text
        case .number(let number)?: return String(number)
        case .bool(let flag)?: return String(flag)
        case .null?, nil: return "null"
        }
    }
}
