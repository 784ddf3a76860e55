import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Galley only reads articles. It writes a report or a baseline only where asked, through a
/// temporary file renamed into place, and never over a file it is linting.
@Suite struct HardeningWriteTests {
    private func copyOfFixtures() throws -> String {
        let folder = try TestSupport.temporaryDirectory()
        for name in ["explainer", "defective", "faq", "locations", "suppressions", "hostile/xml", "hostile/yaml", "hostile/encoding", "hostile/fuzz"] {
            let target = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: TestSupport.fixturePath(name), toPath: target)
        }
        return folder
    }

    /// Every format, every report format, a baseline written and read: the articles' bytes and
    /// times are as they were, and the only new files are the ones asked for.
    @Test func lintingNeverChangesAnArticle() throws {
        let folder = try copyOfFixtures()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outputs = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: outputs) }
        for format in ["gcc", "pretty", "json", "sarif", "github", "junit", "checkstyle", "codequality"] {
            let run = try HostileSupport.lintUnchanged(["lint", "--format", format, "--output", outputs + "/report." + format, "."], inputs: [folder], in: folder)
            #expect(run.status == 1, "\(format)")
        }
        _ = try HostileSupport.lintUnchanged(["lint", "--write-baseline", outputs + "/baseline.json", "."], inputs: [folder], in: folder)
        let baselined = try HostileSupport.lintUnchanged(["lint", "--baseline", outputs + "/baseline.json", "."], inputs: [folder], in: folder)
        #expect(baselined.status == 0)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder + "/explainer") {
            _ = try HostileSupport.lintUnchanged(["dump", "explainer/" + file], inputs: [folder], in: folder)
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: outputs).sorted()
        #expect(written == ["baseline.json", "report.checkstyle", "report.codequality", "report.gcc", "report.github", "report.json",
                            "report.junit", "report.pretty", "report.sarif"])
    }

    /// The report replaces the old one by rename (a new inode), leaves no temporary file behind,
    /// and a report that cannot be written is an error that leaves nothing half-written.
    @Test func reportsAreWrittenAtomically() throws {
        let folder = try HostileSupport.folder(["a.md": "# A\n\nA zebra.\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = folder + "/out/report.txt"
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: false)
        try Data("old report\n".utf8).write(to: URL(fileURLWithPath: report))
        let before = try #require(try FileManager.default.attributesOfItem(atPath: report)[.systemFileNumber] as? Int)
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "--output", report, "a.md"], inputs: [folder + "/a.md"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "a.md:3:3: warning: read 'zebra' [zebra]\n")
        #expect(try FileManager.default.attributesOfItem(atPath: report)[.systemFileNumber] as? Int != before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["report.txt"])

        let failed = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "--output", folder + "/missing/report.txt", "a.md"],
                                                      inputs: [folder], in: folder)
        #expect(failed.status == 2)
        #expect(failed.errorLines.first == "galley: error: cannot write the report to \(folder)/missing/report.txt: no such file or directory")
        let onFolder = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "--output", folder + "/out", "a.md"],
                                                        inputs: [folder], in: folder)
        #expect(onFolder.status == 2)
        #expect(onFolder.errorLines.first == "galley: error: cannot write the report to \(folder)/out: is a directory")
    }

    @Test func reportsAndBaselinesNeverOverwriteAnArticle() throws {
        let folder = try HostileSupport.folder(["a.md": "# A\n\nA zebra.\n", "b.md": "# B\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.txt", withDestinationPath: "a.md")
        for (option, path, named) in [("--output", "a.md", "a.md"), ("--output", "./link.txt", "a.md"), ("--write-baseline", "b.md", "b.md"),
                                      ("--output", "\(folder)/a.md", "a.md")] {
            let run = try HostileSupport.lintUnchanged(["lint", option, path, "."], inputs: [folder], in: folder)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.errorLines == ["galley: error: \(option) \(path) is \(named), one of the files being linted; Galley never writes to an article"])
        }
    }

    /// `--output /dev/stdout` and a named pipe are written through, not replaced by a renamed
    /// regular file (as root, renaming over /dev/stdout would replace the device link itself).
    @Test func specialFilesAreWrittenThroughNotReplaced() throws {
        let folder = try HostileSupport.folder(["a.md": "# A\n\nA zebra.\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig, "--output", "/dev/stdout", "a.md"], inputs: [folder], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout == "a.md:3:3: warning: read 'zebra' [zebra]\n")
        #expect((try FileManager.default.attributesOfItem(atPath: "/dev/stdout")[.type] as? FileAttributeType) == .typeSymbolicLink)

        let pipe = folder + "/report.pipe"
        #expect(mkfifo(pipe, 0o644) == 0)
        let received = Locked(Data())
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: pipe) { received.set(handle.readDataToEndOfFile()) }
        }
        reader.start()
        let piped = try HostileSupport.galley(["lint", "--config", HostileSupport.zebraConfig, "--output", pipe, "a.md"], in: folder, timeout: 60)
        #expect(piped.status == 0)
        for _ in 0..<500 where received.get().isEmpty { usleep(10_000) }
        #expect(String(decoding: received.get(), as: UTF8.self) == "a.md:3:3: warning: read 'zebra' [zebra]\n")
        var info = stat()
        #expect(lstat(pipe, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")

        try FileManager.default.createSymbolicLink(atPath: folder + "/latest.txt", withDestinationPath: "reports/today.txt")
        try FileManager.default.createDirectory(atPath: folder + "/reports", withIntermediateDirectories: false)
        let linked = try HostileSupport.galley(["lint", "--config", HostileSupport.zebraConfig, "--output", "latest.txt", "a.md"], in: folder)
        #expect(linked.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/latest.txt") == "reports/today.txt")
        #expect(try String(contentsOfFile: folder + "/reports/today.txt", encoding: .utf8) == "a.md:3:3: warning: read 'zebra' [zebra]\n")
    }
}

/// A value shared between a test and the thread it starts.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
