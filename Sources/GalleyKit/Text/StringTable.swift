/// A map from strings to values, built once and read on a hot path: FNV-1a over the key's UTF-8
/// bytes and linear probing. Swift's Dictionary hashes with seeded SipHash, several times the
/// cost for short keys such as the rule id looked up for every finding. Since keys are hashed
/// by their bytes, a canonically equivalent spelling with other bytes is a key of its own
/// (rule ids are looked up by the very strings they were stored with).
struct StringTable<Value> {
    private var keys: [String?]
    private var values: [Value?]
    private let mask: Int

    /// The first value of each key is kept, as `Dictionary(_:uniquingKeysWith: { first, _ in first })`.
    init(_ pairs: [(String, Value)]) {
        var size = 16
        while size < pairs.count * 2 { size <<= 1 }
        keys = [String?](repeating: nil, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
        for (key, value) in pairs {
            var slot = Self.start(key, mask)
            while let stored = keys[slot], stored != key { slot = (slot + 1) & mask }
            guard keys[slot] == nil else { continue }
            keys[slot] = key
            values[slot] = value
        }
    }

    subscript(key: String) -> Value? {
        keys.withUnsafeBufferPointer { keys in
            var slot = Self.start(key, mask)
            // Read in place: a stored key taken out would be retained and released.
            while keys[slot] != nil {
                if keys[slot] == key { return values[slot] }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    private static func start(_ key: String, _ mask: Int) -> Int {
        // Hashed from the bytes in place: walking a String's UTF-8 view costs several times more.
        let hash = key.utf8.withContiguousStorageIfAvailable { FNV1a.hash($0) } ?? FNV1a.hash(key.utf8)
        return Int(truncatingIfNeeded: hash) & mask
    }
}

extension StringTable: Sendable where Value: Sendable {}
