/// TOML front matter (Hugo's `+++` block), read into metadata with every string mapped to the file.
///
/// Debian ships no C TOML reader (only C++ ones: toml++, toml11, cpptoml), and front matter needs
/// what none of them gives: the byte range of every key and of every character of every string,
/// so that a finding in a title points at its column. So this is a small reader of TOML 1.0:
/// key/value pairs with bare, quoted and dotted keys, tables and arrays of tables, inline tables,
/// arrays over several lines, the four string forms with their escapes, integers (decimal, hex,
/// octal, binary, with underscores), floats (`inf`, `nan`), booleans, and dates and times (kept
/// as strings). Duplicate keys and tables defined twice are errors, as the specification says.
/// Nesting is bounded so hostile input cannot exhaust the stack.
enum TOMLFrontMatter {
    static let maxDepth = 64

    static func read(_ content: SourceRange, into builder: inout DocumentBuilder) {
        var parser = TOMLParser(source: builder.source, range: content)
        do {
            let root = try parser.document()
            for field in root.fields(source: builder.source) {
                builder.setMetadata(field.key, field.value, at: field.offset, origin: .frontMatter)
            }
        } catch {
            builder.addIssue(ReadIssue(kind: .frontMatter, severity: .error, offset: error.offset, message: "front matter (TOML): \(error.message)"))
        }
    }
}

struct TOMLError: Error {
    var message: String
    var offset: Int
}

/// A table being built: keys in the order written.
final class TOMLTable {
    enum Entry {
        case value(MetadataValue)
        case table(TOMLTable)
        case tables([TOMLTable])
    }

    var keys: [String] = []
    var entries: [String: (offset: Int, entry: Entry)] = [:]
    /// Defined by a `[header]` or by a key/value (dotted keys), not only implied by a deeper header.
    var isDefined = false
    /// Inline tables are closed once written.
    var isSealed = false

    func set(_ key: String, _ entry: Entry, at offset: Int) {
        if entries[key] == nil { keys.append(key) }
        entries[key] = (offset, entry)
    }

    func fields(source: SourceText) -> [MetadataField] {
        keys.map { key in
            let (offset, entry) = entries[key]!
            return MetadataField(key: key, value: Self.value(of: entry, source: source), offset: offset, origin: .frontMatter)
        }
    }

    private static func value(of entry: Entry, source: SourceText) -> MetadataValue {
        switch entry {
        case .value(let value): return value
        case .table(let table): return .map(table.fields(source: source))
        case .tables(let tables): return .list(tables.map { .map($0.fields(source: source)) })
        }
    }
}

struct TOMLParser {
    let source: SourceText
    let bytes: [UInt8]
    let end: Int
    var index: Int

    init(source: SourceText, range: SourceRange) {
        self.source = source
        bytes = source.bytes
        end = min(range.end, source.bytes.count)
        index = range.start
    }

    // MARK: Document

    mutating func document() throws(TOMLError) -> TOMLTable {
        let root = TOMLTable()
        root.isDefined = true
        var current = root
        while true {
            skipBlankLines()
            guard index < end else { return root }
            if bytes[index] == UInt8(ascii: "[") {
                current = try header(root)
            } else {
                try keyValue(into: current, sealing: false)
            }
            try endOfLine()
        }
    }

    /// `[a.b]` or `[[a.b]]`: the table that the following keys go to.
    private mutating func header(_ root: TOMLTable) throws(TOMLError) -> TOMLTable {
        let isArray = index + 1 < end && bytes[index + 1] == UInt8(ascii: "[")
        index += isArray ? 2 : 1
        skipSpaces()
        let path = try keyPath()
        skipSpaces()
        guard index < end, bytes[index] == UInt8(ascii: "]"), !isArray || (index + 1 < end && bytes[index + 1] == UInt8(ascii: "]")) else {
            throw error(isArray ? "expected ']]' to close the array of tables header" : "expected ']' to close the table header")
        }
        index += isArray ? 2 : 1
        var table = root
        for part in path.dropLast() {
            table = try descend(table, part.key, at: part.offset)
        }
        let last = path[path.count - 1]
        if isArray {
            let new = TOMLTable()
            new.isDefined = true
            switch table.entries[last.key]?.entry {
            case nil: table.set(last.key, .tables([new]), at: last.offset)
            case .tables(let list)?: table.set(last.key, .tables(list + [new]), at: table.entries[last.key]!.offset)
            default: throw TOMLError(message: "'\(last.key)' is already defined and is not an array of tables", offset: last.offset)
            }
            return new
        }
        switch table.entries[last.key]?.entry {
        case nil:
            let new = TOMLTable()
            new.isDefined = true
            table.set(last.key, .table(new), at: last.offset)
            return new
        case .table(let existing)? where !existing.isDefined && !existing.isSealed:
            existing.isDefined = true
            return existing
        default:
            throw TOMLError(message: "table '\(path.map(\.key).joined(separator: "."))' is defined twice", offset: last.offset)
        }
    }

