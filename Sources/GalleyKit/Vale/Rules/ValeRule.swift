import PCRE

/// A rule of one of Vale's kinds. Each runs on Vale's view of the document (`ValeDocument`),
/// shared by all of them, and reports the way Vale does: at most one finding per place, at
/// most `limit` per file, none where an in-text `vale` comment switched the rule off.
protocol ValeRule: Rule {
    var settings: ValeRuleSettings { get }
    /// The values the rule's description is filled with for a finding (Vale formats the
    /// description like the message).
    func descriptionArguments(match: String, suggestion: String?) -> [String]
}

extension ValeRule {
    func descriptionArguments(match: String, suggestion: String?) -> [String] {
        [match] + (suggestion.map { [$0] } ?? [])
    }

    /// The rule's description for one finding.
    func description(match: String, suggestion: String?) -> String {
        settings.description.isEmpty ? "" : ValeMessage.format(settings.description, descriptionArguments(match: match, suggestion: suggestion))
    }
}

/// A Vale rule whose word list joins a shared `ValeLiteralIndex`.
protocol ValeWordListRule: ValeRule {
    var program: ValeTokenProgram { get }
    func relinked(to book: ValeWordBook, slot: Int32) -> Self
}

/// Settings that come from the Vale configuration a rule is loaded under (`.vale.ini`), read by
/// the kinds while they build their rules.
struct ValeBuildContext: Sendable {
    /// Words of the active vocabularies' accept.txt: exceptions of every rule with `vocab`.
    var acceptedWords: [String] = []
    /// `WordTemplate` from `.vale.ini`, when it replaces Vale's `\b(?:%s)\b`.
    var wordTemplate: String?
    /// `BlockIgnores` and `TokenIgnores`.
    var ignores: ValeIgnores?
    /// Set while a Vale style's rules are built; kinds that read Vale's own options check it.
    var fromVale = false
    /// The StylesPath Vale resolves rule-relative paths against (the spelling kind's `dicpath`).
    var stylesPath: String?

    @TaskLocal static var current = ValeBuildContext()
}

/// One finding of a Vale rule in Vale's text, before its source position is known.
struct ValeAlert {
    var text: Int
    var range: Range<Int>
    var match: String
    var message: String
    var suggestion: String?
    /// Plain texts that may replace the match, best first: what `galley fix` and the editor's
    /// quick fixes offer (substitution).
    var replacements: [String] = []
}

/// What a Vale rule's run over one document shares: match data, the word list hits.
final class ValeRun {
    let document: ValeDocument
    let scratch: PCREPattern.Scratch

    init(document: ValeDocument) {
        self.document = document
        scratch = ValeScratch.make()
    }

    static func of(_ context: RuleContext) -> ValeRun {
        context.shared(by: ValeDocument.key) { ValeRun(document: ValeDocument(context.document)) }
    }

    /// The hits of each word book the document's rules use (nearly always one). Read by every
    /// rule for every unit, on one thread (a run belongs to one document): not checked for
    /// exclusive access at each read.
    @exclusivity(unchecked) private var books: [(book: ObjectIdentifier, hits: ValeWordBook.Hits)] = []

    func hits(_ book: ValeWordBook, context: RuleContext) -> ValeWordBook.Hits? {
        guard !book.isEmpty || book.scanner != nil else { return nil }
        let key = ObjectIdentifier(book)
        for entry in books where entry.book == key { return entry.hits }
        let hits = ValeWordBook.Hits(book: book, document: document)
        books.append((key, hits))
        return hits
    }

