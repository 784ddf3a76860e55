/// Turns file reports into one output format. Reporters are fed file by file, in path order,
/// so output can stream while later files are still being linted.
public protocol Reporter {
    /// Output before the first file.
    mutating func begin() -> String
    /// Output for one file.
    mutating func add(_ report: FileReport) -> String
    /// Output after the last file.
    mutating func finish(_ summary: RunSummary) -> String
}

extension Reporter {
    public mutating func begin() -> String { "" }
    public mutating func finish(_ summary: RunSummary) -> String { "" }
}

/// What reporters may need besides the findings.
public struct ReportContext: Sendable {
    /// The rules that ran, for formats that describe them (SARIF).
    public var rules: RuleCatalog
    /// Absolute path of the folder paths are relative to; SARIF URIs are made relative to it.
    public var workingDirectory: String
    /// Whether to colour output (only `pretty` does).
    public var colors: Bool

    public init(rules: RuleCatalog, workingDirectory: String, colors: Bool = false) {
        self.rules = rules
        self.workingDirectory = workingDirectory
        self.colors = colors
    }
}
