import Foundation
import Testing
@testable import GalleyKit

/// The behaviours that made a new user stop trusting the gate, each reproduced as it was met on
/// a real library, and what Galley does now. Numbers follow the list in the trust issue.
@Suite struct TrustTests {
    static let explainer = try! String(contentsOfFile: TestSupport.fixturePath("explainer/explainer.md"), encoding: .utf8)

    // MARK: 1. No article is ever overwritten

    /// `galley audit lib --report lib/legal.md` replaced the article with the HTML report.
    @Test func auditNeverWritesOverAnArticle() throws {
        let root = try HostileSupport.folder(["lib/legal.md": Self.explainer, "lib/guide.html": "<h1>Guide</h1><p>How to use the guide.</p>"])
        try FileManager.default.createSymbolicLink(atPath: root + "/report.html", withDestinationPath: "lib/legal.md")
        let cases: [(option: String, path: String, message: String)] = [
            ("--report", "lib/legal.md", "--report lib/legal.md is lib/legal.md, one of the files being linted; Galley never writes to an article"),
            ("--csv", "lib/legal.md", "--csv lib/legal.md is lib/legal.md, one of the files being linted; Galley never writes to an article"),
            ("--json", "./lib/../lib/guide.html", "--json ./lib/../lib/guide.html is lib/guide.html, one of the files being linted; Galley never writes to an article"),
            ("--report", "report.html", "--report report.html is lib/legal.md, one of the files being linted; Galley never writes to an article"),
            ("--report", "lib/audit.html",
             "--report lib/audit.html would be read as lib/audit.html, an article in a folder being linted; write it elsewhere or under a name that is not an article's"),
        ]
        for (option, path, message) in cases {
            let run = try HostileSupport.lintUnchanged(["audit", "lib", option, path], inputs: [root], in: root)
            #expect(run.status == 2, "\(option) \(path)")
            #expect(run.errorLines == ["galley: error: \(message)"])
        }
        // Outputs that are not articles are written as before.
        let fine = try TestSupport.runGalley(["audit", "lib", "--json", "lib/audit.json", "--csv", "audit.csv"], in: root)
        #expect(fine.status == 1)
        #expect(FileManager.default.fileExists(atPath: root + "/lib/audit.json") && FileManager.default.fileExists(atPath: root + "/audit.csv"))
    }

    /// A name that is not an article yet, but would be read as one by the next run, is refused too.
    @Test func lintOutputNeverCreatesAnArticleInALintedFolder() throws {
        let root = try HostileSupport.folder(["docs/a.md": "# A\n"])
        for (option, path) in [("--output", "docs/report.md"), ("--write-baseline", "docs/baseline.yml")] {
            let run = try HostileSupport.lintUnchanged(["lint", option, path, "docs"], inputs: [root], in: root)
            #expect(run.status == 2)
            #expect(run.stderr.contains("would be read as \(path), an article in a folder being linted"))
        }
        // Hidden names are never read as articles.
        let hidden = try TestSupport.runGalley(["lint", "--write-baseline", "docs/.baseline.json", "docs"], in: root)
        #expect(hidden.status == 0)
    }

    // MARK: 2. Findings about the whole article stay put in a baseline

    @Test func editingTheFirstLineKeepsWholeArticleFindingsKnown() throws {
        let root = try HostileSupport.folder(["a.md": "# A first heading\n\nSome text here.\n"])
        let recorded = try TestSupport.runGalley(["lint", "--write-baseline", ".baseline.json", "a.md"], in: root)
        #expect(recorded.status == 0)
        #expect(recorded.stdout.contains("the article has no FAQ block"))
        try "# A reworded first heading\n\nSome text here.\n".write(toFile: root + "/a.md", atomically: true, encoding: .utf8)
        let run = try TestSupport.runGalley(["lint", "--baseline", ".baseline.json", "a.md"], in: root)
        // Only the title length may differ: the missing FAQ, Quick take, description and
        // categories are the same findings.
        #expect(!run.stdout.contains("has no"), "\(run.stdout)")
        #expect(!run.stderr.contains("no longer occur") || run.stderr.contains("1 baseline finding no longer occurs"))
    }

    // MARK: 3. A piece of text is checked once, whatever roles it plays

    @Test(arguments: [("x.md", "# Hi obviously simply\n"),
                      ("x.xml", "<article xmlns=\"http://docbook.org/ns/docbook\"><title>Hi obviously simply</title><para>Text.</para></article>\n")])
    func aTitleTakenFromTheH1IsCheckedOnce(name: String, text: String) throws {
        let root = try HostileSupport.folder([name: text])
        let run = try TestSupport.runGalley(["lint", name], in: root)
        let tone = run.lines.filter { $0.hasSuffix("[tone-condescending]") }
        #expect(tone.count == 2, "\(tone)")
        #expect(Set(tone).count == 2)
    }

    // MARK: 4. A typo in a path fails

