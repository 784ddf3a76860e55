import GalleyKit
import SystemIO

/// Options of `galley lint`, parsed and checked before any file is read.
struct LintOptions {
    var paths: [String] = []
    var configPath: String?
    var format = "gcc"
    var jobs = Terminal.processorCount
    var maxFileBytes = Linter.defaultMaxFileBytes
    var showHelp = false

    static let valued: Set<String> = ["--format", "--jobs", "--max-file-size", "--config"]
    static let switches: Set<String> = ["--help", "-h"]

    static func parse(_ arguments: [String]) throws(Arguments.UsageError) -> LintOptions {
        let parsed = try Arguments(arguments, valued: valued, switches: switches)
        var options = LintOptions()
        options.showHelp = parsed.has("--help") || parsed.has("-h")
        options.paths = parsed.operands.isEmpty ? ["."] : parsed.operands
        options.configPath = parsed.value("--config")
        if let format = parsed.value("--format") {
            guard LintOutput.formats.contains(format) else {
                throw Arguments.UsageError(message: "unknown format '\(format)'\(Spelling.suggestion(for: format, among: LintOutput.formats)); formats: \(LintOutput.formats.joined(separator: ", "))")
            }
            options.format = format
        }
        if let text = parsed.value("--jobs") {
            guard let number = Int(text), number >= 1 else { throw Arguments.UsageError(message: "--jobs needs a whole number of at least 1, not '\(text)'") }
            options.jobs = number
        }
        if let text = parsed.value("--max-file-size") {
            guard let bytes = ByteSize.parse(text) else { throw Arguments.UsageError(message: "--max-file-size needs a size such as 500K or 20M, not '\(text)'") }
            options.maxFileBytes = bytes
        }
        return options
    }
}

enum ByteSize {
    /// "500K", "20M", "1G" or a plain number of bytes.
    static func parse(_ text: String) -> Int? {
        var digits = text.uppercased()
        var multiplier = 1
        if digits.hasSuffix("B") { digits.removeLast() }
        switch digits.last {
        case "K": multiplier = 1 << 10; digits.removeLast()
        case "M": multiplier = 1 << 20; digits.removeLast()
        case "G": multiplier = 1 << 30; digits.removeLast()
        default: break
        }
        guard let number = Int(digits), number > 0 else { return nil }
        let (result, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : result
    }
}
