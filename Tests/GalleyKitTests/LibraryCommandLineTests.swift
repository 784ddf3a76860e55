import Foundation
import Testing
@testable import GalleyKit

/// Library rules from the command line: runs over changed files with the facts cache,
/// suppressions and baselines of library findings, and what the final step refuses.
@Suite struct LibraryCommandLineTests {
    /// A small library in a git repository: an index, a guide with a heading others link to, and
    /// a page nothing links to.
    static func repository() throws -> String {
        let directory = try TestSupport.temporaryDirectory()
        let files = [
            ".galley.yml": "rule-sets: [library]\n",
            "docs/index.md": "---\ntitle: Home\ndescription: Where every guide starts, with the tasks in order.\n---\n\n# Home\n\nSee [installing](guide/install.md#linux--macos) and [other](guide/other.md).\n",
            "docs/guide/install.md": "---\ntitle: Install\ndescription: How to install the service on Linux and macOS.\n---\n\n# Install\n\n## Linux & macOS\n\nBack [home](../index.md).\n",
            "docs/guide/other.md": "---\ntitle: Other\ndescription: Everything else, for those who installed it already.\n---\n\n# Other\n\nText.\n",
        ]
        for (path, text) in files {
            let full = directory + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        for command in [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init"]] {
            try git(command, in: directory)
        }
        return directory
    }

    static func git(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    static func write(_ text: String, to path: String, in directory: String) throws {
        try text.write(toFile: directory + "/" + path, atomically: true, encoding: .utf8)
    }

    /// A heading renamed in one file breaks a link in another: the run over the changed file
    /// reports it there; a new article duplicating a title is caught with its twin; a deleted
    /// file's inbound links are caught. Unchanged files' facts come from the cache.
    @Test func changedSinceSeesTheWholeLibrary() throws {
        let directory = try Self.repository()
        let clean = try TestSupport.runGalley(["lint", "--changed-since", "HEAD", "docs"], in: directory)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stderr.contains("0 changed files linted; the library rules read the facts of all 3 articles"))

        try Self.write("---\ntitle: Install\ndescription: How to install the service on Linux and macOS.\n---\n\n# Install\n\n## Linux and macOS\n\nBack [home](../index.md).\n",
                       to: "docs/guide/install.md", in: directory)
        try Self.write("---\ntitle: home\ndescription: A new page that nothing links to yet, on purpose.\n---\n\n# New\n", to: "docs/new.md", in: directory)
        let changed = try TestSupport.runGalley(["lint", "--changed-since", "HEAD", "docs"], in: directory)
        #expect(changed.status == 1)
        #expect(changed.lines == [
            "docs/index.md:2:8: warning: title 'Home' is also the title of docs/new.md [unique-title]",
            "docs/index.md:8:5: error: link 'guide/install.md#linux--macos': docs/guide/install.md has no anchor '#linux--macos' (did you mean '#linux-and-macos'?) [broken-links]",
            "docs/new.md:2:8: warning: title 'home' is also the title of docs/index.md [unique-title]",
            "docs/new.md:6:1: note: no other article links to this one [orphan-article]",
        ])
        #expect(changed.stderr.contains("2 changed files linted; the library rules read the facts of all 4 articles (2 from the cache)"))

        // A deleted file: the link to it is reported, though the linking file did not change.
        try FileManager.default.removeItem(atPath: directory + "/docs/guide/other.md")
        let deleted = try TestSupport.runGalley(["lint", "--changed-since", "HEAD", "--no-cache", "docs"], in: directory)
        #expect(deleted.lines.contains("docs/index.md:8:53: error: link 'guide/other.md' leads nowhere: there is no docs/guide/other.md [broken-links]"))

        // A full run agrees on the library findings of the changed files.
        let full = try TestSupport.runGalley(["lint", "docs"], in: directory)
        for line in deleted.lines { #expect(full.lines.contains(line), "\(line)") }
        // A ref git does not know is a usage problem, said by git.
        let unknown = try TestSupport.runGalley(["lint", "--changed-since", "no-such-branch", "docs"], in: directory)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--changed-since: git could not find where HEAD and 'no-such-branch' meet"))
    }

