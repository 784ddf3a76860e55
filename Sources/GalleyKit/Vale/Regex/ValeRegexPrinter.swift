/// Writes a parsed Vale pattern in PCRE2's syntax.
///
/// Two forms are written. The `exact` form spells out regexp2's `\w` (letters, nonspacing marks,
/// decimal digits, connector punctuation) and its `\b` (the same, plus the zero-width joiners) as
/// explicit classes and lookarounds. The `fast` form keeps PCRE2's own `\w` and `\b` (letters,
/// all numbers, underscore), which JIT-compile to much faster code and agree with regexp2 on
/// every character but nonspacing marks, non-decimal numbers (², ½, Ⅻ), connector punctuation
/// other than `_` and the joiners; `ValeText` notes whether a text holds any of those, and
/// only such texts are matched with the exact form.
enum ValeRegexPrinter {
    enum Mode { case fast, exact }

    static let wordItems = #"\p{L}\p{Mn}\p{Nd}\p{Pc}"#
    static let boundaryClass = #"[\p{L}\p{Mn}\p{Nd}\p{Pc}\x{200C}\x{200D}]"#
    /// regexp2's `\b` and `\B`, written once.
    static let exactBoundary = "(?:(?<=\(boundaryClass))(?!\(boundaryClass))|(?<!\(boundaryClass))(?=\(boundaryClass)))"
    static let exactNonBoundary = "(?:(?<=\(boundaryClass))(?=\(boundaryClass))|(?<!\(boundaryClass))(?!\(boundaryClass)))"

    static func pcre(_ node: ValeRegexNode, mode: Mode) -> String {
        var out = ""
        write(node, mode: mode, into: &out)
        return out
    }

    /// Whether the two forms differ (the pattern uses `\w`, `\W`, `\b` or `\B`).
    static func dependsOnWordCharacters(_ node: ValeRegexNode) -> Bool {
        switch node {
        case .set(let set): return set.items.contains { if case .word = $0 { return true } else { return false } }
        case .assertion(let assertion): return assertion == .wordBoundary || assertion == .notWordBoundary
        case .sequence(let items), .alternation(let items): return items.contains(where: dependsOnWordCharacters)
        case .group(_, let body), .repetition(let body, _, _, _): return dependsOnWordCharacters(body)
        case .literal, .dot, .backreference, .flags, .mark: return false
        }
    }

