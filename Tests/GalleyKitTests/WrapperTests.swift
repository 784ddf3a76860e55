import Testing
@testable import MarkupParser
import MarkdownParser
import PCRE
import YAMLParser

/// The thin C wrappers: what they promise callers, and the limits that keep hostile input harmless.
@Suite struct YAMLParserTests {
    @Test func keepsMarksForEveryNode() throws {
        let stream = try YAMLParser.parse(Array("title: Hello\ntags:\n  - one\n  - \"two\"\n".utf8))
        let root = try #require(stream.documents.first)
        #expect(root["title"]?.scalar == "Hello")
        #expect(root["title"]?.start == YAMLMark(line: 0, column: 7, index: 7))
        let tags = try #require(root["tags"]?.items)
        #expect(tags.map(\.scalar) == ["one", "two"])
        #expect(tags[1].start.line == 3 && tags[1].start.column == 4)
        if case .scalar(_, let style) = tags[1].content { #expect(style == .doubleQuoted) }
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let stream = try YAMLParser.parse(Array("é: ü\n".utf8))
        #expect(stream.documents.first?.pairs?.first?.value.start.column == 3)
    }

    @Test func aliasesShareTheAnchoredNode() throws {
        let stream = try YAMLParser.parse(Array("a: &x [1, 2]\nb: *x\n".utf8))
        let root = try #require(stream.documents.first)
        #expect(root["a"] === root["b"])
    }

    @Test func aliasBombStopsWithinTheBudget() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        #expect(throws: YAMLError.self) { try YAMLParser.parse(Array(yaml.utf8)) }
        do {
            _ = try YAMLParser.parse(Array(yaml.utf8))
        } catch {
            #expect(error.message.contains("expand to more than"))
        }
    }

    @Test func duplicateKeysAreReportedAndTheLastWins() throws {
        let stream = try YAMLParser.parse(Array("a: 1\nb: 2\na: 3\n".utf8))
        #expect(stream.warnings.count == 1)
        #expect(stream.warnings.first?.mark.line == 2)
        #expect(stream.documents.first?["a"]?.scalar == "3")
        #expect(stream.documents.first?.pairs?.count == 2)
    }

    @Test func depthIsLimited() throws {
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: YAMLError.self) { try YAMLParser.parse(Array(deep.utf8)) }
    }

    @Test func syntaxErrorsCarryTheirPosition() throws {
        do {
            _ = try YAMLParser.parse(Array("a: [1, 2\nb: 3\n".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.mark.line >= 1)
        }
    }

    @Test func unknownTagsAreHarmless() throws {
        let stream = try YAMLParser.parse(Array("a: !custom value\nb: !!binary aGVsbG8=\n".utf8))
        #expect(stream.documents.first?["a"]?.scalar == "value")
        #expect(stream.documents.first?["a"]?.tag == "!custom")
    }

    @Test func plainScalarsResolveToTypes() throws {
        let stream = try YAMLParser.parse(Array("a: true\nb: 12\nc: 1.5\nd: ~\ne: '12'\nf: hello\n".utf8))
        let root = try #require(stream.documents.first)
        #expect(root["a"]?.resolvedScalar == .bool(true))
        #expect(root["b"]?.resolvedScalar == .int(12))
        #expect(root["c"]?.resolvedScalar == .float(1.5))
        #expect(root["d"]?.resolvedScalar == .null)
        #expect(root["e"]?.resolvedScalar == .string("12"))
        #expect(root["f"]?.resolvedScalar == .string("hello"))
    }
}

