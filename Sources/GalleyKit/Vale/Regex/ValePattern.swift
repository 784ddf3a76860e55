import PCRE

/// A Vale pattern compiled for PCRE2 (with JIT), matching as regexp2 does in RE2 mode.
///
/// - `\w`, `\b` follow regexp2 (see `ValeRegexPrinter`): `fast` is used on texts where PCRE2's
///   own definitions agree, `exact` on the others.
/// - `$` without `(?m)` matches only at the very end (PCRE2's DOLLAR_ENDONLY).
/// - A lookbehind of unbounded length (Google's `Colons`: `(?<!:[^ ]+?)`), which PCRE2 10.42
///   cannot compile, is run when it opens the pattern: the rest is matched, and each match is
///   kept only if the lookbehind holds where it starts; a refused start is retried one
///   character later, as the regexp2 engine would.
///
/// Loading a rule set compiles hundreds of patterns, and a run needs few of their forms (the
/// ASCII form on English text, the exact one only where combining marks or the like appear):
/// each form is compiled with JIT the first time a text needs it (`ValeOnce`, shared by every
/// thread), and so is the prefilter. What loading proves at once is that every form compiles
/// (without JIT), so a rule PCRE2 refuses is set aside at load as before.
final class ValePattern: Sendable {
    let source: String
    /// The fast form, compiled without JIT: proof that it compiles, and its groups.
    private let checked: PCREPattern
    private let fastSource: String
    /// Whether the fast form is written in ASCII, so that it has a byte form.
    private let isASCIISource: Bool
    /// nil when the pattern does not depend on word characters (the fast form is exact).
    private let exactSource: String?
    /// The tree the forms were written from, for the prefilter and `ValePatternScanner`.
    let root: ValeRegexNode
    private let fastForm = ValeOnce<PCREPattern>()
    private let exactForm = ValeOnce<PCREPattern>()
    private let asciiForm = ValeOnce<PCREPattern>()
    private let prefilterSlot = ValeOnce<PrefilterBox>()
    let lookbehind: LeadingLookbehind?

    private final class PrefilterBox: Sendable {
        let prefilter: ValeRegexPrefilter?
        init(_ prefilter: ValeRegexPrefilter?) { self.prefilter = prefilter }

        /// Asked here, in place: copying the prefilter out would retain and release its arrays.
        func mayMatch(_ grams: ValeTextGrams) -> Bool { prefilter?.mayMatch(grams) ?? true }
    }

    /// The form for texts where PCRE2's `\w` and `\b` agree with regexp2's.
    var fast: PCREPattern { compiled(.fast) }
    /// nil when the pattern does not depend on word characters (the fast form is exact).
    var exact: PCREPattern? { exactSource == nil ? nil : compiled(.exact) }
    /// The fast form compiled for bytes (no UTF, no Unicode properties), for ASCII texts; nil
    /// when the pattern is not written in ASCII. On ASCII text every class and `\b` means the
    /// same in both modes, and caseless matching of an ASCII letter can only meet ASCII letters.
    /// (The fast form itself when PCRE2 refuses the byte form.)
    var ascii: PCREPattern? { isASCIISource ? compiled(.ascii) : nil }
    /// Strings one of which every match holds: a text without any is not searched.
    var prefilter: ValeRegexPrefilter? {
        prefilterSlot.value { PrefilterBox(ValeRegexPrefilter(root)) }.prefilter
    }
    /// A byte scanner that finds the same matches, for the token patterns it knows (`[^\s]+`, `\b(\w+)\b`).
    let scanner: ValeTokenScanner?

    /// Which compiled form suits a text (`ValeText.patternForm`).
    enum Form: Sendable {
        /// ASCII text: the byte form, when there is one.
        case ascii
        /// Text on which PCRE2's `\w` and `\b` agree with regexp2's.
        case fast
        /// Text with characters on which they differ.
        case exact
    }

    struct LeadingLookbehind: Sendable {
        /// `(?:body)\z`, searched in the text before a match.
        let check: PCREPattern
        let negated: Bool
    }

    struct Failure: Error, Sendable {
        let message: String
    }

