import PCRE

/// A rule's `exceptions` (and, unless `vocab: false`, the project's accepted words): a match
/// that holds one of them, as a whole word, is not reported. As in Vale, each is a pattern,
/// matched with its own case unless it starts with `(?i)`.
struct ValeExceptions: Sendable {
    let words: [String]
    /// `(?m)\b(?:(?-i)a|(?-i)b…)\b`, longest first; nil without exceptions.
    let pattern: ValePattern?
    /// Vale's capitalization checks split text with the exceptions first, then words.
    let splitter: ValeWordSplitter

    /// The splitter of every rule without exceptions: one pattern, compiled once.
    private static let wordSplitter = try! ValeWordSplitter(first: nil)

    init(_ words: [String]) throws(ValePattern.Failure) {
        self.words = words
        if words.isEmpty {
            pattern = nil
            splitter = Self.wordSplitter
            return
        }
        let sorted = words.enumerated().sorted { ($0.element.utf8.count, -$0.offset) > ($1.element.utf8.count, -$1.offset) }.map(\.element)
        let alternatives = sorted.map { $0.hasPrefix("(?i)") ? $0 : "(?-i)" + $0 }
        let source = #"(?m)\b(?:"# + alternatives.joined(separator: "|") + #")\b"#
        splitter = try ValeWordSplitter(first: source, words: ValeLiteralWords(alternatives, caseless: false))
        pattern = splitter.first
    }

    static let none = try! ValeExceptions([])

    func matches(_ text: String, scratch: PCREPattern.Scratch) -> Bool {
        guard let pattern else { return false }
        return pattern.firstMatch(in: text, scratch: scratch) != nil
    }
}

/// Match data for Vale patterns: enough pairs for the largest swap list.
enum ValeScratch {
    static let pairs = 1024

    static func make() -> PCREPattern.Scratch { PCREPattern.Scratch(pairs: pairs) }
}