    /// Cache entries are checked when read: a damaged or truncated one is a miss, written again;
    /// runs sharing the cache at once leave only whole entries.
    @Test func damagedCacheEntriesAreMissesAndConcurrentRunsAgree() throws {
        let directory = try Self.repository()
        _ = try TestSupport.runGalley(["lint", "--cache", "docs"], in: directory)
        let entries = try FileManager.default.subpathsOfDirectory(atPath: directory + "/.galley-cache").filter { !$0.hasSuffix("/") && $0.split(separator: "/").count == 3 }
        #expect(entries.count == 3)
        for (index, entry) in entries.enumerated() {
            let path = directory + "/.galley-cache/" + entry
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            if index == 0 { bytes = Array(bytes.prefix(10)) } else { bytes[bytes.count / 2] ^= 0x55 }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let expected = try TestSupport.runGalley(["lint", "docs"], in: directory)
        let again = try TestSupport.runGalley(["lint", "--changed-since", "HEAD", "docs"], in: directory)
        #expect(again.stderr.contains("(0 from the cache)"))
        #expect(again.lines.allSatisfy(expected.lines.contains))
        // Four runs at once over one cache.
        let runs = (0..<4).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestSupport.galleyBinary)
            process.arguments = ["lint", "--cache", "--no-progress", "docs"]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for run in runs { try run.run() }
        for run in runs { run.waitUntilExit() }
        let warm = try TestSupport.runGalley(["lint", "--changed-since", "HEAD", "docs"], in: directory)
        #expect(warm.stderr.contains("(3 from the cache)"))
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: directory + "/.galley-cache").filter { $0.split(separator: "/").last?.hasPrefix(".") == true }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    /// Library findings obey inline suppressions and baselines, fingerprinted on what they are
    /// about: moving the line keeps a baselined finding hidden; a suppression naming a library
    /// rule that suppressed nothing is said once.
    @Test func suppressionsAndBaselinesOfLibraryFindings() throws {
        let directory = try Self.repository()
        try Self.write("---\ntitle: Other\ndescription: Everything else, for those who installed it already.\n---\n\n# Other\n\n<!-- galley-disable-next-line broken-links -->\nSee [gone](gone.md).\n\n<!-- galley-disable-next-line unique-title -->\nNothing to hide here.\n",
                       to: "docs/guide/other.md", in: directory)
        let linted = try TestSupport.runGalley(["lint", "docs"], in: directory)
        #expect(linted.lines == ["docs/guide/other.md:11:1: note: galley-disable-next-line for 'unique-title' suppressed nothing [unused-suppression]"])
        try Self.write("---\ntitle: Home\ndescription: Where every guide starts.\n---\n\n# Home\n\nSee [x](missing.md).\n", to: "docs/guide/dup.md", in: directory)
        let baseline = directory + "/baseline.json"
        let recorded = try TestSupport.runGalley(["lint", "--write-baseline", baseline, "docs"], in: directory)
        #expect(recorded.status == 0)
        // Lines added above every finding: still the same findings.
        try Self.write("---\ntitle: Home\ndescription: Where every guide starts.\n---\n\n# Home\n\nA new first paragraph.\n\nSee [x](missing.md).\n", to: "docs/guide/dup.md", in: directory)
        let hidden = try TestSupport.runGalley(["lint", "--baseline", baseline, "docs"], in: directory)
        #expect(hidden.status == 0, "\(hidden.stdout)")
        #expect(hidden.lines.isEmpty)
        #expect(hidden.stderr.contains("known findings hidden by the baseline"))
        // Every report format carries them.
        for format in ["json", "sarif", "checkstyle", "junit", "codequality", "github", "pretty"] {
            let report = try TestSupport.runGalley(["lint", "--format", format, "docs"], in: directory)
            #expect(report.stdout.contains("missing.md"), "\(format)")
        }
    }

    /// Facts from another Galley configuration, or given twice, are refused.
    @Test func finalStepRefusesMismatchedFacts() throws {
        let directory = try Self.repository()
        _ = try TestSupport.runGalley(["lint", "--facts", "all.facts", "docs"], in: directory)
        let twice = try TestSupport.runGalley(["library", "all.facts", "all.facts"], in: directory)
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("holds the facts of a whole run; give it alone"))
        let ok = try TestSupport.runGalley(["library", "all.facts"], in: directory)
        #expect(ok.status == 0, "\(ok.stderr)")
        try Self.write("rule-sets: [library]\nrules:\n  orphan-article: warning\n", to: ".galley.yml", in: directory)
        let changed = try TestSupport.runGalley(["library", "all.facts"], in: directory)
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("its configuration is not the one its facts were taken under"))
        let garbage = try TestSupport.runGalley(["library", ".galley.yml"], in: directory)
        #expect(garbage.status == 2)
        #expect(garbage.stderr.contains("not a Galley facts file"))
        let article = try TestSupport.runGalley(["lint", "--facts", "docs/index.md", "docs"], in: directory)
        #expect(article.status == 2)
        #expect(article.stderr.contains("--facts docs/index.md is docs/index.md, one of the files being linted"))
    }
}

/// A small site of every construct the library rules follow (Fixtures/library/site): relative,
/// root-relative, URL-pattern and permalink links, raw HTML anchors, links from HTML and DocBook
/// pages, images, a suppression with a reason), against its golden output.
@Suite struct LibraryGoldenTests {
    @Test func fixtureSite() throws {
        let result = try TestSupport.runGalley(["lint", "Fixtures/library/site"])
        #expect(result.status == 1)
        try TestSupport.expectGolden(result.stdout, "library/site.lint.txt")
    }
}
