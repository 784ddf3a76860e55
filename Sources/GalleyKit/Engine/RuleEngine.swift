/// From a `Document` to its diagnostics: the reader's own problems, every rule's findings, inline
/// suppressions applied, in source order, each with its fingerprint. Knows nothing of files.
/// Built once per configuration and shared read-only by every worker thread.
public struct RuleEngine: Sendable {
    public let rules: [any Rule]
    /// The rules that check one document: every rule but the library rules.
    private let documentRules: [any Rule]
    /// Rules over the whole library, which the library phase runs (`LibraryPhase`); the engine
    /// only takes from each document the facts they need.
    public let libraryRules: [any LibraryRule]
    public let libraryIDs: Set<String>
    /// The terms of every word-list rule, compiled once and shared read-only by all threads.
    private let matcher: TermMatcher
    /// Rule ids a suppression may name: the rules, and the reader's own diagnostics.
    private let activeIDs: Set<String>
    private let extractor: FactsExtractor
    /// For each document rule limited to some languages, its definition (nil: every language),
    /// read once rather than copied out of the rule for every article.
    private let languageLimits: [RuleDefinition?]

    /// `factFields`: metadata fields facts keep besides those the library rules ask for (the
    /// site's permalink fields).
    public init(rules: [any Rule], factFields: [String] = []) {
        self.rules = rules
        libraryRules = rules.compactMap { $0 as? any LibraryRule }
        documentRules = rules.filter { !($0 is any LibraryRule) }
        libraryIDs = Set(libraryRules.map(\.id))
        var matcher = TermMatcher()
        for case let rule as any TermRule in rules {
            for spec in rule.terms { matcher.add(spec, owner: rule.id) }
        }
        self.matcher = matcher
        languageLimits = documentRules.map { $0.definition.languages == nil && $0.definition.languageScope == .all ? nil : $0.definition }
        activeIDs = Set(rules.map(\.id) + ReadIssue.Kind.allCases.map(\.rawValue) + [Suppressions.unusedID, Suppressions.unknownDirectiveID])
        extractor = FactsExtractor(fields: libraryRules.flatMap(\.factFields) + factFields)
    }

    /// The per-document analysis the rules share; pass it back to `check` to reuse it.
    public func context(for document: Document) -> RuleContext {
        RuleContext(document: document, matcher: matcher)
    }

    public func check(_ document: Document) -> [Diagnostic] {
        check(document, context: context(for: document))
    }

