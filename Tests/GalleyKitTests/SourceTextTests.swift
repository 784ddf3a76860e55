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
