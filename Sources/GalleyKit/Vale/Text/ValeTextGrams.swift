/// Which bytes, and which pairs of neighbouring bytes, a text holds (ASCII letters lower-cased):
/// read once per text, so each pattern's prefilter asks a few bit questions instead of reading
/// the text again. Pairs are hashed into 4,096 bits, so a pair may seem present when it is not
/// (the pattern then runs as it would have), never the other way round.
///
/// Every Vale text of every document has one, so the bits live inline in the object (one
/// allocation) and are gathered in one pass over the bytes with no bounds checks. A text's
/// grams are gathered when first asked for: with the Vectorscan scan, only the patterns it does
/// not cover ask, and most texts never are.
///
/// The object changes once, on the first question; a text is read by one thread at a time
/// (a document's Vale texts belong to its rule context, which is not shared), so it needs no
/// lock, and its fields are not checked for exclusive access at each read.
final class ValeTextGrams: @unchecked Sendable {
    /// Words 0..<4: the single bytes; words 4..<68: the pairs.
    @exclusivity(unchecked) private var bits: InlineArray<68, UInt64>
    /// The text holds U+212A (Kelvin sign) or U+017F (long s), which PCRE2 matches with `k` and
    /// `s` under `(?i)`.
    @exclusivity(unchecked) private var kin = false
    /// The text whose grams are still to be gathered (nil once they are).
    @exclusivity(unchecked) private var pending: String?

    static let pairBits = 4096
    private static let pairBase = 4

    init(_ text: UnsafeBufferPointer<UInt8>) {
        bits = InlineArray(repeating: 0)
        gather(text)
    }

    /// Grams of `text`, gathered when first asked for.
    init(lazy text: String) {
        bits = InlineArray(repeating: 0)
        pending = text
    }

    @inline(__always)
    private func ensureGathered() {
        if _slowPath(pending != nil) { gatherPending() }
    }

    @inline(never)
    private func gatherPending() {
        guard var text = pending else { return }
        pending = nil
        text.withUTF8 { gather($0) }
    }

    /// Sets the bits of `text`'s bytes and pairs (all clear before), in place.
    private func gather(_ text: UnsafeBufferPointer<UInt8>) {
        withUnsafeMutablePointer(to: &bits) { storage in
            storage.withMemoryRebound(to: UInt64.self, capacity: 68) { words in
                Self.gather(text, into: words)
            }
        }
        // Both are bytes 0x80 or more: only a text that is not ASCII is read again.
        kin = bits[2] | bits[3] != 0 && Self.holdsKin(text)
    }

    /// The loop reads each byte once: it marks the byte in a table of 256 flags (folded into
    /// the four words of single bytes at the end) and sets the bit of the pair it ends, whose
    /// key is the previous byte's half of `pairKey` and this byte's, each read from a table.
    private static func gather(_ text: UnsafeBufferPointer<UInt8>, into words: UnsafeMutablePointer<UInt64>) {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { flagWords in
            let flagWords = flagWords.baseAddress!
            flagWords.initialize(repeating: 0, count: 32)
            let seen = UnsafeMutableRawPointer(flagWords).assumingMemoryBound(to: UInt8.self)
            firstHalves.withUnsafeBufferPointer { first in
                secondHalves.withUnsafeBufferPointer { second in
                    guard let first = first.baseAddress, let second = second.baseAddress else { return }
                    let pairs = words + pairBase
                    var previous = Int(first[Int(base[0])])
                    seen[Int(base[0])] = 1
                    for index in 1..<text.count {
                        let byte = Int(base[index])
                        seen[byte] = 1
                        let key = previous ^ Int(second[byte])
                        pairs[key &>> 6] |= 1 &<< UInt64(key & 63)
                        previous = Int(first[byte])
                    }
                }
            }
            // Eight flags (each 0 or 1) become eight bits: the multiplication moves flag i to
            // bit 56 + i, with no carries into the top byte.
            for word in 0..<4 {
                var singles: UInt64 = 0
                for part in 0..<8 {
                    singles |= ((flagWords[word &* 8 &+ part] &* 0x0102_0408_1020_4080) &>> 56) &<< UInt64(part &* 8)
                }
                words[word] |= singles
            }
            // Upper-case ASCII letters (bits 1...26 of the second word) count as their lower case.
            let upper = words[1] & 0x07FF_FFFE
            words[1] = (words[1] & ~0x07FF_FFFE) | upper &<< 32
        }
    }

    /// The text holds U+212A (Kelvin sign) or U+017F (long s), which PCRE2 matches with `k` and
    /// `s` under `(?i)`.
    var holdsCaselessKin: Bool {
        ensureGathered()
        return kin
    }

    /// U+017F (C5 BF) or the end of U+212A (E2 84 AA).
    private static func holdsKin(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count > 1 else { return false }
        return (1..<text.count).contains { index in
            (text[index - 1] == 0xC5 && text[index] == 0xBF) || (text[index - 1] == 0x84 && text[index] == 0xAA)
        }
    }

    /// For each byte, its half of `pairKey` as the first byte of a pair, and as the second.
    private static let firstHalves: [Int16] = (0...255).map { Int16(UInt32(lower(UInt8($0))) &* 0x9E37 & UInt32(pairBits - 1)) }
    private static let secondHalves: [Int16] = (0...255).map { Int16(UInt32(lower(UInt8($0))) &* 0x85EB & UInt32(pairBits - 1)) }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    @inline(__always) static func pairKey(_ first: UInt8, _ second: UInt8) -> Int {
        Int((UInt32(first) &* 0x9E37 ^ UInt32(second) &* 0x85EB) & UInt32(pairBits - 1))
    }

    func holds(_ byte: UInt8) -> Bool {
        ensureGathered()
        return bits[Int(byte >> 6)] & (1 << UInt64(byte & 63)) != 0
    }

    func holds(pairKey key: Int) -> Bool {
        ensureGathered()
        return bits[Self.pairBase + (key >> 6)] & (1 << UInt64(key & 63)) != 0
    }

    /// Every byte of the text is ASCII (it holds no byte of 0x80 or more).
    var isASCII: Bool {
        ensureGathered()
        return bits[2] | bits[3] == 0
    }
}
