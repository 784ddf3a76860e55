import Foundation
import Testing
@testable import GalleyKit

/// `galley fix` on real files: one golden per format (Markdown with front matter, HTML, DocBook,
/// a YAML article) with CRLF, lone CR, a byte-order mark, UTF-16 in both byte orders, entities,
/// inline markup, CDATA, table cells and letter case (Fixtures/fix/articles → expected/).
@Suite struct FixCommandTests {
    static let articles = ["article.yml", "bom-crlf.md", "clean.md", "docbook.xml", "lone-cr.md", "markdown.md", "page.html",
                           "utf16be.html", "utf16le.md"]
    static let utf8Articles = ["article.yml", "bom-crlf.md", "docbook.xml", "lone-cr.md", "markdown.md", "page.html"]

    /// A copy of the fixture folder (with its configuration) to fix.
    static func copy() throws -> String {
        let folder = try TestSupport.temporaryDirectory() + "/articles"
        try FileManager.default.copyItem(atPath: TestSupport.fixturePath("fix/articles"), toPath: folder)
        return folder
    }

    static func state(_ folder: String) throws -> [String: (Data, Date)] {
        var state: [String: (Data, Date)] = [:]
        for name in articles {
            let path = folder + "/" + name
            let modified = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
            state[name] = (try Data(contentsOf: URL(fileURLWithPath: path)), modified)
        }
        return state
    }

    /// Compares bytes with a golden file; GALLEY_UPDATE_GOLDEN=1 rewrites it.
    static func expectGoldenBytes(_ actual: Data, _ relative: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = TestSupport.fixturePath(relative)
        if ProcessInfo.processInfo.environment["GALLEY_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: URL(fileURLWithPath: path))
            return
        }
        let expected = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(actual == expected, "\(relative) differs (GALLEY_UPDATE_GOLDEN=1 swift test rewrites goldens)", sourceLocation: sourceLocation)
    }

    @Test func fixesEveryFormatAsTheGoldensSay() throws {
        let folder = try Self.copy()
        let before = try Self.state(folder)
        let result = try TestSupport.runGalley(["fix", "."], in: folder)
        #expect(result.status == 1, "errors that fix cannot fix remain")
        #expect(result.stderr.contains("galley: 58 fixes in 8 files\n"), "\(result.stderr)")
        try TestSupport.expectGolden(result.stdout, "fix/expected/remaining.txt")
        let after = try Self.state(folder)
        for name in Self.articles {
            try Self.expectGoldenBytes(after[name]!.0, "fix/expected/" + name)
        }
        #expect(after["clean.md"]!.0 == before["clean.md"]!.0 && after["clean.md"]!.1 == before["clean.md"]!.1, "a file without fixes is not written")
        // What is left is what lint says of the fixed files.
        let lint = try TestSupport.runGalley(["lint", "."], in: folder)
        #expect(lint.stdout == result.stdout)
    }

    @Test func aSecondRunChangesNoByte() throws {
        let folder = try Self.copy()
        _ = try TestSupport.runGalley(["fix", "."], in: folder)
        let fixed = try Self.state(folder)
        let again = try TestSupport.runGalley(["fix", "."], in: folder)
        #expect(again.stderr.contains("galley: 0 fixes in 0 files\n"))
        let after = try Self.state(folder)
        for name in Self.articles {
            #expect(after[name]!.0 == fixed[name]!.0, "\(name)")
            #expect(after[name]!.1 == fixed[name]!.1, "\(name) is not written again")
        }
    }

    @Test func lintNeverWrites() throws {
        let folder = try Self.copy()
        let before = try Self.state(folder)
        for format in ReportFormat.allCases {
            _ = try TestSupport.runGalley(["lint", "--format", format.rawValue, "."], in: folder)
        }
        let after = try Self.state(folder)
        for name in Self.articles {
            #expect(after[name]!.0 == before[name]!.0 && after[name]!.1 == before[name]!.1, "\(name)")
        }
    }

    @Test func lintFixIsFix() throws {
        let (one, two) = (try Self.copy(), try Self.copy())
        let fix = try TestSupport.runGalley(["fix", "."], in: one)
        let lintFix = try TestSupport.runGalley(["lint", "--fix", "."], in: two)
        #expect(fix.stdout == lintFix.stdout && fix.stderr == lintFix.stderr && fix.status == lintFix.status)
        #expect(try Self.state(one).mapValues(\.0) == Self.state(two).mapValues(\.0))
    }

