import Foundation
import Testing
@testable import GalleyKit

/// Inputs libFuzzer found that crashed Galley (minimized; see docs/reliability.md), kept in
/// Fixtures/hostile/fuzz/. Each is read in-process, as the fuzz targets do, and through the
/// command line.
@Suite struct HostileFuzzRegressionTests {
    static var inputs: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.fixturePath("hostile/fuzz")).sorted()) ?? []
    }

    @Test func thereAreRegressionInputs() {
        #expect(Self.inputs.count >= 3)
    }

    @Test(arguments: inputs)
    func readsAndLintsWithoutCrashing(input: String) throws {
        let bytes = try TestSupport.fixtureBytes("hostile/fuzz/" + input)
        let format = try #require(DocumentFormat(path: input))
        guard case .success(let houseStyle)? = BundledRules.load(BundledRules.defaultSetName) else { Issue.record("house style"); return }
        let report = Linter(rules: houseStyle.rules).lint(path: input, bytes: bytes, format: format)
        #expect(!report.failed)
        let run = try HostileSupport.lintUnchanged(["lint", "Fixtures/hostile/fuzz/" + input], inputs: ["Fixtures/hostile"], timeout: 60)
        #expect(run.status == 0 || run.status == 1, "exit \(run.status): \(run.stderr)")
    }

    /// `\0\0[\n]({}))` in MDX: cmark-gfm reads a NUL as three bytes, so the link ended before it
    /// started and restoring its URL's template syntax took an inverted range. (Linting skips files
    /// with NUL bytes; the fuzz targets and this test read them anyway.)
    @Test func nulBytesDoNotShiftMarkdownPositions() throws {
        let bytes = try TestSupport.fixtureBytes("hostile/fuzz/link-destination-expression-after-nul.mdx")
        let document = ArticleFormats.read(path: "x.mdx", bytes: bytes, format: .mdx)
        #expect(document.links.map(\.url) == ["{}"])
        #expect(document.location(of: document.links[0].range.start).description == "1:3")
    }

    /// `<h class=faq><details><dl><h2`: a definition-list FAQ inside a `<details>` entry inherited
    /// the entry's index, which its own (empty) set did not have.
    @Test func faqSetInsideAnFAQEntryStartsWithoutAnEntry() throws {
        let document = try TestSupport.read("hostile/fuzz/faq-set-inside-faq-entry.html")
        #expect(document.blocks.map(\.kind) == [.heading])
        #expect(document.issues.contains { $0.kind == .parse })
        let nested = ArticleFormats.read(path: "nested.html", bytes: Array("""
            <div class="faq"><details><summary>Outer question?</summary>
            <dl><dt>Inner question?</dt><dd>Inner answer.</dd></dl>
            <p>Outer answer.</p></details></div>
            """.utf8), format: .html)
        #expect(nested.blocks.map(\.text.text) == ["Outer question?", "Inner question?", "Inner answer.", "Outer answer."])
        #expect(nested.blocks.map(\.role) == [.faqQuestion, .faqQuestion, .faqAnswer, .faqAnswer])
    }

    /// `<qandaentry><question><qandaset><title`: the same, for a DocBook qandaset in a question.
    @Test func qandasetInsideAQuestionStartsWithoutAnEntry() throws {
        let document = try TestSupport.read("hostile/fuzz/qandaset-inside-question.xml")
        #expect(document.issues.contains { $0.kind == .parse })
    }
}
