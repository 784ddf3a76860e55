/// "Did you mean…" hints for misspelt keys, kinds, options and rule ids.
public enum Spelling {
    /// " (did you mean 'x'?)" when one of `known` is close to `word`, else "".
    public static func suggestion(for word: String, among known: [String]) -> String {
        let best = known.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (name, distance) = best, distance <= max(2, word.count / 4), distance < word.count else { return "" }
        return " (did you mean '\(name)'?)"
    }

    /// Levenshtein distance over UTF-8 bytes.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
