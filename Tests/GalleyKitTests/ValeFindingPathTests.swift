import Testing
@testable import GalleyKit

/// The fast paths from a Vale match to a printed alert, each compared with the general way of
/// computing the same thing on tricky text, so that they cannot drift apart.
@Suite struct ValeFindingPathTests {
    private static let arguments = ["", "a", "word", "two  spaces", "line\nbreak", "é", "e\u{301}", "👩‍💻", "%s", "100%", " lead", "trail "]
    private static let formats = [
        "", "plain", "%s", "'%s'", "Use '%s' instead of '%s'.", "%s%s%s", "%s and %s and %s", "'%s' is not allowed.", "100%% of %s",
        "%[2]s then %s", "%q", "%5s|", "ends with %", "%d", "Consider %s", "ü %s ü", "%s\n%s", "no verbs at all, 50% off", "%%",
    ]

    @Test func templatesFillAsTheFormatterDoes() {
        for format in Self.formats {
            let template = ValeMessageTemplate(format)
            for first in Self.arguments {
                #expect(template.fill(first) == ValeMessage.format(format, [first]), "\(format) with \(first)")
                for second in Self.arguments {
                    #expect(template.fill(first, second) == ValeMessage.format(format, [first, second]), "\(format) with \(first), \(second)")
                }
            }
        }
    }

    /// `collapsingWhitespace` as it was written first: every message walked by characters.
    private static func collapsedByCharacters(_ message: String) -> String {
        var out = ""
        var lastSpace = false
        for character in message {
            let isSpace = character == " " || character == "\n"
            if isSpace {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(character)
                lastSpace = false
            }
        }
        return out
    }

    @Test func whitespaceIsCollapsedAsCharacterByCharacter() {
        var messages = ["", " ", "  ", "\n", "a b", "a  b", "a\nb", "a\r\nb", "a \r\n b", " \u{301} ", "  \u{301}", "é  è", "tab\t\tok"]
        // Pairs of spaces and line feeds at every offset around the eight-byte words.
        for length in 1...20 {
            for position in 0..<length {
                var bytes = Array(repeating: UInt8(ascii: "x"), count: length)
                bytes[position] = 0x20
                messages.append(String(decoding: bytes, as: UTF8.self))
                if position + 1 < length {
                    bytes[position + 1] = 0x20
                    messages.append(String(decoding: bytes, as: UTF8.self))
                    bytes[position + 1] = 0x0A
                    messages.append(String(decoding: bytes, as: UTF8.self))
                }
                bytes[position] = 0x0A
                messages.append(String(decoding: bytes, as: UTF8.self))
                messages.append(String(repeating: "é", count: position) + String(decoding: bytes, as: UTF8.self))
            }
        }
        for message in messages {
            #expect(ValeMessage.collapsingWhitespace(message) == Self.collapsedByCharacters(message), "\(message.debugDescription)")
        }
    }

    @Test func trimActionsDropWhatTheReversedTextDrops() {
        let matches = ["word.", "word...", "...word...", "", "...", "e\u{301}.", ".e\u{301}", "wörd!?", "a\u{301}\u{301}!!", "👩‍💻.", " spaced . "]
        let sets = [".", ".!?", " .", "\u{301}", "é", "👩‍💻"]
        for match in matches {
            for set in sets {
                let right = String(match.reversed().drop { set.contains($0) }.reversed())
                #expect(ValeAction(name: "edit", params: ["trim_right", set]).fixes(for: match) == [right.trimmingCharacters()], "\(match) \(set)")
                let both = String(String(match.drop { set.contains($0) }).reversed().drop { set.contains($0) }.reversed())
                #expect(ValeAction(name: "edit", params: ["trim", set]).fixes(for: match) == [both.trimmingCharacters()], "\(match) \(set)")
            }
        }
    }

    @Test func scalarCountsMatchTheScalarView() {
        for text in ["", "abc", "é", "e\u{301}", "👩‍💻", "日本語 text", "\u{0}", String(repeating: "ü", count: 33)] {
            #expect(ValeAlertRecord.scalarCount(text) == text.unicodeScalars.count)
        }
        // Every range of a text mixing one- to four-byte characters, across the eight-byte steps.
        let mixed = "aé日👩‍💻b" + String(repeating: "xü", count: 9) + "€😀z"
        let bytes = Array(mixed.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for from in 0...bytes.count {
                for to in from...bytes.count {
                    #expect(ByteScan.scalarCount(in: buffer, from: from, to: to) == bytes[from..<to].filter { $0 & 0xC0 != 0x80 }.count)
                }
            }
        }
    }

