/// Fixes one article: lints it, applies the first fix (when automatic) of every finding it may fix that does not
/// overlap another, lints the result again, and repeats until nothing is left to apply (at most
/// `maxPasses` times, and never round a cycle of fixes that undo each other). Works on bytes in
/// memory; writing the result is the caller's (through `GuardedWriter`).
public struct Fixer: Sendable {
    public static let maxPasses = 8

    public let linter: Linter
    /// Which findings to fix (for example, those at or above a severity).
    public var accepts: @Sendable (Diagnostic) -> Bool

    public init(linter: Linter, accepts: @escaping @Sendable (Diagnostic) -> Bool = { _ in true }) {
        self.linter = linter
        self.accepts = accepts
    }

    public struct Outcome: Sendable {
        public var path: String
        public var original: [UInt8]
        public var fixed: [UInt8]
        /// Fixes applied over all passes.
        public var applied: Int
        /// The findings of the fixed text: what is left to do by hand.
        public var report: FileReport
        /// The findings of the text as it was (reported instead when the fixed text is not written).
        public var originalReport: FileReport
        /// False when the passes ran out, or fixes undid each other, before nothing was left to apply.
        public var settled: Bool
        /// The encoding the file is written in.
        public var encoding: SourceOrigin.Encoding?

        public var changed: Bool { fixed != original }
    }

    /// Reads the file and fixes its bytes; a file that cannot be read gives its problem as the report.
    public func fix(path: String, onlyArticles: Bool = false) -> Outcome {
        switch linter.loader.read(path: path) {
        case .success(let bytes):
            return fix(path: path, bytes: bytes, onlyArticles: onlyArticles)
        case .failure:
            let report = linter.lint(path: path, onlyArticles: onlyArticles)
            return Outcome(path: path, original: [], fixed: [], applied: 0, report: report, originalReport: report, settled: true, encoding: nil)
        }
    }

    public func fix(path: String, bytes: [UInt8], format: DocumentFormat? = nil, onlyArticles: Bool = false) -> Outcome {
        var current = bytes
        var applied = 0
        var seen: Set<UInt64> = [FNV1a.hash(bytes)]
        var pass = 0
        var originalReport: FileReport?
        while true {
            let (report, document) = linter.lintKeepingDocument(path: path, bytes: current, format: format, onlyArticles: onlyArticles)
            if originalReport == nil { originalReport = report }
            var outcome = Outcome(path: path, original: bytes, fixed: current, applied: applied, report: report, originalReport: originalReport ?? report,
                                  settled: true, encoding: document?.source.origin.encoding)
            guard let document else { return outcome }
            let fixes = FileEdits.nonOverlapping(report.diagnostics.filter(accepts).compactMap { $0.fixes.first }.filter(\.automatic))
            if fixes.isEmpty { return outcome }
            guard pass < Self.maxPasses else {
                outcome.settled = false
                return outcome
            }
            let next = FileEdits.apply(fixes.flatMap(\.edits), to: current, source: document.source)
            if next == current { return outcome }
            guard seen.insert(FNV1a.hash(next)).inserted else {
                outcome.settled = false
                return outcome
            }
            current = next
            applied += fixes.count
            pass += 1
        }
    }
}
