import Dispatch
import Synchronization

/// Lints files on all cores with bounded memory: files go in windows; each window is linted in
/// parallel, then its reports are handed over in path order and dropped.
public enum ParallelRun {
    public static func run<Item: Sendable>(_ files: [Item], jobs: Int, window: Int = 256, lint: @escaping @Sendable (Item) -> FileReport,
                                          deliver: (FileReport) -> Void) {
        let workers = max(1, jobs)
        var start = 0
        while start < files.count {
            let end = min(files.count, start + (workers == 1 ? 1 : window))
            let slice = Array(files[start..<end])
            if workers == 1 || slice.count == 1 {
                for path in slice { deliver(lint(path)) }
            } else {
                let slots = ResultSlots(count: slice.count)
                DispatchQueue.concurrentPerform(iterations: min(workers, slice.count)) { _ in
                    while let index = slots.claim() { slots.store(lint(slice[index]), at: index) }
                }
                for report in slots.take() { deliver(report) }
            }
            start = end
        }
    }
}

/// Work claimed by an atomic counter; each slot written once by the worker that claimed it and
/// read only after every worker has returned.
private final class ResultSlots: @unchecked Sendable {
    private let count: Int
    private let next = Atomic<Int>(0)
    private let base: UnsafeMutablePointer<FileReport?>

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func claim() -> Int? {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }

    func store(_ report: FileReport, at index: Int) { base[index] = report }

    func take() -> [FileReport] { (0..<count).compactMap { base[$0] } }
}
