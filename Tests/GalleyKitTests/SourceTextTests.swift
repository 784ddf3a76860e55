import Testing
@testable import GalleyKit

@Suite struct SourceTextTests {
    @Test func columnsCountUnicodeScalars() {
        let source = SourceText(utf8: "ab\nÜber zebra\n")
        #expect(source.location(of: 3) == SourceLocation(line: 2, column: 1))
        let zebra = Array(source.bytes).indices.first { source.bytes[$0] == UInt8(ascii: "z") }!
        #expect(source.location(of: zebra) == SourceLocation(line: 2, column: 6))
        #expect(source.offset(line: 2, column: 6) == zebra)
    }

    /// A span's end counted on from its start agrees with the end's own location: on short and
    /// long lines (past the checkpoints), across line ends, with multi-byte characters.
    @Test func spansAgreeWithLocationsOfBothEnds() {
        let long = String(repeating: "é word ü ", count: 60)
        let source = SourceText(utf8: "ab\nÜber zebra 👍🏽 x\n\n" + long + "\nend\u{301}é\nlast")
        // A simple generator: the same ranges every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let count = source.bytes.count
        var ranges = [SourceRange(start: 0, end: 0), SourceRange(start: count, end: count), SourceRange(start: 0, end: count),
                      SourceRange(start: 2, end: 3), SourceRange(start: -4, end: 2), SourceRange(start: count - 2, end: count + 9)]
        for _ in 0..<2_000 {
            let start = next(count + 1)
            ranges.append(SourceRange(start: start, end: start + next(min(400, count - start + 1))))
        }
        for range in ranges {
            #expect(source.span(range) == SourceSpan(start: source.location(of: range.start), end: source.location(of: range.end)), "\(range)")
        }
    }

    @Test func invalidUTF8IsReplacedAndReportedWhereItWas() {
        let source = SourceText(decoding: Array("ok\nbad ".utf8) + [0xC3, 0x28] + Array(" end".utf8))
        #expect(String(decoding: source.bytes, as: UTF8.self) == "ok\nbad \u{FFFD}( end")
        #expect(source.issues.count == 1)
        #expect(source.location(of: source.issues[0].offset) == SourceLocation(line: 2, column: 5))
        #expect(source.issues[0].message.contains("0xC3"))
    }

    @Test func nulBytesMarkBinaryContent() {
        #expect(SourceText(decoding: [0x41, 0x00, 0x42]).isBinary)
        #expect(!SourceText(utf8: "plain").isBinary)
    }

    @Test func lineEndingsBecomeLineFeeds() {
        #expect(SourceText(decoding: Array("a\r\nb\rc\n".utf8)).bytes == Array("a\nb\nc\n".utf8))
    }

    @Test func textRunMapsEveryCharacter() {
        let source = SourceText(utf8: "<p>Fish &amp;\n   chips</p>")
        var builder = TextRunBuilder()
        builder.appendVerbatim(source.bytes[3..<8], sourceStart: 3)
        builder.appendReplacement(Array("&".utf8)[...], source: SourceRange(start: 8, end: 13))
        builder.appendVerbatim(source.bytes[13..<22], sourceStart: 13)
        let run = builder.finish()
        #expect(run.text == "Fish & chips")
        #expect(run.sourceRange(ofTextRange: 5..<6) == SourceRange(start: 8, end: 13))
        #expect(source.location(of: run.sourceOffset(ofTextOffset: 7)) == SourceLocation(line: 2, column: 4))
        #expect(run.slice(7..<12).sourceRange == SourceRange(start: 17, end: 22))
    }
}
