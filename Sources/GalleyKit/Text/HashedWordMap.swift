/// A hash map from 64-bit word hashes to values, with open addressing: the keys are hashes
/// already, so lookups skip `Hasher` and cost a multiply and a probe or two.
struct HashedWordMap<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    /// `key` must not be 0 (the empty slot).
    subscript(key: UInt64) -> Value? {
        get {
            var slot = Self.start(key, mask)
            while true {
                let stored = keys[slot]
                if stored == key { return values[slot] }
                if stored == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            var slot = Self.start(key, mask)
            while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & mask }
            if keys[slot] == 0 { count += 1 }
            keys[slot] = key
            values[slot] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (index, key) in oldKeys.enumerated() where key != 0 { self[key] = oldValues[index] }
    }

    private static func start(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
}

extension HashedWordMap: Sendable where Value: Sendable {}
