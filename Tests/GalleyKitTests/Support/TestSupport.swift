import Foundation
import Testing
@testable import GalleyKit

/// Paths and helpers shared by the tests. Fixtures are real files under `Fixtures/`.
enum TestSupport {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixturePath(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    static func fixtureBytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: fixturePath(relative))))
    }

    static func read(_ relative: String, transform: ([UInt8]) -> [UInt8] = { $0 }) throws -> Document {
        let bytes = transform(try fixtureBytes(relative))
        let format = try #require(DocumentFormat(path: relative))
        return ArticleFormats.read(path: relative, bytes: bytes, format: format)
    }

    static func document(_ text: String, format: DocumentFormat = .markdown, path: String = "test.md") -> Document {
        ArticleFormats.read(path: path, bytes: Array(text.utf8), format: format)
    }

    /// Compares `actual` with the golden file; with GALLEY_UPDATE_GOLDEN=1 rewrites it instead.
    static func expectGolden(_ actual: String, _ relative: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = fixturePath(relative)
        if ProcessInfo.processInfo.environment["GALLEY_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expectedLines.count, actualLines.count)
            let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
            let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
            Issue.record("\(relative) differs at line \(first + 1):\n  expected: \(want)\n  actual:   \(got)\n(GALLEY_UPDATE_GOLDEN=1 swift test rewrites goldens)", sourceLocation: sourceLocation)
        }
    }

    /// The `galley` binary SwiftPM built next to the test bundle.
    static var galleyBinary: String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("galley").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/galley").path
    }

    struct RunResult {
        var status: Int32
        var stdout: String
        var stderr: String

        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// Runs `galley` with `arguments` in `directory` (default: the package root).
    static func runGalley(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], input: String? = nil) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: galleyBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? packageRoot.path)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let input {
            let inPipe = Pipe()
            process.standardInput = inPipe
            try process.run()
            // Galley may exit before it reads all of its input (a usage error, a refusal): the
            // write then fails with EPIPE, which must not end the test process (SIGPIPE) nor the
            // test; what galley printed and its status are what the test checks.
            _ = ignoringBrokenPipes
            try? inPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// SIGPIPE ignored in the test process, once: a write to a child that has exited fails
    /// with EPIPE instead of killing every test.
    private static let ignoringBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// A fresh temporary directory, removed when the test process ends.
    static func temporaryDirectory() throws -> String {
        let path = scratchRoot + "/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// One folder per test process holds every temporary directory, so that one `atexit`
    /// removes them all, however a test ends.
    private static let scratchRoot: String = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("galley-tests-\(getpid())-\(UUID().uuidString)").path
        atexit { try? FileManager.default.removeItem(atPath: TestSupport.scratchRoot) }
        return root
    }()

    /// Every text run of a document, with what it belongs to.
    static func allRuns(_ document: Document) -> [TextRun] {
        var runs = document.blocks.map(\.text) + document.links.map(\.text)
        func collect(_ value: MetadataValue) {
            switch value {
            case .string(let run): runs.append(run)
            case .list(let items): items.forEach(collect)
            case .map(let fields): fields.forEach { collect($0.value) }
            default: break
            }
        }
        document.metadata.fields.forEach { collect($0.value) }
        return runs
    }

    /// Source spans of every occurrence of `word` in the document's prose and metadata.
    static func spans(of word: String, in document: Document) -> [String] {
        var result: [String] = []
        for run in allRuns(document) {
            let text = Array(run.text.utf8)
            let needle = Array(word.utf8)
            guard text.count >= needle.count else { continue }
            for start in 0...(text.count - needle.count) where text[start..<start + needle.count].elementsEqual(needle) {
                let span = document.span(of: run.sourceRange(ofTextRange: start..<start + needle.count))
                result.append("\(span.start)-\(span.end)")
            }
        }
        return Array(Set(result)).sorted { a, b in
            let pa = a.split(separator: "-")[0].split(separator: ":").map { Int($0)! }
            let pb = b.split(separator: "-")[0].split(separator: ":").map { Int($0)! }
            return (pa[0], pa[1]) < (pb[0], pb[1])
        }
    }
}
