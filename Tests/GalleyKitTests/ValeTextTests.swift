import Foundation
import Testing
@testable import GalleyKit

/// Vale's text of each block, built in a scratch buffer shared by a document's texts, against a
/// plain reading that builds each text on its own, byte by byte (the way it was built before):
/// the same text, the same map to the source, the same word-form flags, the same grams.
@Suite struct ValeTextTests {
    /// Markdown and HTML where Vale's view differs from Galley's: inline code (at the start of
    /// a block, between words, at the end), soft and hard line breaks (also CRLF), curly quotes
    /// (also next to code and line ends), entities, escapes, double spaces, non-ASCII letters,
    /// marks and joiners, emoji, empty and one-byte blocks.
    static let articles: [(path: String, text: String)] = [
        ("a.md", "`code` first, then words.\n\nA `b` c ``d ` e`` f `` g\n\nEnd with `code`\n"),
        ("b.md", "Line one\nline two\r\nline three\rfour.\n\nHard  \nbreak and\\\nslash.\n"),
        ("c.md", "\u{2018}Quoted\u{2019} and \u{201C}double\u{201D}\n\u{201C}at line start\u{201D} `x`\u{2019}s\n"),
        ("d.md", "Entities &amp; &copy; &#x2019; &#8220;x&#8221; and \\*escapes\\* \\`not code\\`.\n"),
        ("e.md", "Two  spaces.  Tab\there. caf\u{E9} cafe\u{301} e\u{301}\u{301}x a\u{200D}b \u{200C}c x_1 \u{212A}elvin \u{17F}ong\n"),
        ("f.md", "# Heading with `code` and \u{2019}\n\n- item `one`\n- item\n  two\n\n> quote\n> more `q`\n\n| a | `b` |\n|---|---|\n| c\u{2019} | d |\n"),
        ("g.md", "\u{1F44D}\u{1F3FD} \u{1F468}\u{200D}\u{1F469} \u{4E2D}\u{6587}\u{3002} \u{0663}\u{0664} \u{2167} \u{BD}\n\nx\n\n`only code`\n\n![alt `t` \u{2019}](i.png)\n"),
        ("h.html", "<html><body><article><h1>Title <code>x</code></h1><p>Some <code>code</code> here,\nline <kbd>Ctrl</kbd> and <tt>tt</tt>.</p>"
            + "<p>&ldquo;Quotes&rdquo; &amp; \u{2019}curly\u{2019}<br>break</p><p><code>first</code> words</p></article></body></html>"),
        ("i.xml", "<article><title>T \u{2019}</title><para>Text <code>c</code>\nmore.</para><para>\u{201C}q\u{201D}</para></article>"),
        ("j.md", "Ends in code `c`\n\nA\n\n\u{2019}\n\n`a` `b` `c`\n\nWord`glued`word and `` `tick` ``.\n"),
    ]

    @Test func blockTextsMatchThePlainReading() throws {
        for article in Self.articles {
            try compare(path: article.path, bytes: Array(article.text.utf8))
        }
    }

