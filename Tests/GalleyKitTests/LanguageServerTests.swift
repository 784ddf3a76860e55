import Foundation
import Synchronization
import Testing
@testable import GalleyKit

/// The language server driven in process, message by message: what it publishes, how it
/// answers hostile input, and that it coalesces changes and never publishes a stale version.
/// (Real clients drive the binary in Scripts/prove-lsp and Scripts/prove-lsp-neovim.)
@Suite struct LanguageServerTests {
    /// A server whose messages are collected, with helpers to talk to it.
    final class Collector: Sendable {
        let messages = Mutex<[JSONValue]>([])
    }

    final class Harness: Sendable {
        let collector = Collector()
        let server: LanguageServer
        let folder: String

        init(mode: LanguageServer.LintMode = .inline, configPath: String? = nil, folder: String? = nil) throws {
            self.folder = try folder ?? TestSupport.temporaryDirectory()
            let collector = self.collector
            let writer = MessageWriter { bytes in
                var reader = MessageReader(bytes: bytes)
                guard case .message(let body) = reader.next(), let value = try? JSONValue.parse(String(decoding: body, as: UTF8.self)) else {
                    Issue.record("the server wrote a badly framed message")
                    return
                }
                collector.messages.withLock { $0.append(value) }
            }
            server = LanguageServer(configPath: configPath, writer: writer, mode: mode)
        }

        @discardableResult
        func send(_ json: String) -> Int32? {
            server.handle(.message(Array(json.utf8)))
        }

        func take() -> [JSONValue] { collector.messages.withLock { messages in defer { messages = [] }; return messages } }

        func initialize(encodings: [String] = ["utf-16"]) {
            let offered = encodings.map { "\"\($0)\"" }.joined(separator: ",")
            send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":[\#(offered)]}},"rootUri":"\#(DocumentURI.uri(of: folder))"}}"#)
            send(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
            _ = take()
        }

        func uri(_ name: String) -> String { DocumentURI.uri(of: folder + "/" + name) }

        func open(_ name: String, _ text: String, version: Int = 1, language: String = "markdown") {
            send(RPCOutput.notification("textDocument/didOpen", .object([("textDocument", .object([
                ("uri", .string(uri(name))), ("languageId", .string(language)), ("version", .int(version)), ("text", .string(text)),
            ]))])).compact)
        }

        func change(_ name: String, version: Int, line: Int, from: Int, to: Int, text: String) {
            let range = JSONOutput.object([("start", .object([("line", .int(line)), ("character", .int(from))])),
                                           ("end", .object([("line", .int(line)), ("character", .int(to))]))])
            send(RPCOutput.notification("textDocument/didChange", .object([
                ("textDocument", .object([("uri", .string(uri(name))), ("version", .int(version))])),
                ("contentChanges", .array([.object([("range", range), ("text", .string(text))])])),
            ])).compact)
        }

        func published() -> [JSONValue] { take().filter { $0["method"]?.string == "textDocument/publishDiagnostics" } }
    }

    static func rules(in folder: String) throws {
        try "rule-sets: [rules.yml]\n".write(toFile: folder + "/.galley.yml", atomically: true, encoding: .utf8)
        try """
        name: server
        rules:
          - id: plain
            kind: substitute
            swaps: {utilize: use, in order to: to}
          - id: tone
            kind: words
            severity: error
            terms: [obviously]
        """.write(toFile: folder + "/rules.yml", atomically: true, encoding: .utf8)
    }

    static func ranges(_ message: JSONValue) -> [String] {
        (message["params", "diagnostics"]?.array ?? []).map { diagnostic in
            let start = diagnostic["range", "start"], end = diagnostic["range", "end"]
            return "\(start?["line"]?.int ?? -1):\(start?["character"]?.int ?? -1)-\(end?["line"]?.int ?? -1):\(end?["character"]?.int ?? -1) \(diagnostic["code"]?.string ?? "")"
        }
    }

    @Test func publishesWhatLintFindsInUTF16Positions() throws {
        let harness = try Harness()
        try Self.rules(in: harness.folder)
        harness.initialize()
        // An emoji (two UTF-16 units) and a CRLF before the findings.
        harness.open("a.md", "# Title 😀 utilize\r\n\r\n𝄞 Obviously we utilize it.\r\n")
        let published = harness.published()
        #expect(published.count == 1)
        #expect(published[0]["params", "version"]?.int == 1)
        #expect(Self.ranges(published[0]) == ["0:11-0:18 plain", "2:3-2:12 tone", "2:16-2:23 plain"])
    }

