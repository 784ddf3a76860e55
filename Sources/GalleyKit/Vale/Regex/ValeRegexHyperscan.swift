/// Writes a parsed Vale pattern for Hyperscan, relaxed so that it matches at least every span
/// PCRE2 can match in a unit of a text (in any of `ValePattern`'s forms): anchors, word
/// boundaries, lookarounds and marks become empty (PCRE2 runs on a unit's bytes alone, where a
/// `^` or `\b` may hold that does not hold in the whole text), captures and atomic groups
/// plain groups, laziness is dropped, a backreference any text, and each class one that holds
/// every character PCRE2's and regexp2's definitions hold (a negated class: only those both
/// hold; `\d` only ASCII digits, see `narrowsDigits`). Used as a prefilter: a unit in which
/// the relaxed pattern ends no match cannot hold a match of the pattern.
enum ValeRegexHyperscan {
    /// The relaxed pattern, compiled for bytes. `caseless`: whether the pattern switches on
    /// `(?i)` anywhere (a non-ASCII letter then stands for any non-ASCII character, so that
    /// Unicode case folding need not be followed).
    static func expression(_ node: ValeRegexNode, caseless: Bool) -> String {
        var out = ""
        write(trimmed(node), caseless: caseless, edges: [.leading, .trailing], into: &out)
        return out
    }

    /// The pattern (or each of its branches) without the leading part Vectorscan pays much for
    /// and that spares little: the relaxed form of what is left ends every match where the
    /// pattern's does (a match of the pattern holds a match of its tail), so the scan stays
    /// sound.
    /// - A word list, a gap (`\s*`) and a second list of words (dates with ordinal words,
    ///   comparisons of absolute adjectives): Vectorscan took 20-30 ms to compile each, a quarter
    ///   of the whole database, for a pair of lists; the second list alone, every one of its
    ///   words at least three letters, compiles in about 1 ms and finds little more.
    /// - A leading run of a class before a character (`[a-zA-Z]+\s(?:meters|…)`): the run only
    ///   asks for one character before what follows.
    static func trimmed(_ node: ValeRegexNode) -> ValeRegexNode {
        switch node {
        case .group(let kind, let body):
            switch kind {
            case .capturing, .nonCapturing, .atomic: return .group(kind, trimmed(body))
            case .lookahead, .lookbehind: return node
            }
        case .alternation(let branches):
            // Each branch's matches hold its tail's.
            return .alternation(branches.map(trimmed))
        case .sequence(let items):
            var kept = items
            let taking = items.indices.filter { !isZeroWidthMarker(items[$0]) }
            if taking.count == 1 {
                // `\b(?:…)\b`: the one item that takes up text is the whole match.
                kept[taking[0]] = trimmed(items[taking[0]])
                return .sequence(kept)
            }
            if let gap = kept.lastIndex(where: isGap), gap > 0 {
                let before = kept[..<gap].filter { !isZeroWidthMarker($0) }
                let after = kept[(gap + 1)...].filter { !isZeroWidthMarker($0) }
                if before.contains(where: { wordList($0) != nil }), after.count == 1,
                   let words = wordList(after[0]), words.allSatisfy({ leadingLetters($0) >= 3 }) {
                    kept = kept[..<gap].filter { if case .flags = $0 { true } else { false } } + kept[(gap + 1)...]
                }
            }
            if let first = kept.firstIndex(where: { !isZeroWidthMarker($0) }), first + 1 < kept.count,
               case .repetition(let body, _, nil, _) = kept[first], isSingleCharacter(body), isSingleCharacter(kept[first + 1]) {
                kept.remove(at: first)
            }
            return kept.count == items.count ? node : .sequence(kept)
        default:
            return node
        }
    }

    /// A repetition of one character that may be empty and has no bound (`\s*`).
    private static func isGap(_ node: ValeRegexNode) -> Bool {
        guard case .repetition(let body, 0, nil, _) = node else { return false }
        return isSingleCharacter(body)
    }

    private static func isSingleCharacter(_ node: ValeRegexNode) -> Bool {
        switch node {
        case .literal, .dot, .set: true
        case .group(.capturing, let body), .group(.nonCapturing(nil), let body), .group(.atomic, let body): isSingleCharacter(body)
        default: false
        }
    }

    /// The branches of an alternation of eight or more (in plain groups).
    private static func wordList(_ node: ValeRegexNode) -> [ValeRegexNode]? {
        switch node {
        case .alternation(let branches): branches.count >= 8 ? branches : nil
        case .group(.capturing, let body), .group(.nonCapturing(nil), let body), .group(.atomic, let body): wordList(body)
        default: nil
        }
    }

