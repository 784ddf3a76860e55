/// A generated word table (lowercase ASCII words, one record a line, each word optionally
/// followed by a one-byte value) with a hash index for lookups.
///
/// The table itself is a string literal: it costs nothing until used. The index is built on the
/// first lookup (one pass, a few milliseconds for CMUdict), so only runs that count syllables
/// or familiar words pay for it. A lookup hashes the word and compares one or two records,
/// where a binary search over a megabyte would miss the cache a dozen times.
final class WordTable: Sendable {
    private let bytes: [UInt8]
    /// Open addressing, linear probing: record offset + 1, or 0 for an empty slot.
    private let slots: [Int32]
    private let mask: Int
    let count: Int

    init(records: String) {
        bytes = Array(records.utf8)
        var offsets: [Int32] = []
        var offset = 0
        while offset < bytes.count {
            offsets.append(Int32(offset))
            while offset < bytes.count, bytes[offset] != Self.newline { offset += 1 }
            offset += 1
        }
        count = offsets.count
        var capacity = 1
        while capacity < offsets.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        var slots = [Int32](repeating: 0, count: capacity)
        bytes.withUnsafeBufferPointer { table in
            for start in offsets {
                var end = Int(start)
                while end < table.count, Self.isWordByte(table[end]) { end += 1 }
                var slot = Self.hash(UnsafeBufferPointer(rebasing: table[Int(start)..<end])) & (capacity - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = start + 1
            }
        }
        self.slots = slots
    }

    /// The byte after `key`'s word in its record (its value, or a newline), or nil when the
    /// word is not in the table. `key` is lowercase ASCII letters and apostrophes.
    func value(of key: UnsafeBufferPointer<UInt8>) -> UInt8?? {
        guard !key.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { table -> UInt8?? in
            var slot = Self.hash(key) & mask
            while slots[slot] != 0 {
                let start = Int(slots[slot] - 1)
                if matches(key, table, at: start) {
                    let end = start + key.count
                    return .some(end < table.count ? table[end] : nil)
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        value(of: key) != nil
    }

    /// Every word of the table, in table order (for tests).
    var words: [String] {
        bytes.split(separator: Self.newline).map { record in
            String(decoding: record.prefix { Self.isWordByte($0) }, as: UTF8.self)
        }
    }

    private func matches(_ key: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + key.count <= table.count else { return false }
        for index in 0..<key.count where table[start + index] != key[index] { return false }
        let end = start + key.count
        return end == table.count || !Self.isWordByte(table[end])
    }

    /// FNV-1a.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: value ^ (value >> 29))
    }

    /// Words hold lowercase letters and apostrophes; anything else ends the word.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte == 0x27
    }

    static let newline: UInt8 = 0x0A
}
