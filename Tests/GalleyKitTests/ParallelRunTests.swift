import Foundation
import Testing
@testable import GalleyKit

/// The batch engine: the same findings in the same order whatever the thread count, and shards
/// that cover every file exactly once.
@Suite struct ParallelRunTests {
    /// Every fixture folder that configures cleanly (Fixtures/config/broken would stop the run).
    static let folders = ["Fixtures/explainer", "Fixtures/defective", "Fixtures/locations", "Fixtures/faq",
                          "Fixtures/suppressions", "Fixtures/config/site", "Fixtures/vocabulary", "Fixtures/reporters"]

    @Test func sameFindingsInTheSameOrderWithOneThreadAndAllCores() throws {
        let one = try TestSupport.runGalley(["lint", "--jobs", "1"] + Self.folders)
        for jobs in ["2", "7", "64"] {
            let many = try TestSupport.runGalley(["lint", "--jobs", jobs] + Self.folders)
            #expect(many.stdout == one.stdout, "--jobs \(jobs)")
            #expect(many.stderr == one.stderr)
            #expect(many.status == one.status)
        }
        #expect(one.stdout.split(separator: "\n").count > 50)
    }

    @Test func parallelRunDeliversInInputOrderAcrossWindows() {
        let items = (0..<1000).map { String(format: "%04d", $0) }
        var delivered: [String] = []
        ParallelRun.run(items, jobs: 4, window: 37, lint: { FileReport(path: $0, diagnostics: []) }) { delivered.append($0.path) }
        #expect(delivered == items)
    }

    @Test(arguments: [1, 2, 3, 7])
    func shardsCoverEveryFileExactlyOnce(count: Int) throws {
        let all = try TestSupport.runGalley(["lint", "--no-progress"] + Self.folders)
        var union: [String] = []
        var summaries = 0
        for index in 1...count {
            let part = try TestSupport.runGalley(["lint", "--shard", "\(index)/\(count)"] + Self.folders)
            union += part.stdout.split(separator: "\n").map(String.init)
            summaries += Int(part.stderr.split(separator: " ").dropLast().last.map(String.init) ?? "0") ?? 0
        }
        #expect(union.sorted() == all.stdout.split(separator: "\n").map(String.init).sorted())
        let total = Int(all.stderr.split(separator: " ").dropLast().last.map(String.init) ?? "") ?? -1
        #expect(total > 20)
        #expect(summaries == total)
    }

    @Test func shardSelectionDependsOnThePathAlone() throws {
        let paths = (0..<5000).map { "content/\($0 % 17)/article-\($0).md" }
        let shards = (1...4).map { Shard("\($0)/4")! }
        var seen: [String: Int] = [:]
        for shard in shards { for path in shard.select(paths) { seen[path, default: 0] += 1 } }
        #expect(seen.count == paths.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
        let sizes = shards.map { $0.select(paths).count }
        #expect(sizes.allSatisfy { $0 > 1000 && $0 < 1500 })
        #expect(shards[1].select(paths.reversed()).sorted() == shards[1].select(paths).sorted())
    }

    @Test func badShardIsAUsageError() throws {
        for text in ["0/3", "4/3", "2", "a/b", "1/0"] {
            let result = try TestSupport.runGalley(["lint", "--shard", text, "Fixtures/explainer"])
            #expect(result.status == 2, "\(text)")
            #expect(result.stderr.contains("--shard needs K/N"))
        }
    }
}
