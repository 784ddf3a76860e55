/// `path:line:column: severity: message [rule-id]`, the format compilers, editors and CI parse.
public struct GCCReporter: Reporter {
    public init() {}

    public mutating func add(_ report: FileReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += Self.line(diagnostic)
            output += "\n"
        }
        return output
    }

    public static func line(_ diagnostic: Diagnostic) -> String {
        // A line break in a path or message would split the finding; parsers read one line each.
        let message = diagnostic.message.replacingNewlines()
        return "\(diagnostic.path.replacingNewlines()):\(diagnostic.span.start.line):\(diagnostic.span.start.column): \(diagnostic.severity.rawValue): \(message) [\(diagnostic.ruleID)]"
    }
}

extension String {
    /// One-line form of a message: line breaks (CRLF being one `Character`) become spaces.
    func replacingNewlines() -> String {
        guard mayHoldNewline, contains(where: \.isNewline) else { return self }
        return String(map { $0.isNewline ? " " : $0 })
    }

    /// False when no character can be a line break: none of the bytes of U+000A-U+000D, U+0085
    /// (C2 85), U+2028 or U+2029 (E2 80 A8/A9). A line break is always a character of its own
    /// (or CR LF), so this answers `contains(where: \.isNewline)` without reading characters.
    var mayHoldNewline: Bool {
        var copy = self
        return copy.withUTF8 { bytes in
            for index in bytes.indices {
                switch bytes[index] {
                case 0x0A...0x0D: return true
                case 0x85: if index >= 1, bytes[index - 1] == 0xC2 { return true }
                case 0xA8, 0xA9: if index >= 2, bytes[index - 1] == 0x80, bytes[index - 2] == 0xE2 { return true }
                default: continue
                }
            }
            return false
        }
    }
}
