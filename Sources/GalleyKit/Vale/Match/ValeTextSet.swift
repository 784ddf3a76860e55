/// A set of a document's text indexes, as bits: which texts a rule needs to read.
struct ValeTextSet: Sendable {
    /// The bits, 64 texts a word; a slice so that sets read off one table (`ValeWordBook.Hits`)
    /// share its storage until one is changed.
    private var words: ArraySlice<UInt64>

    /// An empty set for texts `0..<count`.
    init(count: Int) {
        words = ArraySlice(repeating: 0, count: (count + 63) / 64)
    }

    /// The set whose bits are `words` (64 texts a word, text 0 the lowest bit of the first).
    init(words: ArraySlice<UInt64>) {
        self.words = words
    }

    mutating func insert(_ index: Int) {
        let word = index >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word + 1 - words.count)) }
        words[words.startIndex + word] |= 1 << UInt64(index & 63)
    }

    func contains(_ index: Int) -> Bool {
        let word = index >> 6
        return index >= 0 && word < words.count && words[words.startIndex + word] & (1 << UInt64(index & 63)) != 0
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    func union(_ other: ValeTextSet) -> ValeTextSet {
        var result = Array(words.count >= other.words.count ? words : other.words)
        let smaller = words.count >= other.words.count ? other.words : words
        for (index, word) in smaller.enumerated() { result[index] |= word }
        return ValeTextSet(words: result[...])
    }

    /// The indexes in the set, in ascending order.
    var elements: [Int] {
        var result: [Int] = []
        for (position, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                result.append(position << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }
}
