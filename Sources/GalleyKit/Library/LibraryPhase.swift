import SystemIO

/// The second phase of a run: once every file is linted and has given its facts, the library
/// rules run over all of them, and their findings join the others. Each article is judged with
/// the rules of the configuration that governs it (severity, options, whether the rule is on),
/// over the whole library; its inline suppressions apply, and every finding gets a fingerprint
/// from what it is about (the duplicated value, the link target), not from a line.
public struct LibraryPhase {
    /// The run's linters, by number (`LintPlan.linters`).
    public let linters: [Linter]
    public private(set) var store = FactsStore()

    public init(linters: [Linter]) {
        self.linters = linters
    }

    /// Whether any configuration of the run has library rules.
    public var isActive: Bool { linters.contains { $0.takesFacts } }

    /// Every library rule id of the run.
    public var libraryIDs: Set<String> { Set(linters.flatMap { $0.engine.libraryIDs }) }

    public mutating func add(_ facts: ArticleFacts, linter: Int) {
        store.append(facts, linter: linter)
    }

    /// Adds an article's facts as a facts file holds them.
    public mutating func add(_ record: FactsFile.Record, linter: Int) {
        store.appendEncoded(record.bytes, linter: linter, hasSuppressions: record.hasSuppressions)
    }

    public mutating func finishAdding() { store.trim() }

    /// Which findings a run over changed files reports: those in the changed files, and those
    /// about them (a duplicate group with a changed member, a link into a changed or deleted file).
    public struct Focus: Sendable {
        /// Paths as reports print them.
        public var changed: Set<String>
        public var deleted: Set<String>

        public init(changed: Set<String>, deleted: Set<String> = []) {
            self.changed = changed
            self.deleted = deleted
        }

        func keeps(_ finding: LibraryDiagnostic) -> Bool {
            changed.contains(finding.diagnostic.path) || finding.related.contains { changed.contains($0) || deleted.contains($0) }
        }
    }

    /// The library's findings, in report order (path, line, column).
    public func run(workingDirectory: String = FileSystem.currentDirectory, focus: Focus? = nil, jobs: Int = Terminal.processorCount) -> [LibraryDiagnostic] {
        let library = Library(store: store, sites: linters.map(\.site), workingDirectory: workingDirectory)
        if linters.contains(where: { $0.engine.libraryRules.contains { $0 is InternalLinksRule || $0 is OrphansRule } }) { library.prepare(jobs: jobs) }
        // A library can have hundreds of thousands of findings (make-corpus' 100,000 articles
        // share titles and questions by the thousand), all held until the report order is known:
        // each waits as a small `Pending` (its diagnostic is made when its article's turn comes,
        // with one copy of the article's path), and each rule's raw findings are let go of as
        // they are converted.
        var byArticle: [Int: [Pending]] = [:]
        for (number, linter) in linters.enumerated() {
            for (ruleNumber, rule) in linter.engine.libraryRules.enumerated() {
                var found = rule.check(library)
                for index in found.indices {
                    let finding = found[index]
                    found[index] = LibraryFinding.released
                    guard store.linter(finding.article) == number else { continue }
                    var template = Finding(range: finding.position.range, message: finding.message, values: finding.values)
                    template.subject = finding.subject
                    byArticle[finding.article, default: []].append(Pending(
                        linter: Int32(number), rule: Int32(ruleNumber), position: finding.position, message: rule.message(for: template),
                        matchedText: finding.values["match"], subject: finding.subject, detail: finding.detail, related: finding.related))
                }
            }
        }
        var result: [LibraryDiagnostic] = []
        // Reserved once: growing by doubling would hold the old and the new buffer at once.
        result.reserveCapacity(byArticle.values.reduce(0) { $0 + $1.count } + store.articlesWithSuppressions.count)
        let articles = Set(byArticle.keys).union(store.articlesWithSuppressions).sorted()
        for article in articles {
            let path = library.path(article)
            var findings = (byArticle.removeValue(forKey: article) ?? []).map { pending in
                let rule = linters[Int(pending.linter)].engine.libraryRules[Int(pending.rule)]
                var diagnostic = Diagnostic(path: path, range: pending.position.range, span: pending.position.span,
                                            severity: rule.severity, message: pending.message, ruleID: rule.id,
                                            ruleSet: rule.definition.ruleSet, matchedText: pending.matchedText)
                diagnostic.subject = pending.subject
                return LibraryDiagnostic(diagnostic: diagnostic, detail: pending.detail, related: pending.related)
            }
            let directives = store.articlesWithSuppressions.isEmpty ? [] : library[article].suppressions
            if !directives.isEmpty {
                var suppressions = LibrarySuppressions(directives)
                findings = findings.filter { !suppressions.suppresses($0.diagnostic) }
                findings += suppressions.unusedNotes(path: path).map { LibraryDiagnostic(diagnostic: $0, detail: nil, related: []) }
            }
            findings.sort { Diagnostic.sortedOrder($0.diagnostic, $1.diagnostic) }
            var diagnostics = findings.map(\.diagnostic)
            Fingerprint.assign(toLibraryFindings: &diagnostics)
            for index in findings.indices { findings[index].diagnostic = diagnostics[index] }
            result += focus.map { focus in findings.filter(focus.keeps) } ?? findings
        }
        result.sort { Diagnostic.sortedOrder($0.diagnostic, $1.diagnostic) }
        return result
    }
}

/// A library finding waiting for the report order: what its diagnostic is made of, in a
/// third of a diagnostic's size.
private struct Pending {
    /// The linter's number, and the rule's among its library rules.
    var linter: Int32
    var rule: Int32
    var position: FactPosition
    var message: String
    var matchedText: String?
    var subject: String
    var detail: LibraryDetail
    var related: [String]
}

/// A finding of the library phase, with what the audit shows of it.
public struct LibraryDiagnostic: Sendable {
    public var diagnostic: Diagnostic
    /// nil for a note about a suppression.
    public var detail: LibraryDetail?
    /// Articles the finding also concerns (see `LibraryFinding.related`).
    public var related: [String]
}

/// Puts library findings among the files' own, keeping the reporters' order (path, line,
/// column): each file report gets the library findings at its path, and a path with library
/// findings but no report (a file a run over changed files did not lint) gets a report of its own.
public enum LibraryMerge {
    public static func merge(_ reports: some Sequence<FileReport>, _ findings: [LibraryDiagnostic], emit: (FileReport) -> Void) {
        var next = 0
        func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        func flush(before path: String?) {
            while next < findings.count, path.map({ precedes(findings[next].diagnostic.path, $0) }) ?? true {
                let path = findings[next].diagnostic.path
                var own = FileReport(path: path, diagnostics: [])
                own.holdsOnlyLibraryFindings = true
                while next < findings.count, findings[next].diagnostic.path == path {
                    own.diagnostics.append(findings[next].diagnostic)
                    next += 1
                }
                emit(own)
            }
        }
        for report in reports {
            flush(before: report.path)
            var merged = report
            var added = false
            while next < findings.count, findings[next].diagnostic.path == report.path {
                merged.diagnostics.append(findings[next].diagnostic)
                next += 1
                added = true
            }
            if added { merged.diagnostics.sort(by: Diagnostic.sortedOrder) }
            emit(merged)
        }
        flush(before: nil)
    }
}
