#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs another program (git, for `--changed-since`) and collects what it prints. The program is
/// found on `PATH`, gets no standard input, and both of its output streams are read together,
/// so a program that fills one pipe while Galley waits on the other cannot hang the run.
public enum Subprocess {
    public struct Output: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended the program.
        public var status: Int32
        public var standardOutput: [UInt8]
        public var standardError: [UInt8]

        public var errorText: String {
            String(decoding: standardError, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        }
    }

    public struct Failure: Error, Sendable {
        public var reason: String
    }

    /// Output past this many bytes is an error rather than memory spent without bound.
    public static let maxOutputBytes = 256 << 20

    public static func run(_ arguments: [String]) throws(Failure) -> Output {
        guard let program = arguments.first else { throw Failure(reason: "no program to run") }
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        guard pipe(&errorPipe) == 0 else {
            close(outputPipe[0]); close(outputPipe[1])
            throw Failure(reason: String(cString: strerror(errno)))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        for descriptor in outputPipe + errorPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child = pid_t()
        let spawned = posix_spawnp(&child, program, &actions, nil, &argv, environ)
        close(outputPipe[1])
        close(errorPipe[1])
        guard spawned == 0 else {
            close(outputPipe[0]); close(errorPipe[0])
            throw Failure(reason: "cannot run \(program): \(String(cString: strerror(spawned)))")
        }
        var output = Output(status: 0, standardOutput: [], standardError: [])
        var tooLong = false
        var open = [(outputPipe[0], true), (errorPipe[0], false)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            var polled = open.map { pollfd(fd: $0.0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polled, nfds_t(polled.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            var closed: [Int32] = []
            for entry in polled where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress!, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 {
                    closed.append(entry.fd)
                    continue
                }
                let isOutput = open.first { $0.0 == entry.fd }?.1 ?? false
                if isOutput {
                    output.standardOutput.append(contentsOf: buffer[..<count])
                } else if output.standardError.count < 65_536 {
                    output.standardError.append(contentsOf: buffer[..<count])
                }
                if output.standardOutput.count > maxOutputBytes {
                    tooLong = true
                    closed = open.map(\.0)
                    kill(child, SIGKILL)
                    break
                }
            }
            for descriptor in closed { close(descriptor) }
            open.removeAll { closed.contains($0.0) }
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        if tooLong { throw Failure(reason: "\(program) printed more than \(maxOutputBytes >> 20) MB") }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
        let signal = status & 0x7F
        output.status = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return output
    }
}
