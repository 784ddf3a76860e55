/// The words an article uses outside its prose: in code blocks and inline code, URLs, markup,
/// and metadata the check does not read (an `author`, `tags`). A word the article itself writes
/// in code or in a link is one of its terms ("rustup", "kubectl", a GitHub handle), not a typo of
/// its prose. A slug does not count: a hyphenated name whose words stand side by side in the
/// prose ("how-to-recieve" beside the title "How to recieve") repeats the prose's spelling, right
/// or wrong. Built only for documents with a word to excuse.
struct ArticleTerms {
    private var exact: Set<String> = []
    private var lowercase: Set<String> = []

    /// `prose` lists the source ranges the checked prose came from; everything else counts.
    /// `proseBigrams` holds `ArticleTerms.bigram` of every two neighbouring words of the prose.
    init(source: [UInt8], prose: [Range<Int>], proseBigrams: Set<UInt64>) {
        var covered = [Bool](repeating: false, count: source.count)
        for range in prose {
            let lower = max(0, range.lowerBound), upper = min(source.count, range.upperBound)
            if lower < upper { for index in lower..<upper { covered[index] = true } }
        }
        source.withUnsafeBufferPointer { bytes in
            var compound: [String] = []
            var index = 0
            while index < bytes.count {
                guard !covered[index], let length = Self.letterLength(bytes, at: index) else {
                    index += bytes[index] >= 0xC0 ? WordTokenizer.scalarLength(bytes, at: index) : 1
                    continue
                }
                let start = index
                index += length
                while index < bytes.count, !covered[index], let next = Self.letterLength(bytes, at: index) { index += next }
                compound.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                // A hyphen followed by a letter continues the name: `rustc-dev-guide`.
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), !covered[index + 1], Self.letterLength(bytes, at: index + 1) != nil {
                    index += 1
                    continue
                }
                add(compound, proseBigrams: proseBigrams)
                compound.removeAll(keepingCapacity: true)
            }
        }
    }

    private mutating func add(_ parts: [String], proseBigrams: Set<UInt64>) {
        if parts.count > 1, zip(parts, parts.dropFirst()).allSatisfy({ proseBigrams.contains(Self.bigram($0, $1)) }) { return }
        for word in parts where (2...64).contains(word.utf8.count) {
            if TermList.hasCapital(word) { exact.insert(word) } else { lowercase.insert(word) }
        }
    }

    /// Two neighbouring words, in lower case, as one hash.
    static func bigram(_ first: String, _ second: String) -> UInt64 {
        FNV1a.hash(Array(first.lowercased().utf8) + [0x20] + Array(second.lowercased().utf8))
    }

    /// The bigrams of a unit's text (`bytes`, its word `tokens`), hyphenated words split.
    static func addBigrams(of bytes: UnsafeBufferPointer<UInt8>, tokens: [WordToken], to set: inout Set<UInt64>) {
        var previous: String?
        for token in tokens {
            for part in SpellingPolicy.hyphenParts(bytes, token.range) {
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[part]), as: UTF8.self)
                if let previous { set.insert(bigram(previous, word)) }
                previous = word
            }
        }
    }

    /// Whether the article writes `word` outside its prose: as written, or in lower case (a
    /// lower-case term matches any case, as in vocabularies).
    func contains(_ word: String) -> Bool {
        exact.contains(word) || lowercase.contains(word.lowercased())
    }

    /// `contains`, or a possessive ("Zulip's") whose word it contains.
    func containsWordOrBase(_ word: String) -> Bool {
        if contains(word) { return true }
        let straight = TermList.straighten(word)
        return straight.hasSuffix("'s") && contains(String(straight.dropLast(2)))
    }

    /// The byte length of the letter at `index`, or nil when it is not a letter.
    private static func letterLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let byte = bytes[index]
        if byte < 0x80 { return (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A ? 1 : nil }
        guard byte >= 0xC0 else { return nil }
        let (scalar, length) = WordTokenizer.decode(bytes, at: index)
        return scalar.properties.isAlphabetic ? length : nil
    }
}