@Suite struct PCRETests {
    @Test func compilesWithJITAndMatchesBytes() throws {
        let pattern = try PCREPattern(#"\bzebra\b"#, options: .caseInsensitive)
        #expect(pattern.isJITCompiled)
        let text = "Über Zebra and zebras and zebra."
        let ranges = pattern.matches(in: text)
        #expect(ranges.count == 2)
        #expect(ranges.first == 6..<11)
    }

    @Test func reportsTheOffsetOfABadPattern() {
        do {
            _ = try PCREPattern("a(b")
            Issue.record("expected a compile error")
        } catch {
            #expect(error.offset == 3)
            #expect(error.message.contains("missing closing parenthesis"))
        }
    }

    @Test func emptyMatchesAdvanceByCharacters() throws {
        let pattern = try PCREPattern("x*")
        #expect(pattern.matches(in: "éa").count == 3)
    }
}

@Suite struct MarkupParserTests {
    @Test func recordsOffsetsOfTagsAndText() {
        let html = Array("<p>Hi &amp; <b>bye</b></p>".utf8)
        let tree = MarkupParser.parse(html, as: .html)
        let paragraph = tree.nodes.first { $0.name == "p" }
        #expect(paragraph?.offset == 0)
        let bold = tree.nodes.first { $0.name == "b" }
        #expect(bold?.offset == 12)
        let text = tree.nodes.first { $0.kind == .text }
        #expect(text.map { String(decoding: tree.text(of: $0), as: UTF8.self) } == "Hi & ")
        #expect(text.map { Array(tree.chunks(of: $0)) } == [
            MarkupChunk(length: 3, rawStart: 3, rawEnd: 6),
            MarkupChunk(length: 1, rawStart: 6, rawEnd: 11),
            MarkupChunk(length: 1, rawStart: 11, rawEnd: 12),
        ])
    }

    @Test func htmlErrorsAreReportedNotLost() {
        let tree = MarkupParser.parse(Array("<p>Unclosed <b>bold</p>\n".utf8), as: .html)
        #expect(tree.issues.contains { $0.message.contains("Opening and ending tag mismatch") })
    }

    @Test func externalEntitiesAreNeverLoaded() {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE a [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <a>&secret;</a>
        """
        let tree = MarkupParser.parse(Array(xml.utf8), as: .xml)
        #expect(tree.entityDeclarations.first?.systemID == "file:///etc/passwd")
        #expect(!String(decoding: tree.textBytes, as: UTF8.self).contains("root:"))
    }

    @Test func billionLaughsIsStoppedQuickly() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "&lol;" : "&lol\(level - 1);"
            xml += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">\n"
        }
        xml += "]>\n<lolz>&lol9;</lolz>\n"
        let tree = MarkupParser.parse(Array(xml.utf8), as: .xml)
        #expect(tree.textBytes.count < 10_000)
    }

    @Test func xpathSelectsNodesAndReportsBadExpressions() {
        let tree = MarkupParser.parse(Array("<story><p>a</p><p>b</p></story>".utf8), as: .xml,
                                      selecting: [.init("//p"), .init("//[")])
        #expect(tree.selections.count == 2)
        #expect(tree.selections[0].map { tree.nodes[Int($0)].name } == ["p", "p"])
        #expect(tree.selections[1].isEmpty)
        #expect(tree.issues.contains { $0.message.contains("XPath") })
        #expect(MarkupParser.xpathError(in: .init("//[")) != nil)
        #expect(MarkupParser.xpathError(in: .init("//d:para", namespaces: ["d": "urn:x"])) == nil)
    }
}

@Suite struct MarkdownParserTests {
    @Test func keepsSourcePositions() {
        let tree = MarkdownParser.parse(Array("# Title\n\nSome *text*.\n".utf8))
        let heading = tree.nodes.first { $0.kind == .heading }
        #expect(heading?.headingLevel == 1)
        #expect(heading?.startLine == 1)
        let emphasis = tree.nodes.first { $0.kind == .emphasis }
        #expect(emphasis?.startLine == 3 && emphasis?.startColumn == 6)
    }

    /// cmark-gfm switches its extensions' special characters (`~`, `|`...) on in a table shared by
    /// the whole process while it parses inlines, and off again after: parses on other threads
    /// must not lose `~~strikethrough~~` (files linted in parallel once did, now and then).
    @Test func parsesOnSeveralThreadsAgree() async {
        // Short documents, some with a URL (the autolink extension attaches only then), so that
        // many parses start and finish while others are reading their inlines.
        let documents = (0..<8).map { index in
            Array((index % 2 == 0 ? "Text ~~struck~~ here.\n" : "See https://example.com and ~~struck~~.\n")
                .appending(String(repeating: "A line with *emphasis* and `code`.\n", count: index)).utf8)
        }
        let missed = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var missed = 0
                    for round in 0..<1_500 {
                        let tree = MarkdownParser.parse(documents[(round + worker) % documents.count])
                        if !tree.nodes.contains(where: { $0.kind == .strikethrough }) { missed += 1 }
                    }
                    return missed
                }
            }
            return await group.reduce(0, +)
        }
        #expect(missed == 0, "\(missed) of 6,000 parses lost their strikethrough")
    }
}
