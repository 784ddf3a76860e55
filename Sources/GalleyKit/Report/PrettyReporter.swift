import TextBoundaries

/// For a person at a terminal: each finding's gcc line, then its source line with a caret under
/// the span, as Swift and Rust print errors.
///
/// ```
/// Fixtures/defective/skipped-levels.md:11:1: error: heading level 4 follows level 2; use level 3 [heading-increment]
///    11 | #### A heading that skips level three
///       | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
/// ```
public struct PrettyReporter: Reporter {
    public var colors: Bool

    public init(colors: Bool) {
        self.colors = colors
    }

    /// Colours only on a terminal, and never when `NO_COLOR` is set to anything but "".
    public static func wantsColors(outputIsTerminal: Bool, noColor: String?) -> Bool {
        outputIsTerminal && (noColor ?? "").isEmpty
    }

    public mutating func add(_ report: FileReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics { append(diagnostic, to: &output) }
        return output
    }

    private func append(_ diagnostic: Diagnostic, to output: inout String) {
        let start = diagnostic.span.start
        output += paint("\(Self.visible(diagnostic.path.replacingNewlines())):\(start.line):\(start.column):", Style.bold)
        output += " " + paint(diagnostic.severity.rawValue + ":", Style.severity(diagnostic.severity))
        output += " " + paint(Self.visible(diagnostic.message.replacingNewlines()), Style.bold)
        output += " " + paint("[\(diagnostic.ruleID)]", Style.dim) + "\n"
        if let line = diagnostic.sourceLine {
            let number = String(start.line)
            let gutter = String(repeating: " ", count: max(5, number.count + 1))
            let numbered = String(repeating: " ", count: gutter.count - number.count) + number
            output += paint(numbered + " |", Style.dim) + " " + Self.visible(line) + "\n"
            output += paint(gutter + " |", Style.dim) + " " + paint(Self.marker(for: diagnostic.span, on: line), Style.caret) + "\n"
        }
        if let suggestion = diagnostic.suggestion {
            output += paint(String(repeating: " ", count: 6) + "= suggestion:", Style.dim) + " " + Self.visible(suggestion.replacingNewlines()) + "\n"
        }
        output += "\n"
    }

    /// Blanks up to the start column (tabs kept, so the caret lines up under a tab), then `^`
    /// and `~` to the end of the span on that line, measured in terminal cells: a Chinese or
    /// Japanese character takes two, a combining accent or zero-width joiner none.
    static func marker(for span: SourceSpan, on line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        let startIndex = min(max(0, span.start.column - 1), scalars.count)
        var marker = ""
        for scalar in scalars[..<startIndex] {
            if scalar == "\t" {
                marker += "\t"
            } else {
                marker += String(repeating: " ", count: cells(scalar))
            }
        }
        let endIndex = span.end.line == span.start.line ? min(max(startIndex, span.end.column - 1), scalars.count) : scalars.count
        let width = scalars[startIndex..<endIndex].reduce(0) { $0 + cells($1) }
        marker += "^"
        if width > 1 { marker += String(repeating: "~", count: width - 1) }
        return marker
    }

    /// Cells a scalar takes in the printed line; control characters print as U+FFFD (`visible`).
    private static func cells(_ scalar: Unicode.Scalar) -> Int {
        scalar.value < 0x20 || scalar.value == 0x7F ? 1 : DisplayWidth.of(scalar)
    }

    /// Control characters other than tab would move the cursor or ring the bell.
    static func visible(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) else { return line }
        var output = ""
        for scalar in line.unicodeScalars {
            output.unicodeScalars.append((scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F ? "\u{FFFD}" : scalar)
        }
        return output
    }

    private func paint(_ text: String, _ style: String) -> String {
        colors ? "\u{1B}[" + style + "m" + text + "\u{1B}[0m" : text
    }

    private enum Style {
        static let bold = "1"
        static let dim = "2"
        static let caret = "1;32"

        static func severity(_ severity: Severity) -> String {
            switch severity {
            case .error: return "1;31"
            case .warning: return "1;33"
            case .note: return "1;36"
            }
        }
    }
}
