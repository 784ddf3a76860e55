/// From a `Document` to its diagnostics: the reader's own problems, every rule's findings, inline
/// suppressions applied, in source order, each with its fingerprint. Knows nothing of files.
/// Built once per configuration and shared read-only by every worker thread.
public struct RuleEngine: Sendable {
    public let rules: [any Rule]
    /// The terms of every word-list rule, compiled once and shared read-only by all threads.
    private let matcher: TermMatcher
    /// Rule ids a suppression may name: the rules, and the reader's own diagnostics.
    private let activeIDs: Set<String>

    public init(rules: [any Rule]) {
        self.rules = rules
        var matcher = TermMatcher()
        for case let rule as any TermRule in rules {
            for spec in rule.terms { matcher.add(spec, owner: rule.id) }
        }
        self.matcher = matcher
        activeIDs = Set(rules.map(\.id) + ReadIssue.Kind.allCases.map(\.rawValue) + [Suppressions.unusedID, Suppressions.unknownDirectiveID])
    }

    /// The per-document analysis the rules share; pass it back to `check` to reuse it.
    public func context(for document: Document) -> RuleContext {
        RuleContext(document: document, matcher: matcher)
    }

    public func check(_ document: Document) -> [Diagnostic] {
        check(document, context: context(for: document))
    }

    public func check(_ document: Document, context: RuleContext) -> [Diagnostic] {
        var diagnostics = document.issues.map { issue in
            Diagnostic(path: document.path, range: SourceRange(at: issue.offset), span: document.span(of: SourceRange(at: issue.offset)),
                       severity: issue.severity, message: issue.message, ruleID: issue.kind.rawValue)
        }
        for rule in rules {
            for finding in rule.check(document, context: context) {
                var diagnostic = Diagnostic(
                    path: document.path, range: finding.range, span: document.span(of: finding.range),
                    severity: rule.severity, message: rule.message(for: finding), ruleID: rule.id,
                    ruleSet: rule.definition.ruleSet, matchedText: finding.matchedText, suggestion: finding.suggestion)
                diagnostic.subject = finding.subject
                diagnostics.append(diagnostic)
            }
        }
        var suppressions = Suppressions(document: document)
        diagnostics = suppressions.apply(to: diagnostics, activeIDs: activeIDs)
        diagnostics.sort(by: Diagnostic.sortedOrder)
        Fingerprint.assign(to: &diagnostics, source: document.source)
        return diagnostics
    }

    /// The limits of the configuration's assessment rule, so `galley metrics` measures what
    /// `galley lint` enforces; Yoast's defaults when no rule asks for assessments.
    public var assessmentLimits: AssessmentLimits {
        rules.lazy.compactMap { ($0 as? AssessmentRule)?.limits }.first ?? AssessmentLimits()
    }
}
