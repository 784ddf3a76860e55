import Testing
@testable import GalleyKit

/// The engine's sort (starts read once, the permutation applied by swaps) gives the order of
/// `sorted(by: Diagnostic.sortedOrder)`, ties and all.
@Suite struct RuleEngineOrderTests {
    private func diagnostics(paths: [String], count: Int) -> [Diagnostic] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { index in
            let line = 1 + next(4)
            let column = 1 + next(3)
            return Diagnostic(path: paths[next(paths.count)], range: SourceRange(start: index, end: index + next(5)),
                              span: SourceSpan(start: SourceLocation(line: line, column: column), end: SourceLocation(line: line, column: column + 2)),
                              severity: .warning, message: ["b", "a", "a"][next(3)], ruleID: ["Vale.B", "Vale.A"][next(2)])
        }
    }

    @Test func sortsAsTheComparatorDoes() {
        for paths in [["one.md"], ["one.md", "two.md"], ["b.md", "a.md", "b.md"]] {
            for count in [0, 1, 2, 7, 40, 300] {
                let unsorted = diagnostics(paths: paths, count: count)
                var sorted = unsorted
                RuleEngine.sortInSourceOrder(&sorted)
                #expect(sorted == unsorted.sorted(by: Diagnostic.sortedOrder), "\(paths), \(count)")
            }
        }
    }
}
