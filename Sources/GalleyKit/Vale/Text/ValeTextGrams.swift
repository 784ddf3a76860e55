/// Which bytes, and which pairs of neighbouring bytes, a text holds (ASCII letters lower-cased):
/// read once per text, so each pattern's prefilter asks a few bit questions instead of reading
/// the text again. Pairs are hashed into 4,096 bits, so a pair may seem present when it is not
/// (the pattern then runs as it would have), never the other way round.
///
/// Every Vale text of every document makes one, so the bits live inline in the object (one
/// allocation) and are gathered in one pass over the bytes with no bounds checks.
final class ValeTextGrams: Sendable {
    /// Words 0..<4: the single bytes; words 4..<68: the pairs.
    private let bits: InlineArray<68, UInt64>
    /// The text holds U+212A (Kelvin sign) or U+017F (long s), which PCRE2 matches with `k` and
    /// `s` under `(?i)`.
    let holdsCaselessKin: Bool

    static let pairBits = 4096
    private static let pairBase = 4

    init(_ text: UnsafeBufferPointer<UInt8>) {
        bits = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 68) { words -> InlineArray<68, UInt64> in
            let words = words.baseAddress!
            words.initialize(repeating: 0, count: 68)
            if let base = text.baseAddress, !text.isEmpty {
                var previous = Self.lower(base[0])
                words[Int(previous &>> 6)] |= 1 &<< UInt64(previous & 63)
                for index in 1..<text.count {
                    let byte = Self.lower(base[index])
                    words[Int(byte &>> 6)] |= 1 &<< UInt64(byte & 63)
                    let key = Self.pairKey(previous, byte)
                    words[Self.pairBase &+ (key &>> 6)] |= 1 &<< UInt64(key & 63)
                    previous = byte
                }
            }
            return InlineArray { words[$0] }
        }
        // Both are bytes 0x80 or more: only a text that is not ASCII is read again.
        holdsCaselessKin = bits[2] | bits[3] != 0 && Self.holdsKin(text)
    }

    /// U+017F (C5 BF) or the end of U+212A (E2 84 AA).
    private static func holdsKin(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count > 1 else { return false }
        return (1..<text.count).contains { index in
            (text[index - 1] == 0xC5 && text[index] == 0xBF) || (text[index - 1] == 0x84 && text[index] == 0xAA)
        }
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    @inline(__always) static func pairKey(_ first: UInt8, _ second: UInt8) -> Int {
        Int((UInt32(first) &* 0x9E37 ^ UInt32(second) &* 0x85EB) & UInt32(pairBits - 1))
    }

    func holds(_ byte: UInt8) -> Bool {
        bits[Int(byte >> 6)] & (1 << UInt64(byte & 63)) != 0
    }

    func holds(pairKey key: Int) -> Bool {
        bits[Self.pairBase + (key >> 6)] & (1 << UInt64(key & 63)) != 0
    }

    /// Every byte of the text is ASCII (it holds no byte of 0x80 or more).
    var isASCII: Bool { bits[2] | bits[3] == 0 }
}
