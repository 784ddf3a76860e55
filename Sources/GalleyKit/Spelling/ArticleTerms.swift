/// The words an article uses outside its prose: in code blocks and inline code, URLs, markup,
/// and metadata the check does not read (an `author`, `tags`). A word the article itself writes
/// in code or in a link is one of its terms ("rustup", "kubectl", a GitHub handle), not a typo of
/// its prose. Parts of hyphenated names (slugs, CSS classes) do not count. Built only for
/// documents with a word to excuse.
struct ArticleTerms {
    private var exact: Set<String> = []
    private var lowercase: Set<String> = []

    /// `prose` lists the source ranges the checked prose came from; everything else counts.
    init(source: [UInt8], prose: [Range<Int>]) {
        var covered = [Bool](repeating: false, count: source.count)
        for range in prose {
            let lower = max(0, range.lowerBound), upper = min(source.count, range.upperBound)
            if lower < upper { for index in lower..<upper { covered[index] = true } }
        }
        source.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                guard !covered[index], let length = Self.letterLength(bytes, at: index) else {
                    index += bytes[index] >= 0xC0 ? WordTokenizer.scalarLength(bytes, at: index) : 1
                    continue
                }
                let start = index
                index += length
                while index < bytes.count, !covered[index], let next = Self.letterLength(bytes, at: index) { index += next }
                // A part of a hyphenated name does not count: a slug repeats its title
                // ("how-to-recieve"), so its words prove nothing about the title's spelling.
                let hyphenated = (start > 0 && bytes[start - 1] == UInt8(ascii: "-")) || (index < bytes.count && bytes[index] == UInt8(ascii: "-"))
                if !hyphenated, index - start >= 2, index - start <= 64 {
                    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    if TermList.hasCapital(word) { exact.insert(word) } else { lowercase.insert(word) }
                }
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
