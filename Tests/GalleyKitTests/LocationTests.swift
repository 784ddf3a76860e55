import Testing
@testable import GalleyKit

/// Every character of prose maps back to its exact line and column: across wrapped lines,
/// entities, inline markup, front matter values, non-ASCII text and every kind of line ending.
@Suite struct LocationTests {
    /// Where "zebra" is in each probe fixture, found by reading the files by eye (and checked with
    /// a one-line Python scan that counts columns in characters). URLs are not prose.
    static let expected: [String: [String]] = [
        "locations/probe.md": ["2:31", "5:14", "6:33", "13:13", "15:48", "17:81", "20:17", "23:23", "25:17"],
        "locations/probe.html": ["4:30", "5:57", "11:13", "12:51", "13:115", "15:15", "18:27", "20:20", "21:45"],
        "locations/probe.xml": ["6:7", "10:15", "11:54", "12:67", "12:82", "13:25"],
        "locations/probe.yml": ["1:30", "2:33", "10:15", "12:37", "15:25"],
        // Where cmark-gfm's own positions are off: after a backslash hard break, on lazy lines, in
        // nested lists, after an autolink, in table cells, after entities and escapes, footnotes.
        "markdown/positions.md": ["4:12", "4:35", "7:11", "10:10", "14:20", "16:34", "20:5", "20:21", "22:22", "22:52", "24:25", "25:19"],
    ]

    static func withEnds(_ starts: [String]) -> [String] {
        starts.map { start in
            let parts = start.split(separator: ":").map { Int($0)! }
            return "\(start)-\(parts[0]):\(parts[1] + 5)"
        }
    }

    @Test(arguments: expected.keys.sorted())
    func wordsMapToTheirExactSource(fixture: String) throws {
        let document = try TestSupport.read(fixture)
        #expect(TestSupport.spans(of: "zebra", in: document) == Self.withEnds(Self.expected[fixture]!))
    }

    @Test(arguments: expected.keys.sorted())
    func crlfAndLoneCRReportTheSameLocations(fixture: String) throws {
        let lf = try TestSupport.read(fixture)
        let crlf = try TestSupport.read(fixture) { bytes in
            bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        }
        let cr = try TestSupport.read(fixture) { bytes in bytes.map { $0 == 0x0A ? 0x0D : $0 } }
        #expect(TestSupport.spans(of: "zebra", in: crlf) == Self.withEnds(Self.expected[fixture]!))
        #expect(TestSupport.spans(of: "zebra", in: cr) == Self.withEnds(Self.expected[fixture]!))
        #expect(DocumentDump.text(of: crlf) == DocumentDump.text(of: lf))
        #expect(DocumentDump.text(of: cr) == DocumentDump.text(of: lf))
    }

    @Test func byteOrderMarkDoesNotShiftColumns() throws {
        let document = try TestSupport.read("locations/probe.md") { [0xEF, 0xBB, 0xBF] + $0 }
        #expect(TestSupport.spans(of: "zebra", in: document) == Self.withEnds(Self.expected["locations/probe.md"]!))
    }

    @Test func utf16FilesReadLikeUTF8() throws {
        let text = try String(decoding: TestSupport.fixtureBytes("locations/probe.html"), as: UTF8.self)
        let little = try TestSupport.read("locations/probe.html") { _ in [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        let big = try TestSupport.read("locations/probe.html") { _ in [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
        #expect(TestSupport.spans(of: "zebra", in: little) == Self.withEnds(Self.expected["locations/probe.html"]!))
        #expect(TestSupport.spans(of: "zebra", in: big) == Self.withEnds(Self.expected["locations/probe.html"]!))
    }

    @Test func entityMapsToItsWholeReference() throws {
        let document = try TestSupport.read("locations/probe.md")
        let paragraph = try #require(document.blocks.first { $0.text.text.hasPrefix("Fish") })
        #expect(paragraph.text.text == "Fish & chips éclair come before the zebra here.")
        let ampersand = paragraph.text.sourceRange(ofTextRange: 5..<6)
        #expect(document.source.text(ampersand) == "&amp;")
        let eclair = paragraph.text.sourceRange(ofTextRange: 13..<20)
        #expect(document.source.text(eclair) == "&eacute;clair")
    }

    @Test func inlineMarkupIsNotText() throws {
        for fixture in ["locations/probe.md", "locations/probe.html"] {
            let document = try TestSupport.read(fixture)
            let paragraph = try #require(document.blocks.first { $0.text.text.hasPrefix("Some") })
            #expect(paragraph.text.text == "Some emphasis and strong text and a link then zebra.")
            let link = try #require(document.links.first)
            #expect(link.url == "http://example.com/zebra")
            #expect(link.text.text == "link")
        }
    }
}
