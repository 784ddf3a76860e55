import Testing
@testable import GalleyKit

/// Edits made on normalized text land on the file's own bytes: every encoding, byte-order mark
/// and line ending Galley reads, checked by decoding the edited file again.
@Suite struct SourceOriginTests {
    static let text = "Title 😀 é\nWe utilize tools.\nLast line ü𝄞 end\n"

    enum Shape: String, CaseIterable, CustomStringConvertible {
        case utf8, utf8BOM, crlf, crlfBOM, loneCR, utf16LE, utf16BE, utf16LECRLF, utf16BECR
        var description: String { rawValue }

        func encode(_ text: String) -> [UInt8] {
            let lines: String
            switch self {
            case .crlf, .crlfBOM, .utf16LECRLF: lines = text.replacingOccurrences("\n", "\r\n")
            case .loneCR, .utf16BECR: lines = text.replacingOccurrences("\n", "\r")
            default: lines = text
            }
            switch self {
            case .utf8, .crlf, .loneCR: return Array(lines.utf8)
            case .utf8BOM, .crlfBOM: return [0xEF, 0xBB, 0xBF] + Array(lines.utf8)
            case .utf16LE, .utf16LECRLF: return [0xFF, 0xFE] + lines.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            case .utf16BE, .utf16BECR: return [0xFE, 0xFF] + lines.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            }
        }
    }

    @Test(arguments: Shape.allCases)
    func everyEditLandsWhereItsTextWas(shape: Shape) {
        let raw = shape.encode(Self.text)
        let source = SourceText(decoding: raw)
        #expect(source.bytes == Array(Self.text.utf8))
        // Replace every word, one at a time and all at once, and insert a line break.
        let words = Array(Self.text.utf8).split(separator: 0x20)
        var edits: [TextEdit] = []
        for word in words where !word.isEmpty {
            let range = SourceRange(start: word.startIndex, end: word.endIndex)
            edits.append(TextEdit(range: range, replacement: "«\(word.count)»", in: source))
        }
        for edit in edits + [TextEdit(range: SourceRange(at: 5), replacement: "\n", in: source)] {
            let expected = Array(source.bytes[..<edit.range.start]) + Array(edit.replacement.utf8) + Array(source.bytes[edit.range.end...])
            let edited = FileEdits.apply([edit], to: raw, source: source)
            #expect(SourceText(decoding: edited).bytes == expected, "\(shape): \(edit.range)")
            #expect(SourceText(decoding: edited).origin == SourceText(decoding: raw).origin.withAnchors(of: edited), "\(shape): encoding kept")
        }
        var expected = source.bytes
        for edit in edits.reversed() { expected.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.replacement.utf8)) }
        #expect(SourceText(decoding: FileEdits.apply(edits, to: raw, source: source)).bytes == expected)
    }

    @Test func insertedLineBreaksFollowTheFile() {
        for (raw, lineBreak) in [("a\r\nb", "\r\n"), ("a\rb", "\r"), ("a\nb", "\n"), ("ab", "\n")] {
            let source = SourceText(decoding: Array(raw.utf8))
            let edited = FileEdits.apply([TextEdit(range: SourceRange(at: 0), replacement: "x\n", in: source)], to: Array(raw.utf8), source: source)
            #expect(edited == Array(("x" + lineBreak + raw).utf8))
        }
    }

    @Test func invalidBytesKeepTheirPlace() {
        let raw = Array("ok ".utf8) + [0xC3, 0x28] + Array(" utilize\r\nend".utf8)
        let source = SourceText(decoding: raw)
        let start = String(decoding: source.bytes, as: UTF8.self).utf8.count - "utilize\nend".utf8.count
        let edited = FileEdits.apply([TextEdit(range: SourceRange(start: start, end: start + 7), replacement: "use", in: source)], to: raw, source: source)
        #expect(edited == Array("ok ".utf8) + [0xC3, 0x28] + Array(" use\r\nend".utf8))
    }

    @Test func plainFilesKeepNoAnchors() {
        #expect(SourceText(utf8: "plain\ntext é\n").origin.isIdentity)
        #expect(SourceText(decoding: Array("a\r\nb\r\nc".utf8)).origin.anchors.count == 2)
    }
}

extension SourceOrigin {
    /// The same encoding, mark and line break with another text's anchors (they move with edits).
    func withAnchors(of raw: [UInt8]) -> SourceOrigin {
        var copy = SourceText(decoding: raw).origin
        copy.encoding = encoding
        copy.hasByteOrderMark = hasByteOrderMark
        copy.lineBreak = lineBreak
        return copy
    }
}