    @Test func checkConfigOfAMissingPathIsAUsageError() throws {
        let run = try TestSupport.runGalley(["check-config", "/nonexistent"])
        #expect(run.status == 2)
        #expect(run.stderr == "galley: error: /nonexistent: no such file or directory\n")
        let rules = try TestSupport.runGalley(["rules", "/nonexistent"])
        #expect(rules.status == 2)
    }

    // MARK: 5. Empty files are said to be empty, at a position that exists

    @Test func emptyFilesAndFrontMatterWithoutABody() throws {
        let root = try HostileSupport.folder(["empty.html": "", "blank.xml": "\n  \n", "only.html": "---\ntitle: Only front matter\n---\n"])
        let empty = try TestSupport.runGalley(["lint", "empty.html", "blank.xml"], in: root)
        #expect(empty.lines == ["blank.xml:1:1: warning: skipped: the file is empty [skipped-file]",
                                "empty.html:1:1: warning: skipped: the file is empty [skipped-file]"])
        let only = try TestSupport.runGalley(["lint", "only.html"], in: root)
        #expect(only.lines.contains("only.html:3:1: warning: nothing follows the front matter: the article has no body [parse-error]"))
        #expect(!only.stdout.contains("Document is empty") && !only.stdout.contains("out of memory"))
    }

    // MARK: 6. Overrides merge, unset, and are checked; rules and metrics see them

    @Test func overridesMergeIntoTheRulesOptions() throws {
        let run = try TestSupport.runGalley(["lint", "Fixtures/trust/overrides/article.md"])
        // list-items: {max: 8} kept the rule's min: 3.
        #expect(run.lines.contains("Fixtures/trust/overrides/article.md:9:1: error: 'Quick take' lists 2 items; at least 3 [quick-take]"))
        // case: null unset the rule set's sentence case: "How It Works" passes.
        #expect(!run.stdout.contains("[heading-style]"))
        // The terms file named in .galley.yml was read beside it.
        #expect(run.lines.contains("Fixtures/trust/overrides/article.md:11:9: error: 'basically' can sound condescending; cut it or explain instead [tone-condescending]"))
    }

    @Test func contradictoryBoundsAreAnError() throws {
        let root = try HostileSupport.folder([".galley.yml": "rules:\n  title-length:\n    min-length: 80\n", "a.md": "# A\n"])
        let run = try TestSupport.runGalley(["check-config"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix(".galley.yml:3:17: error: 'min-length' (80) is more than 'max-length' (70): no text could pass\n"))
    }

    @Test func rulesOfAPathAreAfterItsOverrides() throws {
        let folder = try TestSupport.runGalley(["rules", "Fixtures/trust/overrides/de/artikel.md"])
        #expect(folder.status == 0)
        #expect(!folder.stdout.contains("tone-overpromising"))
        #expect(folder.stdout.contains("tone-condescending"))
        let other = try TestSupport.runGalley(["rules", "Fixtures/trust/overrides/article.md"])
        #expect(other.stdout.contains("tone-overpromising"))
        let whole = try TestSupport.runGalley(["rules", "Fixtures/trust/overrides"])
        #expect(whole.stderr.contains("1 override for some files ('de/**') not shown"))
    }

    /// `galley metrics` used built-in limits (passive voice at 10 %) where lint used the
    /// configuration's: now both read the file through the same configuration.
    @Test func metricsAndLintAgreeOnThresholds() throws {
        let lint = try TestSupport.runGalley(["lint", "Fixtures/trust/overrides/article.md"])
        #expect(lint.lines.contains("Fixtures/trust/overrides/article.md:12:3: warning: 33.3% of sentences use the passive voice (at most 5%), as this one does [readability-assessments]"))
        let metrics = try TestSupport.runGalley(["metrics", "Fixtures/trust/overrides/article.md"])
        #expect(metrics.stdout.contains("    passive-voice: 33.3% (limit 5%) 1 to fix\n      12:3: 33.3% of sentences use the passive voice (at most 5%), as this one does\n"))
    }

    /// `galley metrics` passed no XML vocabulary mappings and read a mapped vocabulary as DocBook.
    @Test func metricsAndLintReadAMappedVocabularyAlike() throws {
        let root = try TestSupport.temporaryDirectory()
        let audit = try TestSupport.runGalley(["audit", "Fixtures/vocabulary", "--json", root + "/audit.json"])
        #expect(audit.status <= 1)
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/audit.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let article = try #require((object["articles"] as? [[String: Any]])?.first)
        let metrics = try TestSupport.runGalley(["metrics", "--format", "json", "Fixtures/vocabulary/story.xml"])
        let measured = try #require(try JSONSerialization.jsonObject(with: Data(metrics.stdout.utf8)) as? [String: Any])
        let counts = try #require(((measured["files"] as? [[String: Any]])?.first)?["counts"] as? [String: Any])
        #expect((counts["words"] as? Int) == (article["words"] as? Int))
        // Read as DocBook (the old behaviour), the headline and the code sample counted as prose: 72 words.
        #expect((counts["words"] as? Int) == 38)
    }

    // MARK: 7. Every configuration value knows its file

    @Test func aBadOptionInAnOverrideOfABundledRuleIsReportedWhereItIsWritten() throws {
        let root = try HostileSupport.folder([".galley.yml": "rules:\n  readability-assessments:\n    passive-voice: {max-share: 150}\n", "a.md": "# A\n"])
        let run = try TestSupport.runGalley(["lint", "a.md"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix(".galley.yml:3:32: error: 'max-share' is a percentage between 0 and 100, found 150.0\n"))
    }

    // MARK: 8. Rule ids are unique across rule sets

    @Test func duplicateIDsAcrossRuleSetsAreRejected() throws {
        let run = try TestSupport.runGalley(["lint", "Fixtures/trust/duplicate-ids"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Fixtures/trust/duplicate-ids/rules/more-tone.yml:3:9: error: rule id 'tone' is also defined in rule set 'tone' (Fixtures/trust/duplicate-ids/rules/tone.yml:3:9)"))
        #expect(run.stdout.isEmpty)
    }

    // MARK: 9. Directives

    @Test func unknownDirectivesAreNotedAndDisableLineWorks() throws {
        let root = try HostileSupport.folder(["a.md": """
            # Obviously a title <!-- galley-disable-line tone-condescending -->

            <!-- galley-disabel tone-condescending -->
            It is obviously fine.

            """])
        let run = try TestSupport.runGalley(["lint", "a.md"], in: root)
        #expect(run.lines.contains("a.md:3:1: note: unknown directive 'galley-disabel' (did you mean 'galley-disable'?); Galley knows galley-disable, galley-enable, galley-disable-next-line, galley-disable-line [unknown-directive]"))
        #expect(!run.stdout.contains("a.md:1:3: error: 'Obviously'"))
        #expect(run.lines.contains("a.md:4:7: error: 'obviously' can sound condescending; cut it or explain instead [tone-condescending]"))
    }

    // MARK: 10. Small things

    @Test func smallThings() throws {
        let root = try HostileSupport.folder([
            ".galley.yml": "rule-sets: [one.yml]\nexclude: [\"drafts/**\"]\n",
            "one.yml": "name: one\nrules:\n  - id: title\n    kind: metadata\n    severity: error\n    field: title\n    min-length: 3\n",
            "a.md": "# A\n", "drafts/b.md": "# B\n",
            "sub/.galley.yml": "extends: ../missing.yml\n",
        ])
        let check = try TestSupport.runGalley(["check-config"], in: root)
        #expect(check.stdout == "ok: .galley.yml: 2 rules from one, reader\n")
        let lint = try TestSupport.runGalley(["lint", "a.md"], in: root)
        #expect(lint.lines == ["a.md:1:3: error: 'title' is 1 character; at least 3 [title]"])
        let jobs = try TestSupport.runGalley(["lint", "-j", "2"], in: root)
        #expect(jobs.stderr == "galley: error: unknown option '-j' (did you mean '--jobs'?)\n")
        let excluded = try TestSupport.runGalley(["lint", "drafts/b.md"], in: root)
        #expect(excluded.status == 0)
        #expect(excluded.stderr.contains("galley: note: drafts/b.md is not linted: excluded by 'drafts/**' in .galley.yml\n"))
        let extends = try TestSupport.runGalley(["check-config", "sub"], in: root)
        #expect(extends.status == 2)
        #expect(extends.stderr.contains("sub/.galley.yml:1:10: error: cannot read extended configuration '../missing.yml'"))
        #expect(extends.stderr.contains("no such file or directory"))
    }

    // MARK: Standard input

    @Test func standardInputIsLintedAsTheNamedFile() throws {
        let root = try HostileSupport.folder(["docs/.galley.yml": "rule-sets: [../rules.yml]\n",
                                              "rules.yml": "name: r\nrules:\n  - id: zebra\n    kind: words\n    terms: [zebra]\n"])
        let named = try TestSupport.runGalley(["lint", "-", "--stdin-filename", "docs/new.html"], in: root, input: "<p>A zebra.</p>\n")
        #expect(named.stdout == "docs/new.html:1:6: warning: avoid 'zebra' [zebra]\n")
        #expect(named.status == 0)
        let plain = try TestSupport.runGalley(["lint", "-"], in: root, input: "# A zebra\n")
        #expect(plain.stdout.contains("<stdin>:1:1: error: the article has no FAQ block [faq-required]"), "the house style applies outside docs/")
        let mixed = try TestSupport.runGalley(["lint", "-", "docs"], in: root, input: "")
        #expect(mixed.status == 2)
        let guarded = try TestSupport.runGalley(["lint", "-", "--stdin-filename", "docs/new.md", "--output", "docs/new.md"], in: root, input: "# A\n")
        #expect(guarded.status == 2)
        #expect(!FileManager.default.fileExists(atPath: root + "/docs/new.md"))
    }
}
