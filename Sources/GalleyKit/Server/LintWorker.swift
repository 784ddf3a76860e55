import Dispatch
import Synchronization

/// The thread that lints. Woken by every change; each time it wakes it lints whatever is dirty
/// by then, taking each document's newest version, so a burst of changes costs one lint after
/// the one already running, and nothing waits on a timer.
final class LintWorker: Sendable {
    private let wakeUp = DispatchSemaphore(value: 0)
    private let stopped = Atomic(false)
    private let queue = DispatchQueue(label: "galley.lint", qos: .userInitiated)

    func start(_ server: LanguageServer) {
        queue.async { [weak server] in
            while true {
                self.wakeUp.wait()
                guard !self.stopped.load(ordering: .acquiring), let server else { return }
                server.lintPending()
            }
        }
    }

    func wake() { wakeUp.signal() }

    func stop() {
        stopped.store(true, ordering: .releasing)
        wakeUp.signal()
    }
}