    private static func write(_ node: ValeRegexNode, mode: Mode, into out: inout String) {
        switch node {
        case .literal(let scalar):
            let value = scalar.value
            if (value >= 0x30 && value <= 0x39) || (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A) {
                out.unicodeScalars.append(scalar)
            } else {
                out += escaped(scalar, inClass: false)
            }
        case .dot:
            out += "."
        case .set(let set):
            writeSet(set, mode: mode, into: &out)
        case .sequence(let items):
            for item in items {
                // An alternation inside a sequence only comes from a group, which is written with
                // its parentheses; a bare one would need them.
                if case .alternation = item {
                    out += "(?:"
                    write(item, mode: mode, into: &out)
                    out += ")"
                } else {
                    write(item, mode: mode, into: &out)
                }
            }
        case .alternation(let branches):
            for (index, branch) in branches.enumerated() {
                if index > 0 { out += "|" }
                write(branch, mode: mode, into: &out)
            }
        case .group(let kind, let body):
            switch kind {
            case .capturing(let name?): out += "(?<\(name)>"
            case .capturing(nil): out += "("
            case .nonCapturing(let flags?): out += "(?\(flags.text):"
            case .nonCapturing(nil): out += "(?:"
            case .atomic: out += "(?>"
            case .lookahead(let negated): out += negated ? "(?!" : "(?="
            case .lookbehind(let negated): out += negated ? "(?<!" : "(?<="
            }
            write(body, mode: mode, into: &out)
            out += ")"
        case .repetition(let body, let min, let max, let lazy):
            switch body {
            case .literal, .dot, .set, .group, .backreference:
                write(body, mode: mode, into: &out)
            default:
                out += "(?:"
                write(body, mode: mode, into: &out)
                out += ")"
            }
            out += ValeRegexPrinter.quantifier(min: min, max: max)
            if lazy { out += "?" }
        case .assertion(let assertion):
            switch assertion {
            case .lineStart: out += "^"
            case .lineEnd: out += "$"
            case .textStart: out += #"\A"#
            case .textEnd: out += #"\z"#
            case .textEndOrFinalNewline: out += #"\Z"#
            case .previousMatchEnd: out += #"\G"#
            case .wordBoundary:
                out += mode == .fast ? #"\b"# : exactBoundary
            case .notWordBoundary:
                out += mode == .fast ? #"\B"# : exactNonBoundary
            }
        case .backreference(let name):
            out += name.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.numericType == .decimal }) ? "\\g{\(name)}" : "\\k<\(name)>"
        case .flags(let flags):
            out += "(?\(flags.text))"
        case .mark(let name):
            out += "(*MARK:\(name))"
        }
    }

    private static func writeSet(_ set: ValeCharClass, mode: Mode, into out: inout String) {
        // A lone shorthand outside brackets keeps its short form.
        if !set.negated, set.items.count == 1 {
            switch set.items[0] {
            case .word(let negated):
                if mode == .fast { out += negated ? #"\W"# : #"\w"# } else { out += negated ? "[^\(wordItems)]" : "[\(wordItems)]" }
                return
            case .digit(let negated): out += negated ? #"\D"# : #"\d"#; return
            case .space(let negated): out += negated ? #"\S"# : #"\s"#; return
            case .property(let name, let negated): out += negated ? "\\P{\(name)}" : "\\p{\(name)}"; return
            default: break
            }
        }
        let hasNonWord = mode == .exact && set.items.contains { $0 == .word(negated: true) }
        let others = set.items.filter { $0 != .word(negated: true) || mode == .fast }
        var positive = ""
        for item in others { writeItem(item, mode: mode, into: &positive) }
        guard hasNonWord else {
            out += set.negated ? "[^\(positive)]" : (positive.isEmpty ? "(?!)" : "[\(positive)]")
            return
        }
        // regexp2's \W has no one-class spelling in PCRE2: [x\W] is "x or not a word character",
        // [^x\W] is "a word character that is not x".
        if set.negated {
            out += positive.isEmpty ? "[\(wordItems)]" : "(?:(?![\(positive)])[\(wordItems)])"
        } else {
            out += positive.isEmpty ? "[^\(wordItems)]" : "(?:[\(positive)]|[^\(wordItems)])"
        }
    }

    private static func writeItem(_ item: ValeCharClass.Item, mode: Mode, into out: inout String) {
        switch item {
        case .scalar(let scalar): out += escaped(scalar, inClass: true)
        case .range(let low, let high): out += escaped(low, inClass: true) + "-" + escaped(high, inClass: true)
        case .word(let negated): out += mode == .fast ? (negated ? #"\W"# : #"\w"#) : wordItems
        case .digit(let negated): out += negated ? #"\D"# : #"\d"#
        case .space(let negated): out += negated ? #"\S"# : #"\s"#
        case .property(let name, let negated): out += negated ? "\\P{\(name)}" : "\\p{\(name)}"
        }
    }

    /// A character as PCRE2 reads it literally, whatever options are on (`(?x)` included).
    static func escaped(_ scalar: Unicode.Scalar, inClass: Bool) -> String {
        if scalar.isASCII {
            let value = scalar.value
            let alphanumeric = (value >= 0x30 && value <= 0x39) || (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A)
            if alphanumeric { return String(scalar) }
            if value < 0x20 || value == 0x7F { return "\\x{\(String(value, radix: 16))}" }
            return "\\" + String(scalar)
        }
        if scalar.properties.isWhitespace || scalar.properties.generalCategory == .format {
            return "\\x{\(String(scalar.value, radix: 16))}"
        }
        return String(scalar)
    }

    /// A repetition's bounds as PCRE2 and Hyperscan write them (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`).
    static func quantifier(min: Int, max: Int?) -> String {
        switch (min, max) {
        case (0, nil): return "*"
        case (1, nil): return "+"
        case (0, 1?): return "?"
        case (let low, nil): return "{\(low),}"
        case (let low, let high?) where low == high: return "{\(low)}"
        case (let low, let high?): return "{\(low),\(high)}"
        }
    }
}

/// Sizes of what a node matches, in characters, for PCRE2's lookbehind limits.
enum ValeRegexWidth {
    /// The fewest and most characters `node` can match (nil: no limit).
    static func of(_ node: ValeRegexNode) -> (min: Int, max: Int?) {
        switch node {
        case .literal, .dot, .set: return (1, 1)
        case .assertion, .flags, .mark: return (0, 0)
        case .backreference: return (0, nil)
        case .sequence(let items):
            var low = 0
            var high: Int? = 0
            for item in items {
                let width = of(item)
                low += width.min
                high = high.flatMap { sum in width.max.map { sum + $0 } }
            }
            return (low, high)
        case .alternation(let branches):
            let widths = branches.map(of)
            let low = widths.map(\.min).min() ?? 0
            let high: Int? = widths.contains { $0.max == nil } ? nil : widths.compactMap(\.max).max() ?? 0
            return (low, high)
        case .group(let kind, let body):
            switch kind {
            case .lookahead, .lookbehind: return (0, 0)
            default: return of(body)
            }
        case .repetition(let body, let min, let max, _):
            let width = of(body)
            let high: Int? = max.flatMap { count in width.max.map { $0 * count } }
            return (width.min * min, width.max == 0 ? 0 : high)
        }
    }

    /// Whether PCRE2 10.42 accepts `body` in a lookbehind: every top-level branch of one length.
    static func isFixedForLookbehind(_ body: ValeRegexNode) -> Bool {
        let branches: [ValeRegexNode]
        if case .alternation(let items) = body { branches = items } else { branches = [body] }
        return branches.allSatisfy { branch in
            let width = of(branch)
            return width.max == width.min && !containsVariableAlternation(branch)
        }
    }

    /// A nested alternation whose branches differ in length (PCRE2 10.42 refuses it there).
    private static func containsVariableAlternation(_ node: ValeRegexNode) -> Bool {
        switch node {
        case .alternation(let branches):
            let widths = Set(branches.map { of($0).max ?? -1 })
            return widths.count > 1 || branches.contains(where: containsVariableAlternation)
        case .sequence(let items): return items.contains(where: containsVariableAlternation)
        case .group(let kind, let body):
            if case .lookahead = kind { return false }
            if case .lookbehind = kind { return false }
            return containsVariableAlternation(body)
        case .repetition(let body, _, _, _): return containsVariableAlternation(body)
        default: return false
        }
    }

    /// The first lookbehind PCRE2 10.42 cannot compile, if any.
    static func unsupportedLookbehind(in node: ValeRegexNode) -> ValeRegexNode? {
        switch node {
        case .group(let kind, let body):
            if case .lookbehind = kind, !isFixedForLookbehind(body) { return node }
            return unsupportedLookbehind(in: body)
        case .sequence(let items), .alternation(let items):
            for item in items { if let found = unsupportedLookbehind(in: item) { return found } }
            return nil
        case .repetition(let body, _, _, _): return unsupportedLookbehind(in: body)
        default: return nil
        }
    }
}
