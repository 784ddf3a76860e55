import Foundation
import SystemIO
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Paths that are not articles Galley can read: each gets a clear message, a usage problem exits
/// 2 with the reason, and the other files are still linted. Nothing blocks on a pipe.
@Suite struct HostileFileTests {
    /// A folder with one good article, `good.md`, and whatever else the test adds.
    private func workspace() throws -> String {
        try HostileSupport.folder(["good.md": "# Good\n\nA zebra.\n"])
    }

    private func lint(_ arguments: [String], in folder: String) throws -> HostileSupport.Run {
        try HostileSupport.lintUnchanged(["lint", "--config", HostileSupport.zebraConfig] + arguments, inputs: [folder], in: folder, timeout: 60)
    }

    @Test func missingPathsAreUsageProblems() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try lint(["missing.md", "good.md", "gone/"], in: folder)
        #expect(run.status == 2)
        #expect(run.errorLines.prefix(2) == ["galley: error: missing.md: no such file or directory", "galley: error: gone/: no such file or directory"])
        #expect(run.lines == ["good.md:3:3: warning: read 'zebra' [zebra]"])
    }

    /// Root reads any file, so the permission test drops to `nobody` with setpriv when it runs
    /// as root (as in this project's CI container); as another user, chmod 000 is enough.
    @Test(.enabled(if: !HostileSupport.isRoot || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func unreadableFilesAreNamedAndExitTwo() throws {
        let folder = try workspace()
        defer {
            chmod(folder + "/locked.md", 0o644)
            try? FileManager.default.removeItem(atPath: folder)
        }
        try Data("# Locked\n\nA zebra.\n".utf8).write(to: URL(fileURLWithPath: folder + "/locked.md"))
        #expect(chmod(folder + "/locked.md", 0o000) == 0)
        chmod(folder, 0o755)
        let arguments = ["lint", "--config", HostileSupport.zebraConfig, "locked.md", "good.md"]
        let run: HostileSupport.Run
        if HostileSupport.isRoot {
            // The fixture configuration must be readable by nobody too: it is, under the package root.
            run = try HostileSupport.galley(["--reuid=65534", "--regid=65534", "--clear-groups", TestSupport.galleyBinary] + arguments,
                                            in: folder, executable: "/usr/bin/setpriv")
        } else {
            run = try HostileSupport.galley(arguments, in: folder)
        }
        #expect(run.status == 2)
        #expect(run.lines == [
            "good.md:3:3: warning: read 'zebra' [zebra]",
            "locked.md:1:1: error: cannot read: permission denied [skipped-file]",
        ])
    }

    /// A read that fails after the file was opened: /proc/self/mem is a "regular file" whose
    /// first page is never mapped, so reading it fails with EIO.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/mem")))
    func readErrorsAreNamedAndExitTwo() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/memory.md", withDestinationPath: "/proc/self/mem")
        for arguments in [["memory.md", "good.md"], ["."]] {
            let run = try lint(arguments, in: folder)
            #expect(run.status == 2)
            #expect(run.lines == ["good.md:3:3: warning: read 'zebra' [zebra]", "memory.md:1:1: error: cannot read: input/output error [skipped-file]"])
        }
    }

    @Test func foldersNamedLikeFilesAndFilesNamedLikeFolders() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/chapter.md", withIntermediateDirectories: false)
        let run = try lint(["chapter.md", "good.md/", "good.md"], in: folder)
        #expect(run.status == 2)
        #expect(run.errorLines.prefix(2) == ["galley: error: good.md/: not a directory", "galley: note: chapter.md: no articles in this folder"])
        #expect(run.lines == ["good.md:3:3: warning: read 'zebra' [zebra]"])
    }

    @Test func symbolicLinkLoopsAndBrokenLinks() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder + "/loop.md", withDestinationPath: "loop.md")
        try manager.createSymbolicLink(atPath: folder + "/broken.md", withDestinationPath: "nowhere.md")
        try manager.createDirectory(atPath: folder + "/sub/deeper", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: folder + "/sub/deeper/up", withDestinationPath: "../..")
        try manager.createSymbolicLink(atPath: folder + "/sub/self", withDestinationPath: "self")
        try Data("# Sub\n\nA zebra.\n".utf8).write(to: URL(fileURLWithPath: folder + "/sub/deeper/article.md"))

        let named = try lint(["loop.md", "broken.md", "good.md"], in: folder)
        #expect(named.status == 2)
        #expect(named.errorLines.prefix(2) == [
            "galley: error: loop.md: too many levels of symbolic links (a symbolic link loop)",
            "galley: error: broken.md: broken symbolic link (its target does not exist)",
        ])
        #expect(named.lines == ["good.md:3:3: warning: read 'zebra' [zebra]"])

        // In a folder: each article once, loops searched once, and the odd entries named.
        let walked = try lint(["."], in: folder)
        #expect(walked.status == 0)
        #expect(walked.lines == [
            "broken.md:1:1: warning: skipped: broken symbolic link (its target does not exist) [skipped-file]",
            "good.md:3:3: warning: read 'zebra' [zebra]",
            "loop.md:1:1: warning: skipped: too many levels of symbolic links (a symbolic link loop) [skipped-file]",
            "sub/deeper/article.md:3:3: warning: read 'zebra' [zebra]",
        ])
    }

    /// A pull request can add `leak.md -> /etc/passwd`; in a git work tree such links are not
    /// followed (a rule set from the same pull request could print every line of the target).
    /// Links inside the work tree are, and outside any work tree every link is.
    @Test func symbolicLinksOutOfTheRepositoryAreNotFollowed() throws {
        let marker = "GALLEY-SECRET-\(UUID().uuidString)"
        let top = try HostileSupport.folder([
            "outside/secret.md": "# \(marker)\n\nA zebra \(marker).\n",
            "repo/content/good.md": "# Good\n\nA zebra.\n",
            "repo/.galley.yml": "rule-sets: [rules.yml]\n",
            "repo/rules.yml": "name: leak\nrules:\n  - id: everything\n    kind: pattern\n    pattern: '.+'\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: top) }
        let manager = FileManager.default
        try manager.createDirectory(atPath: top + "/repo/.git", withIntermediateDirectories: false)
        try manager.createSymbolicLink(atPath: top + "/repo/content/leak.md", withDestinationPath: "../../outside/secret.md")
        try manager.createSymbolicLink(atPath: top + "/repo/content/elsewhere", withDestinationPath: "../../outside")
        try manager.createSymbolicLink(atPath: top + "/repo/content/alias.md", withDestinationPath: "good.md")
        let repo = top + "/repo"
        let run = try HostileSupport.lintUnchanged(["lint", "content", "content/leak.md"], inputs: [top], in: repo)
        #expect(run.status == 0)
        #expect(!run.stdout.contains(marker) && !run.stderr.contains(marker))
        #expect(run.errorLines.prefix(3) == [
            "galley: warning: content/elsewhere: skipped: a symbolic link to \(top)/outside, outside the repository",
            "galley: warning: content/leak.md: skipped: a symbolic link to \(top)/outside/secret.md, outside the repository",
            "galley: warning: content/leak.md: skipped: a symbolic link to \(top)/outside/secret.md, outside the repository",
        ])
        #expect(Set(run.lines.map { String($0.split(separator: ":")[0]) }) == ["content/alias.md", "content/good.md"])

        try manager.removeItem(atPath: top + "/repo/.git")
        let unbounded = try HostileSupport.lintUnchanged(["lint", "content"], inputs: [top], in: repo)
        #expect(unbounded.stdout.contains("content/leak.md:1:3: warning: '\(marker)' matches .+ [everything]"))
    }

    /// Thousands of entries with names of every length: directory listing once copied each
    /// entry's whole 256-byte name field, reading past the end of glibc's buffer after a short
    /// last entry (AddressSanitizer caught it while the corpus test listed 6,000 files).
    @Test func largeFoldersListEveryNameExactly() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var names: [String] = []
        for index in 0..<3_000 {
            let name = String(repeating: "n", count: index % 200) + "\(index).md"
            names.append(name)
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: nil))
        }
        var listed: [FileSystem.Entry] = []
        try FileSystem.forEachEntry(folder) { listed.append($0) }
        listed.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        #expect(listed.map(\.name) == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(listed.allSatisfy { $0.kind == .regular(size: 0) && !$0.isLink })
    }

    @Test func pipesSocketsAndDevicesNeverBlock() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/pipe.md", 0o644) == 0)
        let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(server) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let socketPath = folder + "/socket.md"
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in socketPath.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(server, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/null.md", withDestinationPath: "/dev/null")

        let named = try lint(["pipe.md", "socket.md", "/dev/null", "null.md", "good.md"], in: folder)
        #expect(named.status == 2)
        #expect(named.errorLines.prefix(4) == [
            "galley: error: pipe.md: is a named pipe (FIFO), not a file or folder Galley can read",
            "galley: error: socket.md: is a socket, not a file or folder Galley can read",
            "galley: error: /dev/null: is a device, not a file or folder Galley can read",
            "galley: error: null.md: is a device, not a file or folder Galley can read",
        ])
        #expect(named.lines == ["good.md:3:3: warning: read 'zebra' [zebra]"])

        let walked = try lint(["."], in: folder)
        #expect(walked.status == 0)
        #expect(walked.lines == [
            "good.md:3:3: warning: read 'zebra' [zebra]",
            "null.md:1:1: warning: skipped: is a device, not a regular file [skipped-file]",
            "pipe.md:1:1: warning: skipped: is a named pipe (FIFO), not a regular file [skipped-file]",
            "socket.md:1:1: warning: skipped: is a socket, not a regular file [skipped-file]",
        ])
    }
}
