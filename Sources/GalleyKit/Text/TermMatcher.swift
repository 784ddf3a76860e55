/// A word or phrase to find in prose, compiled for the shared matcher.
public struct TermSpec: Sendable, Hashable {
    /// The term as written in the rule.
    public var phrase: String
    /// Index the owning rule uses to know which of its terms matched (e.g. its swap).
    public var payload: Int
    public var caseSensitive: Bool
    /// Hits of exceptions suppress overlapping hits of the same rule.
    public var isException: Bool
    /// Folded words of the phrase, and the punctuation between them (spaces removed).
    let words: [[UInt8]]
    let gaps: [[UInt8]]

    /// Returns nil when the phrase holds no word at all.
    public init?(_ phrase: String, payload: Int = 0, caseSensitive: Bool = false, isException: Bool = false) {
        let bytes = Array(phrase.utf8)
        let tokens = bytes.withUnsafeBufferPointer { WordTokenizer.tokens(in: $0) }
        guard !tokens.isEmpty else { return nil }
        self.phrase = phrase
        self.payload = payload
        self.caseSensitive = caseSensitive
        self.isException = isException
        words = tokens.map { TermMatcher.fold(bytes[$0.range], caseSensitive: caseSensitive) }
        gaps = zip(tokens, tokens.dropFirst()).map { TermMatcher.gap(bytes[$0.range.upperBound..<$1.range.lowerBound]) }
    }
}

/// Every term of every word-list rule in one table, so each text is scanned once per document
/// whatever the number of rules and terms (Vale rescans per rule).
public struct TermMatcher: Sendable {
    struct Entry: Sendable {
        var owner: String
        var spec: TermSpec
    }

    public struct Hit: Sendable, Hashable {
        public var owner: String
        public var spec: TermSpec
        /// UTF-8 range of the match in the text.
        public var range: Range<Int>
    }

    private var entries: [Entry] = []
    /// Hash of a folded first word, bit 0 set as in `WordKey` (never the empty slot) → entries
    /// starting with that word. Looked up for every word of every document, so keyed without
    /// `Hasher`; a collision only adds a candidate, which `matches` then checks.
    /// The value is where that word's entry indexes sit in `candidates` (start << 32 | count):
    /// the lookup hands out no array to retain.
    private var byFirstWord = HashedWordMap<Int>(capacity: 64)
    private var candidates: [Int] = []
    /// Entry indexes by first-word hash, in the order the terms were added (`candidates` is
    /// rebuilt from it on every `add`, which only configuration loading calls).
    private var firstWordLists: [UInt64: [Int]] = [:]

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    public mutating func add(_ spec: TermSpec, owner: String) {
        entries.append(Entry(owner: owner, spec: spec))
        let key = FNV1a.hash(spec.words[0]) | 1
        firstWordLists[key, default: []].append(entries.count - 1)
        var map = HashedWordMap<Int>(capacity: max(64, firstWordLists.count))
        var flat: [Int] = []
        flat.reserveCapacity(entries.count)
        for (key, list) in firstWordLists {
            map[key] = flat.count << 32 | list.count
            flat += list
        }
        byFirstWord = map
        candidates = flat
    }

    /// All hits in `text`, whose word tokens are `tokens`.
    public func hits(in text: String, tokens: [WordToken]) -> [Hit] {
        guard !entries.isEmpty, !tokens.isEmpty else { return [] }
        var copy = text
        return copy.withUTF8 { hits(in: $0, tokens: tokens) }
    }

    public func hits(in bytes: UnsafeBufferPointer<UInt8>, tokens: [WordToken]) -> [Hit] {
        var hits: [Hit] = []
        // Entries are read in place: most candidates fail on their first word, and copying an
        // entry (its strings and arrays retained) cost more than checking it.
        entries.withUnsafeBufferPointer { entries in
            candidates.withUnsafeBufferPointer { candidates in
                for start in tokens.indices {
                    // An ASCII word's key is the hash of its folded spelling already (`WordKey`, bit 0 set).
                    let token = tokens[start]
                    let key = token.isASCII ? token.key.value : Self.foldedHash(bytes, token.range) | 1
                    guard let packed = byFirstWord[key] else { continue }
                    let first = packed >> 32
                    candidate: for index in candidates[first..<first + (packed & 0xFFFF_FFFF)] {
                        let wordCount = entries[index].spec.words.count
                        guard start + wordCount <= tokens.count else { continue }
                        for offset in 0..<wordCount {
                            let token = tokens[start + offset].range
                            guard Self.matches(bytes, token, entries[index].spec.words[offset], caseSensitive: entries[index].spec.caseSensitive) else {
                                continue candidate
                            }
                            if offset > 0 {
                                let gap = bytes[tokens[start + offset - 1].range.upperBound..<token.lowerBound]
                                guard Self.gap(gap) == entries[index].spec.gaps[offset - 1] else { continue candidate }
                            }
                        }
                        let range = tokens[start].range.lowerBound..<tokens[start + wordCount - 1].range.upperBound
                        hits.append(Hit(owner: entries[index].owner, spec: entries[index].spec, range: range))
                    }
                }
            }
        }
        return hits
    }