    /// How many literal characters every match of a branch starts with (at most 3 are counted).
    private static func leadingLetters(_ node: ValeRegexNode) -> Int {
        switch node {
        case .literal: return 1
        case .sequence(let items):
            var count = 0
            for item in items {
                guard case .literal = item else { return count + leadingLetters(item) }
                count += 1
                if count >= 3 { return count }
            }
            return count
        case .group(.capturing, let body), .group(.nonCapturing(nil), let body), .group(.atomic, let body):
            return leadingLetters(body)
        default:
            return 0
        }
    }

    /// Whether a node starts (`leading`) or ends (`trailing`) every match of the pattern. A
    /// positive lookbehind that starts the pattern, or lookahead that ends it, is written as
    /// what it looks at, consumed: PCRE2 sees only the unit's bytes, so what a lookaround of a
    /// match in a unit looks at lies in the unit too. The relaxed match then starts before
    /// the match or ends after it, still inside the unit (what `ValePatternScanner.mayEnd`
    /// asks: an end after the match's start and within the unit). Elsewhere a lookaround is
    /// dropped, as two of them at one place cannot both be consumed.
    struct Edges: OptionSet {
        let rawValue: UInt8
        static let leading = Edges(rawValue: 1)
        static let trailing = Edges(rawValue: 2)
    }

    /// One or more non-ASCII characters: in bytes, a run of bytes from 0x80 up. (A pattern's
    /// class or dot matches one character, 1 to 4 bytes: the run holds it; a run may hold
    /// more, which only lets more through.)
    private static let nonASCII = #"[\x80-\xff]+"#
    private static let anyCharacter = #"(?:[\x00-\x7f]|[\x80-\xff]+)"#

    /// `asciiDigits`: `\d` is written as ASCII digits (`wide`), for a run of digits before at
    /// least two literal characters (`asciiDigitsBefore`). Not inside a repetition of bounded
    /// count (`\d{1,2}` of times and dates) nor before a single letter (`\d+(?:s|h|kB)`), where
    /// Vectorscan spelled each digit with what follows as literals: 30 ms more to compile the
    /// five packages (1,347 M instead of 905 M instructions) for a scan no faster.
    private static func write(_ node: ValeRegexNode, caseless: Bool, asciiDigits: Bool = false, edges: Edges = [], into out: inout String) {
        switch node {
        case .literal(let scalar):
            if scalar.isASCII {
                out += ValeRegexPrinter.escaped(scalar, inClass: false)
            } else if caseless {
                out += nonASCII
            } else {
                out += "(?:" + bytes(scalar) + ")"
            }
        case .dot:
            out += anyCharacter
        case .set(let set):
            writeSet(set, caseless: caseless, asciiDigits: asciiDigits, into: &out)
        case .sequence(let items):
            // The items that start and end a match: the first and last that take up text.
            let first = items.firstIndex { !isZeroWidthMarker($0) }
            let last = items.lastIndex { !isZeroWidthMarker($0) }
            out += "(?:"
            for (index, item) in items.enumerated() {
                var inner: Edges = []
                if index == first { inner.formUnion(edges.intersection(.leading)) }
                if index == last { inner.formUnion(edges.intersection(.trailing)) }
                let digits = index + 1 < items.count && asciiDigitsBefore(.sequence(Array(items[(index + 1)...])))
                write(nonEmptyGap(items, at: index) ?? item, caseless: caseless, asciiDigits: digits, edges: inner, into: &out)
            }
            out += ")"
        case .alternation(let branches):
            out += "(?:"
            for (index, branch) in branches.enumerated() {
                if index > 0 { out += "|" }
                write(branch, caseless: caseless, asciiDigits: asciiDigits, edges: edges, into: &out)
            }
            out += ")"
        case .group(let kind, let body):
            var inner = edges
            switch kind {
            case .capturing, .atomic, .nonCapturing(nil):
                out += "(?:"
            case .nonCapturing(let flags?):
                let kept = relevant(flags)
                out += kept.isEmpty ? "(?:" : "(?\(kept):"
            case .lookahead(negated: false) where edges.contains(.trailing):
                out += "(?:"
                inner = .trailing
            case .lookbehind(negated: false) where edges.contains(.leading):
                out += "(?:"
                inner = .leading
            case .lookahead, .lookbehind:
                return
            }
            write(body, caseless: caseless, asciiDigits: asciiDigits, edges: inner, into: &out)
            out += ")"
        case .repetition(let body, let min, let max, _):
            out += "(?:"
            write(body, caseless: caseless, asciiDigits: asciiDigits && (max ?? 0) < 2, into: &out)
            out += ")"
            out += ValeRegexPrinter.quantifier(min: min, max: max)
        case .assertion, .mark:
            return
        case .backreference:
            out += #"[\x00-\xff]*"#
        case .flags(let flags):
            let kept = relevant(flags)
            if !kept.isEmpty { out += "(?\(kept))" }
        }
    }

