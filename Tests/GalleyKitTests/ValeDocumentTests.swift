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

    /// Tricky texts for the byte paths: non-ASCII letters, marks, joiners, digits, underscores,
    /// empty texts, line ends, the caseless kin of `k` and `s`, curly quotes.
    static let trickyTexts = [
        "", "a", "A", "Ab", "the the", "caf\u{E9} cafe\u{301}", "e\u{301}\u{301}x", "a\u{200D}b \u{200C}c", "x_1 2_y __", "\u{212A}elvin \u{17F}ong",
        "line one\nline two\r\nthree\r", "\u{2018}quoted\u{2019} \u{201C}double\u{201D}", "\u{1F44D}\u{1F3FD} \u{1F468}\u{200D}\u{1F469}",
        "ZZZ zzz 123 \u{0663}\u{0664} \u{2167} \u{BD}", "U.S. e.g. Dr. Smith. Then? Yes! Done...", "\u{4E2D}\u{6587}\u{3002}\u{65E5}\u{672C}\u{FF01}",
        "\t tabs\u{A0}nbsp\u{2003}em\u{85}nel", "@*#`code`*@", "\u{1171E}\u{10FFFF}",
    ]

    /// The grams of a text are the bytes and pairs of bytes it holds, as a plain reading finds
    /// them: every byte and pair asked about gets the same answer.
    @Test func gramsHoldWhatThePlainReadingFinds() {
        for text in Self.trickyTexts + Self.trickyTexts.map({ $0 + " " + $0.uppercased() }) {
            let bytes = Array(text.utf8)
            let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            let singles = Set(lowered)
            let pairs = Set(zip(lowered, lowered.dropFirst()).map { ValeTextGrams.pairKey($0, $1) })
            let grams = bytes.withUnsafeBufferPointer { ValeTextGrams($0) }
            for byte in UInt8.min...UInt8.max { #expect(grams.holds(byte) == singles.contains(byte), "\(text.debugDescription) byte \(byte)") }
            for key in 0..<ValeTextGrams.pairBits { #expect(grams.holds(pairKey: key) == pairs.contains(key), "\(text.debugDescription) pair \(key)") }
            #expect(grams.isASCII == bytes.allSatisfy { $0 < 0x80 })
            #expect(grams.holdsCaselessKin == (text.unicodeScalars.contains("\u{212A}") || text.unicodeScalars.contains("\u{17F}")))
        }
    }
}
