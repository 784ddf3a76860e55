/// A `.vale.ini` file, read the way Vale's INI library reads it (go-ini with shadows): sections
/// in brackets, `key = value` (or `key: value`) lines, `#` and `;` comment lines, inline
/// comments only after a space, a key given twice keeping both values.
///
/// The file may come from anyone (a repository under review), so reading it is linear in its
/// size, bounded, and every problem is reported at its line and column.
struct ValeINI: Sendable {
    struct Entry: Sendable, Equatable {
        var key: String
        var value: String
        var line: Int
        /// Column of the key, and of the value (1-based, in characters).
        var column: Int
        var valueColumn: Int
    }

    struct Section: Sendable, Equatable {
        /// "" for the lines before the first section header.
        var name: String
        var line: Int
        var entries: [Entry]

        /// Every value given to `key`, in order (shadows included).
        func values(_ key: String) -> [String] { entries.filter { $0.key == key }.map(\.value) }
        func entry(_ key: String) -> Entry? { entries.last { $0.key == key } }
        var keys: [String] {
            var seen: Set<String> = []
            return entries.map(\.key).filter { seen.insert($0).inserted }
        }
    }

    /// In file order; a section named twice is one section, as in go-ini.
    var sections: [Section]
    let path: String

    static let maxBytes = 4 << 20

    func section(_ name: String) -> Section? { sections.first { $0.name == name } }

    /// Parses `bytes`; problems are errors at their file:line:column.
    static func parse(_ bytes: [UInt8], path: String) -> Result<ValeINI, ConfigErrors> {
        let source = SourceText(decoding: bytes)
        let file = YAMLFile(path: path, source: source)
        if bytes.count > maxBytes {
            return .failure(ConfigErrors([ConfigError(path: path, location: SourceLocation(line: 1, column: 1),
                                                      message: "the configuration is \(bytes.count) bytes, over the limit of \(maxBytes)")]))
        }
        guard file.encodingErrors.isEmpty else { return .failure(ConfigErrors(file.encodingErrors)) }
        var sections = [Section(name: "", line: 1, entries: [])]
        var current = 0
        var errors: [ConfigError] = []
        var lineNumber = 0
        for rawLine in String(decoding: source.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let leading = line.prefix { $0 == " " || $0 == "\t" }.count
            let content = line.dropFirst(leading)
            if content.isEmpty || content.hasPrefix("#") || content.hasPrefix(";") { continue }
            if content.hasPrefix("[") {
                guard let close = content.lastIndex(of: "]") else {
                    errors.append(ConfigError(path: path, location: SourceLocation(line: lineNumber, column: leading + 1), message: "unclosed section: \(content)"))
                    continue
                }
                let name = String(content[content.index(after: content.startIndex)..<close]).trimmingCharacters()
                if name.isEmpty {
                    errors.append(ConfigError(path: path, location: SourceLocation(line: lineNumber, column: leading + 1), message: "empty section name"))
                    continue
                }
                if let existing = sections.firstIndex(where: { $0.name == name }) {
                    current = existing
                } else {
                    sections.append(Section(name: name, line: lineNumber, entries: []))
                    current = sections.count - 1
                }
                continue
            }
            guard let delimiter = content.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                errors.append(ConfigError(path: path, location: SourceLocation(line: lineNumber, column: leading + 1),
                                          message: "expected 'key = value', a [section] or a comment, found '\(content.prefix(60))'"))
                continue
            }
            let key = String(content[..<delimiter]).trimmingCharacters()
            if key.isEmpty {
                errors.append(ConfigError(path: path, location: SourceLocation(line: lineNumber, column: leading + 1), message: "a key is missing before '\(content[delimiter])'"))
                continue
            }
            let afterDelimiter = content[content.index(after: delimiter)...]
            let valueLeading = afterDelimiter.prefix { $0 == " " || $0 == "\t" }.count
            let value = cleaned(afterDelimiter.dropFirst(valueLeading))
            let valueColumn = leading + content.distance(from: content.startIndex, to: delimiter) + 2 + valueLeading
            sections[current].entries.append(Entry(key: key, value: value, line: lineNumber, column: leading + 1, valueColumn: valueColumn))
        }
        guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
        return .success(ValeINI(sections: sections, path: path))
    }

    /// A value without its inline comment (` #…` or ` ;…`), trailing space and surrounding quotes.
    private static func cleaned(_ raw: Substring) -> String {
        var value = raw
        if let first = value.first, first == "\"" || first == "'" || first == "`", value.count >= 2, let close = value.dropFirst().firstIndex(of: first) {
            return String(value[value.index(after: value.startIndex)..<close])
        }
        var previous: Character = " "
        var cut: Substring.Index?
        for index in value.indices {
            let character = value[index]
            if (character == "#" || character == ";") && (previous == " " || previous == "\t") && index != value.startIndex {
                cut = index
                break
            }
            previous = character
        }
        if let cut { value = value[..<cut] }
        return String(value).trimmingCharacters()
    }
}

extension ValeINI.Entry {
    /// The comma-separated values of this entry, trimmed, empty ones dropped.
    var list: [String] {
        value.split(separator: ",").map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
    }
}

extension ValeConfiguration {
    /// Reads `.vale.ini` bytes as `galley vale` does, without touching the file system beyond
    /// the StylesPath check (for the fuzz target): the configuration, or its problems.
    public static func read(iniBytes bytes: [UInt8], path: String) -> Result<ValeConfiguration, ConfigErrors> {
        switch ValeINI.parse(bytes, path: path) {
        case .failure(let failure): return .failure(failure)
        case .success(let ini):
            var configuration = ValeConfiguration()
            var errors: [ConfigError] = []
            configuration.apply(ini, absolutePath: "/nonexistent/.vale.ini", alertLevelFlag: nil, errors: &errors)
            return errors.isEmpty ? .success(configuration) : .failure(ConfigErrors(errors))
        }
    }

    /// Every pattern the configuration holds (ignore patterns, globs) checked as Galley would
    /// run them, with each glob tried on `path`: nil, or why one cannot run.
    public func exercise(path: String) -> [String] {
        var problems: [String] = []
        for source in globalBlockIgnores + globalTokenIgnores + sections.flatMap({ $0.blockIgnores + $0.tokenIgnores }) {
            do { _ = try ValePattern(source) } catch { problems.append(error.message) }
        }
        for section in sections { _ = section.glob.matches(path) }
        _ = selection(for: path)
        return problems
    }
}

/// Compiles a pattern in Vale's dialect as Vale rules are compiled, and runs it on `text`:
/// the matches' ranges, or why it cannot run (for the fuzz target and tests).
public enum ValePatternCheck {
    public static func run(_ source: String, on text: String) -> Result<[Range<Int>], ConfigError> {
        do {
            let pattern = try ValePattern(source)
            var copy = text
            let ranges = copy.withUTF8 { bytes in
                pattern.matches(bytes, exact: true, groups: true, scratch: ValeScratch.make()).matches.map(\.range)
                    + pattern.matches(bytes, exact: false, scratch: ValeScratch.make()).matches.map(\.range)
            }
            return .success(ranges)
        } catch {
            return .failure(ConfigError(path: "<pattern>", location: SourceLocation(line: 1, column: 1), message: error.message))
        }
    }
}
