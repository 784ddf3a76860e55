import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Running `galley` on hostile input: with a deadline (a hang must fail the test, not stall the
/// suite), with the child's peak memory, and with proof that no input changed.
enum HostileSupport {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Peak resident memory of the galley process, in kilobytes: its VmHWM, sampled every
        /// few milliseconds. (wait4's ru_maxrss would count this test process's memory too:
        /// posix_spawn starts the child in the parent's address space.)
        var peakKilobytes: Int
        var timedOut: Bool

        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// Runs `galley` in `directory` (default: the package root), killing it after `timeout` seconds.
    static func galley(_ arguments: [String], in directory: String? = nil, timeout: Double = 300, executable: String = TestSupport.galleyBinary,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Run {
        let scratch = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outPath = scratch + "/stdout", errPath = scratch + "/stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        // sh changes directory and then becomes the program (exec), so wait4 sees galley itself.
        let shell = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory ?? TestSupport.packageRoot.path, executable]
        let argv = (shell + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else {
            Issue.record("cannot start galley: \(String(cString: strerror(spawned)))", sourceLocation: sourceLocation)
            return Run(status: -1, stdout: "", stderr: "", peakKilobytes: 0, timedOut: false)
        }
        var status: Int32 = 0
        var timedOut = false
        var peak = 0
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            peak = max(peak, highWaterMark(of: pid))
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0, errno != EINTR { break }
            if Date() > deadline, !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(timedOut ? 1_000 : 5_000)
        }
        if timedOut { Issue.record("galley \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s", sourceLocation: sourceLocation) }
        let exited = status & 0x7F == 0
        if !exited, !timedOut { Issue.record("galley was killed by signal \(status & 0x7F)", sourceLocation: sourceLocation) }
        return Run(status: exited ? (status >> 8) & 0xFF : -1,
                   stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                   peakKilobytes: peak, timedOut: timedOut)
    }

    /// VmHWM of a running process in kilobytes, or 0 when /proc does not say.
    private static func highWaterMark(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// Like `galley`, and checks that nothing under `inputs` changed: the same entries, the same
    /// bytes, the same modification times, and no file left behind.
    static func lintUnchanged(_ arguments: [String], inputs: [String], in directory: String? = nil, timeout: Double = 300,
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Run {
        let root = directory ?? TestSupport.packageRoot.path
        let paths = inputs.map { $0.hasPrefix("/") ? $0 : root + "/" + $0 }
        let before = try snapshot(paths)
        let run = try galley(arguments, in: directory, timeout: timeout, sourceLocation: sourceLocation)
        let after = try snapshot(paths)
        #expect(after == before, "galley changed its inputs", sourceLocation: sourceLocation)
        return run
    }

    struct Entry: Equatable {
        var type: FileAttributeType
        var modified: Date?
        var size: Int
        /// Contents of regular files (never read through links, pipes or devices).
        var bytes: Data?
        var linkTarget: String?
    }

    /// Every entry under `paths`, without following symbolic links or opening special files.
    static func snapshot(_ paths: [String]) throws -> [String: Entry] {
        var result: [String: Entry] = [:]
        var pending = paths
        let manager = FileManager.default
        while let path = pending.popLast() {
            guard let attributes = try? manager.attributesOfItem(atPath: path) else { continue }
            let type = attributes[.type] as? FileAttributeType ?? .typeUnknown
            var entry = Entry(type: type, modified: attributes[.modificationDate] as? Date,
                              size: (attributes[.size] as? NSNumber)?.intValue ?? 0)
            switch type {
            case .typeRegular: entry.bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            case .typeSymbolicLink: entry.linkTarget = try manager.destinationOfSymbolicLink(atPath: path)
            case .typeDirectory: pending += try manager.contentsOfDirectory(atPath: path).map { path + "/" + $0 }
            default: break
            }
            result[path] = entry
        }
        return result
    }

    /// A folder in the temporary directory holding `files` (relative path → contents).
    static func folder(_ files: [String: [UInt8]]) throws -> String {
        let directory = try TestSupport.temporaryDirectory()
        for (relative, bytes) in files {
            let url = URL(fileURLWithPath: directory + "/" + relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return directory
    }

    static func folder(_ files: [String: String]) throws -> String {
        try folder(files.mapValues { Array($0.utf8) })
    }

    /// The hostile fixtures' configuration: one rule that reports every "zebra" read.
    static var zebraConfig: String { TestSupport.fixturePath("hostile/.galley.yml") }

    static var isRoot: Bool { geteuid() == 0 }
}
