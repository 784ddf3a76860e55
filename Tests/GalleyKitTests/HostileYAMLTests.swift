import Foundation
import Testing
@testable import GalleyKit
import YAMLParser

/// YAML wherever Galley reads it (front matter, YAML articles, rule sets, `.galley.yml`): alias
/// bombs stop within a budget, duplicate keys are reported where they are, unknown tags are
/// plain values, and huge or deep input is bounded.
@Suite struct HostileYAMLTests {
    @Test func aliasBombsStopInArticlesAndFrontMatter() throws {
        let run = try HostileSupport.lintUnchanged(["lint", "Fixtures/hostile/yaml/alias-bomb.yml", "Fixtures/hostile/yaml/alias-bomb-front-matter.md"],
                                                   inputs: ["Fixtures/hostile"], timeout: 60)
        #expect(run.status == 1)
        #expect(run.lines == [
            "Fixtures/hostile/yaml/alias-bomb-front-matter.md:9:5: error: front matter: aliases expand to more than 1000000 nodes [front-matter]",
            "Fixtures/hostile/yaml/alias-bomb-front-matter.md:15:3: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/yaml/alias-bomb.yml:8:5: error: aliases expand to more than 1000000 nodes [parse-error]",
        ])
        #expect(run.peakKilobytes < 200_000)
    }

    @Test func aliasBombsStopInConfigurationAndRuleSets() throws {
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 { bomb += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", "))]\n" }
        let folder = try HostileSupport.folder([
            "config/.galley.yml": bomb, "config/a.md": "# A\n",
            "rules/.galley.yml": "rule-sets: [rules.yml]\n", "rules/rules.yml": "name: bomb\n" + bomb + "rules: []\n", "rules/a.md": "# A\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, line) in [("config/.galley.yml", 7), ("rules/rules.yml", 8)] {
            let run = try HostileSupport.lintUnchanged(["lint", String(name.split(separator: "/")[0])], inputs: [folder], in: folder, timeout: 60)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.errorLines == ["\(name):\(line):5: error: aliases expand to more than 1000000 nodes",
                                       "galley: 1 configuration error; nothing was linted"])
        }
    }

    /// Aliases nested in aliases, each within the nesting limit, once made values so deep that
    /// reading them overflowed the stack (a crash, on the main thread as on workers). Expanded
    /// depth is bounded like plain nesting.
    @Test func aliasesCannotNestDeeperThanPlainNesting() throws {
        let run = try HostileSupport.lintUnchanged(["lint", "--jobs", "2", "Fixtures/hostile/yaml/alias-depth.yml", "Fixtures/hostile/yaml/unknown-tags.yml"],
                                                   inputs: ["Fixtures/hostile"], timeout: 60)
        #expect(run.status == 1)
        #expect(run.lines.first == "Fixtures/hostile/yaml/alias-depth.yml:3:109: error: aliases nest deeper than 128 levels [parse-error]")
        var chain = "a0: &a0 " + String(repeating: "[", count: 120) + "x" + String(repeating: "]", count: 120) + "\n"
        for level in 1..<60 { chain += "a\(level): &a\(level) " + String(repeating: "[", count: 120) + "*a\(level - 1)" + String(repeating: "]", count: 120) + "\n" }
        #expect(throws: YAMLError.self) { try YAMLParser.parse(Array(chain.utf8)) }
        let shallow = try #require(try YAMLParser.parse(Array("a: &a [[x]]\nb: [[[*a]]]\n".utf8)).documents.first)
        #expect(shallow["b"]?.items?.first?.items?.first?.items?.first === shallow["a"])
    }

    /// Just under the expansion budget: a legitimate-looking but heavy use of aliases still reads.
    @Test func aliasesUnderTheBudgetAreShared() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x]\n"
        for level in 1..<6 { yaml += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 8).joined(separator: ", "))]\n" }
        let stream = try YAMLParser.parse(Array(yaml.utf8))
        let root = try #require(stream.documents.first)
        #expect(root["a5"]?.items?.first === root["a4"])
    }

    @Test func duplicateKeysAreReportedAtTheirFileLines() throws {
        let run = try HostileSupport.lintUnchanged(["lint", "Fixtures/hostile/yaml/duplicate-keys.md"], inputs: ["Fixtures/hostile"])
        #expect(run.status == 0)
        #expect(run.lines == [
            "Fixtures/hostile/yaml/duplicate-keys.md:4:1: warning: front matter: duplicate key 'title' (first at line 2) [front-matter]",
            "Fixtures/hostile/yaml/duplicate-keys.md:6:1: warning: front matter: duplicate key 'description' (first at line 3) [front-matter]",
            "Fixtures/hostile/yaml/duplicate-keys.md:10:3: warning: read 'zebra' [zebra]",
        ])
        let document = try TestSupport.read("hostile/yaml/duplicate-keys.md")
        #expect(document.metadata["title"]?.value.text == "Second title, which wins")
    }

    @Test func duplicateKeysInConfigurationAreErrors() throws {
        let folder = try HostileSupport.folder([".galley.yml": "rule-sets: [house-style]\nrules:\n  title-length: off\nrules:\n  quick-take: off\n", "a.md": "# A\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "."], inputs: [folder], in: folder)
        #expect(run.status == 2)
        #expect(run.errorLines == [".galley.yml:4:1: error: duplicate key 'rules' (first at line 2)", "galley: 1 configuration error; nothing was linted"])
    }

    /// Thousands of duplicate keys: twenty are listed, the rest counted, and it stays fast
    /// (each duplicate used to shift every later pair).
    @Test func manyDuplicateKeysAreCapped() throws {
        var yaml = "title: t\nbody: b\nmap:\n"
        for index in 0..<20_000 { yaml += "  k\(index): v\n" }
        for index in 0..<20_000 { yaml += "  k\(index): w\n" }
        let stream = try YAMLParser.parse(Array(yaml.utf8))
        #expect(stream.warnings.count == 21)
        #expect(stream.warnings.last?.message == "19980 more duplicate keys not listed")
        #expect(stream.documents.first?["map"]?.pairs?.count == 20_000)
        #expect(stream.documents.first?["map"]?["k7"]?.scalar == "w")
    }

    @Test func unknownTagsAreHarmlessAndValuesKeepTheirPlace() throws {
        let run = try HostileSupport.lintUnchanged(["lint", "Fixtures/hostile/yaml/unknown-tags.yml"], inputs: ["Fixtures/hostile"])
        #expect(run.status == 0)
        #expect(run.lines == [
            "Fixtures/hostile/yaml/unknown-tags.yml:3:34: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/yaml/unknown-tags.yml:10:5: warning: read 'zebra' [zebra]",
        ])
        let document = try TestSupport.read("hostile/yaml/unknown-tags.yml")
        let title = try #require(document.metadata["title"]?.value.text)
        #expect(title == "zebra in a tagged title")
        #expect(document.metadata["description"]?.value.text == "rm -rf /")
        #expect(document.blocks.map(\.text.text) == ["Unknown tags are harmless", "A zebra in the body."])
    }

    /// A scalar over `YAMLLimits.maxScalarBytes` (16 MB) is an error at its position, even in a
    /// file Galley was allowed to read whole.
    @Test func hugeScalarsAreBounded() throws {
        var limits = YAMLLimits()
        limits.maxScalarBytes = 1_000
        #expect(throws: YAMLError.self) { try YAMLParser.parse(Array("a: \(String(repeating: "x", count: 1_001))\n".utf8), limits: limits) }
        #expect(throws: Never.self) { try YAMLParser.parse(Array("a: \(String(repeating: "x", count: 1_000))\n".utf8), limits: limits) }

        let body = String(repeating: "  A zebra line of prose that goes on and on.\n", count: 17 << 20 / 45)
        let folder = try HostileSupport.folder(["huge.yml": "title: Huge\nbody: |\n" + body])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "--max-file-size", "20M", "huge.yml"],
                                                   inputs: [folder], in: folder)
        #expect(run.status == 1)
        #expect(run.lines == ["huge.yml:2:7: error: scalar of \(body.utf8.count - 2 * (body.utf8.count / 45)) bytes exceeds the limit of 16777216 [parse-error]"])
    }

    @Test func deepNestingIsBounded() throws {
        let yaml = "title: Deep\ndeep: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\nbody: A zebra.\n"
        let folder = try HostileSupport.folder(["deep.yml": yaml])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "deep.yml"], inputs: [folder], in: folder)
        #expect(run.status == 1)
        #expect(run.lines == ["deep.yml:2:134: error: nesting deeper than 128 levels [parse-error]"])
    }

    /// 200,000 list items, and a flow mapping of 100,000 keys on one line: both finish (the
    /// tree builder once copied a container's items for each one it added).
    @Test func longContainersReadInLinearTime() throws {
        var block = "title: Long\nbody: A zebra.\nlist:\n"
        for index in 0..<200_000 { block += "  - item \(index)\n" }
        let flow = "title: Long\nbody: A zebra.\nmap: {" + (0..<100_000).map { "k\($0): v" }.joined(separator: ", ") + "}\n"
        let folder = try HostileSupport.folder(["block.yml": block, "flow.yml": flow])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "block.yml", "flow.yml"], inputs: [folder], in: folder)
        #expect(run.status == 0)
        #expect(run.lines == ["block.yml:2:9: warning: read 'zebra' [zebra]", "flow.yml:2:9: warning: read 'zebra' [zebra]"])
        let document = ArticleFormats.read(path: "flow.yml", bytes: Array(flow.utf8), format: .yaml)
        guard case .map(let fields)? = document.metadata["map"]?.value else { Issue.record("map is not a map"); return }
        #expect(fields.count == 100_000)
        #expect(document.span(of: SourceRange(at: fields[99_999].offset)).start == SourceLocation(line: 3, column: 1_088_886))
    }

    @Test func controlCharactersAreReportedWhereTheyAre() throws {
        do {
            _ = try YAMLParser.parse(Array("a: 1\nb: x\u{1}y\n".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "control characters are not allowed (0x1)")
            #expect(error.mark.line == 1 && error.mark.column == 4)
        }
    }
}