    @Test func dryRunPrintsADiffThatAppliesAndWritesNothing() throws {
        let folder = try Self.copy()
        let before = try Self.state(folder)
        let result = try TestSupport.runGalley(["fix", "--dry-run", "."], in: folder)
        try TestSupport.expectGolden(result.stdout, "fix/expected/dry-run.diff")
        #expect(result.stderr.contains("galley: 58 fixes in 8 files to apply (dry run: nothing written)\n"))
        #expect(result.stderr.contains("utf16le.md is UTF-16LE; its diff shows the text as UTF-8"))
        let after = try Self.state(folder)
        for name in Self.articles { #expect(after[name]!.0 == before[name]!.0 && after[name]!.1 == before[name]!.1, "\(name)") }

        // The diff of the UTF-8 files, applied by git, gives exactly what galley fix writes.
        let diff = try TestSupport.runGalley(["fix", "--dry-run"] + Self.utf8Articles, in: folder)
        let patch = folder + "/../fix.diff"
        try diff.stdout.write(toFile: patch, atomically: true, encoding: .utf8)
        let apply = try Self.run("/usr/bin/env", ["git", "apply", patch], in: folder)
        #expect(apply.status == 0, "\(apply.stderr)")
        let fixed = try Self.copy()
        _ = try TestSupport.runGalley(["fix", "."], in: fixed)
        for name in Self.utf8Articles {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) == Data(contentsOf: URL(fileURLWithPath: fixed + "/" + name)), "\(name)")
        }
    }

    @Test func aReadOnlyFileIsAUsageErrorAndTheOthersAreFixed() throws {
        let folder = try Self.copy()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder + "/markdown.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: folder + "/page.html")
        let before = try Self.state(folder)
        let result = try TestSupport.runGalley(["fix", "."], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("galley: error: cannot write markdown.md: is read-only (mode 444); its 18 fixes not applied\n"), "\(result.stderr)")
        #expect(result.stderr.contains("galley: 40 fixes in 7 files\n"))
        let after = try Self.state(folder)
        #expect(after["markdown.md"]!.0 == before["markdown.md"]!.0)
        #expect(after["page.html"]!.0 != before["page.html"]!.0)
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/page.html")[.posixPermissions] as? Int
        #expect(mode == 0o640, "permissions are kept")
        // Its findings are those of the file as it still is.
        #expect(result.stdout.contains("markdown.md:7:4: warning: use 'USE' instead of 'UTILIZE' [plain-words]"))
    }

    @Test func standardInputPrintsTheFixedText() throws {
        let folder = try Self.copy()
        let input = try String(contentsOfFile: folder + "/markdown.md", encoding: .utf8)
        let expected = try String(contentsOfFile: TestSupport.fixturePath("fix/expected/markdown.md"), encoding: .utf8)
        let result = try TestSupport.runGalley(["fix", "-", "--stdin-filename", "markdown.md"], in: folder, input: input)
        #expect(result.stdout == expected)
        #expect(result.stderr.contains("markdown.md:8:1: error: avoid 'Obviously' [condescending]"))
        #expect(result.stderr.contains("galley: 18 fixes in 1 file\n"))
        #expect(result.status == 1)
        let diff = try TestSupport.runGalley(["fix", "--dry-run", "-", "--stdin-filename", "markdown.md"], in: folder, input: input)
        #expect(diff.stdout.hasPrefix("--- a/markdown.md\n+++ b/markdown.md\n@@ -1,23 +1,21 @@\n"))
        #expect(try String(contentsOfFile: folder + "/markdown.md", encoding: .utf8) == input, "standard input never writes the file it names")
    }

    @Test func fixesThatUndoEachOtherStopAndSaySo() throws {
        let folder = try TestSupport.temporaryDirectory()
        try "name: loop\nrules:\n  - id: swap\n    kind: substitute\n    swaps: {alpha: beta, beta: alpha}\n"
            .write(toFile: folder + "/rules.yml", atomically: true, encoding: .utf8)
        try "rule-sets: [rules.yml]\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        try "# Title\n\nThe alpha test.\n".write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        let result = try TestSupport.runGalley(["fix", "a.md"], in: folder)
        #expect(result.stderr.contains("fixes still changed the text after \(Fixer.maxPasses) passes, or undid each other"))
        #expect(result.stdout.contains("a.md:3:5: warning: use 'alpha' instead of 'beta' [swap]"))
    }

    /// With library rules, the findings left are galley lint's of the files as written: links,
    /// duplicates and orphans across the articles included.
    @Test func libraryFindingsAreReportedAfterWriting() throws {
        let folder = try TestSupport.temporaryDirectory()
        try "rule-sets: [library, rules.yml]\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        try "name: t\nrules:\n  - id: plain\n    kind: substitute\n    swaps: {utilize: use}\n".write(toFile: folder + "/rules.yml", atomically: true, encoding: .utf8)
        try "---\ntitle: Same title\n---\n# Same title\n\nWe utilize [a link](missing.md).\n".write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        try "---\ntitle: Same title\n---\n# Same title\n\nLink to [a](a.md).\n".write(toFile: folder + "/b.md", atomically: true, encoding: .utf8)
        let result = try TestSupport.runGalley(["fix", "."], in: folder)
        let lint = try TestSupport.runGalley(["lint", "."], in: folder)
        #expect(result.status == 1 && lint.status == 1)
        #expect(result.stdout == lint.stdout)
        #expect(result.stdout.contains("[broken-links]") && result.stdout.contains("[unique-title]"))
        #expect(result.stderr.hasPrefix("galley: 1 fix in 1 file\n"))
        #expect(try String(contentsOfFile: folder + "/a.md", encoding: .utf8).contains("We use [a link]"))
        let changed = try TestSupport.runGalley(["fix", "--changed-since", "HEAD", "."], in: folder)
        #expect(changed.status == 2 && changed.stderr.contains("are galley lint's"))
    }

    @Test func dryRunNeedsFix() throws {
        let result = try TestSupport.runGalley(["lint", "--dry-run", "."])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--dry-run shows what --fix would change"))
    }

    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> TestSupport.RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return TestSupport.RunResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                     stderr: String(decoding: stderr, as: UTF8.self))
    }
}
