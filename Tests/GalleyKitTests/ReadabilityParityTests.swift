import Foundation
import Testing
@testable import GalleyKit

/// Galley's counts and scores against textstat 0.7.13's, from the fixture Scripts/textstat-parity
/// writes. Tolerances and the reasons for deliberate differences live in the fixture.
@Suite struct ReadabilityParityTests {
    static let fixture: JSONValue = {
        let text = try! String(contentsOfFile: TestSupport.fixturePath("readability/parity/textstat.json"), encoding: .utf8)
        return try! JSONValue.parse(text)
    }()

    static let names = ["explainer", "simple", "academic", "technical", "dialogue"]

    /// Each line of a parity text is one paragraph, as textstat reads the same text.
    static func counts(_ name: String) throws -> TextCounts {
        let text = try String(contentsOfFile: TestSupport.fixturePath("readability/parity/\(name).txt"), encoding: .utf8)
        let markdown = text.split(separator: "\n").joined(separator: "\n\n") + "\n"
        return ProseAnalysis(TestSupport.document(markdown)).documentCounts
    }

    static func number(_ value: JSONValue?) -> Double? {
        if case .number(let number)? = value { return number }
        return nil
    }

    @Test(arguments: names)
    func withinTolerance(name: String) throws {
        let entry = try #require(Self.fixture["texts"]?[name])
        let textstat = try #require(entry["textstat"])
        let compare = try #require(entry["compare"]?.string)
        let counts = try Self.counts(name)
        for key in ["words", "syllables"] {
            let theirs = try #require(Self.number(textstat[key]))
            let ours = Double(key == "words" ? counts.words : counts.syllables)
            let share = try #require(Self.number(Self.fixture["tolerances"]?[key]?["tolerance"]))
            #expect(abs(ours - theirs) <= share * theirs, "\(name) \(key): Galley \(ours), textstat \(theirs)")
        }
        guard compare == "scores" else {
            #expect(entry["why"]?.string?.isEmpty == false, "\(name) compares counts only and must say why")
            return
        }
        for metric in ReadabilityMetric.allCases {
            let tolerance = Self.fixture["tolerances"]?[metric.rawValue]?["tolerance"]
            guard let limit = Self.number(tolerance) else {
                #expect(Self.fixture["tolerances"]?[metric.rawValue]?["why"]?.string?.contains("deliberately") == true,
                        "\(metric.rawValue) has no tolerance, so the fixture must explain the deliberate difference")
                continue
            }
            let theirs = try #require(Self.number(textstat[metric.rawValue]))
            let ours = try #require(metric.score(counts))
            #expect(abs(ours - theirs) <= limit, "\(name) \(metric.rawValue): Galley \(ours), textstat \(theirs), tolerance \(limit)")
        }
    }

    /// The acceptance figures on the explainer: reading ease within 3 points, grades within 1.
    @Test func explainerAcceptance() throws {
        let textstat = try #require(Self.fixture["texts"]?["explainer"]?["textstat"])
        let counts = try Self.counts("explainer")
        let ease = try #require(ReadabilityMetric.fleschReadingEase.score(counts))
        #expect(abs(ease - (Self.number(textstat["flesch-reading-ease"]) ?? .nan)) <= 3)
        for metric in [ReadabilityMetric.fleschKincaidGrade, .smog, .colemanLiau] {
            let ours = try #require(metric.score(counts))
            #expect(abs(ours - (Self.number(textstat[metric.rawValue]) ?? .nan)) <= 1, "\(metric.rawValue)")
        }
    }

    /// The parity text of the explainer is exactly the prose Galley reads from the article.
    @Test func explainerTextIsTheArticleProse() throws {
        let document = try TestSupport.read("explainer/explainer.md")
        let prose = ProseAnalysis(document).blocks.map { document.blocks[$0.index].text.text }
        let text = try String(contentsOfFile: TestSupport.fixturePath("readability/parity/explainer.txt"), encoding: .utf8)
        #expect(prose == text.split(separator: "\n").map(String.init))
    }

    /// With textstat's own counts, Galley's formulas give textstat's scores: same constants,
    /// except Coleman-Liau's letter weight (0.0588, not 0.058), which moves it by 0.08 per
    /// 100 letters per 100 words.
    @Test(arguments: names)
    func formulasMatchOnTheSameCounts(name: String) throws {
        let textstat = try #require(Self.fixture["texts"]?[name]?["textstat"])
        var counts = TextCounts()
        counts.words = Int(try #require(Self.number(textstat["words"])))
        counts.sentences = Int(try #require(Self.number(textstat["sentences"])))
        counts.syllables = Int(try #require(Self.number(textstat["syllables"])))
        counts.letters = Int(try #require(Self.number(textstat["letters"])))
        for metric in [ReadabilityMetric.fleschReadingEase, .fleschKincaidGrade] {
            let ours = try #require(metric.score(counts))
            #expect(abs(ours - (Self.number(textstat[metric.rawValue]) ?? .nan)) < 0.001, "\(name) \(metric.rawValue)")
        }
        let colemanLiau = try #require(ReadabilityMetric.colemanLiau.score(counts))
        let lettersPer100Words = 100 * Double(counts.letters) / Double(counts.words)
        let expected = (Self.number(textstat["coleman-liau"]) ?? .nan) + 0.0008 * lettersPer100Words
        #expect(abs(colemanLiau - expected) < 0.001, "\(name) coleman-liau")
    }
}