    @Test func utf8PositionsWhenOffered() throws {
        let harness = try Harness()
        try Self.rules(in: harness.folder)
        harness.initialize(encodings: ["utf-8", "utf-16"])
        harness.open("a.md", "\u{FEFF}# Title 😀 utilize\n")
        // The byte-order mark is three bytes of line 0; the emoji four.
        #expect(Self.ranges(harness.published()[0]) == ["0:16-0:23 plain"])
    }

    @Test func incrementalChangesKeepTheTextInStep() throws {
        let harness = try Harness()
        try Self.rules(in: harness.folder)
        harness.initialize()
        harness.open("a.md", "# Title\n\nWe utilize 😀 tools in order to help.\n")
        _ = harness.take()
        // Replace "utilize" (3..<10), then insert before the emoji's second half's end.
        harness.change("a.md", version: 2, line: 2, from: 3, to: 10, text: "use")
        let second = harness.published()
        #expect(second.first?["params", "version"]?.int == 2)
        #expect(Self.ranges(second[0]) == ["2:16-2:27 plain"])
        harness.change("a.md", version: 3, line: 2, from: 16, to: 27, text: "to")
        #expect(Self.ranges(harness.published()[0]) == [])
    }

    @Test func changesCoalesceAndStaleResultsAreNeverPublished() throws {
        let harness = try Harness(mode: .manual)
        try Self.rules(in: harness.folder)
        harness.initialize()
        harness.open("a.md", "# Title\n\nWe utilize tools.\n")
        harness.change("a.md", version: 2, line: 2, from: 0, to: 0, text: "A")
        harness.change("a.md", version: 3, line: 2, from: 0, to: 0, text: "B")
        #expect(harness.published().isEmpty, "nothing is linted until the worker runs")
        harness.server.lintPending()
        let published = harness.published()
        #expect(published.map { $0["params", "version"]?.int } == [3], "three versions, one lint of the newest")
        // A lint that finishes after a newer change is dropped, and the newer version linted.
        harness.change("a.md", version: 4, line: 2, from: 0, to: 0, text: "C")
        let job = try #require(harness.server.nextJob())
        harness.change("a.md", version: 5, line: 2, from: 0, to: 0, text: "D")
        harness.server.publishIfCurrent(LintResult.run(job.0, job.1))
        #expect(harness.published().isEmpty, "version 4 is stale")
        harness.server.lintPending()
        #expect(harness.published().map { $0["params", "version"]?.int } == [5])
    }