    /// Compiles `source` (Vale's dialect).
    convenience init(_ source: String) throws(Failure) {
        let regex: ValeRegex
        do {
            regex = try ValeRegex(source)
        } catch {
            throw Failure(message: "\(error.message) (at character \(error.offset + 1) of \(source))")
        }
        try self.init(regex)
    }

    convenience init(_ regex: ValeRegex) throws(Failure) {
        try self.init(root: regex.root, source: regex.source)
    }

    /// Compiles a tree; `source` names the pattern in messages.
    init(root tree: ValeRegexNode, source: String) throws(Failure) {
        self.source = source
        var root = tree
        var lookbehind: LeadingLookbehind?
        if let (rest, body, negated, flags) = Self.leadingUnboundedLookbehind(root) {
            if Self.hasAssertions(body) {
                throw Failure(message: "a lookbehind of unbounded length that holds assertions cannot be run (PCRE2 10.42 needs lookbehinds of fixed length): \(source)")
            }
            root = rest
            let check = flags.map { "(?\($0.text))" }.joined() + "(?:" + ValeRegexPrinter.pcre(body, mode: .exact) + #")\z"#
            lookbehind = LeadingLookbehind(check: try Self.compile(check, for: source), negated: negated)
        }
        if let bad = ValeRegexWidth.unsupportedLookbehind(in: root) {
            let written = ValeRegexPrinter.pcre(bad, mode: .fast)
            throw Failure(message: "the lookbehind \(written) has no fixed length, which PCRE2 10.42 requires (Galley runs such a lookbehind only at the start of a pattern)")
        }
        let fastSource = ValeRegexPrinter.pcre(root, mode: .fast)
        checked = try Self.compile(fastSource, for: source, jit: false)
        exactSource = ValeRegexPrinter.dependsOnWordCharacters(root) ? ValeRegexPrinter.pcre(root, mode: .exact) : nil
        if let exactSource { _ = try Self.compile(exactSource, for: source, jit: false) }
        self.fastSource = fastSource
        isASCIISource = fastSource.utf8.allSatisfy { $0 < 0x80 }
        self.root = root
        scanner = lookbehind == nil ? ValeTokenScanner(root) : nil
        self.lookbehind = lookbehind
    }

    private static func compile(_ pattern: String, for source: String, jit: Bool = true) throws(Failure) -> PCREPattern {
        do {
            return try PCREPattern(pattern, options: .dollarEndOnly, jit: jit)
        } catch {
            throw Failure(message: "PCRE2 cannot compile \(source): \(error.message)")
        }
    }

    var captureCount: Int { checked.captureCount }

    func groupNumber(named name: String) -> Int? { checked.groupNumber(named: name) }

    /// The compiled pattern for texts of `form`, compiled with JIT on first use. The fast and
    /// exact forms compiled at load already (without JIT), so compiling them again does not
    /// fail; the byte form may, and then the fast form serves, as it always did.
    private func compiled(_ form: Form) -> PCREPattern {
        switch form {
        case .fast:
            return fastForm.value { (try? PCREPattern(fastSource, options: .dollarEndOnly)) ?? checked }
        case .exact:
            guard let exactSource else { return compiled(.fast) }
            return exactForm.value { (try? PCREPattern(exactSource, options: .dollarEndOnly)) ?? compiled(.fast) }
        case .ascii:
            return asciiForm.value {
                guard isASCIISource, let bytes = try? PCREPattern(fastSource, options: .dollarEndOnly, unicode: false) else { return compiled(.fast) }
                return bytes
            }
        }
    }

    /// Whether `text` (or any part of it) may hold a match at all (false: no search can find one).
    func mayMatch(_ text: ValeText) -> Bool {
        prefilterSlot.value { PrefilterBox(ValeRegexPrefilter(root)) }.mayMatch(text.grams)
    }

    func search(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, exact useExact: Bool, groups: Bool = false,
                scratch: PCREPattern.Scratch) -> PCREPattern.Search {
        search(bytes, from: start, form: useExact ? .exact : .fast, groups: groups, scratch: scratch)
    }

