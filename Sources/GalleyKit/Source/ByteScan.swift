/// Finding bytes in text eight at a time: the Markdown reader looks for the few bytes that can
/// start syntax it handles (`{`, `:`, `<`) in every file, and most files have none.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Index of the first `byte` in `bytes[from..<to]`, or nil.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int? = nil) -> Int? {
        let end = min(to ?? bytes.count, bytes.count)
        var index = max(0, from)
        guard index < end, let base = bytes.baseAddress else { return nil }
        let pattern = ones &* UInt64(byte)
        let raw = UnsafeRawPointer(base)
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
            // A zero byte in `word` is a match (the classic has-zero-byte test).
            if (word &- ones) & ~word & highBits != 0 { break }
            index += 8
        }
        while index < end {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
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
}
