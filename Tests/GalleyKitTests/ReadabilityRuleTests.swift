import Testing
@testable import GalleyKit

/// The `readability` and `assessment` rule kinds: their documented examples, and their options'
/// error messages.
@Suite struct ReadabilityRuleTests {
    static func ruleSet(kind: String, options: String) -> Result<RuleSet, ConfigErrors> {
        let indented = options.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")
        let yaml = "name: test\nrules:\n  - id: probe\n    kind: \(kind)\n    severity: warning\n\(indented)\n"
        return RuleSetLoader.load(path: "test.yml", bytes: Array(yaml.utf8))
    }

    static func findings(kind: String, options: String, article: String) throws -> [String] {
        let rules = try ruleSet(kind: kind, options: options).get().rules
        let diagnostics = Linter(rules: rules).lint(TestSupport.document(article))
        return diagnostics.filter { $0.ruleID == "probe" }.map { "\($0.span.start.line):\($0.span.start.column)" }
    }

    static let examples: [(kind: String, example: RuleExample)] =
        ReadabilityRule.examples.map { ("readability", $0) } + AssessmentRule.examples.map { ("assessment", $0) }

    @Test(arguments: examples.indices)
    func example(index: Int) throws {
        let (kind, example) = Self.examples[index]
        let found = try Self.findings(kind: kind, options: example.options, article: example.article)
        #expect(found == example.expected, "\(kind): \(example.title)")
    }

    @Test func messagesNameMetricScoreAndLimit() throws {
        let rules = try Self.ruleSet(kind: "readability", options: "flesch-reading-ease: {min: 90}").get().rules
        let article = "# Title\n\nOrganizational accountability presupposes institutional transparency.\n"
        let messages = Linter(rules: rules).lint(TestSupport.document(article)).map(\.message)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Flesch reading ease is -") == true)
        #expect(messages.first?.hasSuffix("for the document (at least 90)") == true)
    }

    @Test func sectionScopeUsesOwnTextAndMinimumWords() throws {
        // The H2's own text is short, so only the H3 with enough words is scored.
        let options = "scope: section\nmin-words: 8\nflesch-kincaid-grade: {max: 8}"
        let article = "# T\n\n## Parent\n\nShort intro.\n\n### Child\n\nInstitutional accountability presupposes organizational transparency and comprehensive verifiability.\n"
        #expect(try Self.findings(kind: "readability", options: options, article: article) == ["7:1"])
    }

    @Test func shareChecksSkipShortDocuments() throws {
        let article = "# Title\n\nThe report was written by the team.\n"
        #expect(try Self.findings(kind: "assessment", options: "passive-voice: true", article: article) == ["3:1"])
        #expect(try Self.findings(kind: "assessment", options: "passive-voice: true\nmin-words: 50", article: article) == [])
    }

    @Test func sectionLengthIsReportedAtTheHeading() throws {
        let words = Array(repeating: "word", count: 12).joined(separator: " ")
        let article = "# Title\n\n## Long part\n\n\(words).\n\n\(words).\n\n## Short part\n\nFine.\n"
        #expect(try Self.findings(kind: "assessment", options: "section-length: {max-words: 20}", article: article) == ["3:1"])
    }

    static let badOptions: [(kind: String, options: String, message: String)] = [
        ("readability", "scope: document", "needs bounds for at least one of"),
        ("readability", "flesch-reading-ease: 50", "expected a mapping"),
        ("readability", "flesch-reading-ease: {}", "'flesch-reading-ease' needs 'min' or 'max'"),
        ("readability", "smog: {min: 12, max: 8}", "min 12.0 is above max 8.0"),
        ("readability", "flesch-reading-eas: {min: 50}", "unknown key 'flesch-reading-eas' (did you mean 'flesch-reading-ease'?)"),
        ("readability", "scope: chapter\nsmog: {max: 9}", "'scope' must be one of 'document', 'section', 'paragraph'"),
        ("assessment", "min-words: 10", "needs at least one of: long-sentences"),
        ("assessment", "passive-voice: {max-share: 150}", "'max-share' is a percentage between 0 and 100"),
        ("assessment", "repeated-starts: {min-rum: 3}", "unknown key 'min-rum' (did you mean 'min-run'?)"),
    ]

    @Test(arguments: badOptions.indices)
    func reportsBadOptions(index: Int) {
        let (kind, options, message) = Self.badOptions[index]
        guard case .failure(let errors) = Self.ruleSet(kind: kind, options: options) else {
            Issue.record("\(options) was accepted")
            return
        }
        #expect(errors.errors.contains { $0.message.contains(message) }, "\(errors.errors.map(\.message))")
        #expect(errors.errors.allSatisfy { $0.location.line >= 3 }, "errors point into the rule entry")
    }
}
