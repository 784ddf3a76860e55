import Foundation
import Testing

/// The shared corpus generator's articles (Markdown, HTML, DocBook) all read; only the ones it
/// marks `malformed-markup` get parse diagnostics. Runs where the generator is available
/// (`../shared/bench/make-corpus`, or GALLEY_MAKE_CORPUS).
@Suite struct CorpusTests {
    static var generator: String? {
        let configured = ProcessInfo.processInfo.environment["GALLEY_MAKE_CORPUS"]
        let sibling = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/make-corpus").path
        return [configured, sibling].compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: generator != nil, "needs ../shared/bench/make-corpus"))
    func everyGeneratedArticleReadsAndOnlyMalformedOnesFailToParse() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["python3", CorpusTests.generator!, directory, "--count", "1000"]
        try make.run()
        make.waitUntilExit()
        #expect(make.terminationStatus == 0)

        let manifest = try String(contentsOfFile: directory + "/manifest.tsv", encoding: .utf8)
        var malformed: Set<String> = []
        var all: Set<String> = []
        for line in manifest.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            all.insert(String(fields[0]))
            if fields.count > 1, fields[1].contains("malformed-markup") { malformed.insert(String(fields[0])) }
        }
        #expect(all.count == 3000)

        let result = try TestSupport.runGalley(["lint", "."], in: directory)
        #expect(result.stderr.hasSuffix("in 3000 files\n"))
        var parsedBadly: Set<String> = []
        for line in result.stdout.split(separator: "\n") where line.hasSuffix("[parse-error]") || line.hasSuffix("[skipped-file]") {
            parsedBadly.insert(String(line.split(separator: ":")[0]))
        }
        #expect(!malformed.isEmpty)
        #expect(parsedBadly == malformed)
    }
}
