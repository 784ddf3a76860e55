import GalleyKit
import Testing

@Suite struct PathListTests {
    @Test func sortsByBytesAndKeepsEachPathOnce() {
        let paths = ["b/z.md", "a/é.md", "a-b.md", "a/b.md", "b/z.md", "", "a/e.md", "A.md", "a/b.md"]
        let list = PathList(paths)
        #expect(Array(list) == ["", "A.md", "a-b.md", "a/b.md", "a/e.md", "a/é.md", "b/z.md"])
        #expect(list.count == 7)
        #expect(list[3] == "a/b.md")
    }

    @Test func filterKeepsTheOrder() {
        let list = PathList((0..<1000).reversed().map { "folder/\($0).md" })
        let kept = list.filter { $0.hasSuffix("7.md") }
        #expect(kept.count == 100)
        #expect(Array(kept) == Array(list).filter { $0.hasSuffix("7.md") })
        #expect(PathList().isEmpty)
    }
}
