import Foundation
import Testing

/// `--write-baseline` and `--baseline` as a library adopting Galley uses them: record today's
/// findings, then edit, move, fix and delete, and see only what is new.
@Suite struct BaselineCommandLineTests {
    /// A folder with three defective articles (10 findings) under `articles/`.
    static func library() throws -> String {
        let root = try TestSupport.temporaryDirectory()
        try ReporterFixtures.configure(root)
        try FileManager.default.createDirectory(atPath: root + "/articles", withIntermediateDirectories: true)
        for name in ["skipped-levels.md", "skipped-levels.html", "skipped-levels.xml"] {
            try FileManager.default.copyItem(atPath: TestSupport.fixturePath("defective/" + name), toPath: root + "/articles/" + name)
        }
        return root
    }

    static func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit applies")
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func recordBaseline(in root: String) throws {
        let written = try TestSupport.runGalley(["lint", "--write-baseline", "baseline.json", "articles"], in: root)
        #expect(written.status == 0)
        #expect(written.stderr.hasSuffix("galley: recorded 10 findings in baseline.json\n"))
        #expect(written.stdout.split(separator: "\n").count == 10, "the report still shows what was recorded")
    }

    @Test func writtenBaselineHidesEverythingItRecorded() throws {
        let root = try Self.library()
        try Self.recordBaseline(in: root)
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/baseline.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 10)
        #expect(findings.allSatisfy { ($0["fingerprint"] as? String)?.count == 16 && $0["path"] is String && $0["rule"] is String })

        let run = try TestSupport.runGalley(["lint", "--baseline", "baseline.json", "articles"], in: root)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "0 errors, 0 warnings in 3 files; 10 known findings hidden by the baseline\n")
    }

    @Test func movedLinesStayHidden() throws {
        let root = try Self.library()
        try Self.recordBaseline(in: root)
        try Self.edit(root + "/articles/skipped-levels.md") {
            $0.replacingOccurrences(of: "---\n\n# A page", with: "---\n\nAn introduction.\n\nAnd a second\nparagraph.\n\n# A page")
        }
        try Self.edit(root + "/articles/skipped-levels.html") {
            $0.replacingOccurrences(of: "<body>\n", with: "<body>\n<p>New first paragraph.</p>\n\n")
        }
        let moved = try TestSupport.runGalley(["lint", "articles/skipped-levels.md", "articles/skipped-levels.html"], in: root)
        #expect(moved.stdout.contains("articles/skipped-levels.md:16:1: error: heading level 4"), "the finding did move")
        let run = try TestSupport.runGalley(["lint", "--baseline", "baseline.json", "articles"], in: root)
        #expect(run.stdout.isEmpty)
        #expect(run.status == 0)
    }

    @Test func changedTextIsReportedAgain() throws {
        let root = try Self.library()
        try Self.recordBaseline(in: root)
        try Self.edit(root + "/articles/skipped-levels.md") {
            $0.replacingOccurrences(of: "#### A heading that skips level three", with: "#### A heading that still skips level three")
        }
        let run = try TestSupport.runGalley(["lint", "--baseline", "baseline.json", "articles"], in: root)
        #expect(run.status == 1)
        #expect(run.stdout == "articles/skipped-levels.md:11:1: error: heading level 4 follows level 2; use level 3 [heading-increment]\n")
        #expect(run.stderr.contains("1 error, 0 warnings in 3 files; 9 known findings hidden by the baseline\n"))
        #expect(run.stderr.contains("galley: note: 1 baseline finding no longer occurs"))
    }

    @Test func fixedFindingsAreCountedAsStale() throws {
        let root = try Self.library()
        try Self.recordBaseline(in: root)
        try Self.edit(root + "/articles/skipped-levels.md") { $0.replacingOccurrences(of: "# A second title\n", with: "") }
        let run = try TestSupport.runGalley(["lint", "--baseline", "baseline.json", "articles"], in: root)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("galley: note: 1 baseline finding no longer occurs (fixed or changed); --write-baseline drops them\n"))

        let refreshed = try TestSupport.runGalley(["lint", "--baseline", "baseline.json", "--write-baseline", "baseline.json", "articles"], in: root)
        #expect(refreshed.stderr.contains("galley: recorded 9 findings in baseline.json\n"))
        let again = try TestSupport.runGalley(["lint", "--baseline", "baseline.json", "articles"], in: root)
        #expect(!again.stderr.contains("no longer occur"))
    }

    @Test func deletedFilesAndNewFiles() throws {
        let root = try Self.library()
        try Self.recordBaseline(in: root)
        try FileManager.default.removeItem(atPath: root + "/articles/skipped-levels.html")
        let afterDelete = try TestSupport.runGalley(["lint", "--baseline", "baseline.json", "articles"], in: root)
        #expect(afterDelete.status == 0)
        #expect(afterDelete.stdout.isEmpty)
        #expect(afterDelete.stderr == "0 errors, 0 warnings in 2 files; 6 known findings hidden by the baseline\n")

        // The same article under a new path is a new file: its findings are new.
        try FileManager.default.copyItem(atPath: root + "/articles/skipped-levels.md", toPath: root + "/articles/copy.md")
        let withCopy = try TestSupport.runGalley(["lint", "--baseline", "baseline.json", "articles"], in: root)
        #expect(withCopy.status == 1)
        #expect(withCopy.stdout.split(separator: "\n").count == 3)
        #expect(withCopy.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("articles/copy.md:") })
    }

    @Test func baselineAppliesToEveryFormat() throws {
        let root = try Self.library()
        try Self.recordBaseline(in: root)
        let sarif = try TestSupport.runGalley(["lint", "--format", "sarif", "--baseline", "baseline.json", "articles"], in: root)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect((runs.first?["results"] as? [Any])?.isEmpty == true)
        let json = try TestSupport.runGalley(["lint", "--format", "json", "--baseline", "baseline.json", "articles"], in: root)
        #expect(json.stdout.contains("\"summary\": {\"files\": 3, \"errors\": 0, \"warnings\": 0, \"notes\": 0, \"baselined\": 10}"))
    }

    @Test func unreadableBaselinesAreUsageErrors() throws {
        let root = try Self.library()
        let missing = try TestSupport.runGalley(["lint", "--baseline", "nope.json", "articles"], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr == "galley: error: cannot read the baseline nope.json: no such file or directory\n")
        #expect(missing.stdout.isEmpty, "nothing is linted against a baseline that cannot be read")
        try "{\"version\": 1, \"findings\": [".write(toFile: root + "/bad.json", atomically: true, encoding: .utf8)
        let malformed = try TestSupport.runGalley(["lint", "--baseline", "bad.json", "articles"], in: root)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.hasPrefix("galley: error: bad.json:1:"))
    }

    @Test func baselineIsWrittenAtomicallyAndOnlyWhereAsked() throws {
        let root = try Self.library()
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: root))
        try Self.recordBaseline(in: root)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: root))
        #expect(after.subtracting(before) == ["baseline.json"], "no temporary file is left behind")
        let unwritable = try TestSupport.runGalley(["lint", "--write-baseline", "missing/folder/baseline.json", "articles"], in: root)
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("galley: error: cannot write the baseline to missing/folder/baseline.json: no such file or directory"))
    }
}
