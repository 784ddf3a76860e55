/// Totals of a run, counted over the findings that were reported.
public struct RunSummary: Sendable, Equatable {
    public var files = 0
    public var errors = 0
    public var warnings = 0
    public var notes = 0
    /// Findings the baseline knew and hid.
    public var baselined = 0

    public init() {}

    public mutating func add(_ report: FileReport) {
        guard !report.skipped else { return }
        files += 1
        for diagnostic in report.diagnostics {
            switch diagnostic.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
    }

    /// "2 errors, 1 warning in 3 files", and how many findings the baseline hid, if any.
    public var text: String {
        var parts = [Self.count(errors, "error"), Self.count(warnings, "warning")]
        if notes > 0 { parts.append(Self.count(notes, "note")) }
        var text = parts.joined(separator: ", ") + " in " + Self.count(files, "file")
        if baselined > 0 { text += "; \(Self.count(baselined, "known finding")) hidden by the baseline" }
        return text
    }

    static func count(_ number: Int, _ noun: String) -> String { Plural.count(number, noun) }
}
