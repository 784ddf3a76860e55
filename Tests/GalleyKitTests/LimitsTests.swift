import Foundation
import Testing
@testable import GalleyKit

/// Depth and size: deep nesting never overflows the stack (documents are walked iteratively),
/// files over the size limit are skipped with a warning that names it, and big files under a
/// raised limit finish in bounded memory. Inputs are generated; nothing here is timed.
@Suite struct LimitsTests {
    @Test func hundredThousandDeepHTML() throws {
        let depth = 100_000
        let html = "<html><body><p>A zebra.</p>" + String(repeating: "<div>", count: depth) + "deep zebra" + String(repeating: "</div>", count: depth) + "</body></html>\n"
        let folder = try HostileSupport.folder(["deep.html": html])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "deep.html"], inputs: [folder], in: folder)
        #expect(run.status == 1)
        #expect(run.lines == [
            "deep.html:1:18: warning: read 'zebra' [zebra]",
            "deep.html:1:1307: error: elements nest deeper than 256 levels; the rest of the document is not read [parse-error]",
        ])
    }

    @Test func twentyThousandDeepBlockQuotes() throws {
        let depth = 20_000
        let markdown = "# Quotes\n\n" + String(repeating: "> ", count: depth) + "A zebra, deep down.\n"
        let folder = try HostileSupport.folder(["quotes.md": markdown])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "quotes.md"], inputs: [folder], in: folder)
        #expect(run.status == 0)
        #expect(run.lines == ["quotes.md:3:\(2 * depth + 3): warning: read 'zebra' [zebra]"])
        let document = ArticleFormats.read(path: "quotes.md", bytes: Array(markdown.utf8), format: .markdown)
        #expect(document.blocks.last?.isQuoted == true)
        #expect(document.blocks.last?.text.text == "A zebra, deep down.")
    }

    @Test func threeThousandDeepLists() throws {
        let depth = 3_000
        var markdown = "# Lists\n\n"
        for level in 0..<depth { markdown += String(repeating: "  ", count: level) + "- zebra \(level)\n" }
        var html = "<html><body>"
        for level in 0..<depth { html += "<ul><li>zebra \(level)" }
        html += String(repeating: "</li></ul>", count: depth) + "</body></html>\n"
        let folder = try HostileSupport.folder(["lists.md": markdown, "lists.html": html])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "lists.md", "lists.html"], inputs: [folder], in: folder)
        #expect(run.status == 1)
        let markdownLines = run.lines.filter { $0.hasPrefix("lists.md:") }
        #expect(markdownLines.count == depth)
        #expect(markdownLines.last == "lists.md:\(depth + 2):\(2 * (depth - 1) + 3): warning: read 'zebra' [zebra]")
        // libxml2 stops at 256 nested elements (128 lists), and says so.
        #expect(run.lines.contains { $0.hasPrefix("lists.html:") && $0.hasSuffix("elements nest deeper than 256 levels; the rest of the document is not read [parse-error]") })
        let document = ArticleFormats.read(path: "lists.md", bytes: Array(markdown.utf8), format: .markdown)
        #expect(document.lists.count == depth)
        #expect(document.lists.last?.parent == depth - 2)
    }

    @Test func filesOverTheLimitAreSkippedWithAWarningNamingIt() throws {
        let big = [UInt8]("# Big\n\nA zebra.\n".utf8) + [UInt8](repeating: 0x41, count: 11 << 20)
        let folder = try HostileSupport.folder(["big.md": big, "small.md": Array("# Small\n\nA zebra.\n".utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "."], inputs: [folder], in: folder)
        #expect(run.status == 0)
        #expect(run.lines == [
            "big.md:1:1: warning: skipped: the file is 11 MB, over the limit of 10 MB (raise it with --max-file-size) [skipped-file]",
            "small.md:3:3: warning: read 'zebra' [zebra]",
        ])
        let lowered = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "--max-file-size", "10", "small.md"], inputs: [folder], in: folder)
        #expect(lowered.lines == ["small.md:1:1: warning: skipped: the file is 18 bytes, over the limit of 10 bytes (raise it with --max-file-size) [skipped-file]"])
        let raised = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "--max-file-size", "12M", "big.md"], inputs: [folder], in: folder)
        #expect(raised.lines == ["big.md:3:3: warning: read 'zebra' [zebra]"])
    }

    /// 50 MB of prose in every line-oriented format Galley reads: read whole under a raised
    /// limit, with memory bounded by a small multiple of the input.
    @Test(arguments: ["md", "html"])
    func fiftyMegabytesUnderARaisedLimit(format: String) throws {
        let sentence = "The quick brown fox jumps over the lazy dog and keeps on running through the field. "
        var article = format == "md" ? "---\ntitle: Fifty megabytes\n---\n# Fifty megabytes\n\n" : "<html><head><title>Fifty megabytes</title></head><body>\n"
        var section = 0
        while article.utf8.count < 50 << 20 {
            section += 1
            let paragraph = String(repeating: sentence, count: 6)
            article += format == "md" ? "## Section \(section)\n\n\(paragraph)\n\n\(paragraph)zebra\n\n" : "<h2>Section \(section)</h2>\n<p>\(paragraph)</p>\n<p>\(paragraph)zebra</p>\n"
        }
        if format == "html" { article += "</body></html>\n" }
        let folder = try HostileSupport.folder(["big.\(format)": article])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "--max-file-size", "60M", "big.\(format)"],
                                                   inputs: [folder], in: folder, timeout: 900)
        #expect(run.status == 0)
        #expect(run.lines.count == section)
        // The input itself must show up in the peak, or the measurement measured nothing.
        #expect(run.peakKilobytes > 50_000 && run.peakKilobytes < 2_000_000, "peak \(run.peakKilobytes) KB for 50 MB")
    }

    /// Minified HTML: one 3 MB line with 30,000 findings. Columns are found from checkpoints and
    /// fingerprints hash the text around each finding, so this is linear, not quadratic.
    @Test func oneLongLineWithManyFindings() throws {
        let count = 30_000
        let html = "<html><body>" + String(repeating: "<p>A zebra in a paragraph of a minified page with some more words.</p>", count: count) + "</body></html>"
        let folder = try HostileSupport.folder(["minified.html": html])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for format in ["gcc", "pretty", "json"] {
            let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "--format", format, "minified.html"],
                                                       inputs: [folder], in: folder, timeout: 600)
            #expect(run.status == 0)
            if format == "gcc" {
                #expect(run.lines.count == count)
                #expect(run.lines.last == "minified.html:1:\(12 + 70 * (count - 1) + 6): warning: read 'zebra' [zebra]")
            }
            #expect(run.stdout.utf8.count < 50 << 20, "\(format): the long line is not quoted under each finding")
        }
    }

    @Test func columnsFarIntoALineMatchAPlainCount() {
        let line = (0..<20_000).map { $0 % 7 == 0 ? "é" : "a" }.joined()
        let source = SourceText(utf8: "first\n" + line + "\nlast\n")
        let start = source.lineStarts[1]
        var offset = start
        var column = 1
        var checked = 0
        while offset < source.lineEnd(2) {
            if checked % 97 == 0 || column > 19_990 {
                #expect(source.location(of: offset) == SourceLocation(line: 2, column: column))
                #expect(source.offset(line: 2, column: column) == offset)
            }
            offset += source.bytes[offset] >= 0x80 ? 2 : 1
            column += 1
            checked += 1
        }
        #expect(source.offset(line: 2, column: 1_000_000) == source.lineEnd(2))
        #expect(source.location(of: source.lineEnd(2)) == SourceLocation(line: 2, column: 20_001))
    }
}
