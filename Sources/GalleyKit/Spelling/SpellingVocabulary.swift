import PCRE

/// A team's own words, compiled for matching: accepted terms a dictionary does not know, and
/// rejected terms to flag even when it does.
///
/// Letter case follows one rule: a term written with a capital letter matches only as written
/// ("GitHub" matches GitHub, not Github or GITHUB); a term in lower case matches in any case
/// ("kubectl" matches Kubectl and KUBECTL too). A term always matches whole words: an accepted
/// "kube" never excuses "kubectll" (Vale's issue 670). Curly and straight apostrophes are the
/// same. Patterns are case-sensitive unless they say `(?i)`, and must match a whole word (or,
/// when they hold a space, whole words) too.
struct TermList: Sendable {
    /// Single words written with a capital, as written (apostrophes straightened).
    private(set) var exactWords: Set<String> = []
    /// Single words written in lower case.
    private(set) var anyCaseWords: Set<String> = []
    /// Keys (`WordKey` of the lower-cased word) of every single word, to rule a word out cheaply.
    private(set) var keys = WordKeySet([])
    private(set) var phrases: [[String]] = []
    /// Patterns matched against one whole word (accept lists: those without a space).
    private(set) var wordPatterns: [PCREPattern] = []
    /// Patterns matched in the text between word boundaries (accept lists: those with a space;
    /// reject lists: all, so a rejected word is found wherever it stands).
    private(set) var phrasePatterns: [PCREPattern] = []
    /// Every single word and phrase as written, for suggestions.
    private(set) var written: [String] = []

    var isEmpty: Bool { exactWords.isEmpty && anyCaseWords.isEmpty && phrases.isEmpty && wordPatterns.isEmpty && phrasePatterns.isEmpty }
    var hasPatternsOrPhrases: Bool { !phrases.isEmpty || !wordPatterns.isEmpty || !phrasePatterns.isEmpty }

    init() {}

    /// `scanAllPatterns` puts every pattern in `phrasePatterns` (for reject lists).
    init(_ terms: [VocabularyTerm], scanAllPatterns: Bool = false) {
        var singlePatterns: [String] = []
        var spacedPatterns: [String] = []
        var keyWords: [String] = []
        for term in terms {
            switch term.form {
            case .word(let word):
                let straight = Self.straighten(word)
                if Self.hasCapital(straight) { exactWords.insert(straight) } else { anyCaseWords.insert(straight) }
                keyWords.append(straight.lowercased())
                written.append(word)
            case .phrase(let words):
                phrases.append(words.map(Self.straighten))
                written.append(words.joined(separator: " "))
            case .pattern(let pattern):
                if scanAllPatterns || pattern.contains(" ") || pattern.contains("\\s") { spacedPatterns.append(pattern) } else { singlePatterns.append(pattern) }
            }
        }
        keys = WordKeySet(keyWords)
        wordPatterns = Self.combine(singlePatterns) { "^(?:\($0))$" }
        phrasePatterns = Self.combine(spacedPatterns) { "(?<![\\p{L}\\p{N}_])(?:\($0))(?![\\p{L}\\p{N}_])" }
    }

    /// Whether `word` (one word, no spaces) is on the list.
    func containsWord(_ word: String) -> Bool {
        let straight = Self.straighten(word)
        if hasWords, keys.contains(WordKey(straight.lowercased())) {
            if exactWords.contains(straight) || anyCaseWords.contains(straight.lowercased()) { return true }
        }
        return wordPatterns.contains { $0.firstMatch(in: word) != nil }
    }

    /// Whether the word with key `key` (the tokenizer's, lower-cased ASCII) may be a single word
    /// of the list; a cheap test before `containsWord`.
    func mayContainWord(key: WordKey) -> Bool {
        hasWords && keys.contains(key)
    }

    var hasWords: Bool { !exactWords.isEmpty || !anyCaseWords.isEmpty }

