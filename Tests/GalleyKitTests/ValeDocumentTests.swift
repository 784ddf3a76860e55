import Testing
@testable import GalleyKit

/// Vale's view of a document: the pieces read in bytes agree with their reading as characters.
@Suite struct ValeDocumentTests {
    /// The extension scopes name (`text.md`), read in an ASCII path's bytes, is the one read
    /// by splitting the path as characters.
    @Test func fileExtensionAsCharactersSplitIt() {
        let paths = ["a.md", "dir/file.markdown", "/abs/path/x.tar.gz", "noext", "dir.d/noext", "file.", "file..", ".md", "..", ".", "/",
                     "", "dir/", "dir/sub.md/", "a//b.md", "//", "x/.hidden", "caf\u{E9}/a.md", "d/\u{301}x.md", "a/.\u{301}md", "weird/\u{1F44D}.mdx",
                     "stdin.md", "x.MD", "a.b.c.", "a/b.c/d"]
        for path in paths {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let expected = name.contains(".") ? String(name.split(separator: ".").last ?? "") : ""
            #expect(ValeDocument.fileExtension(of: path) == expected, "\(path.debugDescription)")
        }
    }
}
