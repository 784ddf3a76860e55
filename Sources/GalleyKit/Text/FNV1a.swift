/// 64-bit FNV-1a: fast, and the same on every platform and release (unlike `Hasher`), which
/// fingerprints in baselines, shard choices and word keys all need.
struct FNV1a {
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    private(set) var value = offsetBasis

    @inline(__always)
    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = FNV1a()
        for byte in bytes { hash.add(byte: byte) }
        return hash.value
    }
}