    /// A gap that may be empty (`\s*`) between a word character and a word character with a
    /// `\b` beside it, as in `\b(?:is|was)\b\s*\b(?:\w+ed|known)\b` (passive voice), written
    /// as one that may not: were the gap empty, the two word characters would touch and `\b`
    /// could not hold between them. The `\b` looks at characters of the match itself, never at
    /// the unit's edge, so this holds in every unit; in each form of a pattern `\b` counts as
    /// word characters at least those `\w` and ASCII letters, digits and `_` match (PCRE2's own
    /// `\b` with its `\w`, or regexp2's, whose class holds its `\w`). Vectorscan then no longer
    /// starts a match at every `is` inside a word (`this`, `list`): a quarter of the five
    /// packages' scan. Nil when the item is not such a gap.
    static func nonEmptyGap(_ items: [ValeRegexNode], at index: Int) -> ValeRegexNode? {
        guard case .repetition(let body, 0, let max, let lazy) = items[index], max.map({ $0 >= 1 }) ?? true,
              let before = items[..<index].lastIndex(where: { !isZeroWidthMarker($0) }),
              let after = items[(index + 1)...].firstIndex(where: { !isZeroWidthMarker($0) }),
              items[(before + 1)..<after].contains(.assertion(.wordBoundary)),
              isWordCharacter(at: .trailing, of: items[before]), isWordCharacter(at: .leading, of: items[after]) else { return nil }
        return .repetition(body, min: 1, max: max, lazy: lazy)
    }

    /// Whether every match of `node` starts (`.leading`) or ends (`.trailing`) with a word
    /// character in every form and engine: an ASCII letter, digit or `_`, or what `\w` or `\d`
    /// matches (each engine's `\b` counts those). False when unsure.
    private static func isWordCharacter(at edge: Edges, of node: ValeRegexNode) -> Bool {
        switch node {
        case .literal(let scalar):
            return isASCIIWordCharacter(scalar)
        case .set(let set):
            return !set.negated && !set.items.isEmpty && set.items.allSatisfy { item in
                switch item {
                case .scalar(let scalar): isASCIIWordCharacter(scalar)
                case .range(let low, let high):
                    ("a"..."z").contains(low) && ("a"..."z").contains(high) || ("A"..."Z").contains(low) && ("A"..."Z").contains(high)
                        || ("0"..."9").contains(low) && ("0"..."9").contains(high)
                case .word(false), .digit(false): true
                default: false
                }
            }
        case .sequence(let items):
            let index = edge == .leading ? items.firstIndex { !isZeroWidthMarker($0) } : items.lastIndex { !isZeroWidthMarker($0) }
            return index.map { isWordCharacter(at: edge, of: items[$0]) } ?? false
        case .alternation(let branches):
            return !branches.isEmpty && branches.allSatisfy { isWordCharacter(at: edge, of: $0) }
        case .group(.capturing, let body), .group(.nonCapturing, let body), .group(.atomic, let body):
            return isWordCharacter(at: edge, of: body)
        case .repetition(let body, let min, _, _):
            return min >= 1 && isWordCharacter(at: edge, of: body)
        default:
            return false
        }
    }

