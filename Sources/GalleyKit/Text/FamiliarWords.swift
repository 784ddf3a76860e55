/// The Dale-Chall test of a familiar word: on the list of about 3,000 words most fourth-graders
/// know, or a regular inflection of one, as the formula's instructions allow.
///
/// Inflections accepted: plurals and verb forms in -s, -es, -ies; past forms in -d, -ed, -ied;
/// -ing; comparatives and superlatives in -r, -er, -ier, -st, -est, -iest (with a doubled final
/// consonant, `running`, or a dropped `e`, `making`); possessives; hyphenated words whose parts
/// are all familiar. Derivations (-ly, -ness, -ment, -tion) are not: Dale and Chall count them
/// as unfamiliar unless the list has them. Proper names and numbers are decided by the caller.
enum FamiliarWords {
    /// `word` is lowercase ASCII letters, apostrophes and hyphens.
    static func isFamiliar(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if let hyphen = word.firstIndex(of: UInt8(ascii: "-")) {
            return isFamiliar(UnsafeBufferPointer(rebasing: word[..<hyphen]))
                && isFamiliar(UnsafeBufferPointer(rebasing: word[(hyphen + 1)...]))
        }
        var length = word.count
        if length > 2, word[length - 2] == UInt8(ascii: "'"), word[length - 1] == UInt8(ascii: "s") { length -= 2 }
        while length > 0, word[length - 1] == UInt8(ascii: "'") { length -= 1 }
        guard length > 0 else { return false }
        let stem = UnsafeBufferPointer(rebasing: word[..<length])
        if table.contains(stem) { return true }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length + 2) { scratch in
            for (suffix, replacement) in inflections where length > suffix.count + 1 && ends(stem, with: suffix) {
                let baseLength = length - suffix.count
                for index in 0..<baseLength { scratch[index] = stem[index] }
                for (offset, byte) in replacement.enumerated() { scratch[baseLength + offset] = byte }
                if table.contains(UnsafeBufferPointer(rebasing: scratch[..<(baseLength + replacement.count)])) { return true }
                guard replacement.isEmpty else { continue }
                scratch[baseLength] = UInt8(ascii: "e")
                if table.contains(UnsafeBufferPointer(rebasing: scratch[..<(baseLength + 1)])) { return true }
                // A doubled consonant: running → run, bigger → big.
                if baseLength >= 2, stem[baseLength - 1] == stem[baseLength - 2],
                   table.contains(UnsafeBufferPointer(rebasing: scratch[..<(baseLength - 1)])) { return true }
            }
            return false
        }
    }

    private static func ends(_ word: UnsafeBufferPointer<UInt8>, with suffix: [UInt8]) -> Bool {
        guard word.count >= suffix.count else { return false }
        let start = word.count - suffix.count
        for index in 0..<suffix.count where word[start + index] != suffix[index] { return false }
        return true
    }

    private static let inflections: [([UInt8], [UInt8])] = [
        ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"),
        ("es", ""), ("s", ""), ("ed", ""), ("d", ""), ("ing", ""), ("er", ""), ("r", ""), ("est", ""), ("st", ""),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    static let table = WordTable(records: DaleChallWords.records)
}
