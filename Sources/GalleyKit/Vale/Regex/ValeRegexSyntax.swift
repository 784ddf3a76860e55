/// A regular expression written for Vale, parsed.
///
/// Vale compiles its rules with regexp2 (a port of .NET's engine) in its RE2 compatibility mode.
/// Galley matches with PCRE2, whose syntax is close but not the same, so each pattern is parsed
/// once into this tree and printed again for PCRE2 (`ValeRegexPrinter`); the tree also tells
/// which word lists can go to the shared literal matcher (`ValeRegexLiterals`) and which
/// constructs PCRE2 10.42 cannot run.
///
/// Only the cases that hold a node, and the flags (two strings), are boxed: a literal, the most
/// common node by far (a word list is a sequence of them), is stored in place, not allocated.
enum ValeRegexNode: Sendable, Equatable {
    case literal(Unicode.Scalar)
    /// `.`: any character but a newline (any at all under `(?s)`).
    case dot
    case set(ValeCharClass)
    case sequence([ValeRegexNode])
    case alternation([ValeRegexNode])
    indirect case group(ValeGroupKind, ValeRegexNode)
    indirect case repetition(ValeRegexNode, min: Int, max: Int?, lazy: Bool)
    case assertion(ValeAssertion)
    /// `\1`, `\k<name>`.
    case backreference(String)
    /// `(?i)`, `(?-i)` in the middle of a sequence: applies to the rest of the enclosing group.
    indirect case flags(ValeRegexFlags)
    /// PCRE2's `(*MARK:name)`: never parsed from a rule, added by Galley to learn which word of
    /// a list matched.
    case mark(String)

    static let empty = ValeRegexNode.sequence([])
}

enum ValeGroupKind: Sendable, Equatable {
    case capturing(name: String?)
    /// `(?:…)`, or `(?i-m:…)` with the flags it changes.
    case nonCapturing(ValeRegexFlags?)
    case atomic
    case lookahead(negated: Bool)
    case lookbehind(negated: Bool)
}

enum ValeAssertion: Sendable, Equatable {
    case lineStart, lineEnd, wordBoundary, notWordBoundary, textStart, textEnd, textEndOrFinalNewline, previousMatchEnd
}

/// Inline option changes: `on` and `off` hold letters among `imnsx`.
struct ValeRegexFlags: Sendable, Equatable {
    var on: String
    var off: String

    var text: String { off.isEmpty ? on : on + "-" + off }
}

/// `[…]`, `\w`, `\d`, `\s`, `\p{…}`: a set of characters.
struct ValeCharClass: Sendable, Equatable {
    enum Item: Sendable, Equatable {
        case scalar(Unicode.Scalar)
        case range(Unicode.Scalar, Unicode.Scalar)
        /// `\w`/`\W`: regexp2's word characters (letters, nonspacing marks, decimal digits,
        /// connector punctuation), which PCRE2 10.42 defines differently.
        case word(negated: Bool)
        case digit(negated: Bool)
        case space(negated: Bool)
        /// `\p{Lu}`, `\P{L}`: a Unicode general category.
        case property(String, negated: Bool)
    }

    var negated: Bool
    var items: [Item]
}

struct ValeRegexError: Error, Sendable, Equatable {
    var message: String
    /// Offset in the pattern, in characters, where the problem is.
    var offset: Int
}

/// A parsed pattern: the tree, and whether any construct cannot be written for PCRE2 at all.
struct ValeRegex: Sendable {
    let source: String
    let root: ValeRegexNode
    /// Capturing groups, in order of their opening parenthesis (name or nil).
    let groups: [String?]

    init(_ source: String) throws(ValeRegexError) {
        var parser = ValeRegexParser(source)
        self.source = source
        root = try parser.parse()
        groups = parser.groups
    }
}

