import Foundation
import GalleyKit
import Testing
import YAMLParser

/// What pre-commit relies on: the hook manifest, and output that stays whole lines when several
/// galley processes share one pipe (pre-commit runs one per subset of the staged files and
/// merges standard output and error). Scripts/prove-pre-commit runs the real pre-commit.
@Suite struct PreCommitTests {
    @Test func manifestDescribesTheHook() throws {
        let bytes = try Array(Data(contentsOf: TestSupport.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml")))
        let stream = try YAMLParser.parse(bytes)
        let hooks = try #require(stream.documents.first?.items)
        #expect(hooks.count == 2)
        let hook = try #require(hooks.first)
        #expect(hook["id"]?.scalar == "galley")
        #expect(hook["entry"]?.scalar == "galley lint --only-articles")
        #expect(hook["language"]?.scalar == "swift")
        #expect(hook["types_or"]?.items?.compactMap(\.scalar) == ["markdown", "html", "xml", "yaml"])
        // pre-commit matches `exclude` with Python's re.search; this pattern means the same in Swift.
        let exclude = try Regex(try #require(hook["exclude"]?.scalar))
        for hidden in [".pre-commit-config.yaml", ".github/workflows/ci.yml", "content/.drafts/a.md"] {
            #expect(hidden.firstMatch(of: exclude) != nil, "\(hidden) is not an article")
        }
        for article in ["content/a.md", "site/intro.html", "docs/v1.2/guide.xml", "articles/a.yml"] {
            #expect(article.firstMatch(of: exclude) == nil, "\(article) is linted")
        }
        // The same hook on the container image of this version (the release workflow publishes
        // it, and checks the tag here is the version it releases).
        let docker = try #require(hooks.last)
        #expect(docker["id"]?.scalar == "galley-docker")
        #expect(docker["language"]?.scalar == "docker_image")
        #expect(docker["entry"]?.scalar == "ghcr.io/galley-lint/galley:\(Galley.developmentVersion) lint --only-articles")
        for key in ["types_or", "exclude", "minimum_pre_commit_version"] {
            let values = [hook, docker].map { $0[key]?.scalar ?? $0[key]?.items?.compactMap(\.scalar).joined(separator: ",") }
            #expect(values[0] != nil && values[0] == values[1], "\(key) differs between the two hooks")
        }
    }

    /// pre-commit names every staged YAML file; data files (site configuration, navigation) are
    /// not articles and must not block the commit, as they would not when a folder is linted.
    @Test func onlyArticlesSkipsNamedDataFiles() throws {
        let root = try TestSupport.temporaryDirectory()
        try "site_name: Docs\nnav:\n  - Home: index.md\n".write(toFile: root + "/mkdocs.yml", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: TestSupport.fixturePath("explainer/explainer.yml"), toPath: root + "/article.yml")
        try FileManager.default.copyItem(atPath: TestSupport.fixturePath("defective/skipped-levels.yml"), toPath: root + "/broken.yml")
        let named = try TestSupport.runGalley(["lint", "mkdocs.yml"], in: root)
        #expect(named.status == 1, "named on its own, a data file is linted as an article")
        let hook = try TestSupport.runGalley(["lint", "--only-articles", "article.yml", "broken.yml", "mkdocs.yml"], in: root)
        #expect(hook.status == 1)
        #expect(!hook.stdout.contains("mkdocs.yml"))
        #expect(hook.stdout.contains("broken.yml:5:3: error: heading level 4 follows level 2; use level 3 [heading-increment]"))
        #expect(hook.stderr.hasSuffix(" in 2 files\n"), "the data file is not counted")
    }

    @Test func parallelProcessesOnOnePipeWriteWholeLines() throws {
        let root = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: root + "/many", withIntermediateDirectories: true)
        var files: [String] = []
        for number in 1...300 {
            for format in ["md", "html", "xml", "yml"] {
                let name = "many/article-\(number).\(format)"
                try FileManager.default.copyItem(atPath: TestSupport.fixturePath("defective/skipped-levels.\(format)"), toPath: root + "/" + name)
                files.append(name)
            }
        }
        let serial = try TestSupport.runGalley(["lint", "--jobs", "1", "many"], in: root)
        let expected = serial.stdout.split(separator: "\n").map(String.init).sorted()
        #expect(expected.count >= 300 * 12, "every copy has a dozen findings or more")
        #expect(serial.stdout.utf8.count > 4 * 65_536, "each process writes more than a pipe holds")

        let pipe = Pipe()
        var processes: [Process] = []
        for part in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestSupport.galleyBinary)
            process.arguments = ["lint"] + files.enumerated().filter { $0.offset % 4 == part }.map(\.element)
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            // The write end as a FileHandle, not the Pipe: Foundation closes a Pipe's write end
            // once the first process has it.
            process.standardOutput = pipe.fileHandleForWriting
            process.standardError = pipe.fileHandleForWriting
            process.standardInput = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        try pipe.fileHandleForWriting.close()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 1 })

        let finding = #/^many/article-\d+\.(md|html|xml|yml):\d+:\d+: (error|warning|note): .+ \[[A-Za-z0-9._-]+\]$/#
        let summary = #/^\d+ errors?, \d+ warnings?(, \d+ notes?)? in \d+ files?$/#
        let lines = output.split(separator: "\n").map(String.init)
        let findings = lines.filter { $0.wholeMatch(of: finding) != nil }
        let summaries = lines.filter { $0.wholeMatch(of: summary) != nil }
        let broken = lines.filter { $0.wholeMatch(of: finding) == nil && $0.wholeMatch(of: summary) == nil }
        #expect(broken.isEmpty, "every line is a whole finding or a whole summary; broken: \(broken.prefix(3))")
        #expect(summaries.count == 4)
        let sameFindings = findings.sorted() == expected
        #expect(sameFindings, "the findings of one serial run, each once (\(findings.count) of \(expected.count))")
    }
}
