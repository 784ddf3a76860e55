import Foundation
import Testing
@testable import GalleyKit

/// `.galley.yml`: discovery, extends, rule sets, changes, overrides, and every kind of mistake.
@Suite struct ConfigurationTests {
    @Test func siteConfigurationAppliesNearestFirst() throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/config/site"])
        try TestSupport.expectGolden(result.stdout, "config/site.lint.txt")
        #expect(result.status == 1)
        // drafts/ is excluded; rules/tone.yml is a rule set, not an article.
        #expect(!result.stdout.contains("drafts/"))
        #expect(!result.stdout.contains("tone.yml"))
        #expect(result.stderr.hasSuffix("in 3 files\n"))
        // The override turned faq-required off and made quick-take a warning under legacy/.
        #expect(!result.stdout.contains("legacy/old.md:7:1: error: the article has no FAQ"))
        #expect(result.stdout.contains("legacy/old.md:7:1: warning: the article has no 'Quick take' section [quick-take]"))
        // sub/.galley.yml extends the site's and makes hype an error.
        #expect(result.stdout.contains("sub/nested.md:7:12: error: 'cutting-edge' is hype [hype]"))
        #expect(result.stdout.contains("site/article.md:11:16: warning: 'cutting-edge' is hype [hype]"))
    }

    @Test func explicitConfigAppliesToEveryFile() throws {
        let result = try TestSupport.runGalley(["lint", "--config", "Fixtures/config/site/.galley.yml", "Fixtures/explainer/explainer.md"])
        #expect(result.status == 0)
        let bundled = try TestSupport.runGalley(["lint", "Fixtures/config/site/sub/nested.md", "--config", "Fixtures/config/site/.galley.yml"])
        #expect(bundled.stdout.contains("sub/nested.md:7:12: warning: 'cutting-edge' is hype [hype]"))
    }

    /// Each broken configuration or rule set: the exact file:line:column, exit 2, nothing linted.
    static let broken: [(folder: String, errors: [String])] = [
        ("bad-yaml", ["Fixtures/config/broken/bad-yaml/rules.yml:6:1: error: did not find expected ',' or ']' (while parsing a flow sequence at line 5)"]),
        ("unknown-key", ["Fixtures/config/broken/unknown-key/rules.yml:5:5: error: unknown key 'severtiy' (did you mean 'severity'?)"]),
        ("wrong-type", ["Fixtures/config/broken/wrong-type/rules.yml:6:17: error: 'min-length' must be a whole number, found a string ('twenty')"]),
        ("bad-regex", ["Fixtures/config/broken/bad-regex/rules.yml:5:26: error: invalid regular expression: missing closing parenthesis (at character 12 of the pattern)"]),
        ("unknown-kind", ["Fixtures/config/broken/unknown-kind/rules.yml:4:11: error: unknown rule kind 'word' (did you mean 'words'?); kinds are: \(RuleKinds.all.map { $0.name }.joined(separator: ", "))"]),
        ("duplicate-id", ["Fixtures/config/broken/duplicate-id/rules.yml:6:9: error: duplicate rule id 'hype' (first defined at 3:5)"]),
        ("bad-override", [
            "Fixtures/config/broken/bad-override/.galley.yml:2:3: error: no rule 'title-lenght' in the active rule sets (did you mean 'title-length'?)",
            "Fixtures/config/broken/bad-override/.galley.yml:4:17: error: 'max-length' must be a whole number, found a string ('lots')",
            "Fixtures/config/broken/bad-override/.galley.yml:8:33: error: unknown key 'most'",
        ]),
        ("bad-selector", [
            "Fixtures/config/broken/bad-selector/.galley.yml:2:29: error: 'content': 'article:first-of-type' is not a selector Galley reads: ':first-of-type': pseudo-classes and pseudo-elements are not supported; supported: type, .class, #id, [attr], [attr=value], descendant and '>' combinators, ',' lists",
            "Fixtures/config/broken/bad-selector/.galley.yml:3:26: error: 'ignore': '.share, aside + div' is not a selector Galley reads: the '+' combinator is not supported; supported: type, .class, #id, [attr], [attr=value], descendant and '>' combinators, ',' lists",
            "Fixtures/config/broken/bad-selector/.galley.yml:4:20: error: 'title-separator' must have a character other than spaces",
            "Fixtures/config/broken/bad-selector/.galley.yml:5:8: error: missing required key 'answer'",
            "Fixtures/config/broken/bad-selector/.galley.yml:9:19: error: 'ignore': 'div[data-role=menu' is not a selector Galley reads: '[' is not closed",
            "Fixtures/config/broken/bad-selector/.galley.yml:10:7: error: unknown key 'contents' (did you mean 'content'?)",
        ]),
        ("extends-loop", ["Fixtures/config/broken/extends-loop/.galley.yml:1:1: error: 'extends' loops back to this file: Fixtures/config/broken/extends-loop/.galley.yml → Fixtures/config/broken/extends-loop/other.yml → Fixtures/config/broken/extends-loop/.galley.yml"]),
    ]

    @Test(arguments: broken.indices)
    func brokenConfigurationIsReportedAndNothingIsLinted(index: Int) throws {
        let (folder, errors) = Self.broken[index]
        for command in ["check-config", "lint"] {
            let result = try TestSupport.runGalley([command, "Fixtures/config/broken/" + folder])
            #expect(result.status == 2, "\(command) \(folder)")
            #expect(result.stdout.isEmpty)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(Array(lines.dropLast()) == errors, "\(command) \(folder)")
            #expect(lines.last == "galley: \(errors.count) configuration \(errors.count == 1 ? "error" : "errors"); nothing was linted")
        }
    }

    @Test func checkConfigPassesAValidConfiguration() throws {
        let result = try TestSupport.runGalley(["check-config", "Fixtures/config/site"])
        #expect(result.status == 0)
        #expect(result.stdout == "ok: Fixtures/config/site/.galley.yml: 23 rules from house-style, site-tone, reader\n")
    }

    @Test func rulesListsWhereEachRuleWasDefined() throws {
        let result = try TestSupport.runGalley(["rules", "Fixtures/config/site"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("hype"))
        #expect(result.stdout.contains("Fixtures/config/site/rules/tone.yml:4"))
        // sentence-length is switched off for this site.
        #expect(!result.stdout.contains("sentence-length"))
        let plainWords = result.stdout.split(separator: "\n").first { $0.hasPrefix("plain-words ") }.map(String.init) ?? ""
        #expect(plainWords.split(separator: " ").map(String.init) == ["plain-words", "substitute", "error", "<bundled>/house-style.yml:133"])
    }

    @Test func initWritesAStarterThatLoads() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try TestSupport.runGalley(["init", directory])
        #expect(first.status == 0)
        let again = try TestSupport.runGalley(["init", directory])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        let check = try TestSupport.runGalley(["check-config", directory])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func globsMatchLikeGitignore() {
        #expect(Glob("drafts/**").matches("drafts/a/b.md"))
        #expect(Glob("drafts").matches("drafts/a.md"))
        #expect(!Glob("drafts").matches("src/drafts.md"))
        #expect(Glob("*.html").matches("a/b/c.html"))
        #expect(Glob("legacy/*.md").matches("legacy/x.md"))
        #expect(!Glob("legacy/*.md").matches("legacy/sub/x.md"))
        #expect(Glob("**/faq-[0-9].md").matches("a/b/faq-3.md"))
        #expect(!Glob("**/faq-[0-9].md").matches("a/b/faq-x.md"))
        #expect(Glob("/top.md").matches("top.md"))
    }

    @Test func bundledRuleSetsMatchTheFilesInRules() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestSupport.packageRoot.appendingPathComponent("Rules").path)
            .filter { $0.hasSuffix(".yml") }.sorted()
        #expect(files == BundledRuleSets.files.map(\.name), "run Scripts/embed-rules")
        for (name, yaml) in BundledRuleSets.files {
            let onDisk = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Rules/" + name), encoding: .utf8)
            #expect(onDisk.trimmingCharacters(in: .newlines) == yaml, "Rules/\(name) differs from the embedded copy: run Scripts/embed-rules")
            #expect(throws: Never.self) { try BundledRules.load(String(name.dropLast(4)))!.get() }
        }
    }

    @Test func docsShowTheSameExamplesAsExplain() throws {
        try TestSupport.expectGolden(RuleDocumentation.markdown(), "../docs/rules.md")
        let explain = try TestSupport.runGalley(["explain", "words"])
        #expect(explain.stdout == RuleDocumentation.text(for: WordsRule.self))
        let markdown = try TestSupport.runGalley(["explain", "--markdown"])
        #expect(markdown.stdout == RuleDocumentation.markdown())
    }
}

