/// Vale's globs for `.vale.ini` sections and `--glob`: gobwas' syntax, where `*` matches any
/// characters, slashes included (`*.md` covers `docs/a.md`); a pattern with `**` is matched
/// path segment by segment instead (doublestar); a leading `!` negates.
public struct ValeGlob: Sendable, Hashable {
    public let pattern: String
    let negated: Bool
    private let body: [Unicode.Scalar]
    private let segmented: Bool

    public init(_ pattern: String) {
        var text = pattern
        negated = text.hasPrefix("!")
        while text.hasPrefix("!") { text.removeFirst() }
        self.pattern = pattern
        body = Array(text.unicodeScalars)
        segmented = text.contains("**")
    }

    /// Why the pattern is not a glob (an unclosed `[` or `{`), or nil.
    var problem: String? {
        var depth = 0
        var inClass = false
        for scalar in body {
            if inClass { if scalar == "]" { inClass = false }; continue }
            if scalar == "[" { inClass = true }
            if scalar == "{" { depth += 1 }
            if scalar == "}" { depth -= 1; if depth < 0 { return "unbalanced '}'" } }
        }
        if inClass { return "unclosed '['" }
        if depth != 0 { return "unclosed '{'" }
        return nil
    }

    public func matches(_ path: String) -> Bool {
        let query = Array(path.unicodeScalars)
        let result: Bool
        if segmented {
            result = Self.matchSegments(Self.segments(body), Self.segments(query))
        } else {
            var budget = 100_000
            result = Self.match(body[...], query[...], slashIsSpecial: false, budget: &budget)
        }
        return result != negated
    }

    private static func segments(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        scalars.split(separator: "/", omittingEmptySubsequences: false).map(Array.init)
    }

    private static func matchSegments(_ pattern: [[Unicode.Scalar]], _ path: [[Unicode.Scalar]]) -> Bool {
        // Dynamic programming over segments: `**` takes any number of them.
        var reachable = [Bool](repeating: false, count: path.count + 1)
        reachable[0] = true
        for part in pattern {
            var next = [Bool](repeating: false, count: path.count + 1)
            for index in 0...path.count where reachable[index] {
                if part == ["*", "*"] {
                    for end in index...path.count { next[end] = true }
                } else if index < path.count {
                    var budget = 100_000
                    if match(part[...], path[index][...], slashIsSpecial: true, budget: &budget) { next[index + 1] = true }
                }
            }
            reachable = next
        }
        return reachable[path.count]
    }

    /// Wildcard matching with `*`, `?`, `[…]`, `[!…]`, `{a,b}`; `budget` bounds the work a
    /// hostile pattern can cause.
    private static func match(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>, slashIsSpecial: Bool, budget: inout Int) -> Bool {
        budget -= 1
        guard budget > 0 else { return false }
        guard let first = pattern.first else { return text.isEmpty }
        let rest = pattern.dropFirst()
        switch first {
        case "*":
            var index = text.startIndex
            while true {
                if match(rest, text[index...], slashIsSpecial: slashIsSpecial, budget: &budget) { return true }
                guard index < text.endIndex, !(slashIsSpecial && text[index] == "/") else { return false }
                index += 1
            }
        case "?":
            guard let character = text.first, !(slashIsSpecial && character == "/") else { return false }
            return match(rest, text.dropFirst(), slashIsSpecial: slashIsSpecial, budget: &budget)
        case "[":
            guard let close = rest.firstIndex(of: "]"), let character = text.first else { return false }
            var set = rest[rest.startIndex..<close]
            var negate = false
            if let opener = set.first, opener == "!" || opener == "^" {
                negate = true
                set = set.dropFirst()
            }
            var found = false
            var index = set.startIndex
            while index < set.endIndex {
                if index + 2 < set.endIndex, set[index + 1] == "-" {
                    if set[index].value <= character.value && character.value <= set[index + 2].value { found = true }
                    index += 3
                } else {
                    if set[index] == character { found = true }
                    index += 1
                }
            }
            guard found != negate else { return false }
            return match(pattern[(close + 1)...], text.dropFirst(), slashIsSpecial: slashIsSpecial, budget: &budget)
        case "{":
            var depth = 0
            var options: [ArraySlice<Unicode.Scalar>] = []
            var start = rest.startIndex
            var end: Int?
            for index in rest.indices {
                switch rest[index] {
                case "{": depth += 1
                case "}" where depth == 0:
                    options.append(rest[start..<index])
                    end = index
                case "}": depth -= 1
                case "," where depth == 0:
                    options.append(rest[start..<index])
                    start = index + 1
                default: break
                }
                if end != nil { break }
            }
            guard let end else { return false }
            let after = pattern[(end + 1)...]
            return options.contains { match(ArraySlice($0 + after), text, slashIsSpecial: slashIsSpecial, budget: &budget) }
        case "\\":
            guard let escaped = rest.first, text.first == escaped else { return false }
            return match(rest.dropFirst(), text.dropFirst(), slashIsSpecial: slashIsSpecial, budget: &budget)
        default:
            guard text.first == first else { return false }
            return match(rest, text.dropFirst(), slashIsSpecial: slashIsSpecial, budget: &budget)
        }
    }
}