    public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
        inspect(document, context: context, takingFacts: false).diagnostics
    }

    /// The diagnostics without fingerprints, quoted lines and byte columns, for output that
    /// shows none of them (`galley vale`).
    public func checkUnannotated(_ document: Document) -> [Diagnostic] {
        inspect(document, context: context(for: document), takingFacts: false, annotating: false).diagnostics
    }

    /// The document's diagnostics and, when `takingFacts`, its facts for the library rules
    /// (with the suppressions a library finding could meet).
    public func inspect(_ document: Document, context: RuleContext, takingFacts: Bool = true,
                        annotating: Bool = true) -> (diagnostics: [Diagnostic], facts: ArticleFacts?) {
        // Parse problems are the `parse` rule's findings (the configuration adds it), so their
        // severity can be configured like any rule's.
        var diagnostics = document.issues.filter { $0.kind != .parse }.map { issue in
            Diagnostic(path: document.path, range: SourceRange(at: issue.offset), span: document.span(of: SourceRange(at: issue.offset)),
                       severity: issue.severity, message: issue.message, ruleID: issue.kind.rawValue)
        }
        // Rules for other languages (English word lists on a Spanish article) do not run.
        let language = document.resolvedLanguage.tag
        for (index, rule) in documentRules.enumerated() where languageLimits[index]?.applies(to: language) ?? true {
            let findings = rule.check(document, context: context)
            guard !findings.isEmpty else { continue }
            // Read once per rule, not per finding: each read copies the rule's definition.
            let definition = rule.definition
            if diagnostics.isEmpty { diagnostics.reserveCapacity(64) }
            // Findings read in place and each diagnostic made where it is stored: a copy of
            // either retains and releases everything it holds.
            findings.withUnsafeBufferPointer { found in
                for index in found.indices {
                    Self.appendDiagnostic(of: found, index, to: &diagnostics, rule: rule, definition: definition, in: document)
                }
            }
        }
        var suppressions = Suppressions(document: document)
        diagnostics = suppressions.apply(to: diagnostics, activeIDs: activeIDs, deferredIDs: libraryIDs)
        Self.sortInSourceOrder(&diagnostics)
        guard annotating else { return (diagnostics, nil) }
        Fingerprint.assign(to: &diagnostics, source: document.source)
        for index in diagnostics.indices {
            let range = diagnostics[index].range
            diagnostics[index].byteColumns = ByteColumns(start: document.source.byteColumn(of: range.start), end: document.source.byteColumn(of: range.end))
        }
        guard takingFacts else { return (diagnostics, nil) }
        return (diagnostics, extractor.facts(of: document, suppressions: suppressions.libraryFacts(libraryIDs: libraryIDs)))
    }

    /// The diagnostic of finding `index`, made where it is stored, the finding read field by
    /// field: a diagnostic made aside and appended, or a finding handed over whole, is copied,
    /// retaining and releasing everything it holds.
    private static func appendDiagnostic(of found: UnsafeBufferPointer<Finding>, _ index: Int, to diagnostics: inout [Diagnostic], rule: any Rule,
                                         definition: RuleDefinition, in document: Document) {
        // The memberwise initializer: a diagnostic built with the hand-written one was copied
        // and destroyed once more on its way into the array.
        let range = found[index].range
        let suggestion = found[index].suggestion
        diagnostics.append(Diagnostic(
            path: document.path, range: range, span: document.span(of: range),
            severity: min(definition.severity, found[index].maximumSeverity ?? definition.severity),
            message: definition.message == nil ? found[index].message : rule.message(for: found[index]), ruleID: definition.id,
            ruleSet: definition.ruleSet, matchedText: found[index].matchedText, suggestion: suggestion,
            suggestions: found[index].suggestions.isEmpty ? (suggestion.map { [$0] } ?? []) : found[index].suggestions,
            fingerprint: nil, sourceLine: nil, subject: found[index].subject, fixes: found[index].fixes, byteColumns: nil))
    }

    /// `sort(by: Diagnostic.sortedOrder)`, the same stable order, but each diagnostic (a large
    /// value) moves once: the sort moves positions.
    static func sortInSourceOrder(_ diagnostics: inout [Diagnostic]) {
        let order = diagnostics.withUnsafeBufferPointer { items in
            // One document's diagnostics share its path: they are ordered by their starts, read
            // once, and only equal starts compare rule ids and messages.
            // (Read by index: iterating the items would copy each, retaining all it holds.)
            guard let path = items.first?.path, items.indices.allSatisfy({ items[$0].path == path }) else {
                return Array(items.indices).sorted { Diagnostic.sortedOrder(items[$0], items[$1]) }
            }
            if let order = packedOrder(items) { return order }
            let starts = items.indices.map { items[$0].span.start }
            return Array(items.indices).sorted { starts[$0] != starts[$1] ? starts[$0] < starts[$1] : Diagnostic.sortedOrder(items[$0], items[$1]) }
        }
        guard order.indices.contains(where: { order[$0] != $0 }) else { return }
        // The permutation applied in place, by swaps of the buffer's memory (an array's swapAt
        // copies both diagnostics), so no diagnostic is copied.
        var placed = [Bool](repeating: false, count: order.count)
        diagnostics.withUnsafeMutableBufferPointer { items in
            for first in order.indices where !placed[first] {
                var position = first
                while true {
                    placed[position] = true
                    let source = order[position]
                    if source == first { break }
                    items.swapAt(position, source)
                    position = source
                }
            }
        }
    }

    /// The same order for one document's diagnostics from one sort of integers, each start
    /// (line, column) and position packed in a key; runs of equal starts are then ordered by
    /// rule and message, keeping their positions' order, as the stable sort does. Nil where a
    /// value does not fit its bits.
    static func packedOrder(_ items: UnsafeBufferPointer<Diagnostic>) -> [Int]? {
        guard items.count < 1 << 20 else { return nil }
        var keys: [UInt64] = []
        keys.reserveCapacity(items.count)
        for index in items.indices {
            let start = items[index].span.start
            guard start.line >= 0, start.line < 1 << 24, start.column >= 0, start.column < 1 << 20 else { return nil }
            keys.append(UInt64(start.line) << 40 | UInt64(start.column) << 20 | UInt64(index))
        }
        keys.sort()
        var order = keys.map { Int($0 & 0xF_FFFF) }
        var first = 0
        while first < keys.count {
            var end = first + 1
            while end < keys.count, keys[end] >> 20 == keys[first] >> 20 { end += 1 }
            // A run is a few rules at one place: sorted where it lies, by insertion (stable: an
            // entry moves only past greater ones), without a sorted copy of each run.
            if end - first > 1 {
                for next in (first + 1)..<end {
                    let moving = order[next]
                    var slot = next
                    while slot > first, Diagnostic.sortedOrder(items[moving], items[order[slot - 1]]) {
                        order[slot] = order[slot - 1]
                        slot -= 1
                    }
                    order[slot] = moving
                }
            }
            first = end
        }
        return order
    }

    /// The facts of a document that is not linted (a file a run over changed files does not
    /// lint, but whose links and titles the library rules still need).
    public func facts(of document: Document) -> ArticleFacts {
        var suppressions = Suppressions(document: document)
        // Whether an every-rule directive suppressed something of the article's own is not
        // known here, and not needed: notes are reported only for the files linted.
        _ = suppressions.apply(to: [], activeIDs: activeIDs, deferredIDs: libraryIDs)
        var facts = extractor.facts(of: document, suppressions: suppressions.libraryFacts(libraryIDs: libraryIDs))
        for index in facts.suppressions.indices where facts.suppressions[index].ids.isEmpty { facts.suppressions[index].usedByFile = true }
        return facts
    }

    /// The limits of the configuration's assessment rule, so `galley metrics` measures what
    /// `galley lint` enforces; Yoast's defaults when no rule asks for assessments.
    public var assessmentLimits: AssessmentLimits {
        rules.lazy.compactMap { ($0 as? AssessmentRule)?.limits }.first ?? AssessmentLimits()
    }
}