@Suite struct SuppressionTests {
    @Test(arguments: ["suppressions/suppressed.md", "suppressions/suppressed.html", "suppressions/suppressed.xml"])
    func suppressionsHideFindingsAndReportUnusedOnes(article: String) throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/" + article])
        try TestSupport.expectGolden(result.stdout, article + ".lint.txt")
        #expect(!result.stdout.contains("without a finding"))
    }

    @Test func markdownRegionsLinesAndFrontMatter() throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/suppressions/suppressed.md"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // Front matter switches quick-take off for the file.
        #expect(!lines.contains { $0.hasSuffix("[quick-take]") })
        // Inside the disabled region (lines 13-17) nothing from tone-condescending.
        #expect(!lines.contains { $0.contains(":15:") && $0.hasSuffix("[tone-condescending]") })
        #expect(lines.contains { $0.contains(":11:18:") && $0.hasSuffix("[tone-condescending]") })
        #expect(lines.contains { $0.contains(":19:1:") && $0.hasSuffix("[tone-condescending]") })
        // disable-next-line covers line 22 only.
        #expect(!lines.contains { $0.contains(":22:") })
        #expect(lines.contains { $0.contains(":23:4:") && $0.hasSuffix("[plain-words]") })
        #expect(lines.contains { $0.contains("names 'plain-word', which is not an active rule (did you mean 'plain-words'?)") })
    }
}
