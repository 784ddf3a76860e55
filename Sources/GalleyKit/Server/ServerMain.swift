import Synchronization
import Dispatch
import SystemIO

/// `galley lsp`: the server on standard input and output. One thread reads and frames messages
/// (and sees `$/cancelRequest` at once, before the request it cancels is handled); the calling
/// thread handles them in order; the lint worker lints.
public enum LanguageServerMain {
    public static func run(configPath: String?) -> Int32 {
        Terminal.ignoreBrokenPipes()
        let writer = MessageWriter { bytes in bytes.withUnsafeBufferPointer { Terminal.write($0, to: .output) } }
        let server = LanguageServer(configPath: configPath, writer: writer, mode: .worker)
        let inbox = Inbox()
        DispatchQueue.global(qos: .userInitiated).async {
            var reader = MessageReader(read: Terminal.readInput)
            while true {
                let event = reader.next()
                if case .message(let body) = event, let id = Self.cancelledID(body) { server.cancel(id) }
                inbox.push(event)
                if event == .end { return }
            }
        }
        while true {
            if let status = server.handle(inbox.pop()) { return status }
        }
    }

    /// A whole session from bytes in memory, linting on the calling thread after each message;
    /// returns what the server wrote and its exit status (nil when the input ends first). For
    /// fuzzing, and for replaying a recorded session.
    public static func replay(_ input: [UInt8], configPath: String? = nil) -> (output: [UInt8], status: Int32?) {
        final class Sink: Sendable {
            let bytes = Mutex<[UInt8]>([])
        }
        let sink = Sink()
        let server = LanguageServer(configPath: configPath, writer: MessageWriter { bytes in sink.bytes.withLock { $0 += bytes } }, mode: .inline)
        var reader = MessageReader(bytes: input)
        while true {
            let event = reader.next()
            if let status = server.handle(event) { return (sink.bytes.withLock { $0 }, event == .end ? nil : status) }
        }
    }

    /// The id a `$/cancelRequest` names, read ahead of the queue.
    private static func cancelledID(_ body: [UInt8]) -> RPCID? {
        let marker = Array("$/cancelRequest".utf8)
        guard body.count < 4096, body.indices.contains(where: { body[$0...].starts(with: marker) }),
              case .success(.notification("$/cancelRequest", let params)) = RPCMessage.parse(body) else { return nil }
        return params?["id"].flatMap(RPCID.init)
    }
}

/// Events from the reading thread to the handling thread, in order.
private final class Inbox: Sendable {
    private let events = Mutex<[MessageReader.Event]>([])
    private let available = DispatchSemaphore(value: 0)

    func push(_ event: MessageReader.Event) {
        events.withLock { $0.append(event) }
        available.signal()
    }

    func pop() -> MessageReader.Event {
        available.wait()
        return events.withLock { $0.removeFirst() }
    }
}
