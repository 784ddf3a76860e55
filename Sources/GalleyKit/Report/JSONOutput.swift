/// A JSON value to write, keeping its keys in the order given so reports read and diff the same
/// way every run.
indirect enum JSONOutput {
    case object([(String, JSONOutput)])
    case array([JSONOutput])
    case string(String)
    case int(Int)
    /// A number that may have decimals: whole numbers print without a point.
    case double(Double)
    case bool(Bool)
    case null

    static func optional(_ text: String?) -> JSONOutput { text.map { .string($0) } ?? .null }

    /// On one line, `{"key": value, ...}`.
    var compact: String {
        var output = ""
        write(into: &output, indent: nil)
        return output
    }

    /// Two spaces per level, starting at `level`; the first line is not indented. Values nested
    /// deeper than `depth` levels are written on one line each.
    func pretty(level: Int = 0, depth: Int = .max) -> String {
        var output = ""
        write(into: &output, indent: level, depth: depth)
        return output
    }

    private func write(into output: inout String, indent: Int?, depth: Int = .max) {
        let indent = depth > 0 ? indent : nil
        switch self {
        case .string(let text):
            output += "\""
            JSONEscaping.append(text, to: &output)
            output += "\""
        case .int(let number): output += String(number)
        case .double(let number):
            if !number.isFinite { output += "null" } else if number == number.rounded(), abs(number) < 1e15 { output += String(Int(number)) } else { output += String(number) }
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += indent == nil ? ", " : "," }
                Self.newline(&output, indent.map { $0 + 1 })
                item.write(into: &output, indent: indent.map { $0 + 1 }, depth: depth - 1)
            }
            Self.newline(&output, indent)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += indent == nil ? ", " : "," }
                Self.newline(&output, indent.map { $0 + 1 })
                output += "\""
                JSONEscaping.append(member.0, to: &output)
                output += "\": "
                member.1.write(into: &output, indent: indent.map { $0 + 1 }, depth: depth - 1)
            }
            Self.newline(&output, indent)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ indent: Int?) {
        guard let indent else { return }
        output += "\n"
        output += String(repeating: "  ", count: indent)
    }
}
