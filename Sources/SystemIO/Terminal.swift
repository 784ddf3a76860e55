#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard streams and the process environment.
public enum Terminal {
    public enum Stream: Int32, Sendable { case output = 1, error = 2 }

    public static func isTerminal(_ stream: Stream) -> Bool { isatty(stream.rawValue) == 1 }

    /// Whether standard input is a terminal (nothing piped in).
    public static var inputIsTerminal: Bool { isatty(0) == 1 }

    /// The process environment, as name → value.
    public static var environmentVariables: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") { result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...]) }
            pointer += 1
        }
        return result
    }

    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Seconds on a monotonic clock.
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Reads what standard input has (waiting for some), at most the buffer's size; 0 at its end.
    public static func readInput(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(0, base, buffer.count)
            if count < 0, errno == EINTR { continue }
            return max(0, count)
        }
    }

    /// Writing to a pipe whose reader has gone fails with EPIPE instead of ending the process
    /// (a language server whose editor quit notices the end of its input and exits by itself).
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes whole lines in `write` calls of at most PIPE_BUF bytes, which POSIX makes atomic on
    /// pipes, so several Galley processes sharing one pipe (pre-commit) never split a line.
    public static func write(_ text: String, to stream: Stream) {
        var copy = text
        copy.withUTF8 { write($0, to: stream) }
    }

    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, to stream: Stream) {
        guard let base = bytes.baseAddress else { return }
        let atomic = Int(PIPE_BUF)
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + atomic)
            if end < bytes.count {
                var lineEnd = end
                while lineEnd > start, bytes[lineEnd - 1] != 0x0A { lineEnd -= 1 }
                if lineEnd > start { end = lineEnd }
            }
            writeAll(base + start, end - start, stream)
            start = end
        }
    }

    private static func writeAll(_ pointer: UnsafePointer<UInt8>, _ count: Int, _ stream: Stream) {
        var written = 0
        while written < count {
            let result = Glibc.write(stream.rawValue, pointer + written, count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return
            }
            written += result
        }
    }
}
