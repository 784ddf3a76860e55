import Foundation
import Testing
@testable import GalleyKit

/// Byte-order marks, UTF-16, invalid UTF-8, binary content and every kind of line ending, as
/// users meet them: through `galley lint`, with exact positions.
@Suite struct EncodingHardeningTests {
    @Test func encodingsAreReadOrSkippedWithTheReason() throws {
        let run = try HostileSupport.lintUnchanged(["lint", "Fixtures/hostile/encoding"], inputs: ["Fixtures/hostile"])
        #expect(run.status == 0)
        #expect(run.lines == [
            "Fixtures/hostile/encoding/invalid-utf8.md:3:3: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/encoding/invalid-utf8.md:3:16: warning: invalid UTF-8 byte 0xFF replaced with U+FFFD [encoding]",
            "Fixtures/hostile/encoding/invalid-utf8.md:3:17: warning: invalid UTF-8 byte 0xFE replaced with U+FFFD [encoding]",
            "Fixtures/hostile/encoding/invalid-utf8.md:3:26: warning: invalid UTF-8 byte 0xC3 replaced with U+FFFD [encoding]",
            "Fixtures/hostile/encoding/invalid-utf8.md:3:45: warning: invalid UTF-8 byte 0xE2 replaced with U+FFFD [encoding]",
            "Fixtures/hostile/encoding/invalid-utf8.md:5:3: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/encoding/nul-bytes.md:1:1: note: skipped: the file holds NUL bytes, so it looks binary, not text [skipped-file]",
            "Fixtures/hostile/encoding/utf16be-unpaired-surrogate.html:1:1: note: file is UTF-16BE; read as Unicode [encoding]",
            "Fixtures/hostile/encoding/utf16be-unpaired-surrogate.html:3:6: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/encoding/utf16be-unpaired-surrogate.html:3:18: warning: invalid UTF-16BE: unpaired surrogate 0xD800 replaced with U+FFFD [encoding]",
            "Fixtures/hostile/encoding/utf16be-unpaired-surrogate.html:3:50: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/encoding/utf16le-bom.md:1:1: note: file is UTF-16LE; read as Unicode [encoding]",
            "Fixtures/hostile/encoding/utf16le-bom.md:3:3: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/encoding/utf32le-bom.md:1:1: note: skipped: the file is UTF-32LE, which Galley does not read; save it as UTF-8 [skipped-file]",
            "Fixtures/hostile/encoding/utf8-bom.md:3:3: warning: read 'zebra' [zebra]",
        ])
    }

    /// Every invalid byte anywhere, of every kind: no crash, every replacement at its place,
    /// twenty listed and the rest counted.
    @Test func manyInvalidSequencesAreCappedNotFatal() throws {
        var bytes = Array("# Noise\n\n".utf8)
        for value in 0x80...0xFF { bytes += [UInt8(value), 0x20] }
        bytes += [0xF0, 0x9F, 0x98, 0x80] + Array(" valid emoji, then cut ".utf8) + [0xF0, 0x9F, 0x98] + Array(" zebra\n".utf8)
        let source = SourceText(decoding: bytes)
        #expect(source.issues.count == SourceDecoder.maxReportedEncodingIssues + 1)
        #expect(source.issues.last?.message == "109 more invalid UTF-8 sequences replaced with U+FFFD, not listed")
        #expect(String(decoding: source.bytes, as: UTF8.self).hasSuffix("\u{1F600} valid emoji, then cut \u{FFFD} zebra\n"))
        let folder = try HostileSupport.folder(["noise.md": bytes])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "noise.md"], inputs: [folder], in: folder)
        #expect(run.status == 0)
        #expect(run.lines.count == 22)
        #expect(run.lines.last == "noise.md:3:283: warning: read 'zebra' [zebra]")
    }

    @Test func utf16WithAnOddLastByteOrLoneSurrogates() {
        let little = SourceText(decoding: [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xDC, 0x42, 0x00, 0x0D, 0x00, 0x0A, 0x00, 0x43])
        #expect(String(decoding: little.bytes, as: UTF8.self) == "A\u{FFFD}B\n\u{FFFD}")
        #expect(little.issues.map(\.message) == [
            "file is UTF-16LE; read as Unicode",
            "invalid UTF-16LE: unpaired surrogate 0xDC00 replaced with U+FFFD",
            "invalid UTF-16LE: odd last byte replaced with U+FFFD",
        ])
        #expect(little.issues.map { little.location(of: $0.offset) } == [
            SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 2), SourceLocation(line: 2, column: 1),
        ])
        let big = SourceText(decoding: [0xFE, 0xFF, 0xD8, 0x3D, 0xDE, 0x00, 0x00, 0x0D, 0x00, 0x61])
        #expect(String(decoding: big.bytes, as: UTF8.self) == "\u{1F600}\na")
        #expect(big.issues.count == 1)
    }

    /// The same article with LF, CRLF and lone CR line endings, in every format: identical
    /// output, line for line and column for column.
    @Test(arguments: ["explainer/explainer.md", "explainer/explainer.html", "explainer/explainer.xml", "explainer/explainer.yml",
                      "locations/probe.md", "locations/probe.html", "locations/probe.xml", "locations/probe.yml", "defective/skipped-levels.md",
                      "suppressions/suppressed.md", "faq/details.html"])
    func lineEndingsReportTheSameLinesAndColumns(fixture: String) throws {
        let bytes = try TestSupport.fixtureBytes(fixture)
        let name = String(fixture.split(separator: "/").last!)
        let variants: [String: [UInt8]] = [
            "lf/" + name: bytes,
            "crlf/" + name: bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] },
            "cr/" + name: bytes.map { $0 == 0x0A ? 0x0D : $0 },
        ]
        let folder = try HostileSupport.folder(variants)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var outputs: [String: String] = [:]
        for variant in ["lf", "crlf", "cr"] {
            let lint = try HostileSupport.lintUnchanged(["lint", "--format", "pretty", variant + "/" + name], inputs: [folder], in: folder)
            let dump = try HostileSupport.lintUnchanged(["dump", variant + "/" + name], inputs: [folder], in: folder)
            outputs[variant] = (lint.stdout + dump.stdout).replacingOccurrences(of: variant + "/", with: "")
            #expect(!lint.stdout.contains("\r") && !dump.stdout.contains("\r"))
        }
        #expect(outputs["lf"]?.contains("blocks:") == true, "the dump is there to compare")
        #expect(outputs["crlf"] == outputs["lf"])
        #expect(outputs["cr"] == outputs["lf"])
    }
}