    /// Byte ranges in `bytes` of the list's phrases (over `tokens`) and spaced patterns.
    func phraseRanges(in bytes: UnsafeBufferPointer<UInt8>, tokens: [WordToken]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        if !phrases.isEmpty {
            for start in tokens.indices {
                phrase: for phrase in phrases where start + phrase.count <= tokens.count {
                    for (offset, word) in phrase.enumerated() {
                        let token = tokens[start + offset].range
                        guard Self.matches(String(decoding: UnsafeBufferPointer(rebasing: bytes[token]), as: UTF8.self), term: word) else { continue phrase }
                    }
                    ranges.append(tokens[start].range.lowerBound..<tokens[start + phrase.count - 1].range.upperBound)
                }
            }
        }
        for pattern in phrasePatterns { ranges += pattern.matches(in: bytes) }
        return ranges
    }

    /// Whether `text` is `term` under the letter-case rule (`term` already straightened).
    static func matches(_ text: String, term: String) -> Bool {
        let straight = straighten(text)
        return hasCapital(term) ? straight == term : straight.lowercased() == term
    }

    static func straighten(_ word: String) -> String {
        word.contains("\u{2019}") ? String(word.map { $0 == "\u{2019}" ? "'" : $0 }) : word
    }

    static func hasCapital(_ word: String) -> Bool {
        word.unicodeScalars.contains { $0.properties.isUppercase }
    }

    /// Patterns joined into a few alternations (PCRE2 limits the size of one compiled pattern);
    /// each was compiled alone when its file was read, so a failure here can only be size, and a
    /// group that fails is compiled entry by entry.
    private static func combine(_ patterns: [String], wrap: (String) -> String) -> [PCREPattern] {
        var compiled: [PCREPattern] = []
        var start = 0
        while start < patterns.count {
            let group = Array(patterns[start..<min(start + 64, patterns.count)])
            start += group.count
            // Back-references count groups, which an alternation renumbers: such entries stand alone.
            let alone = group.filter(hasBackReference)
            let together = group.filter { !hasBackReference($0) }
            if !together.isEmpty, let pattern = try? PCREPattern(wrap(together.map { "(?:\($0))" }.joined(separator: "|"))) {
                compiled.append(pattern)
            } else {
                compiled += together.compactMap { try? PCREPattern(wrap($0)) }
            }
            compiled += alone.compactMap { try? PCREPattern(wrap($0)) }
        }
        return compiled
    }

    private static func hasBackReference(_ pattern: String) -> Bool {
        let bytes = Array(pattern.utf8)
        for index in bytes.indices.dropLast() where bytes[index] == UInt8(ascii: "\\") {
            let next = bytes[index + 1]
            if (next >= UInt8(ascii: "1") && next <= UInt8(ascii: "9")) || next == UInt8(ascii: "g") || next == UInt8(ascii: "k") { return true }
        }
        return pattern.contains("(?P=")
    }
}

/// A rule with a team vocabulary: where an "add this word to the vocabulary" action (the
/// language server's) appends a word, one line, as written.
public protocol VocabularyRule: Rule {
    /// The first accept file the rule names (an absolute path), or nil.
    var acceptFile: String? { get }
    /// The line that accepts `word` in that file, or nil when the word is not one to accept
    /// (it is on the reject list).
    func vocabularyLine(for word: String) -> String?
}

/// The accept and reject lists of one spelling rule.
struct SpellingVocabulary: Sendable {
    var accept = TermList()
    var reject = TermList()
    /// The accept file a "add this word" action appends to: the first one named.
    var acceptFile: String?

    /// Accepted terms close to `word` (for suggestions), nearest first: those that differ from
    /// it only in letter case or by one edit come before Hunspell's suggestions, the rest after.
    func nearbyAccepted(_ word: String) -> (near: [String], far: [String]) {
        let lower = word.lowercased()
        guard lower.count >= 3 else { return ([], []) }
        var near: [(String, Int)] = []
        var far: [(String, Int)] = []
        for term in accept.written where !term.contains(" ") {
            let distance = Spelling.distance(lower, term.lowercased())
            if distance == 0 || (distance == 1 && lower.count >= 4) {
                near.append((term, distance))
            } else if distance == 2 && lower.count >= 6 {
                far.append((term, distance))
            }
        }
        let order: ((String, Int), (String, Int)) -> Bool = { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return (near.sorted(by: order).map(\.0), far.sorted(by: order).map(\.0))
    }
}
