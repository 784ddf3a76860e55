import Dispatch
import Synchronization

/// Works through files on all cores with bounded memory, handing results over in input order.
///
/// Workers claim files in order from a shared counter and may run at most `window` files ahead of
/// the oldest result not yet handed over; the calling thread hands results over as they become
/// ready, while the workers go on. So at most `window` results are held at once, a slow file
/// delays only the hand-over behind it, and the order never depends on thread timing.
public enum ParallelRun {
    public static func run<Items: RandomAccessCollection & Sendable, Output: Sendable>(
        _ items: Items, jobs: Int, window: Int = 256, work: @escaping @Sendable (Items.Element) -> Output, deliver: (Output) -> Void
    ) where Items.Index == Int {
        let workers = min(max(1, jobs), items.count)
        guard workers > 1 else {
            for item in items { deliver(work(item)) }
            return
        }
        let ring = ResultRing<Output>(capacity: max(window, workers))
        let shared = SharedItems(items)
        for _ in 0..<workers {
            DispatchQueue.global().async {
                while let index = ring.claim(below: shared.items.count) {
                    ring.store(work(shared.items[shared.items.startIndex + index]), at: index)
                }
            }
        }
        // Waking the calling thread for every file took a core from a worker each time (15,000
        // context switches on 10,000 files): when the next result is not ready, it sleeps until a
        // result `batch` files later is, and then hands over the whole run at once.
        let batch = min(32, ring.capacity - 1)
        var signalTaken = -1
        for index in 0..<items.count {
            if index == signalTaken {
                deliver(ring.takeReady(index))
            } else if let output = ring.tryTake(index) {
                deliver(output)
            } else if index < signalTaken {
                deliver(ring.take(index))
            } else {
                signalTaken = min(index + batch, items.count - 1)
                ring.waitUntilReady(signalTaken)
                deliver(index == signalTaken ? ring.takeReady(index) : ring.take(index))
            }
        }
    }
}

private final class SharedItems<Items: RandomAccessCollection & Sendable>: Sendable {
    let items: Items
    init(_ items: Items) { self.items = items }
}

/// A ring of result slots. A worker takes a free slot (`space`) before claiming the next index,
/// so claimed-but-not-taken indexes never exceed the capacity and never share a slot; each slot
/// is written by one worker, then read by the taker after its `ready` signal.
private final class ResultRing<Output: Sendable>: @unchecked Sendable {
    let capacity: Int
    private let next = Atomic<Int>(0)
    private let space: DispatchSemaphore
    private let ready: [DispatchSemaphore]
    private let slots: UnsafeMutablePointer<Output?>

    init(capacity: Int) {
        self.capacity = capacity
        space = DispatchSemaphore(value: capacity)
        ready = (0..<capacity).map { _ in DispatchSemaphore(value: 0) }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    /// The next index to work on, or nil when all are claimed (the slot taken is given back).
    func claim(below count: Int) -> Int? {
        space.wait()
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard index < count else {
            space.signal()
            return nil
        }
        return index
    }

    func store(_ output: Output, at index: Int) {
        slots[index % capacity] = output
        ready[index % capacity].signal()
    }

    /// Waits for the result of `index` (taken in order, from one thread) and frees its slot.
    func take(_ index: Int) -> Output {
        ready[index % capacity].wait()
        return takeReady(index)
    }

    /// The result of `index` if it is ready, without waiting.
    func tryTake(_ index: Int) -> Output? {
        guard ready[index % capacity].wait(timeout: .now()) == .success else { return nil }
        return takeReady(index)
    }

    /// Waits for the result of `index` without taking it; `takeReady` takes it later. Only for an
    /// index less than `capacity` past the oldest one not taken, which workers can always reach.
    func waitUntilReady(_ index: Int) {
        ready[index % capacity].wait()
    }

    /// The result of `index`, whose ready signal was already received.
    func takeReady(_ index: Int) -> Output {
        let output = slots[index % capacity].take()!
        space.signal()
        return output
    }
}