    @Test func lastPiecesAreThoseOfASplit() {
        let names = ["a/b/c.md", "c.md", "dir/", "dir//", "/", "//", "", "file.", "file..", ".hidden", "a.b/c", "x.py", "a/b.tar.gz", "/\u{301}a/b",
                     "a/b.p\u{301}y", "ü/ö.MD"]
        for name in names {
            for separator: Character in ["/", "."] {
                #expect(ValeSession.lastPiece(of: Substring(name), separator: separator) == name.split(separator: separator).last, "\(name) \(separator)")
            }
        }
    }

    @Test func columnsOnLongLinesCountScalars() {
        // Lines longer than the checkpoint stride, with multi-byte characters around it.
        var text = ""
        for round in 0..<6 {
            text += String(repeating: "ab", count: 100 + round * 37) + "é日本👩‍💻" + String(repeating: "x", count: 300 + round) + "\n"
        }
        let source = SourceText(utf8: text)
        var line = 1
        var column = 1
        for (offset, byte) in Array(text.utf8).enumerated() {
            if byte & 0xC0 != 0x80 {
                #expect(source.location(of: offset) == SourceLocation(line: line, column: column), "offset \(offset)")
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
    }

    @Test func matchesAreTheTextRunsSubstrings() {
        let markdown = "# Caf\u{E9} cr\u{E8}me\n\nThe e\u{301}clair and \u{1F469}\u{200D}\u{1F4BB} code, na\u{EF}ve \u{65E5}\u{672C}\u{8A9E} text_with_under 42.\n\n- item one\n- item two\n"
        let document = MarkdownReader.read(path: "a.md", source: SourceText(utf8: markdown))
        let run = ValeRun(document: ValeDocument(document))
        #expect(run.document.texts.count >= 4)
        for index in run.document.texts.indices {
            let text = run.document.text(index).run
            let count = text.utf8Count
            for start in 0...count {
                for end in start...min(count, start + 12) {
                    #expect(run.substring(index, start..<end) == text.substring(start..<end), "text \(index) \(start)..<\(end)")
                }
            }
        }
    }

    @Test func asciiLinesAreThoseOfTheByteTest() {
        for text in ["", "a", "abcdefgh", "abcdefg\u{E9}", "\u{E9}bcdefgh", String(repeating: "x", count: 17) + "\u{7F}", String(repeating: "x", count: 17) + "\u{80}"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer(LineLengths.isASCII) == bytes.allSatisfy { $0 < 0x80 }, "\(text.debugDescription)")
        }
    }

    @Test func seenStartsAnswerAsASet() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<40 {
            var seen = ValeSeenStarts()
            var set: Set<Int> = []
            var value = 0
            for _ in 0..<(round * 5) {
                // Mostly increasing, with repeats and steps back, as findings come.
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: value -= Int.random(in: 0...20, using: &generator)
                case 1: break
                default: value += Int.random(in: 1...9, using: &generator)
                }
                #expect(seen.insert(value) == set.insert(value).inserted)
            }
        }
    }

    @Test func packedOrderIsTheStableSortByStartRuleAndMessage() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<30 {
            var diagnostics: [Diagnostic] = []
            for _ in 0..<(round * 7) {
                let start = SourceLocation(line: Int.random(in: 1...6, using: &generator), column: Int.random(in: 1...5, using: &generator))
                diagnostics.append(Diagnostic(path: "a.md", range: SourceRange(at: 0), span: SourceSpan(start: start, end: start), severity: .warning,
                                              message: ["b", "a", "a"].randomElement(using: &generator)!, ruleID: ["Z.x", "A.y", "M.z"].randomElement(using: &generator)!))
            }
            let packed = diagnostics.withUnsafeBufferPointer(RuleEngine.packedOrder)
            let general = diagnostics.withUnsafeBufferPointer { items in Array(items.indices).sorted { Diagnostic.sortedOrder(items[$0], items[$1]) } }
            #expect(packed == general)
        }
    }

    @Test func containsIsTheCharactersContains() {
        for text in ["a.md", "noext", "", "caf\u{E9}.md", ".\u{301}md", "a\r\n.b", "x/.\u{301}"] {
            for character: Character in [".", "/", "\r\n", "\u{E9}"] {
                #expect(ValeSession.contains(text, character) == text.contains(character), "\(text.debugDescription) \(character)")
            }
        }
    }

    @Test func decimalsAreWrittenAsInterpolationWritesThem() {
        for value in Array(-12...1_200) + [9_999, 10_000, 99_999, 100_000, 1_000_001, Int.max, Int.min] {
            var out: [UInt8] = []
            ValeOutput.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "\(value)")
        }
    }
}
