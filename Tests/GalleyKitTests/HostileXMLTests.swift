import Foundation
import Testing
@testable import GalleyKit
import MarkupParser

#if canImport(Glibc)
import Glibc
#endif

/// XML that tries to reach the network or the disk, or to blow up: every attempt is refused and
/// named in a diagnostic, never carried out, and the rest of the document is still read.
@Suite struct HostileXMLTests {
    @Test func externalEntitiesAreNamedAndNeverLoaded() throws {
        let run = try HostileSupport.lintUnchanged(["lint", "Fixtures/hostile/xml/external-entity.xml"], inputs: ["Fixtures/hostile"])
        #expect(run.status == 0)
        #expect(run.lines == [
            "Fixtures/hostile/xml/external-entity.xml:3:3: warning: external entity 'secret' (file:///etc/passwd) is not loaded [external-entity]",
            "Fixtures/hostile/xml/external-entity.xml:4:3: warning: external entity 'remote' (http://127.0.0.1:9/leak) is not loaded [external-entity]",
            "Fixtures/hostile/xml/external-entity.xml:8:11: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/xml/external-entity.xml:8:24: warning: entity reference '&secret;' is not expanded; the text of its 2 references is not checked [external-entity]",
            "Fixtures/hostile/xml/external-entity.xml:8:43: warning: entity reference '&remote;' is not expanded; its text is not checked [external-entity]",
        ])
    }

    @Test func parameterEntitiesAndExternalDTDsAreNeverLoaded() throws {
        let run = try HostileSupport.lintUnchanged(["lint", "Fixtures/hostile/xml/external-parameter-entity.xml", "Fixtures/hostile/xml/external-dtd.xml",
                                                    "Fixtures/hostile/xml/xinclude.xml"], inputs: ["Fixtures/hostile"])
        #expect(run.status == 0)
        #expect(run.lines == [
            "Fixtures/hostile/xml/external-dtd.xml:2:1: note: the external DTD (file:///etc/passwd) is not loaded; entities it defines are not expanded [external-entity]",
            "Fixtures/hostile/xml/external-dtd.xml:5:11: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/xml/external-parameter-entity.xml:3:3: warning: external entity 'stolen' (file:///etc/passwd) is not loaded [external-entity]",
            "Fixtures/hostile/xml/external-parameter-entity.xml:8:11: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/xml/xinclude.xml:4:11: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/xml/xinclude.xml:4:18: note: XInclude of 'file:///etc/passwd' is not processed; the included text is not checked [external-entity]",
        ])
    }

    /// A secret of our own on disk, pointed at in every way XML can point at a file: its marker
    /// never appears in anything Galley prints, in any format, nor in the document model.
    @Test func noLocalFileLeaksIntoOutput() throws {
        let marker = "GALLEY-SECRET-\(UUID().uuidString)"
        let folder = try HostileSupport.folder(["secret.txt": "\(marker)\n", "secret.dtd": "<!ENTITY leak \"\(marker)\">\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secret = "file://\(folder)/secret.txt"
        let dtd = "file://\(folder)/secret.dtd"
        let documents = [
            "entity.xml": "<!DOCTYPE a [<!ENTITY s SYSTEM \"\(secret)\">]>\n<article xmlns=\"http://docbook.org/ns/docbook\"><title>&s;</title><para>&s;</para></article>\n",
            "relative.xml": "<!DOCTYPE a [<!ENTITY s SYSTEM \"secret.txt\">]>\n<article xmlns=\"http://docbook.org/ns/docbook\"><para>&s;</para></article>\n",
            "parameter.xml": "<!DOCTYPE a [<!ENTITY % p SYSTEM \"\(dtd)\"> %p;]>\n<article xmlns=\"http://docbook.org/ns/docbook\"><para>&leak;</para></article>\n",
            "dtd.xml": "<!DOCTYPE article SYSTEM \"\(dtd)\">\n<article xmlns=\"http://docbook.org/ns/docbook\"><para>&leak;</para></article>\n",
            "xinclude.xml": "<article xmlns=\"http://docbook.org/ns/docbook\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><para><xi:include href=\"\(secret)\" parse=\"text\"/></para></article>\n",
            "attribute.xml": "<!DOCTYPE a [<!ENTITY s SYSTEM \"\(secret)\">]>\n<article xmlns=\"http://docbook.org/ns/docbook\"><para><link xlink:href=\"&s;\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">x</link></para></article>\n",
            "page.xhtml": "<!DOCTYPE html [<!ENTITY s SYSTEM \"\(secret)\">]>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>&s;</title></head><body><p>&s;</p></body></html>\n",
        ]
        for (name, text) in documents { try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        for format in ["gcc", "json", "sarif", "pretty"] {
            let run = try HostileSupport.lintUnchanged(["lint", "--format", format, "."], inputs: [folder], in: folder)
            #expect(!run.stdout.contains(marker) && !run.stderr.contains(marker), "\(format)")
            #expect(run.status == 1, "\(format): the house style finds errors, nothing else goes wrong")
        }
        let dump = try HostileSupport.galley(["dump"] + documents.keys.sorted(), in: folder)
        #expect(dump.status == 0)
        #expect(!dump.stdout.contains(marker))
        for (name, text) in documents {
            let tree = MarkupParser.parse(Array(text.utf8), as: .xml)
            #expect(!String(decoding: tree.textBytes, as: UTF8.self).contains(marker), "\(name)")
            #expect(!tree.attributes.contains { $0.value.contains(marker) }, "\(name)")
        }
    }

    /// A listening socket on the loopback interface: XML that names it in every way must not
    /// make Galley connect to it.
    @Test func nothingReachesTheNetwork() throws {
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(server >= 0)
        defer { close(server) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(server, $0, length) == 0 && getsockname(server, $0, &length) == 0 }
        }
        #expect(bound && listen(server, 16) == 0)
        let url = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/galley"
        let documents = [
            "entity.xml": "<!DOCTYPE a [<!ENTITY s SYSTEM \"\(url)/entity\">]>\n<article xmlns=\"http://docbook.org/ns/docbook\"><para>&s;</para></article>\n",
            "parameter.xml": "<!DOCTYPE a [<!ENTITY % p SYSTEM \"\(url)/parameter\"> %p;]>\n<article xmlns=\"http://docbook.org/ns/docbook\"><para>x</para></article>\n",
            "dtd.xml": "<!DOCTYPE article PUBLIC \"-//x//y\" \"\(url)/dtd\">\n<article xmlns=\"http://docbook.org/ns/docbook\"><para>x</para></article>\n",
            "xinclude.xml": "<article xmlns=\"http://docbook.org/ns/docbook\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"\(url)/xinclude\"/></article>\n",
            "schema.xml": "<article xmlns=\"http://docbook.org/ns/docbook\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"\(url)/xsd\"><para>x</para></article>\n",
            "page.html": "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"\(url)/html-dtd\">\n<html><head><link rel=\"stylesheet\" href=\"\(url)/css\"></head><body><p>x<img src=\"\(url)/img\"></p></body></html>\n",
        ]
        let folder = try HostileSupport.folder(documents)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "."], inputs: [folder], in: folder)
        #expect(run.status == 1)
        #expect(fcntl(server, F_SETFL, O_NONBLOCK) == 0)
        let connection = accept(server, nil, nil)
        #expect(connection < 0, "galley connected to \(url)")
        if connection >= 0 { close(connection) }
    }

    @Test func billionLaughsStopsAtOnceWithADiagnostic() throws {
        let run = try HostileSupport.lintUnchanged(["lint", "Fixtures/hostile/xml/billion-laughs.xml"], inputs: ["Fixtures/hostile"], timeout: 60)
        #expect(run.status == 1)
        #expect(run.lines == [
            "Fixtures/hostile/xml/billion-laughs.xml:16:11: warning: read 'zebra' [zebra]",
            "Fixtures/hostile/xml/billion-laughs.xml:16:29: error: entity expansion stopped: the entities refer to each other in a loop or expand too much [parse-error]",
        ])
        #expect(run.peakKilobytes < 200_000)
        let tree = MarkupParser.parse(try TestSupport.fixtureBytes("hostile/xml/billion-laughs.xml"), as: .xml)
        #expect(tree.textBytes.count < 10_000)
    }

    /// One 100 KB entity referenced 50,000 times (the "quadratic blow-up"): no expansion, one
    /// warning for all the references, and it finishes.
    @Test func quadraticBlowupIsOneWarning() throws {
        let references = String(repeating: "&big;", count: 50_000)
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE article [<!ENTITY big \"\(String(repeating: "zebra ", count: 17_000))\">]>\n"
            + "<article xmlns=\"http://docbook.org/ns/docbook\"><title>Blow-up</title><para>\(references)</para></article>\n"
        let folder = try HostileSupport.folder(["blowup.xml": xml])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "blowup.xml"], inputs: [folder], in: folder, timeout: 120)
        #expect(run.status == 0)
        #expect(run.lines == ["blowup.xml:3:76: warning: entity reference '&big;' is not expanded; the text of its 50000 references is not checked [external-entity]"])
        #expect(run.peakKilobytes < 500_000)
        let tree = MarkupParser.parse(Array(xml.utf8), as: .xml)
        #expect(tree.textBytes.count < 1_000)
    }

    @Test func nestingPastLibxml2sLimitIsReportedPlainly() throws {
        let depth = 100_000
        let xml = "<article xmlns=\"http://docbook.org/ns/docbook\"><para>zebra</para>" + String(repeating: "<x>", count: depth) + "deep"
            + String(repeating: "</x>", count: depth) + "</article>\n"
        let folder = try HostileSupport.folder(["deep.xml": xml])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "deep.xml"], inputs: [folder], in: folder)
        #expect(run.status == 1)
        #expect(run.lines == [
            "deep.xml:1:54: warning: read 'zebra' [zebra]",
            "deep.xml:1:834: error: elements nest deeper than 256 levels; the rest of the document is not read [parse-error]",
        ])
    }
}