    /// `range` (UTF-8 offsets) of text `text`, made from its bytes: a match is usually a word,
    /// which fits in a string without storage of its own. Where an end is not on a character
    /// boundary, the text run's own substring decides.
    func substring(_ text: Int, _ range: Range<Int>) -> String {
        // The run's text read in place: `text(_:)` copies the whole ValeText (and retains all it holds).
        var string = document.texts[text].run.text
        let made = string.withUTF8 { bytes -> String? in
            guard range.lowerBound >= 0, range.upperBound <= bytes.count, range.lowerBound == bytes.count || bytes[range.lowerBound] & 0xC0 != 0x80,
                  range.upperBound == bytes.count || bytes[range.upperBound] & 0xC0 != 0x80 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        return made ?? document.text(text).run.substring(range)
    }
}

extension ValeRule {
    /// Runs `body` on every unit of the rule's scope (in document order) and turns its alerts
    /// into findings: one per source position, at most `limit`, none where the rule is off.
    /// `texts`, when given, names the block texts worth reading (those holding a word of the
    /// rule's list); units of other block texts are skipped before any work.
    func valeCheck(_ context: RuleContext, texts: (ValeRun) -> ValeTextSet? = { _ in nil },
                   _ body: (ValeRun, ValeDocument.Unit) -> (alerts: [ValeAlert], gaveUp: Bool)) -> [Finding] {
        // `texts` is not optional so that it does not escape: an escaping closure would copy
        // the rule (and retain everything it holds) for every document.
        let run = ValeRun.of(context)
        let document = run.document
        let worth = texts(run)
        if let worth, worth.isEmpty, settings.mask(ext: document.ext) & ValeDocument.sizedKinds == 0 { return [] }
        var findings: [Finding] = []
        var seen = ValeSeenStarts()
        let ignored = settings.ignores.map { ignores in context.shared(by: ignores) { ValeIgnores.Ranges(ignores.ranges(in: context.document)) } }
        // The id is read from the definition: once, and only when comments may switch rules off.
        let ruleID = document.comments.isEmpty ? "" : id
        for unit in document.units(mask: settings.mask(ext: document.ext)) {
            if let worth, unit.text < document.blockTextCount, !worth.contains(unit.text) { continue }
            if !ruleID.isEmpty, document.comments.disables(ruleID, horizon: unit.commentHorizon) { continue }
            let (alerts, gaveUp) = body(run, unit)
            // Alerts read by index and findings made where they are stored: a copy of either
            // retains and releases every string it holds.
            for index in alerts.indices {
                let textIndex = alerts[index].text
                let textRange = alerts[index].range
                let text = document.texts[textIndex].run
                let range = text.sourceRange(ofTextRange: textRange)
                // Vale cannot place a match inside a bare URL (its link text), and drops it.
                if ValeRules.isInsideURL(text.text, textRange) { continue }
                guard seen.insert(range.start) else { continue }
                if let ignored, !ignored.ranges.isEmpty, ignored.contains(range.start) { continue }
                if settings.limit > 0, findings.count >= settings.limit { break }
                if findings.isEmpty { findings.reserveCapacity(max(8, alerts.count)) }
                // Every field given: the memberwise initializer makes the finding in place (see Finding).
                findings.append(Finding(range: range, message: ValeMessage.collapsingWhitespace(alerts[index].message), values: [:],
                                        matchedText: alerts[index].match, suggestion: alerts[index].suggestion, suggestions: [],
                                        isAboutTheRule: false, subject: nil, fixes: [], maximumSeverity: nil))
                if textIndex < document.blockTextCount, !alerts[index].replacements.isEmpty {
                    let match = alerts[index].match
                    findings[findings.count - 1].fixes = alerts[index].replacements.compactMap { replacement in
                        context.replacementFix(run: text, block: textIndex, textRange: textRange, with: replacement,
                                               title: replacement.isEmpty ? "Remove '\(match)'" : "Replace '\(match)' with '\(replacement)'")
                    }
                }
            }
            if gaveUp {
                var finding = Finding(range: document.text(unit.text).run.sourceRange(ofTextRange: unit.range),
                                      message: "the rule's pattern gave up here (too much backtracking); the rest of the file is not checked with it")
                finding.isAboutTheRule = true
                findings.append(finding)
                break
            }
        }
        return findings
    }
}

/// The source starts a rule has reported in a document (Vale reports one finding per place).
/// They nearly always come in increasing order: a start past the last one is new without a
/// look-up; the others are looked for among the few kept, or in a set once there are many.
struct ValeSeenStarts {
    private var starts: [Int] = []
    private var set: Set<Int>?
    private var last = Int.min

    /// Adds `start`; false when it was there already.
    mutating func insert(_ start: Int) -> Bool {
        if start > last {
            last = start
            if set != nil { set!.insert(start) } else { starts.append(start) }
            return true
        }
        if set != nil { return set!.insert(start).inserted }
        if starts.contains(start) { return false }
        starts.append(start)
        if starts.count > 32 {
            set = Set(starts)
            starts = []
        }
        return true
    }
}

/// Links the word lists of rules built together into one shared index.
enum ValeRuleBook {
    static func link(_ rules: [any Rule]) -> [any Rule] {
        var literals: [ValeLiteralIndex.Literal] = []
        var slots: [Int: Int32] = [:]
        var patterns: [ValePattern] = []
        var scanIDs: [Int] = []
        var programs: [ValeTokenProgram] = []
        for (position, rule) in rules.enumerated() {
            guard let listRule = rule as? any ValeWordListRule, !listRule.program.literals.isEmpty || listRule.program.pattern != nil else { continue }
            let slot = Int32(slots.count)
            slots[position] = slot
            let program = listRule.program
            programs.append(program)
            for literal in program.literals {
                literals.append(ValeTokenProgram.literal(string: literal.string, rank: literal.rank, caseInsensitive: program.caseInsensitive, owner: slot))
            }
            if let pattern = program.pattern, !Self.staysOutOfScan(pattern, settings: listRule.settings) {
                scanIDs.append(patterns.count)
                patterns.append(pattern)
            } else {
                scanIDs.append(-1)
            }
        }
        guard slots.count > 1 else { return rules }
        let scanner = ValeLazyScanner(patterns)
        let book = ValeWordBook(ValeLiteralIndex(literals), scanner: scanner, scanIDs: scanner == nil ? [] : scanIDs, twins: ValeWordBook.twins(of: programs))
        return rules.enumerated().map { position, rule in
            guard let slot = slots[position], let listRule = rule as? any ValeWordListRule else { return rule }
            return listRule.relinked(to: book, slot: slot)
        }
    }

