/// What Vale prints, byte for byte where CI scripts parse it: `--output=line`
/// (`path:line:column:Style.Rule:message`), `--output=JSON` (Go's indented JSON of a map from
/// path to alerts), and the default table for people.
public enum ValeOutput {
    public enum Format: String, Sendable {
        case cli = "CLI", line, json = "JSON"
    }

    /// One file's lines of Vale's line output (`path:line:column:check:message`), appended to
    /// `out`: the command writes each file's as it comes, files in Vale's order (by path).
    public static func appendLines(of result: ValeSession.FileResult, to out: inout [UInt8]) {
        // Written as bytes: a run has a hundred thousand lines, and interpolating each costs
        // more than writing its pieces.
        guard !result.alerts.isEmpty else { return }
        let path = Array(result.path.utf8)
        // Read in place: a copy of each alert would retain every string it holds.
        result.alerts.withUnsafeBufferPointer { alerts in
            for index in alerts.indices {
                out.append(contentsOf: path)
                out.append(UInt8(ascii: ":"))
                appendDecimal(alerts[index].line, to: &out)
                out.append(UInt8(ascii: ":"))
                appendDecimal(alerts[index].span[0], to: &out)
                out.append(UInt8(ascii: ":"))
                appendUTF8(alerts[index].check, to: &out)
                out.append(UInt8(ascii: ":"))
                appendUTF8(alerts[index].message, to: &out)
                out.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// The bytes of `text`, copied from its storage at once.
    static func appendUTF8(_ text: String, to out: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil { out.append(contentsOf: text.utf8) }
    }

    /// `value` in decimal, as string interpolation writes it.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value >= 0 else {
            out.append(contentsOf: String(value).utf8)
            return
        }
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        if value >= 100 { appendDecimal(value / 100, to: &out) }
        let lastTwo = value % 100
        if value >= 100 || lastTwo >= 10 { out.append(UInt8(ascii: "0") + UInt8(lastTwo / 10)) }
        out.append(UInt8(ascii: "0") + UInt8(lastTwo % 10))
    }

    /// `json.MarshalIndent(map[path][]Alert, "", "  ")` and a newline: keys sorted, fields in
    /// Vale's order, HTML characters escaped as Go escapes them.
    public static func json(_ results: [ValeSession.FileResult]) -> String {
        let files = results.filter { !$0.alerts.isEmpty }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        guard !files.isEmpty else { return "{}\n" }
        var out = "{\n"
        for (fileIndex, file) in files.enumerated() {
            out += "  \(goString(file.path)): [\n"
            for (index, alert) in file.alerts.enumerated() {
                out += "    {\n"
                out += "      \"Action\": {\n"
                out += "        \"Name\": \(goString(alert.actionName)),\n"
                if let params = alert.actionParams {
                    out += "        \"Params\": " + (params.isEmpty ? "[]" : "[\n" + params.map { "          " + goString($0) }.joined(separator: ",\n") + "\n        ]") + "\n"
                } else {
                    out += "        \"Params\": null\n"
                }
                out += "      },\n"
                out += "      \"Span\": [\n        \(alert.span[0]),\n        \(alert.span[1])\n      ],\n"
                out += "      \"Check\": \(goString(alert.check)),\n"
                out += "      \"Description\": \(goString(alert.description)),\n"
                out += "      \"Link\": \(goString(alert.link)),\n"
                out += "      \"Message\": \(goString(alert.message)),\n"
                out += "      \"Severity\": \(goString(alert.severity)),\n"
                out += "      \"Match\": \(goString(alert.match)),\n"
                out += "      \"Line\": \(alert.line)\n"
                out += index == file.alerts.count - 1 ? "    }\n" : "    },\n"
            }
            out += fileIndex == files.count - 1 ? "  ]\n" : "  ],\n"
        }
        return out + "}\n"
    }

    /// Vale's default output: each file's findings as a table, then the totals.
    public static func cli(_ results: [ValeSession.FileResult], fileCount: Int, standardInput: Bool) -> String {
        var out = ""
        var errors = 0, warnings = 0, suggestions = 0
        for result in results where !result.alerts.isEmpty {
            out += "\n \(result.path)\n"
            let locations = result.alerts.map { "\($0.line):\($0.span[0])" }
            let locationWidth = locations.map(\.count).max() ?? 0
            let severityWidth = result.alerts.map(\.severity.count).max() ?? 0
            let messageWidth = min(result.alerts.map { $0.message.count }.max() ?? 0, 80)
            for (alert, location) in zip(result.alerts, locations) {
                switch alert.severity {
                case "error": errors += 1
                case "warning": warnings += 1
                default: suggestions += 1
                }
                out += " " + location.padded(locationWidth) + "  " + alert.severity.padded(severityWidth) + "  " + alert.message.padded(messageWidth)
                    + "  " + alert.check + "\n"
            }
        }
        let symbol = errors > 0 || warnings > 0 ? "\u{2716}" : "\u{2714}"
        let totals = "\(symbol) \(errors) \(plural("error", errors)), \(warnings) \(plural("warning", warnings)) and \(suggestions) \(plural("suggestion", suggestions))"
        out += "\n" + totals + (standardInput ? " in stdin.\n" : " in \(fileCount) \(plural("file", fileCount)).\n")
        return out
    }

    private static func plural(_ word: String, _ count: Int) -> String { count == 1 ? word : word + "s" }

    /// A string as Go's encoding/json writes it.
    static func goString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