    /// The hash of the folded word, computed without allocating for plain ASCII words.
    private static func foldedHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = FNV1a()
        for index in range {
            var byte = bytes[index]
            if byte >= 0x80 { return FNV1a.hash(fold(bytes[range], caseSensitive: false)) }
            if byte >= 0x41 && byte <= 0x5A { byte += 32 }
            hash.add(byte: byte)
        }
        return hash.value
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: [UInt8], caseSensitive: Bool) -> Bool {
        var ascii = true
        if range.count == word.count {
            for (offset, index) in range.enumerated() {
                var byte = bytes[index]
                if byte >= 0x80 { ascii = false; break }
                if !caseSensitive && byte >= 0x41 && byte <= 0x5A { byte += 32 }
                if byte != word[offset] { return false }
            }
            if ascii { return true }
        } else if bytes[range].allSatisfy({ $0 < 0x80 }) {
            return false
        }
        return fold(bytes[range], caseSensitive: caseSensitive) == word
    }

    /// Lower-cased (unless case-sensitive), with curly apostrophes and hyphens made plain.
    static func fold<Bytes: Collection<UInt8>>(_ word: Bytes, caseSensitive: Bool) -> [UInt8] where Bytes.Index == Int {
        var output: [UInt8] = []
        output.reserveCapacity(word.count)
        var index = word.startIndex
        var ascii = true
        while index < word.endIndex {
            let byte = word[index]
            if byte < 0x80 {
                output.append(!caseSensitive && byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                index += 1
                continue
            }
            // ’ (E2 80 99) → ', ‐ and ‑ (E2 80 90/91) → -
            if byte == 0xE2, index + 2 < word.endIndex, word[index + 1] == 0x80 {
                let third = word[index + 2]
                if third == 0x99 { output.append(UInt8(ascii: "'")); index += 3; continue }
                if third == 0x90 || third == 0x91 { output.append(UInt8(ascii: "-")); index += 3; continue }
            }
            ascii = false
            output.append(byte)
            index += 1
        }
        if ascii || caseSensitive { return output }
        return Array(String(decoding: output, as: UTF8.self).lowercased().utf8)
    }

    /// The punctuation between two words, spaces removed: "100% effective" has the gap "%".
    static func gap<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        bytes.filter { !TextRunBuilder.isSpace($0) && $0 != 0xC2 && $0 != 0xA0 }
    }
}

/// Regular English inflections of a word, for rules that ask for them: "utilize" also finds
/// "utilizes", "utilized" and "utilizing"; "miracle" finds "miracles".
enum Inflections {
    static func of(_ word: String) -> [String] {
        let lower = word.lowercased()
        guard lower.count >= 2, lower.allSatisfy({ $0.isLetter }) else { return [] }
        var forms: Set<String> = []
        let last = lower.last!
        let beforeLast = lower.dropLast().last!
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        // Plural and third person.
        if ["s", "x", "z"].contains(last) || lower.hasSuffix("ch") || lower.hasSuffix("sh") {
            forms.insert(lower + "es")
        } else if last == "y", !vowels.contains(beforeLast) {
            forms.insert(String(lower.dropLast()) + "ies")
        } else {
            forms.insert(lower + "s")
        }
        // Past tense and gerund.
        if last == "e" {
            forms.insert(lower + "d")
            if lower.hasSuffix("ie") {
                forms.insert(String(lower.dropLast(2)) + "ying")
            } else if lower.hasSuffix("ee") {
                forms.insert(lower + "ing")
            } else {
                forms.insert(String(lower.dropLast()) + "ing")
            }
        } else if last == "y", !vowels.contains(beforeLast) {
            forms.insert(String(lower.dropLast()) + "ied")
            forms.insert(lower + "ing")
        } else {
            forms.insert(lower + "ed")
            forms.insert(lower + "ing")
            // plan → planned, planning
            let third = lower.dropLast(2).last
            if !vowels.contains(last), !["w", "x", "y"].contains(last), vowels.contains(beforeLast), let third, !vowels.contains(third) {
                forms.insert(lower + String(last) + "ed")
                forms.insert(lower + String(last) + "ing")
            }
        }
        forms.remove(lower)
        return forms.sorted()
    }

    /// Applies to `target` the inflection that turned `base` into `form` ("use" for "utilized" → "used").
    static func apply(from base: String, to form: String, on target: String) -> String {
        let base = base.lowercased(), form = form.lowercased()
        guard form != base, let index = of(base).firstIndex(of: form) else { return target }
        let targetForms = of(target)
        let suffixes = of(base).map { suffixKind(base: base, form: $0) }
        let wanted = suffixes[index]
        return targetForms.first { suffixKind(base: target.lowercased(), form: $0) == wanted } ?? target
    }

    /// Which inflection `form` is: s, d, or ing.
    private static func suffixKind(base: String, form: String) -> String {
        if form.hasSuffix("ing") { return "ing" }
        if form.hasSuffix("d") { return "d" }
        return "s"
    }
}