    /// The table `key` names inside `table`, made when missing (an implied table).
    private func descend(_ table: TOMLTable, _ key: String, at offset: Int) throws(TOMLError) -> TOMLTable {
        switch table.entries[key]?.entry {
        case nil:
            let new = TOMLTable()
            table.set(key, .table(new), at: offset)
            return new
        case .table(let existing)?:
            if existing.isSealed { throw TOMLError(message: "inline table '\(key)' cannot be extended", offset: offset) }
            return existing
        case .tables(let list)?:
            // `[a.b]` after `[[a]]` goes into the last table of the array.
            return list[list.count - 1]
        case .value?:
            throw TOMLError(message: "'\(key)' is a value, not a table", offset: offset)
        }
    }

    /// `a.b = value` into `table`.
    private mutating func keyValue(into table: TOMLTable, sealing: Bool) throws(TOMLError) {
        let path = try keyPath()
        skipSpaces()
        guard index < end, bytes[index] == UInt8(ascii: "=") else { throw error("expected '=' after the key") }
        index += 1
        skipSpaces()
        let value = try value(depth: 0)
        var target = table
        for part in path.dropLast() {
            if case .table(let existing)? = target.entries[part.key]?.entry, existing.isDefined, !sealing, existing !== table {
                throw TOMLError(message: "'\(part.key)' is already defined as a table", offset: part.offset)
            }
            target = try descend(target, part.key, at: part.offset)
        }
        let last = path[path.count - 1]
        guard target.entries[last.key] == nil else { throw TOMLError(message: "duplicate key '\(last.key)'", offset: last.offset) }
        target.set(last.key, value, at: last.offset)
    }

    // MARK: Keys

    private mutating func keyPath() throws(TOMLError) -> [(key: String, offset: Int)] {
        var path: [(key: String, offset: Int)] = []
        while true {
            let start = index
            guard index < end else { throw error("expected a key") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                let (text, _) = try singleLineString(quote: byte)
                path.append((text, start))
            } else {
                while index < end, isBareKeyByte(bytes[index]) { index += 1 }
                guard index > start else { throw error("expected a key") }
                path.append((String(decoding: bytes[start..<index], as: UTF8.self), start))
            }
            skipSpaces()
            guard index < end, bytes[index] == UInt8(ascii: ".") else { return path }
            index += 1
            skipSpaces()
        }
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(TOMLError) -> TOMLTable.Entry {
        guard depth < TOMLFrontMatter.maxDepth else { throw error("nesting deeper than \(TOMLFrontMatter.maxDepth)") }
        guard index < end else { throw error("expected a value") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .value(.string(try string()))
        case UInt8(ascii: "["):
            return .value(try array(depth: depth))
        case UInt8(ascii: "{"):
            return .table(try inlineTable(depth: depth))
        default:
            while index < end, isScalarByte(bytes[index]) { index += 1 }
            // A date and a time may be separated by a space.
            if index - start == 10, index + 3 < end, bytes[index] == 0x20, isDigit(bytes[index + 1]), isDigit(bytes[index + 2]), bytes[index + 3] == UInt8(ascii: ":") {
                index += 1
                while index < end, isScalarByte(bytes[index]) { index += 1 }
            }
            guard index > start else { throw error("expected a value") }
            return .value(try scalar(start..<index))
        }
    }

    private func scalar(_ range: Range<Int>) throws(TOMLError) -> MetadataValue {
        let text = String(decoding: bytes[range], as: UTF8.self)
        switch text {
        case "true": return .bool(true, at: range.lowerBound)
        case "false": return .bool(false, at: range.lowerBound)
        case "inf", "+inf": return .number(.infinity, at: range.lowerBound)
        case "-inf": return .number(-.infinity, at: range.lowerBound)
        case "nan", "+nan", "-nan": return .number(.nan, at: range.lowerBound)
        default: break
        }
        let digits = text.replacingUnderscores()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            guard let number = Int(digits.dropFirst(2), radix: radix) else { break }
            return .number(Double(number), at: range.lowerBound)
        }
        if let number = Int(digits) { return .number(Double(number), at: range.lowerBound) }
        if digits.first.map({ $0.isNumber || $0 == "+" || $0 == "-" }) == true, !text.contains(":"), !isDate(text), let number = Double(digits) {
            return .number(number, at: range.lowerBound)
        }
        if isDate(text) || text.contains(":") {
            return .string(TextRun(verbatim: text, at: range.lowerBound))
        }
        throw TOMLError(message: "'\(text)' is not a TOML value (strings need quotes)", offset: range.lowerBound)
    }

