/// A word reduced to a 64-bit key: its bytes lowercased (ASCII), a curly apostrophe made
/// straight, then hashed (FNV-1a). Word lists are stored as keys, so matching a word against a
/// list hashes its bytes once and never builds a `String`.
public struct WordKey: Hashable, Sendable {
    public let value: UInt64

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash = Self.seed
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                Self.mix(&hash, UInt8(ascii: "'"))
                index += 3
                continue
            }
            Self.mix(&hash, byte)
            index += 1
        }
        self.init(hash: hash)
    }

    /// A key from a hash built with `seed` and `mix` (the tokenizer builds one as it reads).
    init(hash: UInt64) {
        value = hash | 1  // never 0, the empty slot of `WordKeySet`
    }

    static let seed = FNV1a.offsetBasis

    /// One more byte of the word, lowercased if it is an ASCII capital.
    @inline(__always)
    static func mix(_ hash: inout UInt64, _ byte: UInt8) {
        hash = (hash ^ UInt64(byte &- 0x41 < 26 ? byte | 0x20 : byte)) &* FNV1a.prime
    }

    public init(_ word: String) {
        var copy = word
        self = copy.withUTF8 { WordKey($0) }
    }
}

/// A set of word keys with open addressing: membership costs one multiply and a probe or two.
struct WordKeySet: Sendable {
    private var slots: [UInt64]
    private var mask: Int

    init(_ words: some Sequence<String>) {
        let keys = words.map { WordKey($0).value }
        var capacity = 16
        while capacity < keys.count * 4 { capacity <<= 1 }
        mask = capacity - 1
        slots = [UInt64](repeating: 0, count: capacity)
        for key in keys {
            var slot = Self.start(key, mask)
            while slots[slot] != 0, slots[slot] != key { slot = (slot + 1) & mask }
            slots[slot] = key
        }
    }

    func contains(_ key: WordKey) -> Bool {
        var slot = Self.start(key.value, mask)
        while true {
            let stored = slots[slot]
            if stored == key.value { return true }
            if stored == 0 { return false }
            slot = (slot + 1) & mask
        }
    }

    private static func start(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
}
