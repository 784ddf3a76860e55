/// Which alternatives of a Vale word list are plain words, so that the shared literal matcher
/// finds them in one pass for every rule instead of each rule's regular expression rescanning
/// the text.
///
/// An alternative qualifies when it matches a finite, small set of strings (literal text,
/// escaped punctuation, groups, `a|b`, `[ae]`, `x?`, `x{1,2}`) that begin and end with a word
/// character, and its boundaries are `\b`: then where it matches is decided by the word it
/// starts with. Its strings are listed in the order a backtracking engine tries them, so the
/// shared matcher picks, at each place, the one regexp2 would.
enum ValeRegexLiterals {
    static let limit = 64

    /// The strings `node` matches, in the order a backtracking engine prefers them; nil when the
    /// set is infinite, too large, or depends on anything but the characters themselves.
    static func expand(_ node: ValeRegexNode, limit: Int = limit) -> [String]? {
        guard let encoded = strings(node, limit: limit) else { return nil }
        if encoded.count == 1 { return [String(decoding: encoded[0], as: UTF8.self)] }
        // Strings compare by canonical equivalence, as they always did here.
        var seen: Set<String> = []
        var result: [String] = []
        for item in encoded {
            let text = String(decoding: item, as: UTF8.self)
            if seen.insert(text).inserted { result.append(text) }
        }
        return result
    }

    /// The strings as UTF-8 (a concatenation of strings is the concatenation of their bytes).
    private static func strings(_ node: ValeRegexNode, limit: Int) -> [[UInt8]]? {
        switch node {
        case .literal(let scalar):
            return [utf8(scalar)]
        case .set(let set):
            guard !set.negated else { return nil }
            var result: [[UInt8]] = []
            for item in set.items {
                switch item {
                case .scalar(let scalar): result.append(utf8(scalar))
                case .range(let low, let high):
                    guard high.value - low.value < 8 else { return nil }
                    for value in low.value...high.value { if let scalar = Unicode.Scalar(value) { result.append(utf8(scalar)) } }
                default:
                    return nil
                }
            }
            return result.count <= 8 ? result : nil
        case .sequence(let items):
            var result: [[UInt8]] = [[]]
            var index = 0
            while index < items.count {
                // A run of literals (most of a word list) extends every string at once.
                if case .literal = items[index] {
                    var run: [UInt8] = []
                    while index < items.count, case .literal(let scalar) = items[index] {
                        append(scalar, to: &run)
                        index += 1
                    }
                    for position in result.indices { result[position] += run }
                    continue
                }
                guard let options = strings(items[index], limit: limit) else { return nil }
                index += 1
                if options.count == 1 {
                    for position in result.indices { result[position] += options[0] }
                    continue
                }
                var next: [[UInt8]] = []
                next.reserveCapacity(result.count * options.count)
                for prefix in result {
                    for option in options { next.append(prefix + option) }
                }
                guard next.count <= limit else { return nil }
                result = next
            }
            return result
        case .alternation(let branches):
            var result: [[UInt8]] = []
            for branch in branches {
                guard let options = strings(branch, limit: limit) else { return nil }
                result += options
                guard result.count <= limit else { return nil }
            }
            return result
        case .group(let kind, let body):
            switch kind {
            case .capturing, .nonCapturing(nil): return strings(body, limit: limit)
            default: return nil
            }
        case .repetition(let body, let min, let max, let lazy):
            guard let max, max <= 4, let options = strings(body, limit: limit) else { return nil }
            var counts = Array(min...max)
            if !lazy { counts.reverse() }
            var result: [[UInt8]] = []
            for count in counts {
                var expanded: [[UInt8]] = [[]]
                for _ in 0..<count {
                    expanded = expanded.flatMap { prefix in options.map { prefix + $0 } }
                    guard expanded.count <= limit else { return nil }
                }
                result += expanded
                guard result.count <= limit else { return nil }
            }
            return result
        case .dot, .assertion, .backreference, .flags, .mark:
            return nil
        }
    }

    private static func utf8(_ scalar: Unicode.Scalar) -> [UInt8] {
        var bytes: [UInt8] = []
        append(scalar, to: &bytes)
        return bytes
    }

    private static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        if scalar.isASCII {
            bytes.append(UInt8(scalar.value))
        } else {
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        }
    }

    /// `node` without a `\b` at its start and at its end, and whether it had them.
    static func strippingBoundaries(_ node: ValeRegexNode) -> (node: ValeRegexNode, leading: Bool, trailing: Bool) {
        guard case .sequence(var items) = node else {
            return node == .assertion(.wordBoundary) ? (.empty, true, false) : (node, false, false)
        }
        var leading = false
        var trailing = false
        if items.first == .assertion(.wordBoundary) {
            items.removeFirst()
            leading = true
        }
        if items.last == .assertion(.wordBoundary) {
            items.removeLast()
            trailing = true
        }
        return (items.count == 1 ? items[0] : .sequence(items), leading, trailing)
    }

    /// The strings of an alternative of a word list that the literal matcher can take over: it
    /// needs a `\b` on both sides (`bounded`, from Vale's word template or written in the
    /// token) and strings that begin and end with word characters.
    static func wordLiterals(_ node: ValeRegexNode, bounded: Bool) -> [String]? {
        // Within a word template, a `\b` written at the token's edges changes nothing.
        let stripped = strippingBoundaries(node)
        guard bounded || (stripped.leading && stripped.trailing), let strings = expand(stripped.node), !strings.isEmpty else { return nil }
        for string in strings {
            guard let first = string.unicodeScalars.first, let last = string.unicodeScalars.last,
                  ValeCharacters.isWord(first), ValeCharacters.isWord(last) else { return nil }
        }
        return strings
    }
}
