import Foundation
import Synchronization
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
        ParallelRun.run(items, jobs: 4, window: 37, work: { FileReport(path: $0, diagnostics: []) }) { delivered.append($0.path) }
        #expect(delivered == items)
    }

    /// Memory stays bounded: a result is held from the moment its work starts until it has been
    /// handed over, and never more than a window's worth at once, however slow the hand-over.
    @Test func parallelRunHoldsAtMostAWindowOfResults() {
        let held = HeldCounter()
        var delivered: [Int] = []
        ParallelRun.run(Array(0..<3000), jobs: 4, window: 16, work: { item -> Int in
            held.start()
            return item
        }) { item in
            if item % 100 == 0 { usleep(200) }
            held.finish()
            delivered.append(item)
        }
        #expect(delivered == Array(0..<3000))
        // A window's worth in the ring, plus the one being handed over.
        #expect(held.peak <= 16 + 1)
        #expect(held.peak >= 2)
    }

    @Test func metricsAreTheSameWithOneThreadAndMany() throws {
        let one = try TestSupport.runGalley(["metrics", "--format", "json", "--jobs", "1", "Fixtures/explainer", "Fixtures/defective"])
        let many = try TestSupport.runGalley(["metrics", "--format", "json", "--jobs", "6", "Fixtures/explainer", "Fixtures/defective"])
        #expect(one.status == 0)
        #expect(many.stdout == one.stdout)
        #expect(one.stdout.components(separatedBy: "\"path\"").count - 1 == 9)
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
        let list = PathList(paths)
        var seen: [String: Int] = [:]
        for shard in shards { for path in shard.select(list) { seen[path, default: 0] += 1 } }
        #expect(seen.count == paths.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
        let sizes = shards.map { $0.select(list).count }
        #expect(sizes.allSatisfy { $0 > 1000 && $0 < 1500 })
        let byPath = paths.filter(shards[1].contains).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(Array(shards[1].select(list)) == byPath)
        #expect(Array(shards[1].select(PathList(paths.reversed()))) == byPath)
    }

    @Test func badShardIsAUsageError() throws {
        for text in ["0/3", "4/3", "2", "a/b", "1/0"] {
            let result = try TestSupport.runGalley(["lint", "--shard", text, "Fixtures/explainer"])
            #expect(result.status == 2, "\(text)")
            #expect(result.stderr.contains("--shard needs K/N"))
        }
    }
}

/// How many results are held (work started, not yet handed over), and the most at once.
private final class HeldCounter: Sendable {
    private let state = Mutex((held: 0, peak: 0))

    func start() {
        state.withLock { state in
            state.held += 1
            state.peak = max(state.peak, state.held)
        }
    }

    func finish() { state.withLock { $0.held -= 1 } }

    var peak: Int { state.withLock { $0.peak } }
}
