import Synchronization

/// A value made the first time it is asked for, then shared read-only by every thread.
///
/// Reading it once made is one acquiring load (a plain load on x86 and ARM64): no lock, no
/// reference counting; the lock is taken only while it is being made, so two threads asking at
/// once make it once. Rule sets compile hundreds of patterns that a run may never need (an
/// exact form for text with combining marks, a swap's own pattern for its `$1`): they wait here.
final class ValeOnce<Value: AnyObject & Sendable>: Sendable {
    private let slot = Atomic<Unmanaged<Value>?>(nil)
    private let making = Mutex<Void>(())

    init() {}

    /// A slot holding `value` already.
    init(_ value: Value) {
        slot.store(Unmanaged.passRetained(value), ordering: .releasing)
    }

    deinit {
        slot.load(ordering: .acquiring)?.release()
    }

    /// Whether the value has been made.
    var isMade: Bool { slot.load(ordering: .acquiring) != nil }

    @inline(__always)
    func value(_ make: () -> Value) -> Value {
        if let made = slot.load(ordering: .acquiring) { return made.takeUnretainedValue() }
        return making.withLock { _ in
            if let made = slot.load(ordering: .acquiring) { return made.takeUnretainedValue() }
            let value = make()
            slot.store(Unmanaged.passRetained(value), ordering: .releasing)
            return value
        }
    }
}