    /// The first match at or after `start`, honouring the leading lookbehind.
    func search(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, form: Form, groups: Bool = false,
                scratch: PCREPattern.Scratch) -> PCREPattern.Search {
        let pattern = compiled(form)
        var position = start
        while true {
            let result = pattern.search(bytes, from: position, wantGroups: groups, scratch: scratch)
            guard case .found(let match) = result, let lookbehind else { return result }
            let at = match.range.lowerBound
            let held: Bool
            switch lookbehind.check.search(bytes, from: 0, end: at, scratch: scratch) {
            case .found: held = true
            case .none: held = false
            case .gaveUp: return .gaveUp
            }
            if held != lookbehind.negated { return result }
            guard at < bytes.count else { return .none }
            position = at + WordTokenizer.scalarLength(bytes, at: at)
        }
    }

    /// Every non-overlapping match, as regexp2's FindAll gives them; `gaveUp` when PCRE2 stopped.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>, exact: Bool, groups: Bool = false,
                 scratch: PCREPattern.Scratch) -> (matches: [PCREPattern.Match], gaveUp: Bool) {
        matches(bytes, form: exact ? .exact : .fast, groups: groups, scratch: scratch)
    }

    /// Every match in `bytes`, a part of `text`, with the form that suits the text; none without
    /// searching when the text lacks what every match needs.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>, in text: ValeText, groups: Bool = false,
                 scratch: PCREPattern.Scratch) -> (matches: [PCREPattern.Match], gaveUp: Bool) {
        guard mayMatch(text) else { return ([], false) }
        return matches(bytes, form: text.patternForm, groups: groups, scratch: scratch)
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>, form: Form, groups: Bool = false,
                 scratch: PCREPattern.Scratch) -> (matches: [PCREPattern.Match], gaveUp: Bool) {
        var found: [PCREPattern.Match] = []
        var position = 0
        while position <= bytes.count {
            switch search(bytes, from: position, form: form, groups: groups, scratch: scratch) {
            case .none: return (found, false)
            case .gaveUp: return (found, true)
            case .found(let match):
                found.append(match)
                let range = match.range
                if range.upperBound > range.lowerBound {
                    position = range.upperBound
                } else if range.upperBound < bytes.count {
                    position = range.upperBound + WordTokenizer.scalarLength(bytes, at: range.upperBound)
                } else {
                    return (found, false)
                }
            }
        }
        return (found, false)
    }

    // MARK: The leading lookbehind

    /// When the pattern opens with a lookbehind PCRE2 cannot compile (past inline flags and
    /// into groups of one branch), the pattern without it, the lookbehind, and the flags before it.
    private static func leadingUnboundedLookbehind(_ node: ValeRegexNode) -> (ValeRegexNode, ValeRegexNode, Bool, [ValeRegexFlags])? {
        var flags: [ValeRegexFlags] = []
        return strip(node, flags: &flags).map { ($0.0, $0.1, $0.2, flags) }
    }

    private static func strip(_ node: ValeRegexNode, flags: inout [ValeRegexFlags]) -> (ValeRegexNode, ValeRegexNode, Bool)? {
        switch node {
        case .group(.lookbehind(let negated), let body) where !ValeRegexWidth.isFixedForLookbehind(body):
            return (.empty, body, negated)
        case .group(let kind, let body):
            switch kind {
            case .capturing, .nonCapturing(nil): break
            case .nonCapturing(let change?): flags.append(change)
            default: return nil
            }
            guard let (rest, lookbehind, negated) = strip(body, flags: &flags) else { return nil }
            return (.group(kind, rest), lookbehind, negated)
        case .sequence(var items):
            var index = 0
            while index < items.count {
                if case .flags(let change) = items[index] {
                    flags.append(change)
                } else if case .mark = items[index] {
                    // Zero-width and harmless: the lookbehind after it still opens the match.
                } else {
                    break
                }
                index += 1
            }
            guard index < items.count, let (rest, lookbehind, negated) = strip(items[index], flags: &flags) else { return nil }
            items[index] = rest
            return (.sequence(items), lookbehind, negated)
        default:
            return nil
        }
    }

    private static func hasAssertions(_ node: ValeRegexNode) -> Bool {
        switch node {
        case .assertion: return true
        case .group(let kind, let body):
            if case .lookahead = kind { return true }
            if case .lookbehind = kind { return true }
            return hasAssertions(body)
        case .sequence(let items), .alternation(let items): return items.contains(where: hasAssertions)
        case .repetition(let body, _, _, _): return hasAssertions(body)
        default: return false
        }
    }
}