    /// The same on every article among the fixtures (Markdown, MDX, HTML, XML, YAML).
    @Test func fixtureTextsMatchThePlainReading() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        var compared = 0
        for file in files.sorted() where DocumentFormat(path: file) != nil {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else { continue }
            try compare(path: file, bytes: [UInt8](data))
            compared += 1
        }
        #expect(compared > 50)
    }

    private func compare(path: String, bytes: [UInt8]) throws {
        let format = try #require(DocumentFormat(path: path))
        let document = ArticleFormats.read(path: path, bytes: bytes, format: format)
        let vale = ValeDocument(document)
        let source = document.source.bytes
        for (index, block) in document.blocks.enumerated() {
            let expected = Self.plainText(block.text, source: source, format: format, blockStart: block.range.start)
            let text = vale.text(index)
            try Self.expectSame(text, expected, "\(path) block \(index) \(block.text.text.debugDescription)")
        }
        let raw = ValeText(raw: document.source)
        try Self.expectSame(raw, Self.plainRaw(source), "\(path) raw")
    }

    private static func expectSame(_ text: ValeText, _ expected: (text: [UInt8], pieces: [[Int]], exact: Bool), _ what: String) throws {
        var string = text.run.text
        let bytes = string.withUTF8 { Array($0) }
        #expect(bytes == expected.text, "\(what): \(text.run.text.debugDescription)")
        #expect(text.run.pieces.map { [$0.text.lowerBound, $0.text.upperBound, $0.source.lowerBound, $0.source.upperBound] } == expected.pieces, "\(what)")
        #expect(text.needsExactWords == expected.exact, "\(what)")
        #expect(text.isASCII == expected.text.allSatisfy { $0 < 0x80 }, "\(what)")
        // Grams gathered on the first question equal grams gathered up front.
        let eager = expected.text.withUnsafeBufferPointer { ValeTextGrams($0) }
        for byte in UInt8.min...UInt8.max where text.grams.holds(byte) != eager.holds(byte) {
            Issue.record("\(what): byte \(byte)")
        }
        for key in 0..<ValeTextGrams.pairBits where text.grams.holds(pairKey: key) != eager.holds(pairKey: key) {
            Issue.record("\(what): pair \(key)")
        }
        #expect(text.grams.isASCII == eager.isASCII && text.grams.holdsCaselessKin == eager.holdsCaselessKin, "\(what)")
    }

    // MARK: - The plain reading

    /// Vale's text of one block, built on its own, one byte at a time.
    static func plainText(_ run: TextRun, source: [UInt8], format: DocumentFormat, blockStart: Int?) -> (text: [UInt8], pieces: [[Int]], exact: Bool) {
        var bytes: [UInt8] = []
        var pieces: [[Int]] = []
        var exact = false
        func emit(_ text: some Collection<UInt8>, from sourceRange: Range<Int>) {
            let start = bytes.count
            bytes.append(contentsOf: text)
            pieces.append([start, bytes.count, sourceRange.lowerBound, sourceRange.upperBound])
        }
        let text = Array(run.text.utf8)
        let runPieces = run.pieces
        if let blockStart, let first = runPieces.first, blockStart < first.source.lowerBound,
           let stars = ValeText.maskedCode(source, blockStart..<first.source.lowerBound, format: format) {
            emit(stars.utf8, from: blockStart..<first.source.lowerBound)
            emit(" ".utf8, from: first.source.lowerBound..<first.source.lowerBound)
        }
        for (position, piece) in runPieces.enumerated() {
            let nextSource = position + 1 < runPieces.count ? runPieces[position + 1].source.lowerBound : piece.source.upperBound
            if piece.text.count != piece.source.count {
                let isSpace = piece.text.count == 1 && text[piece.text.lowerBound] == 0x20
                let region = piece.source.lowerBound..<max(piece.source.upperBound, nextSource)
                if isSpace, let stars = ValeText.maskedCode(source, region, format: format) {
                    emit((" " + stars + " ").utf8, from: piece.source)
                } else if isSpace, source[region.clamped(to: 0..<source.count)].contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                    emit([0x0A], from: piece.source)
                } else if isSpace, !piece.source.isEmpty, piece.source.upperBound <= source.count,
                          source[piece.source].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    emit(source[piece.source], from: piece.source)
                } else {
                    let replaced = String(decoding: text[piece.text], as: UTF8.self)
                    exact = exact || replaced.unicodeScalars.contains(where: ValeCharacters.needsExact)
                    emit(straightened(Array(text[piece.text])), from: piece.source)
                }
                continue
            }
            var runStart = piece.text.lowerBound
            var index = piece.text.lowerBound
            let shift = piece.source.lowerBound - piece.text.lowerBound
            func flush(to end: Int) {
                if end > runStart { emit(text[runStart..<end], from: (runStart + shift)..<(end + shift)) }
            }
            while index < piece.text.upperBound {
                let byte = text[index]
                let sourceIndex = index + shift
                if byte == 0x20, sourceIndex < source.count, source[sourceIndex] == 0x0A || source[sourceIndex] == 0x0D {
                    flush(to: index)
                    emit([0x0A], from: sourceIndex..<sourceIndex + 1)
                    index += 1
                    runStart = index
                    continue
                }
                if byte == 0xE2, index + 2 < piece.text.upperBound, text[index + 1] == 0x80, let straight = ValeText.straightQuote(text[index + 2]) {
                    flush(to: index)
                    emit([straight], from: sourceIndex..<sourceIndex + 3)
                    index += 3
                    runStart = index
                    continue
                }
                if byte & 0xC0 != 0x80, byte >= 0x80 {
                    let scalar = String(decoding: text[index...].prefix(4), as: UTF8.self).unicodeScalars.first!
                    exact = exact || ValeCharacters.needsExact(scalar)
                }
                index += 1
            }
            flush(to: piece.text.upperBound)
            if piece.source.upperBound < nextSource, let stars = ValeText.maskedCode(source, piece.source.upperBound..<nextSource, format: format) {
                emit(stars.utf8, from: piece.source.upperBound..<nextSource)
            }
        }
        return (bytes, pieces, exact)
    }

    /// The whole file as the `raw` scope reads it, built one byte at a time.
    static func plainRaw(_ source: [UInt8]) -> (text: [UInt8], pieces: [[Int]], exact: Bool) {
        var bytes: [UInt8] = []
        var pieces: [[Int]] = []
        var runStart = 0
        var index = 0
        func flush(_ end: Int) {
            guard end > runStart else { return }
            pieces.append([bytes.count, bytes.count + end - runStart, runStart, end])
            bytes.append(contentsOf: source[runStart..<end])
        }
        while index < source.count {
            if source[index] == 0xE2, index + 2 < source.count, source[index + 1] == 0x80, let straight = ValeText.straightQuote(source[index + 2]) {
                flush(index)
                pieces.append([bytes.count, bytes.count + 1, index, index + 3])
                bytes.append(straight)
                index += 3
                runStart = index
                continue
            }
            index += 1
        }
        flush(source.count)
        let exact = String(decoding: source, as: UTF8.self).unicodeScalars.contains(where: ValeCharacters.needsExact)
        return (bytes, pieces, exact)
    }

    private static func straightened(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, let straight = ValeText.straightQuote(bytes[index + 2]) {
                out.append(straight)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
