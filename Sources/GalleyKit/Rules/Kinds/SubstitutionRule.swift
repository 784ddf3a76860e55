import PCRE
import YAMLParser

/// `kind: substitution`: Vale's substitution check. Words and patterns with a preferred swap.
struct SubstitutionRule: ValeWordListRule, RuleKind {
    static let name = "substitution"
    static let summary = "Reports words or Vale patterns that have a preferred form and names it (Vale's substitution check); plain words share one matcher across rules."
    static let options: [(key: String, description: String)] = [
        ("swap", "a mapping of words or Vale patterns to what to write instead: 'a|b' offers either, $1 takes a group of the pattern"),
        ("ignorecase", "match without regard to case (default: false)"),
        ("nonword", "do not wrap the keys in \\b word boundaries"),
        ("capitalize", "a capitalized match gets a capitalized suggestion"),
        ("exceptions", "patterns that, found in a match, excuse it"),
        ("vocab", "also excuse the project's accepted words (default: true)"),
    ] + ValeRuleSettings.commonOptions
    static let fixes: String? = """
        replaces the match with the swap (the first of several alternatives; an editor offers \
        each), capitalized when the rule says so. Only swaps that are plain words fix, not \
        patterns, and only where the match stands in the source exactly as read.
        """
    static let examples: [RuleExample] = [
        RuleExample("The message names the swap", options: "swap: {utilize: use, in order to: to}\nmessage: \"Use '%s' instead of '%s'.\"",
                    article: "# Title\n\nWe utilize tools in order to help.\n", expected: ["3:4", "3:18"],
                    fixed: "# Title\n\nWe use tools to help.\n"),
        RuleExample("Keys are patterns, and the preferred form may already be there",
                    options: "swap: {'java[- ]?script': JavaScript}\nignorecase: true",
                    article: "# Title\n\nJavaScript, not Java Script.\n", expected: ["3:17"], fixed: "# Title\n\nJavaScript, not JavaScript.\n"),
        RuleExample("Alternatives with a replace action", options: "swap: {cell phone: phone|mobile phone}\naction: {name: replace}",
                    article: "# Title\n\nCall my cell phone.\n", expected: ["3:9"], fixed: "# Title\n\nCall my phone.\n"),
        RuleExample("Nothing to swap", options: "swap: {utilize: use}",
                    article: "# Title\n\nWe use tools.\n", expected: []),
    ]

    struct Swap: Sendable {
        let key: String
        let replacement: String
        let ignoreCase: Bool
        private let replacementIsPhrase: Bool
        private let replacementHasDollar: Bool
        /// Most swaps never match in a run: their own patterns are compiled on first use (no
        /// message depends on when: a pattern that does not compile is simply not used).
        private let patterns = ValeOnce<Patterns>()

        init(key: String, replacement: String, ignoreCase: Bool) {
            self.key = key
            self.replacement = replacement
            self.ignoreCase = ignoreCase
            replacementIsPhrase = SubstitutionRule.isPhrase(replacement)
            replacementHasDollar = replacement.contains("$")
        }

        private final class Patterns: Sendable {
            let keyPattern: ValePattern?
            let same: Sameness
            init(_ swap: Swap) {
                keyPattern = swap.replacementHasDollar ? try? ValePattern((swap.ignoreCase ? "(?i)" : "") + swap.key) : nil
                same = SubstitutionRule.sameness(swap.replacement)
            }
        }

        /// The key compiled on its own, for `$1` in the replacement.
        var keyPattern: ValePattern? {
            replacementHasDollar ? patterns.value { Patterns(self) }.keyPattern : nil
        }
        /// How Vale decides the match already is the replacement.
        var same: Sameness {
            replacementIsPhrase ? .text : patterns.value { Patterns(self) }.same
        }
    }

    enum Sameness: Sendable {
        case text
        case pattern(ValePattern)
    }