    private func isDate(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        return utf8.count >= 10 && utf8[4] == UInt8(ascii: "-") && utf8[7] == UInt8(ascii: "-") && utf8[0..<4].allSatisfy(isDigit)
    }

    private mutating func array(depth: Int) throws(TOMLError) -> MetadataValue {
        let start = index
        index += 1
        var items: [MetadataValue] = []
        while true {
            skipWhitespaceAndComments()
            guard index < end else { throw TOMLError(message: "this array is never closed with ']'", offset: start) }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .list(items)
            }
            switch try value(depth: depth + 1) {
            case .value(let value): items.append(value)
            case .table(let table): items.append(.map(table.fields(source: source)))
            case .tables(let tables): items.append(.list(tables.map { .map($0.fields(source: source)) }))
            }
            skipWhitespaceAndComments()
            guard index < end else { throw TOMLError(message: "this array is never closed with ']'", offset: start) }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] != UInt8(ascii: "]") {
                throw error("expected ',' or ']' in the array")
            }
        }
    }

    private mutating func inlineTable(depth: Int) throws(TOMLError) -> TOMLTable {
        let start = index
        index += 1
        let table = TOMLTable()
        table.isDefined = true
        skipSpaces()
        if index < end, bytes[index] == UInt8(ascii: "}") {
            index += 1
            table.isSealed = true
            return table
        }
        while true {
            skipSpaces()
            try keyValue(into: table, sealing: true)
            skipSpaces()
            guard index < end, bytes[index] != 0x0A else { throw TOMLError(message: "this inline table is never closed with '}' on its line", offset: start) }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                table.isSealed = true
                return table
            }
            guard bytes[index] == UInt8(ascii: ",") else { throw error("expected ',' or '}' in the inline table") }
            index += 1
        }
    }

    // MARK: Strings

    /// Any of the four string forms, mapped to the file.
    private mutating func string() throws(TOMLError) -> TextRun {
        let quote = bytes[index]
        if index + 2 < end, bytes[index + 1] == quote, bytes[index + 2] == quote { return try multiLineString(quote: quote) }
        let (text, contentStart) = try singleLineString(quote: quote)
        return map(text, from: contentStart, to: index - 1, basic: quote == UInt8(ascii: "\""))
    }

    /// `"basic"` or `'literal'` on one line: the decoded text and where its content starts.
    private mutating func singleLineString(quote: UInt8) throws(TOMLError) -> (String, Int) {
        let start = index
        index += 1
        var decoded: [UInt8] = []
        while index < end, bytes[index] != quote {
            let byte = bytes[index]
            if byte == 0x0A { throw TOMLError(message: "the string is never closed on its line", offset: start) }
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                decoded += try escape()
                continue
            }
            decoded.append(byte)
            index += 1
        }
        guard index < end else { throw TOMLError(message: "the string is never closed", offset: start) }
        index += 1
        return (String(decoding: decoded, as: UTF8.self), start + 1)
    }

    /// `"""basic"""` or `'''literal'''` over lines: a newline right after the opening quotes is
    /// dropped, and in basic strings a backslash at a line's end joins it to the next text.
    private mutating func multiLineString(quote: UInt8) throws(TOMLError) -> TextRun {
        let start = index
        index += 3
        if index < end, bytes[index] == 0x0A { index += 1 }
        let contentStart = index
        var decoded: [UInt8] = []
        while index < end {
            let byte = bytes[index]
            if byte == quote, index + 2 < end, bytes[index + 1] == quote, bytes[index + 2] == quote {
                // Up to two more quotes belong to the content (`""""` ends with one in it).
                var close = index
                while close + 3 < end, bytes[close + 3] == quote, close - index < 2 { close += 1 }
                decoded += bytes[index..<close]
                let contentEnd = close
                index = close + 3
                return map(String(decoding: decoded, as: UTF8.self), from: contentStart, to: contentEnd, basic: quote == UInt8(ascii: "\""))
            }
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                var after = index + 1
                while after < end, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
                if after < end, bytes[after] == 0x0A {
                    index = after
                    while index < end, TextRunBuilder.isSpace(bytes[index]) { index += 1 }
                    continue
                }
                decoded += try escape()
                continue
            }
            decoded.append(byte)
            index += 1
        }
        throw TOMLError(message: "the multi-line string is never closed", offset: start)
    }

    /// The escape at `index` (a backslash) in a basic string, decoded.
    private mutating func escape() throws(TOMLError) -> [UInt8] {
        let start = index
        guard index + 1 < end else { throw TOMLError(message: "unfinished escape", offset: start) }
        let code = bytes[index + 1]
        index += 2
        switch code {
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "e"): return [0x1B]
        case UInt8(ascii: "\""): return [0x22]
        case UInt8(ascii: "\\"): return [0x5C]
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = code == UInt8(ascii: "u") ? 4 : 8
            guard index + digits <= end, let value = UInt32(String(decoding: bytes[index..<(index + digits)], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(value) else {
                throw TOMLError(message: "invalid Unicode escape", offset: start)
            }
            index += digits
            return Array(String(Character(scalar)).utf8)
        default:
            throw TOMLError(message: "unknown escape '\\\(String(decoding: [code], as: UTF8.self))'", offset: start)
        }
    }

    /// A decoded string as a run mapped onto its content in the file.
    private func map(_ text: String, from start: Int, to contentEnd: Int, basic: Bool) -> TextRun {
        guard basic || text.utf8.count != contentEnd - start else { return TextRun(verbatim: text, at: start) }
        return TextRun.aligned(Array(text.utf8)[...], in: source, from: start, limit: contentEnd, syntax: basic ? .yamlDoubleQuoted : .yamlPlain)
    }

    // MARK: Whitespace and comments

    private mutating func skipSpaces() {
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func skipComment() {
        guard index < end, bytes[index] == UInt8(ascii: "#") else { return }
        while index < end, bytes[index] != 0x0A { index += 1 }
    }

    private mutating func skipBlankLines() {
        while index < end {
            skipSpaces()
            skipComment()
            guard index < end, bytes[index] == 0x0A || bytes[index] == 0x0D else { return }
            index += 1
        }
    }

    private mutating func skipWhitespaceAndComments() {
        while index < end {
            skipSpaces()
            skipComment()
            guard index < end, bytes[index] == 0x0A || bytes[index] == 0x0D else { return }
            index += 1
        }
    }

    private mutating func endOfLine() throws(TOMLError) {
        skipSpaces()
        skipComment()
        guard index >= end || bytes[index] == 0x0A || bytes[index] == 0x0D else { throw error("expected the end of the line") }
    }

    private func error(_ message: String) -> TOMLError { TOMLError(message: message, offset: min(index, max(0, end))) }

    private func isBareKeyByte(_ byte: UInt8) -> Bool {
        SourceAligner.isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private func isScalarByte(_ byte: UInt8) -> Bool {
        SourceAligner.isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

private extension String {
    func replacingUnderscores() -> String { String(self.filter { $0 != "_" }) }
}