    private static func isASCIIWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }

    /// Items that take up no text and leave the edges of a match where they are (a lookaround
    /// does take up text once consumed, so it is not one).
    private static func isZeroWidthMarker(_ node: ValeRegexNode) -> Bool {
        switch node {
        case .assertion, .mark, .flags: true
        default: false
        }
    }

    /// The UTF-8 bytes of a character, escaped.
    private static func bytes(_ scalar: Unicode.Scalar) -> String {
        String(scalar).utf8.map { "\\x" + (($0 < 16) ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The flags that change what Hyperscan matches here: `i` and `s` (`m` only moves anchors,
    /// which are gone; `n` only captures; `x` is moot, every literal being escaped).
    private static func relevant(_ flags: ValeRegexFlags) -> String {
        let on = flags.on.filter { $0 == "i" || $0 == "s" }
        let off = flags.off.filter { $0 == "i" || $0 == "s" }
        return off.isEmpty ? on : on + "-" + off
    }

    /// A class as ASCII bytes it may match, or else any run of non-ASCII bytes.
    private static func writeSet(_ set: ValeCharClass, caseless: Bool, asciiDigits: Bool, into out: inout String) {
        if set.negated {
            // [^…] holds what none of the items holds: only ASCII characters every definition
            // gives an item are kept out (leaving more out only widens the class); any
            // non-ASCII character may be in.
            var items = ""
            for item in set.items { items += narrowASCII(item) }
            out += "(?:[^" + items + #"\x80-\xff]|"# + nonASCII + ")"
            return
        }
        var items = ""
        var wantsNonASCII = false
        for item in set.items {
            let (ascii, nonASCII) = wide(item, asciiDigits: asciiDigits)
            items += ascii
            wantsNonASCII = wantsNonASCII || nonASCII
        }
        switch (items.isEmpty, wantsNonASCII) {
        case (false, false): out += "[" + items + "]"
        case (false, true): out += "(?:[" + items + "]|" + nonASCII + ")"
        case (true, _): out += nonASCII
        }
    }

    /// The ASCII characters an item may match in PCRE2 (UCP or bytes) or regexp2, as class
    /// items, and whether it may match a non-ASCII character.
    private static func wide(_ item: ValeCharClass.Item, asciiDigits: Bool) -> (String, Bool) {
        switch item {
        case .scalar(let scalar):
            return scalar.isASCII ? (ValeRegexPrinter.escaped(scalar, inClass: true), false) : ("", true)
        case .range(let low, let high):
            guard low.isASCII else { return ("", true) }
            guard high.isASCII else { return (ValeRegexPrinter.escaped(low, inClass: true) + #"-\x7f"#, true) }
            return (ValeRegexPrinter.escaped(low, inClass: true) + "-" + ValeRegexPrinter.escaped(high, inClass: true), false)
        case .word(false): return ("A-Za-z0-9_", true)
        // Only ASCII digits: a text that holds another (`ValePatternScanner.holdsOtherDigit`) is
        // not trusted to the scan for a pattern with `\d` (`narrowsDigits`). Any non-ASCII run
        // here made Vectorscan start a match at every `st`, `th` of `\d+(?:st|nd|rd|th)`.
        case .digit(false): return ("0-9", !asciiDigits)
        case .space(false): return (#"\t\n\x0b\f\r "#, true)
        case .word(true), .digit(true), .space(true), .property:
            return (#"\x00-\x7f"#, true)
        }
    }

    /// Whether a run of digits before `node` is written as ASCII digits: every match of `node`
    /// starts with two literal characters or more (`\d+(?:st|nd|rd|th)`).
    private static func asciiDigitsBefore(_ node: ValeRegexNode) -> Bool {
        literalPrefix(node) >= 2
    }

    /// How many literal characters every match of `node` starts with (at most 2 are counted).
    private static func literalPrefix(_ node: ValeRegexNode) -> Int {
        switch node {
        case .literal: return 1
        case .sequence(let items):
            var count = 0
            for item in items {
                let prefix = literalPrefix(item)
                count += prefix
                if count >= 2 || prefix != 1 || !isLiteral(item) { return min(count, 2) }
            }
            return count
        case .alternation(let branches):
            return branches.map(literalPrefix).min() ?? 0
        case .group(.capturing, let body), .group(.nonCapturing(nil), let body), .group(.atomic, let body):
            return literalPrefix(body)
        default:
            return 0
        }
    }

    private static func isLiteral(_ node: ValeRegexNode) -> Bool {
        if case .literal = node { true } else { false }
    }

    /// Whether the relaxed form of `node` may match only ASCII digits where the pattern has
    /// `\d` (in a class that is not negated): the scan then holds only for texts without
    /// another decimal digit. Also true where every `\d` kept its non-ASCII run (inside
    /// `{1,2}`), which only lets a few more searches through.
    static func narrowsDigits(_ node: ValeRegexNode) -> Bool {
        switch node {
        case .set(let set): !set.negated && set.items.contains(.digit(negated: false))
        case .sequence(let items), .alternation(let items): items.contains(where: narrowsDigits)
        case .group(_, let body), .repetition(let body, _, _, _): narrowsDigits(body)
        case .literal, .dot, .assertion, .backreference, .flags, .mark: false
        }
    }

    /// The ASCII characters every definition gives an item, as class items.
    private static func narrowASCII(_ item: ValeCharClass.Item) -> String {
        switch item {
        case .scalar(let scalar):
            return scalar.isASCII ? ValeRegexPrinter.escaped(scalar, inClass: true) : ""
        case .range(let low, let high):
            guard low.isASCII else { return "" }
            return ValeRegexPrinter.escaped(low, inClass: true) + "-" + (high.isASCII ? ValeRegexPrinter.escaped(high, inClass: true) : #"\x7f"#)
        case .word(false): return "A-Za-z0-9_"
        case .digit(false): return "0-9"
        case .space(false): return #"\t\n\f\r "#
        case .word(true), .digit(true), .space(true), .property: return ""
        }
    }
}
