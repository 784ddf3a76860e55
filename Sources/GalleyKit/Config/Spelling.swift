/// "Did you mean…" hints for misspelt keys, kinds, options and rule ids.
public enum Spelling {
    /// " (did you mean 'x'?)" when one of `known` is close to `word`, else "".
    public static func suggestion(for word: String, among known: [String]) -> String {
        let limit = max(2, word.count / 4)
        let length = word.utf8.count
        var best: (name: String, distance: Int)?
        for name in known {
            // The distance is at least the difference of the byte counts: a name that cannot come
            // within the limit is not measured (a broken anchor is measured against every id of
            // its page). The first closest name wins, as before.
            guard abs(name.utf8.count - length) <= limit else { continue }
            let measured = distance(word, name)
            if best.map({ measured < $0.distance }) ?? true { best = (name, measured) }
        }
        guard let (name, distance) = best, distance <= limit, distance < word.count else { return "" }
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
