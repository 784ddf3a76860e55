/// Which bytes, and which pairs of neighbouring bytes, a text holds (ASCII letters lower-cased):
/// read once per text, so each pattern's prefilter asks a few bit questions instead of reading
/// the text again. Pairs are hashed into 4,096 bits, so a pair may seem present when it is not
/// (the pattern then runs as it would have), never the other way round.
final class ValeTextGrams: Sendable {
    private let singles: [UInt64]
    private let pairs: [UInt64]
    /// The text holds U+212A (Kelvin sign) or U+017F (long s), which PCRE2 matches with `k` and
    /// `s` under `(?i)`.
    let holdsCaselessKin: Bool

    static let pairBits = 4096

    init(_ text: UnsafeBufferPointer<UInt8>) {
        var singles = [UInt64](repeating: 0, count: 4)
        var pairs = [UInt64](repeating: 0, count: Self.pairBits / 64)
        var kin = false
        var previous: UInt8?
        for raw in text {
            let byte = Self.lower(raw)
            singles[Int(byte >> 6)] |= 1 << UInt64(byte & 63)
            if let previous {
                let key = Self.pairKey(previous, byte)
                pairs[key >> 6] |= 1 << UInt64(key & 63)
                if (previous == 0xC5 && byte == 0xBF) || (previous == 0x84 && byte == 0xAA) { kin = true }
            }
            previous = byte
        }
        self.singles = singles
        self.pairs = pairs
        holdsCaselessKin = kin
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    @inline(__always) static func pairKey(_ first: UInt8, _ second: UInt8) -> Int {
        Int((UInt32(first) &* 0x9E37 ^ UInt32(second) &* 0x85EB) & UInt32(pairBits - 1))
    }

    func holds(_ byte: UInt8) -> Bool {
        singles[Int(byte >> 6)] & (1 << UInt64(byte & 63)) != 0
    }

    func holds(pairKey key: Int) -> Bool {
        pairs[key >> 6] & (1 << UInt64(key & 63)) != 0
    }
}
