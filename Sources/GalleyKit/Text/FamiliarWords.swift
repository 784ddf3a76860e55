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
    static func isFamiliar(_ word: [UInt8]) -> Bool {
        if word.contains(UInt8(ascii: "-")) {
            return word.split(separator: UInt8(ascii: "-")).allSatisfy { isFamiliar(Array($0)) }
        }
        var stem = word
        if stem.count > 2, stem.suffix(2).elementsEqual("'s".utf8) { stem.removeLast(2) }
        while stem.last == UInt8(ascii: "'") { stem.removeLast() }
        if isListed(stem) { return true }
        for (suffix, replacement) in inflections where stem.count > suffix.count + 1 && stem.suffix(suffix.count).elementsEqual(suffix) {
            let base = Array(stem.dropLast(suffix.count))
            if isListed(base + replacement) { return true }
            if replacement.isEmpty {
                if isListed(base + [UInt8(ascii: "e")]) { return true }
                // A doubled consonant: running → run, bigger → big.
                if base.count >= 2, base[base.count - 1] == base[base.count - 2], isListed(Array(base.dropLast())) { return true }
            }
        }
        return false
    }

    private static let inflections: [([UInt8], [UInt8])] = [
        ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"),
        ("es", ""), ("s", ""), ("ed", ""), ("d", ""), ("ing", ""), ("er", ""), ("r", ""), ("est", ""), ("st", ""),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    static func isListed(_ word: [UInt8]) -> Bool {
        guard !word.isEmpty else { return false }
        return word.withUnsafeBufferPointer { key in
            DaleChallWords.records.utf8.withContiguousStorageIfAvailable { SortedWordTable.find(key, in: $0) != nil } ?? false
        }
    }
}