    let definition: RuleDefinition
    let settings: ValeRuleSettings
    private(set) var program: ValeTokenProgram
    let swaps: [Swap]
    let exceptions: ValeExceptions
    let capitalize: Bool
    /// The message, and the one a replace action without params shows (`unquoted`), read once.
    let template: ValeMessageTemplate
    let replaceTemplate: ValeMessageTemplate?

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let settings = ValeRuleSettings.read(&options, definition: definition, defaultMessage: "Use '%s' instead of '%s'.")
        let ignoreCase = options.bool("ignorecase") ?? false
        let nonword = options.bool("nonword") ?? false
        let capitalize = options.bool("capitalize") ?? false
        let exceptionWords = options.strings("exceptions")?.map(\.0) ?? []
        let vocab = options.bool("vocab") ?? true
        _ = options.string("pos")  // deprecated in Vale, and ignored there too
        guard let swapNode = options.node("swap") else {
            options.report("a substitution rule needs 'swap': a mapping of words or patterns to their replacements", at: options.node)
            return nil
        }
        guard let pairs = swapNode.pairs else {
            options.report("'swap' must be a mapping, found \(OptionReader.describe(swapNode))", at: swapNode)
            return nil
        }
        var entries: [(key: String, replacement: String, node: YAMLNode)] = []
        for pair in pairs {
            guard let key = pair.key.scalar, let replacement = pair.value.scalar else {
                options.report("each swap must map a word or pattern to a replacement string", at: pair.key)
                continue
            }
            entries.append((key, replacement, pair.key))
        }
        // Vale tries longer keys first.
        entries = entries.enumerated().sorted { ($0.element.key.utf8.count, -$0.offset) > ($1.element.key.utf8.count, -$1.offset) }.map(\.element)
        let context = ValeBuildContext.current
        guard let exceptions = ValeRules.exceptions(exceptionWords + (vocab ? context.acceptedWords : []), options: &options) else { return nil }
        guard let nodes = ValeRules.parse(entries.map { ($0.key, $0.node) }, options: &options) else { return nil }
        let program: ValeTokenProgram
        do {
            if let template = context.wordTemplate, !nonword {
                // Vale's own construction: each key a group of the template.
                let keys = nodes.map { "(" + ValeRegexPrinter.pcre(Self.withoutCaptures($0), mode: .exact) + ")" }.joined(separator: "|")
                let pattern = (ignoreCase ? "(?i)" : "") + template.replacingFirst("%s", with: keys)
                program = ValeTokenProgram(whole: try ValePattern(pattern), groupsAreAlternatives: true)
            } else {
                program = try ValeTokenProgram(alternatives: nodes.map(Self.withoutCaptures), caseInsensitive: ignoreCase, bounded: !nonword,
                                               source: entries.map(\.key).joined(separator: "|"))
            }
        } catch {
            ValeRules.reportCulprit(of: error, among: entries.map { ($0.key, $0.node) }, options: &options)
            return nil
        }
        var swaps: [Swap] = []
        for entry in entries {
            swaps.append(Swap(key: entry.key, replacement: entry.replacement, ignoreCase: ignoreCase))
        }
        var built = definition
        built.message = nil
        let replaces = settings.action.name == "replace" && settings.action.params.isEmpty
        return SubstitutionRule(definition: built, settings: settings, program: program, swaps: swaps, exceptions: exceptions, capitalize: capitalize,
                                template: ValeMessageTemplate(settings.message),
                                replaceTemplate: replaces ? ValeMessageTemplate(Self.unquoted(settings.message)) : nil)
    }

    /// Vale turns a key's own groups into non-capturing ones.
    private static func withoutCaptures(_ node: ValeRegexNode) -> ValeRegexNode {
        switch node {
        case .group(.capturing, let body): return .group(.nonCapturing(nil), withoutCaptures(body))
        case .group(let kind, let body): return .group(kind, withoutCaptures(body))
        case .sequence(let items): return .sequence(items.map(withoutCaptures))
        case .alternation(let items): return .alternation(items.map(withoutCaptures))
        case .repetition(let body, let min, let max, let lazy): return .repetition(withoutCaptures(body), min: min, max: max, lazy: lazy)
        default: return node
        }
    }

    /// Vale's `matchToken`: a phrase (letters, digits, spaces, hyphens) is compared as text,
    /// anything else as the pattern `^(?:replacement)$`.
    fileprivate static func sameness(_ replacement: String) -> Sameness {
        if isPhrase(replacement) { return .text }
        if let pattern = try? ValePattern("^(?:" + replacement + ")$") { return .pattern(pattern) }
        return .text
    }

    static func isPhrase(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            if scalar.isASCII {
                // The same answer for ASCII, without looking up Unicode properties.
                let value = scalar.value
                return (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A) || (value >= 0x30 && value <= 0x39) || value == 0x20 || value == 0x2D
            }
            return scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
        }
    }

    func relinked(to book: ValeWordBook, slot: Int32) -> SubstitutionRule {
        var copy = self
        copy.program.relink(to: book, slot: slot)
        return copy
    }

    func descriptionArguments(match: String, suggestion: String?) -> [String] {
        [suggestion ?? "", match]
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        valeCheck(context, texts: { program.textsToRead($0, context: context) }) { run, unit in
            let (matches, gaveUp) = program.matches(in: run.document, text: unit.text, range: unit.range, hits: run.hits(program.book, context: context),
                                                    scratch: run.scratch)
            var alerts: [ValeAlert] = []
            for match in matches where !match.range.isEmpty && match.alternative < swaps.count {
                let range = (match.range.lowerBound + unit.range.lowerBound)..<(match.range.upperBound + unit.range.lowerBound)
                let text = run.substring(unit.text, range)
                let observed = text.trimmingCharacters()
                // The swap read in place: a copy would retain (and release) all it holds.
                var expected = swaps[match.alternative].replacement
                let capitalized = capitalize && observed == ValeRules.capFirst(observed)
                if capitalized { expected = ValeRules.capFirst(expected) }
                if let keyPattern = swaps[match.alternative].keyPattern, ValeRules.hasGroupReference(expected) {
                    expected = ValeRules.replacing(keyPattern, in: observed, with: expected)
                }
                if isSame(expected, observed, swap: swaps[match.alternative], scratch: run.scratch)
                    || (exceptions.pattern != nil && exceptions.matches(observed, scratch: run.scratch)) {
                    continue
                }
                // Most swaps offer one replacement: split only where there are several.
                let alternatives = expected.utf8.contains(UInt8(ascii: "|")) ? expected.splitting(by: "|") : [expected]
                let message: String
                if let replaceTemplate {
                    message = replaceTemplate.fill(ValeMessage.sentence(capitalized ? alternatives.map(ValeRules.capFirst) : alternatives), observed)
                } else {
                    message = template.fill(expected, observed)
                }
                // Made where it is stored: a copy retains and releases every string it holds.
                alerts.append(ValeAlert(text: unit.text, range: range, match: text, message: message, suggestion: expected))
                // Each alternative that is plain words (not a pattern) is a fix, in the match's case.
                alerts[alerts.count - 1].replacements = alternatives.filter { Self.isPhrase($0) && !$0.isEmpty }.map {
                    capitalized ? ValeRules.capFirst($0) : $0
                }
            }
            return (alerts, gaveUp)
        }
    }

    private func isSame(_ expected: String, _ observed: String, swap: Swap, scratch: PCREPattern.Scratch) -> Bool {
        switch expected == swap.replacement ? swap.same : Self.sameness(expected) {
        case .text: return expected == observed
        case .pattern(let pattern): return ValeRules.matchesWhole(pattern, observed, scratch: scratch)
        }
    }

    /// Vale's `convertMessage`: with a list of alternatives quoted already, `'%s'` loses its
    /// quotes (only when the message has exactly two).
    private static func unquoted(_ message: String) -> String {
        var message = message
        for spec in ["'%s'", "\"%s\""] where message.splitting(by: spec).count - 1 == 2 {
            message = message.replacingFirst(spec, with: "%s")
        }
        return message
    }
}

extension ValeRules {
    /// Go's `CapFirst`: the first byte upper-cased when it is an ASCII letter.
    static func capFirst(_ text: String) -> String {
        guard let first = text.utf8.first, first >= 0x61, first <= 0x7A else { return text }
        return String(UnicodeScalar(first - 32)) + String(text.dropFirst())
    }

    /// `$1`, `${name}` in a replacement.
    static func hasGroupReference(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.indices.dropLast().contains { scalars[$0] == "$" && (scalars[$0 + 1].properties.numericType == .decimal || scalars[$0 + 1] == "{") }
    }

    /// regexp2's `Replace` of every match of `pattern` in `text` by `template` ($1, ${name}, $$).
    static func replacing(_ pattern: ValePattern, in text: String, with template: String) -> String {
        ValeAction.replacing(pattern.fast, in: text, with: template)
    }

    /// Whether `pattern` (anchored by ^…$) matches all of `text`.
    static func matchesWhole(_ pattern: ValePattern, _ text: String, scratch: PCREPattern.Scratch) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            if case .found = pattern.search(bytes, from: 0, exact: true, scratch: scratch) { return true }
            return false
        }
    }
}
