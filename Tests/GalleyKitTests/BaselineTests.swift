import Foundation
import Testing
@testable import GalleyKit

/// Fingerprints identify a finding by rule, path, offending text and its line, not by line
/// number; baselines built on them hide known findings through edits elsewhere in a file.
@Suite struct BaselineTests {
    static func diagnostics(_ text: String, path: String = "a.md") throws -> [Diagnostic] {
        Linter(rules: try ReporterFixtures.rules()).lint(TestSupport.document(text, path: path))
    }

    static func fingerprint(_ text: String, rule: String, path: String = "a.md") throws -> (fingerprint: String, line: Int) {
        let found = try #require(try diagnostics(text, path: path).first { $0.ruleID == rule })
        return (try #require(found.fingerprint), found.span.start.line)
    }

    static let article = "# Title\n\n## Section\n\n#### Skipped level\n"

    @Test func linesAddedAboveKeepTheFingerprint() throws {
        let before = try Self.fingerprint(Self.article, rule: "heading-increment")
        let shifted = "# Title\n\nA new paragraph.\n\nAnd another\nover two lines.\n\n## Section\n\n#### Skipped level\n"
        let after = try Self.fingerprint(shifted, rule: "heading-increment")
        #expect(before.line == 5 && after.line == 10)
        #expect(before.fingerprint == after.fingerprint)
    }

    @Test func whitespaceChangesKeepTheFingerprint() throws {
        let before = try Self.fingerprint(Self.article, rule: "heading-increment")
        let after = try Self.fingerprint("# Title\n\n## Section\n\n####    Skipped   level   \n", rule: "heading-increment")
        #expect(before.fingerprint == after.fingerprint)
    }

    @Test func changedTextChangesTheFingerprint() throws {
        let before = try Self.fingerprint(Self.article, rule: "heading-increment")
        let after = try Self.fingerprint("# Title\n\n## Section\n\n#### Skipped level again\n", rule: "heading-increment")
        #expect(before.fingerprint != after.fingerprint)
    }

    @Test func fingerprintIsTheOffendingTextAndItsLine() throws {
        let found = try #require(try Self.diagnostics(Self.article).first { $0.ruleID == "heading-increment" })
        #expect(found.fingerprint == Fingerprint.compute(ruleID: "heading-increment", path: "a.md", text: "#### Skipped level", context: "#### Skipped level"))
        #expect(found.sourceLine == "#### Skipped level")
    }

    /// "No H1" is about the whole article: shown at its first block, but identified by what is
    /// missing, so editing or moving that first line keeps it the same finding (it used to hash
    /// the line's text, and a baseline then reported it as new).
    @Test func findingsAboutTheWholeArticleAreKnownByWhatIsMissing() throws {
        let first = try Self.fingerprint("## Intro\n\nText.\n", rule: "heading-h1")
        let moved = try Self.fingerprint("\n\n\n## Intro\n\nText.\n", rule: "heading-h1")
        let edited = try Self.fingerprint("## Overview\n\nText.\n", rule: "heading-h1")
        #expect(first.line == 1 && moved.line == 4)
        #expect(first.fingerprint == moved.fingerprint)
        #expect(first.fingerprint == edited.fingerprint)
        let otherPath = try Self.fingerprint("## Intro\n\nText.\n", rule: "heading-h1", path: "b.md")
        #expect(first.fingerprint != otherPath.fingerprint)
    }

    @Test func pathAndRuleAreParts() throws {
        let here = try Self.fingerprint(Self.article, rule: "heading-increment", path: "a.md")
        let there = try Self.fingerprint(Self.article, rule: "heading-increment", path: "b.md")
        #expect(here.fingerprint != there.fingerprint)
        #expect(Fingerprint.compute(ruleID: "x", path: "a.md", text: "t", context: "c")
                    != Fingerprint.compute(ruleID: "y", path: "a.md", text: "t", context: "c"))
        #expect(Fingerprint.compute(ruleID: "x", path: "a.md", text: "ab", context: "c")
                    != Fingerprint.compute(ruleID: "x", path: "a.md", text: "a", context: "bc"), "fields cannot run into each other")
    }

    /// Several findings on one line share the work of reading that line (its normalized bytes,
    /// its quoted text): each must still get the fingerprint and quoted line of its own.
    @Test func findingsSharingALineEachGetTheirOwnFingerprint() {
        let text = "# Title\n\nOne  two three, one two.\n\n  Four\tfive  \n\n" + String(repeating: "x ", count: 2_100) + "six\n"
        let source = SourceText(utf8: text)
        let places: [(String, Int, Int)] = [("r", 9, 12), ("r", 25, 28), ("s", 9, 12), ("r", 9, 12), ("r", 37, 41), ("r", 4_243, 4_246)]
        var diagnostics = places.map { rule, start, end in
            let range = SourceRange(start: start, end: end)
            return Diagnostic(path: "a.md", range: range, span: source.span(range), severity: .warning, message: "m", ruleID: rule)
        }
        Fingerprint.assign(to: &diagnostics, source: source)
        var occurrences: [String: Int] = [:]
        for (index, (rule, start, end)) in places.enumerated() {
            let offending = String(decoding: Array(text.utf8)[start..<end], as: UTF8.self)
            let line = diagnostics[index].span.start.line
            let lineStart = source.lineStarts[line - 1]
            let lineEnd = source.lineEnd(line)
            let long = lineEnd - lineStart > Fingerprint.maxQuotedLineBytes
            let window = long ? max(lineStart, start - Fingerprint.longLineContextBytes)..<min(lineEnd, end + Fingerprint.longLineContextBytes) : lineStart..<lineEnd
            let context = String(decoding: Array(text.utf8)[window], as: UTF8.self)
            let key = "\(rule)|\(offending)|\(context)"
            let occurrence = occurrences[key, default: 0]
            occurrences[key] = occurrence + 1
            #expect(diagnostics[index].fingerprint == Fingerprint.compute(ruleID: rule, path: "a.md", text: offending, context: context, occurrence: occurrence))
            #expect(diagnostics[index].sourceLine == (long ? nil : source.lineText(line)))
        }
        #expect(diagnostics[0].sourceLine == "One  two three, one two.")
        #expect(diagnostics[4].sourceLine == "  Four\tfive  ")
        #expect(diagnostics[0].fingerprint != diagnostics[3].fingerprint, "the same finding twice is told apart")
    }

    @Test func newlineTestOnBytesAgreesWithCharacters() {
        let samples = ["plain", "", "a\nb", "a\r\nb", "\r", "tab\tonly", "vt\u{0B}", "ff\u{0C}", "nel\u{85}x", "ls\u{2028}", "ps\u{2029}",
                       "é and ©", "…\u{2027}\u{202A}", "\u{E2}\u{80}", "Ĩ\u{0308}", "😀\u{200D}😀", "a\u{0301}\nb", "\u{C5}\u{85}"]
        for sample in samples {
            #expect(sample.mayHoldNewline == sample.contains(where: \.isNewline), "\(sample.debugDescription)")
            #expect(sample.replacingNewlines().contains(where: \.isNewline) == false)
        }
    }

    @Test func identicalFindingsInOneFileAreToldApart() throws {
        let twice = "# Title\n\n## One\n\n#### Skipped level\n\n## Two\n\n#### Skipped level\n"
        let found = try Self.diagnostics(twice).filter { $0.ruleID == "heading-increment" }
        #expect(found.count == 2)
        #expect(Set(found.compactMap(\.fingerprint)).count == 2)
    }

    @Test func fingerprintIsStableAcrossRuns() {
        // FNV-1a of "heading-h1\0docs/a.md\0A title\0# A title\00\0", computed independently;
        // a change here would orphan every baseline users have written.
        #expect(Fingerprint.compute(ruleID: "heading-h1", path: "docs/a.md", text: "A  title", context: " # A title ") == "3a6103919027f708")
        #expect(Fingerprint.compute(ruleID: "heading-h1", path: "docs/a.md", text: "A title", context: "# A title")
                    == Fingerprint.compute(ruleID: "heading-h1", path: "docs/a.md", text: "A  title", context: " # A title "))
    }

    @Test func wholeFileFindingsHaveAFingerprintToo() {
        let diagnostic = Diagnostic(path: "big.md", range: SourceRange(at: 0),
                                    span: SourceSpan(start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 1)),
                                    severity: .warning, message: "skipped", ruleID: "skipped-file")
        #expect(diagnostic.stableFingerprint == Fingerprint.compute(ruleID: "skipped-file", path: "big.md", text: "", context: ""))
    }

    @Test func baselineFileRoundTrips() throws {
        let found = try Self.diagnostics("## No title\n\n#### Skipped\n", path: "z.md") + Self.diagnostics(Self.article, path: "a.md")
        let baseline = Baseline(diagnostics: found)
        let text = baseline.render()
        let read = try Baseline.parse(text, name: "baseline.json")
        #expect(read.entries == baseline.entries)
        #expect(read.entries.map(\.path) == ["a.md", "z.md", "z.md"], "sorted by path, then line")
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
        #expect(Baseline(entries: []).render() == "{\n  \"version\": 1,\n  \"tool\": \"galley\",\n  \"findings\": []\n}\n")
    }

    @Test func badBaselinesAreReportedWithTheirPosition() {
        func message(_ text: String) -> String? {
            do { _ = try Baseline.parse(text, name: "b.json"); return nil } catch { return error.message }
        }
        #expect(message("{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\": \"a.md\",}\n  ]\n}")?.hasPrefix("b.json:4:") == true)
        #expect(message("[]") == "b.json: a baseline is a JSON object with 'version' and 'findings'")
        #expect(message("{\"version\": 2, \"findings\": []}")?.contains("unsupported baseline version") == true)
        #expect(message("{\"version\": 1, \"findings\": [{\"path\": \"a.md\", \"rule\": \"r\"}]}") == "b.json:1:38: each finding needs 'path', 'rule' and 'fingerprint' strings")
        #expect(message("{\"version\": 1, \"findings\": []}") == nil)
    }

    @Test func filterHidesKnownFindingsAndCountsStaleOnes() throws {
        let old = try Self.diagnostics("# Title\n\n## One\n\n#### Skipped\n\n# Second\n", path: "a.md")
        #expect(old.count == 2)
        var filter = BaselineFilter(Baseline(diagnostics: old))
        // The second H1 was fixed, a new skipped level added, and the old one moved down.
        let now = try Self.diagnostics("# Title\n\nNew text.\n\n## One\n\n#### Skipped\n\n## Two\n\n#### New skip\n", path: "a.md")
        let kept = filter.apply(FileReport(path: "a.md", diagnostics: now))
        #expect(kept.diagnostics.map(\.matchedText) == ["New skip"])
        #expect(filter.hidden == 1)
        #expect(filter.stale == 1)
        let other = filter.apply(FileReport(path: "b.md", diagnostics: now))
        #expect(other.diagnostics.count == now.count, "a file the baseline does not know keeps all its findings")
    }
}
