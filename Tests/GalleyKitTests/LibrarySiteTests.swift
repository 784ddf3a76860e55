import Foundation
import Testing

/// The library rules on a generated site with planted cross-file defects
/// (`Scripts/make-library-site`): every planted defect found at its line, nothing else; three
/// shards plus `galley library` give exactly the unsharded findings; the audit lists them.
@Suite(.serialized) struct LibrarySiteTests {
    static let libraryRules: Set<String> = ["unique-title", "unique-description", "unique-faq-question", "broken-links", "orphan-article"]

    struct Site {
        let directory: String
        /// (file, line, rule) of every planted finding.
        let planted: Set<Finding>
    }

    struct Finding: Hashable, Comparable, CustomStringConvertible {
        var file: String
        var line: Int
        var rule: String

        static func < (a: Finding, b: Finding) -> Bool { (a.file, a.line, a.rule) < (b.file, b.line, b.rule) }
        var description: String { "\(file):\(line) [\(rule)]" }
    }

    static let site: Site? = {
        guard let directory = try? TestSupport.temporaryDirectory() else { return nil }
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["python3", TestSupport.packageRoot.appendingPathComponent("Scripts/make-library-site").path, directory, "--count", "300"]
        make.standardOutput = FileHandle.nullDevice
        guard (try? make.run()) != nil else { return nil }
        make.waitUntilExit()
        guard make.terminationStatus == 0, let manifest = try? String(contentsOfFile: directory + "/manifest.tsv", encoding: .utf8) else { return nil }
        var planted: Set<Finding> = []
        for line in manifest.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            planted.insert(Finding(file: String(fields[0]), line: Int(fields[1]) ?? 0, rule: String(fields[2])))
        }
        return Site(directory: directory, planted: planted)
    }()

    /// `path:line:column: severity: message [rule]` lines of the library rules.
    static func findings(_ output: String) -> [Finding] {
        output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, let number = Int(parts[1]), let open = line.lastIndex(of: "[") else { return nil }
            let rule = String(line[line.index(after: open)..<line.index(before: line.endIndex)])
            return libraryRules.contains(rule) ? Finding(file: String(parts[0]), line: number, rule: rule) : nil
        }
    }

    @Test func everyPlantedDefectIsFoundAtItsLineAndNothingElse() throws {
        let site = try #require(Self.site, "Scripts/make-library-site did not run (python3 missing?)")
        let result = try TestSupport.runGalley(["lint", "--no-progress", "site"], in: site.directory)
        #expect(result.status == 1)
        let found = Self.findings(result.stdout)
        #expect(found.count == Set(found).count, "a finding reported twice")
        let missed = site.planted.subtracting(found).sorted()
        let extra = Set(found).subtracting(site.planted).sorted()
        #expect(missed.isEmpty, "missed: \(missed.prefix(10))")
        #expect(extra.isEmpty, "not planted: \(extra.prefix(10))")
        // Every kind of defect is planted, links from HTML and DocBook pages among them.
        for rule in Self.libraryRules { #expect(site.planted.contains { $0.rule == rule }, "nothing planted for \(rule)") }
        #expect(site.planted.contains { $0.rule == "broken-links" && $0.file.hasSuffix(".html") })
        #expect(site.planted.contains { $0.rule == "broken-links" && $0.file.hasSuffix(".xml") })
        #expect(site.planted.count > 100)
    }

    /// The shards' reports and the final step's hold each finding of the unsharded run once.
    @Test func threeShardsAndTheFinalStepEqualTheUnshardedRun() throws {
        let site = try #require(Self.site)
        let whole = try TestSupport.runGalley(["lint", "--no-progress", "site"], in: site.directory)
        var union: [String] = []
        var facts: [String] = []
        for shard in 1...3 {
            let file = "\(site.directory)/shard-\(shard).facts"
            let result = try TestSupport.runGalley(["lint", "--no-progress", "--shard", "\(shard)/3", "--facts", file, "site"], in: site.directory)
            #expect(result.status <= 1, "\(result.stderr)")
            #expect(!result.stderr.contains("note: the library rules"))
            union += result.lines
            facts.append(file)
        }
        let final = try TestSupport.runGalley(["library"] + facts, in: site.directory)
        #expect(final.status == 1, "\(final.stderr)")
        #expect(Self.findings(final.stdout).count == final.lines.count, "the final step reports only library findings")
        union += final.lines
        #expect(union.sorted() == whole.lines.sorted())
        #expect(whole.lines.count > 150)
        // A missing shard is refused, not judged on two thirds of the library.
        let partial = try TestSupport.runGalley(["library", facts[0], facts[2]], in: site.directory)
        #expect(partial.status == 2)
        #expect(partial.stderr.contains("shard 2/3 are missing"))
    }

    /// The audit carries the same library findings in its rows, its JSON section and the library CSV.
    @Test func auditListsTheLibraryFindings() throws {
        let site = try #require(Self.site)
        let out = try TestSupport.temporaryDirectory()
        let result = try TestSupport.runGalley(["audit", "--no-progress", "site", "--json", "\(out)/a.json", "--library-csv", "\(out)/l.csv",
                                                "--report", "\(out)/a.html"], in: site.directory)
        #expect(result.status == 1, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/a.json"))) as? [String: Any]
        let library = try #require(json?["library"] as? [String: Any])
        let broken = library["brokenLinks"] as? [[String: Any]] ?? []
        let orphans = library["orphans"] as? [[String: Any]] ?? []
        let duplicates = library["duplicates"] as? [[String: Any]] ?? []
        #expect(broken.count == site.planted.filter { $0.rule == "broken-links" }.count)
        #expect(orphans.count == site.planted.filter { $0.rule == "orphan-article" }.count)
        let members = duplicates.reduce(0) { $0 + (($1["articles"] as? [Any])?.count ?? 0) }
        #expect(members == site.planted.filter { $0.rule.hasPrefix("unique-") }.count)
        let csv = try String(contentsOfFile: "\(out)/l.csv", encoding: .utf8).split(separator: "\r\n")
        #expect(csv.count == 1 + broken.count + orphans.count + members)
        let html = try String(contentsOfFile: "\(out)/a.html", encoding: .utf8)
        #expect(html.contains("data-library=\"orphans\"><strong>\(orphans.count)</strong>"))
        // The rows carry them too: as many findings as galley lint reports.
        let articles = json?["articles"] as? [[String: Any]] ?? []
        let rowFindings = articles.reduce(0) { $0 + (($1["findings"] as? [Any])?.count ?? 0) }
        let lint = try TestSupport.runGalley(["lint", "--no-progress", "site"], in: site.directory)
        #expect(rowFindings == lint.lines.count)
    }
}