    /// Whether a pattern is better run by PCRE2 on every unit of its rule's scope than scanned:
    /// one that must end at the unit's end, in a rule that reads only headings. The scan cannot
    /// see where a heading ends, so such a pattern relaxes to one that ends at nearly every
    /// sentence of every text (`[a-z][.?!]$` to `[a-z][.?!]`: 150 k of the 173 k relaxed ends
    /// on the benchmark), while PCRE2 runs it on a few short headings per article.
    static func staysOutOfScan(_ pattern: ValePattern, settings: ValeRuleSettings) -> Bool {
        func endsAtUnitEnd(_ node: ValeRegexNode) -> Bool {
            switch node {
            case .assertion(let assertion): return assertion == .lineEnd || assertion == .textEnd || assertion == .textEndOrFinalNewline
            case .sequence(let nodes): return nodes.last.map(endsAtUnitEnd) ?? false
            case .alternation(let nodes): return !nodes.isEmpty && nodes.allSatisfy(endsAtUnitEnd)
            case .group(let kind, let inner):
                if case .capturing = kind { return endsAtUnitEnd(inner) }
                if case .nonCapturing = kind { return endsAtUnitEnd(inner) }
                return false
            default: return false
            }
        }
        return settings.readsOnlyHeadings && endsAtUnitEnd(pattern.root)
    }

    /// The word books' scanners of the rules of several linters, each with the number of
    /// documents the run will read with it (a book shared by linters counts all their files).
    static func scanners(of linters: [(rules: [any Rule], documents: Int)]) -> [(scanner: ValeLazyScanner, documents: Int)] {
        var found: [(scanner: ValeLazyScanner, documents: Int)] = []
        for (rules, documents) in linters {
            var counted: [ValeLazyScanner] = []
            for rule in rules {
                guard let scanner = (rule as? any ValeWordListRule)?.program.book.scanner, !counted.contains(where: { $0 === scanner }) else { continue }
                counted.append(scanner)
                if let index = found.firstIndex(where: { $0.scanner === scanner }) {
                    found[index].documents += documents
                } else {
                    found.append((scanner, documents))
                }
            }
        }
        return found
    }
}

extension OptionReader {
    /// A Vale regular expression option, parsed; problems are reported at the option.
    mutating func valePattern(_ key: String, required: Bool = false) -> (ValePattern, String)? {
        guard let source = string(key, required: required), let node = self.node[key] else { return nil }
        do {
            return (try ValePattern(source), source)
        } catch {
            report(error.message, at: node)
            return nil
        }
    }
}

extension ValeRules {
    /// Whether `range` of `text` lies within a whitespace-delimited chunk that is a URL
    /// (`scheme://…` or `www.…`).
    static func isInsideURL(_ text: String, _ range: Range<Int>) -> Bool {
        var text = text
        return text.withUTF8 { isInsideURL($0, range) }
    }

    static func isInsideURL(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.upperBound <= bytes.count else { return false }
        var start = range.lowerBound
        while start > 0, !WordTokenizer.isASCIISpace(bytes[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < bytes.count, !WordTokenizer.isASCIISpace(bytes[end]) { end += 1 }
        guard range.lowerBound > start || range.upperBound < end else { return false }
        let chunk = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if chunk.allSatisfy({ $0 < 0x80 }) { return isASCIIURL(chunk) }
        let lower = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        if lower.hasPrefix("www.") || lower.hasPrefix("<www.") { return true }
        guard let scheme = Substring(lower).range(of: "://") else { return false }
        let before = lower[..<scheme.lowerBound].drop { !$0.isLetter }
        guard !before.isEmpty else { return false }
        return before.allSatisfy { character in character.isLetter || character == "+" || character == "." || character == "-" }
    }

    /// `isInsideURL`'s test of an ASCII chunk, on its bytes: the same answer without making a
    /// lower-cased String (an ASCII chunk's characters are its bytes: it holds no line break).
    private static func isASCIIURL(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        func hasPrefix(_ prefix: StaticString) -> Bool {
            guard chunk.count >= prefix.utf8CodeUnitCount else { return false }
            return (0..<prefix.utf8CodeUnitCount).allSatisfy { lower(chunk[$0]) == prefix.utf8Start[$0] }
        }
        if hasPrefix("www.") || hasPrefix("<www.") { return true }
        guard chunk.count >= 3, let scheme = (0...(chunk.count - 3)).first(where: {
            chunk[$0] == UInt8(ascii: ":") && chunk[$0 + 1] == UInt8(ascii: "/") && chunk[$0 + 2] == UInt8(ascii: "/")
        }) else { return false }
        var first = 0
        while first < scheme, !isLetter(chunk[first]) { first += 1 }
        guard first < scheme else { return false }
        return chunk[first..<scheme].allSatisfy { isLetter($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }
}