/// Recursive descent over the pattern's characters, following regexp2's grammar.
struct ValeRegexParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// `(?x)` in effect: whitespace and `#` comments are not part of the pattern.
    private var extended: [Bool] = [false]
    private(set) var groups: [String?] = []
    /// Nesting depth, bounded so a hostile pattern cannot exhaust the stack.
    private var depth = 0
    static let maxDepth = 200

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    mutating func parse() throws(ValeRegexError) -> ValeRegexNode {
        let node = try alternation()
        if index < scalars.count {
            throw ValeRegexError(message: "too many closing parentheses", offset: index)
        }
        return node
    }

    private var atEnd: Bool { index >= scalars.count }
    private func peek(_ offset: Int = 0) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }

    private mutating func alternation() throws(ValeRegexError) -> ValeRegexNode {
        var branches = [try sequence()]
        while peek() == "|" {
            index += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() throws(ValeRegexError) -> ValeRegexNode {
        var items: [ValeRegexNode] = []
        while let scalar = peek(), scalar != "|", scalar != ")" {
            if skipExtendedSpace() { continue }
            var atom = try self.atom()
            if case .flags(let flags) = atom {
                // `(?x)` changes how the rest of the group is read.
                if flags.on.contains("x") { extended[extended.count - 1] = true }
                if flags.off.contains("x") { extended[extended.count - 1] = false }
                items.append(atom)
                continue
            }
            while true {
                _ = skipExtendedSpace()
                guard let quantified = try quantifier(atom) else { break }
                atom = quantified
            }
            items.append(atom)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// Under `(?x)`, whitespace and `#…` comments are skipped.
    private mutating func skipExtendedSpace() -> Bool {
        guard extended.last == true, let scalar = peek() else { return false }
        if scalar.properties.isWhitespace {
            index += 1
            return true
        }
        if scalar == "#" {
            while let next = peek(), next != "\n" { index += 1 }
            return true
        }
        return false
    }

    private mutating func quantifier(_ atom: ValeRegexNode) throws(ValeRegexError) -> ValeRegexNode? {
        guard let scalar = peek() else { return nil }
        let start = index
        var min = 0
        var max: Int?
        switch scalar {
        case "*": index += 1
        case "+": min = 1; index += 1
        case "?": max = 1; index += 1
        case "{":
            guard let bounds = braces() else { return nil }
            (min, max) = bounds
        default:
            return nil
        }
        if case .repetition = atom {
            throw ValeRegexError(message: "nested quantifier '\(String(scalar))'", offset: start)
        }
        if let max, max < min {
            throw ValeRegexError(message: "illegal {x,y} with x > y", offset: start)
        }
        var lazy = false
        if peek() == "?" {
            lazy = true
            index += 1
        } else if peek() == "+" {
            // .NET has no possessive quantifiers; PCRE2 would quietly read `a++` as one.
            throw ValeRegexError(message: "nested quantifier '+'", offset: index)
        }
        return .repetition(atom, min: min, max: max, lazy: lazy)
    }

    /// `{n}`, `{n,}`, `{n,m}`; anything else leaves `{` a literal, as in .NET.
    private mutating func braces() -> (Int, Int?)? {
        var cursor = index + 1
        func number() -> Int? {
            var value = 0
            var digits = 0
            while cursor < scalars.count, let digit = scalars[cursor].properties.numericType == .decimal ? Int(String(scalars[cursor])) : nil,
                  scalars[cursor].isASCII {
                value = min(value * 10 + digit, 100_000)
                digits += 1
                cursor += 1
            }
            return digits > 0 ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if cursor < scalars.count, scalars[cursor] == "," {
            cursor += 1
            high = number()
        }
        guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
        index = cursor + 1
        return (low, high)
    }

    private mutating func atom() throws(ValeRegexError) -> ValeRegexNode {
        let scalar = scalars[index]
        switch scalar {
        case "(":
            return try group()
        case "[":
            return .set(try characterClass())
        case ".":
            index += 1
            return .dot
        case "^":
            index += 1
            return .assertion(.lineStart)
        case "$":
            index += 1
            return .assertion(.lineEnd)
        case "\\":
            return try escape()
        case "*", "+", "?":
            throw ValeRegexError(message: "quantifier '\(String(scalar))' following nothing", offset: index)
        case "{":
            if braces() != nil {
                throw ValeRegexError(message: "quantifier '{' following nothing", offset: index)
            }
            index += 1
            return .literal(scalar)
        default:
            index += 1
            return .literal(scalar)
        }
    }

    private mutating func group() throws(ValeRegexError) -> ValeRegexNode {
        let open = index
        index += 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw ValeRegexError(message: "groups nested more than \(Self.maxDepth) deep", offset: open) }
        var kind = ValeGroupKind.capturing(name: nil)
        if peek() == "?" {
            index += 1
            guard let next = peek() else { throw ValeRegexError(message: "unterminated group", offset: open) }
            switch next {
            case ":": index += 1; kind = .nonCapturing(nil)
            case "=": index += 1; kind = .lookahead(negated: false)
            case "!": index += 1; kind = .lookahead(negated: true)
            case ">": index += 1; kind = .atomic
            case "#":
                while let char = peek(), char != ")" { index += 1 }
                guard peek() == ")" else { throw ValeRegexError(message: "unterminated (?#...) comment", offset: open) }
                index += 1
                return .empty
            case "(":
                throw ValeRegexError(message: "conditional groups (?(...)) are not supported", offset: open)
            case "<" where peek(1) == "=": index += 2; kind = .lookbehind(negated: false)
            case "<" where peek(1) == "!": index += 2; kind = .lookbehind(negated: true)
            case "<", "'":
                index += 1
                kind = .capturing(name: try groupName(closing: next == "<" ? ">" : "'", open: open))
            case "P" where peek(1) == "<":
                index += 2
                kind = .capturing(name: try groupName(closing: ">", open: open))
            default:
                let flags = try inlineFlags(open: open)
                if peek() == ")" {
                    index += 1
                    return .flags(flags)
                }
                guard peek() == ":" else { throw ValeRegexError(message: "unrecognized grouping construct", offset: open) }
                index += 1
                kind = .nonCapturing(flags)
            }
        }
        if case .capturing(let name) = kind { groups.append(name) }
        extended.append(extended.last ?? false)
        if case .nonCapturing(let flags?) = kind {
            if flags.on.contains("x") { extended[extended.count - 1] = true }
            if flags.off.contains("x") { extended[extended.count - 1] = false }
        }
        let body = try alternation()
        extended.removeLast()
        guard peek() == ")" else { throw ValeRegexError(message: "not enough closing parentheses", offset: open) }
        index += 1
        return .group(kind, body)
    }

    private mutating func groupName(closing: Unicode.Scalar, open: Int) throws(ValeRegexError) -> String {
        var name = ""
        while let char = peek(), char != closing {
            if char == "-" { throw ValeRegexError(message: "balancing groups (?<a-b>...) are not supported", offset: open) }
            guard char == "_" || char.properties.isAlphabetic || char.properties.numericType == .decimal else {
                throw ValeRegexError(message: "invalid group name", offset: index)
            }
            name.unicodeScalars.append(char)
            index += 1
        }
        guard peek() == closing, !name.isEmpty else { throw ValeRegexError(message: "invalid group name", offset: open) }
        index += 1
        if name.unicodeScalars.allSatisfy({ $0.properties.numericType == .decimal }) {
            throw ValeRegexError(message: "numbered group names are not supported", offset: open)
        }
        return name
    }

    private mutating func inlineFlags(open: Int) throws(ValeRegexError) -> ValeRegexFlags {
        var flags = ValeRegexFlags(on: "", off: "")
        var negative = false
        while let char = peek(), char != ")", char != ":" {
            switch char {
            case "-" where !negative: negative = true
            case "i", "m", "n", "s", "x":
                if negative { flags.off.unicodeScalars.append(char) } else { flags.on.unicodeScalars.append(char) }
            default:
                throw ValeRegexError(message: "unrecognized grouping construct", offset: open)
            }
            index += 1
        }
        return flags
    }

    // MARK: Escapes

    private mutating func escape() throws(ValeRegexError) -> ValeRegexNode {
        let start = index
        index += 1
        guard let char = peek() else { throw ValeRegexError(message: "illegal \\ at end of pattern", offset: start) }
        index += 1
        switch char {
        case "b": return .assertion(.wordBoundary)
        case "B": return .assertion(.notWordBoundary)
        case "A": return .assertion(.textStart)
        case "z": return .assertion(.textEnd)
        case "Z": return .assertion(.textEndOrFinalNewline)
        case "G": return .assertion(.previousMatchEnd)
        case "w", "W", "d", "D", "s", "S", "p", "P":
            index -= 1
            return .set(ValeCharClass(negated: false, items: [try classEscape(start: start)]))
        case "k":
            guard let open = peek(), open == "<" || open == "'" else { throw ValeRegexError(message: "malformed \\k<...> named back reference", offset: start) }
            index += 1
            let name = try groupName(closing: open == "<" ? ">" : "'", open: start)
            return .backreference(name)
        case "1"..."9":
            var number = String(char)
            while let next = peek(), next.isASCII, next.properties.numericType == .decimal, number.count < 3 {
                number.unicodeScalars.append(next)
                index += 1
            }
            return .backreference(number)
        default:
            index = start
            return .literal(try literalEscape(start: start, inClass: false))
        }
    }

    /// `\w`, `\d`, `\s`, `\p{…}` and their negations.
    private mutating func classEscape(start: Int) throws(ValeRegexError) -> ValeCharClass.Item {
        let char = scalars[index]
        index += 1
        switch char {
        case "w": return .word(negated: false)
        case "W": return .word(negated: true)
        case "d": return .digit(negated: false)
        case "D": return .digit(negated: true)
        case "s": return .space(negated: false)
        case "S": return .space(negated: true)
        default:
            guard peek() == "{" else { throw ValeRegexError(message: "incomplete \\p{X} character escape", offset: start) }
            index += 1
            var name = ""
            while let next = peek(), next != "}" {
                name.unicodeScalars.append(next)
                index += 1
            }
            guard peek() == "}" else { throw ValeRegexError(message: "incomplete \\p{X} character escape", offset: start) }
            index += 1
            guard Self.categories.contains(name) else {
                throw ValeRegexError(message: "unknown property '\(name)' (Galley reads general categories such as L, Lu, Nd; not Unicode blocks)", offset: start)
            }
            return .property(name, negated: char == "P")
        }
    }

    static let categories: Set<String> = [
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf",
        "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn",
    ]

    /// An escape that stands for one character: `\.`, `\t`, `\x41`, `\u00e9`, `\0`, `\cA`.
    private mutating func literalEscape(start: Int, inClass: Bool) throws(ValeRegexError) -> Unicode.Scalar {
        index += 1  // the backslash
        guard let char = peek() else { throw ValeRegexError(message: "illegal \\ at end of pattern", offset: start) }
        index += 1
        switch char {
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "a": return "\u{07}"
        case "e": return "\u{1B}"
        case "b" where inClass: return "\u{08}"
        case "x": return try hex(digits: 2, start: start)
        case "u": return try hex(digits: 4, start: start)
        case "0":
            var value: UInt32 = 0
            var count = 0
            while count < 2, let next = peek(), next.isASCII, ("0"..."7").contains(next) {
                value = value * 8 + (next.value - 0x30)
                index += 1
                count += 1
            }
            return Unicode.Scalar(value)!
        case "c":
            guard let letter = peek(), letter.isASCII, letter.properties.isAlphabetic else {
                throw ValeRegexError(message: "missing control character", offset: start)
            }
            index += 1
            return Unicode.Scalar(letter.value & 0x1F)!
        default:
            if char.isASCII, char.properties.isAlphabetic || char.properties.numericType == .decimal {
                throw ValeRegexError(message: "unrecognized escape sequence \\\(String(char))", offset: start)
            }
            return char
        }
    }

    private mutating func hex(digits: Int, start: Int) throws(ValeRegexError) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let char = peek(), let digit = char.isASCII ? Int(String(char), radix: 16) : nil else {
                throw ValeRegexError(message: "insufficient hex digits", offset: start)
            }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        guard let scalar = Unicode.Scalar(value) else { throw ValeRegexError(message: "invalid character code", offset: start) }
        return scalar
    }

    // MARK: Classes

    private mutating func characterClass() throws(ValeRegexError) -> ValeCharClass {
        let open = index
        index += 1
        var result = ValeCharClass(negated: false, items: [])
        if peek() == "^" {
            result.negated = true
            index += 1
        }
        var first = true
        while true {
            guard let char = peek() else { throw ValeRegexError(message: "unterminated [] set", offset: open) }
            if char == "]", !first {
                index += 1
                return result
            }
            first = false
            if char == "[", peek(1) == ":", let posix = posixClass() {
                result.items += posix
                continue
            }
            if char == "-", peek(1) == "[", !result.items.isEmpty {
                throw ValeRegexError(message: "character class subtraction [a-[b]] is not supported", offset: index)
            }
            var low: Unicode.Scalar
            if char == "\\" {
                if let next = peek(1), "wWdDsSpP".unicodeScalars.contains(next) {
                    index += 1
                    result.items.append(try classEscape(start: index - 1))
                    continue
                }
                low = try literalEscape(start: index, inClass: true)
            } else {
                low = char
                index += 1
            }
            if peek() == "-", let after = peek(1), after != "]" {
                if after == "[" {
                    throw ValeRegexError(message: "character class subtraction [a-[b]] is not supported", offset: index)
                }
                index += 1
                var high: Unicode.Scalar
                if after == "\\" {
                    if let next = peek(1), "wWdDsSpP".unicodeScalars.contains(next) {
                        throw ValeRegexError(message: "cannot include class \\\(String(next)) in character range", offset: index)
                    }
                    high = try literalEscape(start: index, inClass: true)
                } else {
                    high = after
                    index += 1
                }
                guard high.value >= low.value else { throw ValeRegexError(message: "[x-y] range in reverse order", offset: open) }
                result.items.append(.range(low, high))
            } else {
                result.items.append(.scalar(low))
            }
        }
    }

    /// `[:alpha:]` inside a class: regexp2's RE2 mode reads the ASCII POSIX classes.
    private mutating func posixClass() -> [ValeCharClass.Item]? {
        var cursor = index + 2
        var negated = false
        if cursor < scalars.count, scalars[cursor] == "^" {
            negated = true
            cursor += 1
        }
        var name = ""
        while cursor < scalars.count, scalars[cursor].isASCII, scalars[cursor].properties.isAlphabetic {
            name.unicodeScalars.append(scalars[cursor])
            cursor += 1
        }
        guard cursor + 1 < scalars.count, scalars[cursor] == ":", scalars[cursor + 1] == "]", !negated,
              let items = Self.posix[name] else { return nil }
        index = cursor + 2
        return items
    }

    private static let posix: [String: [ValeCharClass.Item]] = [
        "alnum": [.range("0", "9"), .range("A", "Z"), .range("a", "z")],
        "alpha": [.range("A", "Z"), .range("a", "z")],
        "ascii": [.range("\u{0}", "\u{7F}")],
        "blank": [.scalar("\t"), .scalar(" ")],
        "cntrl": [.range("\u{0}", "\u{1F}"), .scalar("\u{7F}")],
        "digit": [.range("0", "9")],
        "graph": [.range("!", "~")],
        "lower": [.range("a", "z")],
        "print": [.range(" ", "~")],
        "punct": [.range("!", "/"), .range(":", "@"), .range("[", "`"), .range("{", "~")],
        "space": [.scalar("\t"), .scalar("\n"), .scalar("\u{0B}"), .scalar("\u{0C}"), .scalar("\r"), .scalar(" ")],
        "upper": [.range("A", "Z")],
        "word": [.range("0", "9"), .range("A", "Z"), .range("a", "z"), .scalar("_")],
        "xdigit": [.range("0", "9"), .range("A", "F"), .range("a", "f")],
    ]
}

extension ValeRegexNode {
    /// Whether `(?i)` is switched on anywhere in the pattern (the prefilters then compare
    /// letters without regard to case).
    var switchesCaseInsensitivityOn: Bool {
        switch self {
        case .flags(let flags): return flags.on.contains("i")
        case .group(let kind, let body):
            if case .nonCapturing(let flags?) = kind, flags.on.contains("i") { return true }
            return body.switchesCaseInsensitivityOn
        case .sequence(let items), .alternation(let items): return items.contains { $0.switchesCaseInsensitivityOn }
        case .repetition(let body, _, _, _): return body.switchesCaseInsensitivityOn
        case .literal, .dot, .set, .assertion, .backreference, .mark: return false
        }
    }
}
