import Synchronization

/// The LSP base protocol's framing: `Content-Length: N` headers, a blank line, N bytes of JSON.
///
/// The input is untrusted: a header without a length, a length out of bounds, a header that
/// never ends or a stream cut short is reported as a framing error, and reading picks up again
/// at the next `Content-Length` header; nothing the client sends makes it stop or wait forever
/// on bytes that are already there.
struct MessageReader {
    enum Event: Equatable {
        case message([UInt8])
        case framingError(String)
        case end
    }

    static let maxHeaderBytes = 8192
    static let maxBodyBytes = 64 << 20
    private static let lengthName = Array("content-length".utf8)

    /// Reads up to `count` bytes into the buffer given; 0 means the input ended.
    private let read: (UnsafeMutableRawBufferPointer) -> Int
    private var pending: [UInt8] = []
    private var start = 0
    private var ended = false

    init(read: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.read = read
    }

    /// A reader over bytes already in memory (tests and fuzzing).
    init(bytes: [UInt8]) {
        self.init(read: { _ in 0 })
        pending = bytes
    }

    mutating func next() -> Event {
        while true {
            skipBlankLines()
            if let (headerEnd, bodyStart) = findHeaderEnd() {
                let header = pending[start..<headerEnd]
                start = bodyStart
                switch contentLength(header) {
                case .failure(let problem):
                    resynchronize()
                    return .framingError(problem.message)
                case .success(let length):
                    while pending.count - start < length {
                        guard fill() else {
                            let received = pending.count - start
                            start = pending.count
                            return .framingError("the input ended \(received) bytes into a message of \(length) bytes")
                        }
                    }
                    let body = Array(pending[start..<start + length])
                    start += length
                    compact()
                    return .message(body)
                }
            }
            if pending.count - start > Self.maxHeaderBytes {
                start += 1
                resynchronize()
                return .framingError("a header longer than \(Self.maxHeaderBytes) bytes without its blank line")
            }
            guard fill() else {
                if start < pending.count {
                    let leftover = pending.count - start
                    start = pending.count
                    return .framingError("the input ended inside a header (\(leftover) bytes)")
                }
                return .end
            }
        }
    }

    /// Blank lines between messages are tolerated.
    private mutating func skipBlankLines() {
        while start < pending.count, pending[start] == 0x0D || pending[start] == 0x0A { start += 1 }
    }

    /// The end of the header block (`\r\n\r\n`, or `\n\n` from lenient clients) and where the body starts.
    private func findHeaderEnd() -> (Int, Int)? {
        var index = start
        while index < pending.count {
            if pending[index] == 0x0A {
                if index + 1 < pending.count, pending[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < pending.count, pending[index + 1] == 0x0D, pending[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    struct Problem: Error {
        var message: String
    }

    private func contentLength(_ header: ArraySlice<UInt8>) -> Result<Int, Problem> {
        var length: Int?
        for line in header.split(separator: 0x0A) {
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            guard !trimmed.isEmpty else { continue }
            guard let colon = trimmed.firstIndex(of: UInt8(ascii: ":")) else {
                return .failure(Problem(message: "a header line without ':' (\(Self.preview(trimmed)))"))
            }
            let name = trimmed[..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
            guard name.elementsEqual(Self.lengthName) else { continue }
            let value = String(decoding: trimmed[(colon + 1)...], as: UTF8.self).trimmingSpaces
            guard let number = Int(value), number >= 0 else {
                return .failure(Problem(message: "Content-Length is not a length: '\(value.prefix(40))'"))
            }
            guard number <= Self.maxBodyBytes else {
                return .failure(Problem(message: "Content-Length \(number) is over the limit of \(Self.maxBodyBytes) bytes"))
            }
            length = number
        }
        guard let length else { return .failure(Problem(message: "a header without Content-Length")) }
        return .success(length)
    }

    /// Drops bytes up to the next `Content-Length` header (any letter case), or all but a tail
    /// that could be the start of one.
    private mutating func resynchronize() {
        while true {
            if let found = findLengthName(from: start) {
                start = found
                return
            }
            start = max(start, pending.count - Self.lengthName.count)
            compact()
            guard fill() else {
                start = pending.count
                return
            }
        }
    }

    private func findLengthName(from: Int) -> Int? {
        let count = Self.lengthName.count
        var index = from
        while index + count <= pending.count {
            var matches = true
            for offset in 0..<count {
                var byte = pending[index + offset]
                if byte >= 0x41 && byte <= 0x5A { byte += 32 }
                if byte != Self.lengthName[offset] { matches = false; break }
            }
            if matches { return index }
            index += 1
        }
        return nil
    }

    private mutating func fill() -> Bool {
        guard !ended else { return false }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read($0) }
        guard count > 0 else {
            ended = true
            return false
        }
        pending.append(contentsOf: chunk[..<count])
        return true
    }

    private mutating func compact() {
        if start > 0, start >= pending.count / 2 || start > 1 << 20 {
            pending.removeSubrange(..<start)
            start = 0
        }
    }

    private static func preview(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix(40), as: UTF8.self)
    }
}

/// Frames outgoing messages. One lock keeps messages from two threads (responses, and the
/// diagnostics the lint worker publishes) from interleaving.
final class MessageWriter: Sendable {
    private let write: @Sendable ([UInt8]) -> Void
    private let lock = Mutex(())

    init(write: @escaping @Sendable ([UInt8]) -> Void) {
        self.write = write
    }

    func send(_ message: JSONOutput) {
        let body = Array(message.compact.utf8)
        let framed = Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        lock.withLock { _ in write(framed) }
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return String(text)
    }
}