    @Test func codeActionsFixAndDisableALine() throws {
        let harness = try Harness()
        try Self.rules(in: harness.folder)
        harness.initialize()
        harness.open("a.md", "# Title\n\nObviously we utilize it.\n")
        _ = harness.take()
        harness.send(#"{"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"\#(harness.uri("a.md"))"},"range":{"start":{"line":2,"character":14},"end":{"line":2,"character":14}},"context":{"diagnostics":[]}}}"#)
        let actions = try #require(harness.take().first?["result"]?.array)
        #expect(actions.map { $0["title"]?.string ?? "" } == ["Replace 'utilize' with 'use'", "Disable plain on this line"])
        let edit = try #require(actions[0]["edit", "changes", harness.uri("a.md")]?.array?.first)
        #expect(edit["newText"]?.string == "use")
        #expect(edit["range", "start", "character"]?.int == 13)
        let disable = try #require(actions[1]["edit", "changes", harness.uri("a.md")]?.array?.first)
        #expect(disable["newText"]?.string == " <!-- galley-disable-line plain -->")
        #expect(disable["range", "start", "character"]?.int == 24)
    }

    @Test func noDisableActionWhereACommentWouldNotWork() throws {
        let harness = try Harness()
        try Self.rules(in: harness.folder)
        harness.initialize()
        // A finding in front matter: an HTML comment there would be YAML, so none is offered.
        harness.open("a.md", "---\ntitle: We utilize it\n---\n# Title\n")
        _ = harness.take()
        harness.send(#"{"jsonrpc":"2.0","id":8,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"\#(harness.uri("a.md"))"},"range":{"start":{"line":1,"character":12},"end":{"line":1,"character":12}},"context":{"diagnostics":[]}}}"#)
        let titles = (harness.take().first?["result"]?.array ?? []).map { $0["title"]?.string ?? "" }
        #expect(titles == ["Replace 'utilize' with 'use'"])
    }

    @Test func hoverExplainsTheRule() throws {
        let harness = try Harness()
        try Self.rules(in: harness.folder)
        harness.initialize()
        harness.open("a.md", "# Title\n\nWe utilize it.\n")
        _ = harness.take()
        harness.send(#"{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"\#(harness.uri("a.md"))"},"position":{"line":2,"character":5}}}"#)
        let value = try #require(harness.take().first?["result", "contents", "value"]?.string)
        #expect(value.hasPrefix("**plain** (warning): use 'use' instead of 'utilize'"))
        #expect(value.contains("kind: substitute") && value.contains("fixes: replaces the matched words"))
        harness.send(#"{"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"\#(harness.uri("a.md"))"},"position":{"line":0,"character":1}}}"#)
        #expect(harness.take().first?["result"].map { if case .null = $0 { return true } else { return false } } == true)
    }

    @Test func configurationChangesAreReloaded() throws {
        let harness = try Harness()
        try Self.rules(in: harness.folder)
        harness.initialize()
        harness.open("a.md", "# Title\n\nWe utilize it obviously.\n")
        #expect(Self.ranges(harness.published()[0]).count == 2)
        try "rule-sets: [rules.yml]\nrules: {tone: off}\n".write(toFile: harness.folder + "/.galley.yml", atomically: true, encoding: .utf8)
        harness.send(#"{"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":"\#(harness.uri(".galley.yml"))","type":2}]}}"#)
        #expect(Self.ranges(harness.published()[0]) == ["2:3-2:10 plain"])
    }

    /// Clients that watch no files for the server: saving a configuration file reloads it.
    @Test func savingAConfigurationFileReloadsIt() throws {
        let harness = try Harness()
        try Self.rules(in: harness.folder)
        harness.initialize()
        harness.open("a.md", "# Title\n\nWe utilize it obviously.\n")
        #expect(Self.ranges(harness.published()[0]).count == 2)
        try "rule-sets: [rules.yml]\nrules: {plain: off}\n".write(toFile: harness.folder + "/.galley.yml", atomically: true, encoding: .utf8)
        harness.send(#"{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":{"uri":"\#(harness.uri(".galley.yml"))"}}}"#)
        #expect(Self.ranges(harness.published()[0]) == ["2:14-2:23 tone"])
    }

    /// Every malformed message gets a JSON-RPC error (or, for a notification, a log line), and
    /// the server goes on answering.
    @Test func hostileMessagesGetErrorsNotCrashes() throws {
        let harness = try Harness()
        let cases: [(String, Int?)] = [
            ("{", -32700), ("[]", -32600), ("[1,2]", -32600), ("42", -32600), ("null", -32600), ("\"x\"", -32600),
            (#"{"jsonrpc":"1.0","id":1,"method":"initialize"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":{"a":1},"method":"initialize"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":1.5,"method":"initialize"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":1e300,"method":"initialize"}"#, -32600),
            (#"{"jsonrpc":"2.0","id":2,"method":7}"#, -32600),
            (#"{"jsonrpc":"2.0","id":3,"method":"initialize","params":"x"}"#, -32602),
            (#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{}}"#, -32002),
            (#"{"jsonrpc":"2.0","id":5}"#, -32600),
            ("{\"a\":\"\\uD800\\u0041\\uDC00\"}", -32600),
            (String(repeating: "[", count: 100_000), -32700),
        ]
        for (message, code) in cases {
            harness.send(message)
            let answers = harness.take()
            #expect(answers.count == 1, "\(message.prefix(60))")
            #expect(answers.first?["error", "code"]?.int == code, "\(message.prefix(60))")
        }
        harness.initialize()
        let afterInit: [(String, Int)] = [
            (#"{"jsonrpc":"2.0","id":11,"method":"initialize","params":{"capabilities":{}}}"#, -32600),
            (#"{"jsonrpc":"2.0","id":12,"method":"no/such"}"#, -32601),
            (#"{"jsonrpc":"2.0","id":13,"method":"textDocument/hover","params":{"textDocument":{"uri":7}}}"#, -32602),
            (#"{"jsonrpc":"2.0","id":14,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///x"},"range":{"start":{"line":-1,"character":0},"end":{"line":0,"character":0}}}}"#, -32602),
            (#"{"jsonrpc":"2.0","id":15,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x"},"position":{"line":1e20,"character":0}}}"#, -32602),
        ]
        for (message, code) in afterInit {
            harness.send(message)
            #expect(harness.take().first?["error", "code"]?.int == code, "\(message.prefix(60))")
        }
        // Notifications are not answered; a bad one is logged.
        harness.send(#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nowhere.md"},"contentChanges":[]}}"#)
        #expect(harness.take().first?["method"]?.string == "window/logMessage")
        harness.open("a.md", "# Title\n")
        harness.send(#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"\#(harness.uri("a.md"))","version":2},"contentChanges":[{"range":{"start":{"line":99,"character":99},"end":{"line":0,"character":0}},"text":"x"}]}}"#)
        _ = harness.take()
        // The server still works, and the clamped edit landed at the end.
        harness.send(#"{"jsonrpc":"2.0","id":20,"method":"shutdown"}"#)
        #expect(harness.take().first?["id"]?.int == 20)
        harness.send(#"{"jsonrpc":"2.0","id":21,"method":"textDocument/hover","params":{}}"#)
        #expect(harness.take().first?["error", "code"]?.int == -32600)
        #expect(harness.send(#"{"jsonrpc":"2.0","method":"exit"}"#) == 0)
    }

    @Test func cancelledRequestsAreAnsweredAsCancelled() throws {
        let harness = try Harness()
        harness.initialize()
        harness.server.cancel(.number(30))
        harness.send(#"{"jsonrpc":"2.0","id":30,"method":"textDocument/hover","params":{}}"#)
        #expect(harness.take().first?["error", "code"]?.int == -32800)
    }

    @Test func exitWithoutShutdownIsAFailure() throws {
        let harness = try Harness()
        harness.initialize()
        #expect(harness.send(#"{"jsonrpc":"2.0","method":"exit"}"#) == 1)
        #expect(try Harness().server.handle(.end) == 1)
    }

    @Test func framingErrorsResynchronise() {
        let good = #"{"jsonrpc":"2.0","method":"x"}"#
        func framed(_ body: String) -> String { "Content-Length: \(body.utf8.count)\r\n\r\n" + body }
        let stream = "garbage without headers\r\n\r\n" + framed(good) + "Content-Length: abc\r\n\r\n" + framed(good)
            + "Content-Length: 99999999999\r\n\r\n" + "content-length: \(good.utf8.count)\n\n" + good
            + "Content-Type: x\r\n\r\n" + framed(good) + "Content-Length: 50\r\n\r\n{\"short\""
        var reader = MessageReader(bytes: Array(stream.utf8))
        var events: [String] = []
        while true {
            let event = reader.next()
            switch event {
            case .message(let body): events.append(String(decoding: body, as: UTF8.self) == good ? "message" : "other")
            case .framingError: events.append("error")
            case .end: events.append("end")
            }
            if event == .end { break }
        }
        #expect(events == ["error", "message", "error", "message", "error", "message", "error", "message", "error", "end"])
    }

    @Test func positionsCountEachEncodingExactly() {
        let lines = LineIndex(Array("a😀b\r\nc\rdé\n".utf8))
        #expect(lines.lineCount == 4)
        #expect(lines.position(of: 5, encoding: .utf16) == (0, 3))
        #expect(lines.position(of: 5, encoding: .utf8) == (0, 5))
        #expect(lines.offset(line: 0, character: 3, encoding: .utf16) == 5)
        #expect(lines.offset(line: 0, character: 2, encoding: .utf16) == 1, "inside a surrogate pair: the character's start")
        #expect(lines.offset(line: 0, character: 99, encoding: .utf16) == 6, "past the line's end: its end")
        #expect(lines.offset(line: 2, character: 2, encoding: .utf16) == 13)
        #expect(lines.offset(line: 9, character: 0, encoding: .utf16) == 14)
        #expect(lines.position(of: 7, encoding: .utf16) == (0, 4), "between CR and LF: the line's end")
    }

    @Test func fileURIs() {
        #expect(DocumentURI.path(of: "file:///tmp/a%20b/%C3%A9.md") == "/tmp/a b/é.md")
        #expect(DocumentURI.path(of: "file://localhost/tmp/x.md") == "/tmp/x.md")
        #expect(DocumentURI.path(of: "file://server/share/x.md") == nil)
        #expect(DocumentURI.path(of: "untitled:Untitled-1") == nil)
        #expect(DocumentURI.path(of: "file:///bad%ZZ") == nil)
        #expect(DocumentURI.path(of: "file:///nul%00.md") == nil)
        #expect(DocumentURI.uri(of: "/tmp/a b/é.md") == "file:///tmp/a%20b/%C3%A9.md")
    }

    /// Recorded sessions (the fuzz target's seeds) replayed: what the server answers is pinned by
    /// a golden, one message a line; the hostile one ends without a crash or a hang.
    @Test(arguments: ["session", "utf8-html", "hostile"])
    func recordedSessions(name: String) throws {
        let input = try TestSupport.fixtureBytes("lsp/\(name).lsp")
        let (output, status) = LanguageServerMain.replay(input)
        var reader = MessageReader(bytes: output)
        var lines: [String] = []
        while case .message(let body) = reader.next() { lines.append(String(decoding: body, as: UTF8.self)) }
        lines.append("status: \(status.map(String.init) ?? "input ended")")
        try TestSupport.expectGolden(lines.joined(separator: "\n") + "\n", "lsp/\(name).lsp.txt")
        // The binary, threaded, on a pipe: the same session ends by itself.
        let start = Date()
        let result = try TestSupport.runGalley(["lsp"], input: String(decoding: input, as: UTF8.self))
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(result.status == (status ?? 1))
    }

    /// The binary on real pipes: a session, then the end of input, within a deadline.
    @Test func theBinarySpeaksOverStandardInputAndOutput() throws {
        let folder = try TestSupport.temporaryDirectory()
        try Self.rules(in: folder)
        func framed(_ body: String) -> Data { Data(("Content-Length: \(body.utf8.count)\r\n\r\n" + body).utf8) }
        let uri = DocumentURI.uri(of: folder + "/a.md")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.galleyBinary)
        process.arguments = ["lsp"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Messages as they come, read on another thread while this one writes.
        let received = Collector()
        let reading = Thread {
            var pending = Data()
            while case let chunk = output.fileHandleForReading.availableData, !chunk.isEmpty {
                pending.append(chunk)
                var reader = MessageReader(bytes: Array(pending))
                var messages: [JSONValue] = []
                while case .message(let body) = reader.next() {
                    if let value = try? JSONValue.parse(String(decoding: body, as: UTF8.self)) { messages.append(value) }
                }
                received.messages.withLock { $0 = messages }
            }
        }
        reading.start()
        func wait(for method: String) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if received.messages.withLock({ $0.contains { $0["method"]?.string == method } }) { return true }
                Thread.sleep(forTimeInterval: 0.01)
            }
            return false
        }
        let start = Date()
        input.fileHandleForWriting.write(framed(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#))
        input.fileHandleForWriting.write(framed(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#))
        input.fileHandleForWriting.write(framed(##"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"\##(uri)","languageId":"markdown","version":1,"text":"# Title\n\nWe utilize it.\n"}}}"##))
        #expect(wait(for: "textDocument/publishDiagnostics"), "diagnostics are published")
        input.fileHandleForWriting.write(Data("Content-Length: 3\r\n\r\n{x}".utf8))
        input.fileHandleForWriting.write(framed(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#))
        input.fileHandleForWriting.write(framed(#"{"jsonrpc":"2.0","method":"exit"}"#))
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(process.terminationStatus == 0)
        while reading.isExecuting { Thread.sleep(forTimeInterval: 0.01) }
        let methods = received.messages.withLock { $0 }.map { value in
            value["method"]?.string ?? value["error"].map { _ in "error" } ?? "response"
        }
        #expect(methods.contains("error"))
        #expect(methods.first == "response" && methods.last == "response")
        func framedText(_ body: String) -> String { "Content-Length: \(body.utf8.count)\r\n\r\n" + body }
        let closed = try TestSupport.runGalley(["lsp"], in: folder, input: framedText(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#))
        #expect(closed.status == 1, "input ended without shutdown")
    }
}
