import SystemIO

/// Finding bytes in text fast: the readers look for the few bytes that can start syntax they take
/// out (`{`, `:::`) in every file, and most files have none.
enum ByteScan {
    /// Index of the first `byte` in `bytes[from..<to]`, or nil.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int? = nil) -> Int? {
        Bytes.firstIndex(of: byte, in: bytes, from: max(0, from), to: min(to ?? bytes.count, bytes.count))
    }

    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from: Int = 0, to: Int? = nil) -> Int? {
        bytes.withUnsafeBufferPointer { firstIndex(of: byte, in: $0, from: from, to: to) }
    }

    static func contains(_ byte: UInt8, in bytes: [UInt8]) -> Bool { firstIndex(of: byte, in: bytes) != nil }

    /// Whether `bytes[at...]` starts with `other`, eight bytes at a time.
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = other.count
        guard start >= 0, start + count <= bytes.count else { return false }
        guard count > 0, let base = bytes.baseAddress, let otherBase = other.baseAddress else { return true }
        let left = UnsafeRawPointer(base + start)
        let right = UnsafeRawPointer(otherBase)
        var index = 0
        while index + 8 <= count {
            if left.loadUnaligned(fromByteOffset: index, as: UInt64.self) != right.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
            index += 8
        }
        while index < count {
            if base[start + index] != otherBase[index] { return false }
            index += 1
        }
        return true
    }

    /// Whether `needle` (two bytes or more) occurs in `bytes`.
    static func contains(_ needle: [UInt8], in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var from = 0
            while let index = firstIndex(of: needle[0], in: buffer, from: from) {
                if index + needle.count <= buffer.count, (1..<needle.count).allSatisfy({ buffer[index + $0] == needle[$0] }) { return true }
                from = index + 1
            }
            return false
        }
    }

    /// Code points in UTF-8 `bytes[from..<to]` (starting offsets of characters: every byte that
    /// is not a continuation byte, `10xxxxxx`), counted eight bytes at a time: every file's
    /// column checkpoints and every diagnostic's columns are counted here.
    @inline(__always)
    static func scalarCount(in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0, to: Int? = nil) -> Int {
        let end = min(to ?? bytes.count, bytes.count)
        guard let base = bytes.baseAddress, end > from else { return 0 }
        var index = max(0, from)
        var continuation = 0
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // High bit set and the bit below it clear.
            continuation += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            index += 8
        }
        while index < end {
            if bytes[index] & 0xC0 == 0x80 { continuation += 1 }
            index += 1
        }
        return end - max(0, from) - continuation
    }
}
