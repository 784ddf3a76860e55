import YAMLParser

/// A YAML file being loaded as configuration: its path and text, for error positions. Every node
/// parsed from it (`parse`) refers back to it, so a value carries its file wherever it goes.
public final class YAMLFile: Sendable {
    public let path: String
    public let source: SourceText
    /// 1-based line of the file where the YAML starts (front matter starts on line 2).
    public let firstLine: Int

    public init(path: String, source: SourceText, firstLine: Int = 1) {
        self.path = path
        self.source = source
        self.firstLine = firstLine
    }

    /// Parses the file's text; each node's `source` is this file.
    public func parse() throws(YAMLError) -> YAMLStream {
        try YAMLParser.parse(source.bytes, source: self)
    }

    /// The file a node was read from: its own, or `fallback` for nodes made in code.
    public static func of(_ node: YAMLNode, fallback: YAMLFile) -> YAMLFile {
        (node.source as? YAMLFile) ?? fallback
    }

    /// The directory of the file, for paths written in it; nil for bundled sets, which have none.
    public var directory: String? {
        guard !path.hasPrefix("<") else { return nil }
        return PathNames.directory(of: path)
    }

    public func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(line: firstLine + mark.line, column: mark.column + 1)
    }

    public func error(_ message: String, at node: YAMLNode) -> ConfigError {
        ConfigError(path: path, location: location(node.start), message: message)
    }

    public func error(_ message: String, at mark: YAMLMark) -> ConfigError {
        ConfigError(path: path, location: location(mark), message: message)
    }

    /// A configuration or rule set must be text: invalid UTF-8 (or UTF-16) is an error at its
    /// position rather than a term quietly holding U+FFFD.
    public var encodingErrors: [ConfigError] {
        if let reason = source.skipReason {
            return [ConfigError(path: path, location: SourceLocation(line: 1, column: 1), message: reason)]
        }
        return source.issues.filter { $0.severity >= .warning }.map { issue in
            var message = issue.message
            let replaced = " replaced with U+FFFD"
            if message.hasSuffix(replaced) { message = String(message.dropLast(replaced.count)) }
            return ConfigError(path: path, location: source.location(of: issue.offset), message: message + "; save the file as UTF-8")
        }
    }
}

/// Typed access to a YAML mapping of options that remembers which keys were read, so that
/// unknown keys (usually typos) are reported instead of silently ignored. Values may come from
/// several files (a configuration overriding a rule set's options): each problem is reported in
/// the file its node was written in.
public struct OptionReader {
    /// The file of the mapping itself.
    public let file: YAMLFile
    public let node: YAMLNode
    public private(set) var errors: [ConfigError] = []
    private var used: Set<String> = []

    public init(file: YAMLFile, node: YAMLNode) {
        self.file = YAMLFile.of(node, fallback: file)
        self.node = node
        if node.pairs == nil {
            errors.append(self.file.error("expected a mapping of keys to values, found \(Self.describe(node))", at: node))
        }
    }

    /// A reader for a mapping nested anywhere below this one (a list item, say), in its own file.
    public func reader(for nested: YAMLNode) -> OptionReader {
        OptionReader(file: file(of: nested), node: nested)
    }

    private func error(_ message: String, at node: YAMLNode) -> ConfigError {
        file(of: node).error(message, at: node)
    }

    /// The file a node was read from.
    public func file(of node: YAMLNode) -> YAMLFile {
        YAMLFile.of(node, fallback: file)
    }

    public var keys: [String] { node.pairs?.compactMap { $0.key.scalar } ?? [] }

    public func has(_ key: String) -> Bool { node[key] != nil }

    /// The raw node for `key`, marking it as read.
    public mutating func node(_ key: String) -> YAMLNode? {
        used.insert(key)
        return node[key]
    }

    public mutating func report(_ message: String, at node: YAMLNode) {
        errors.append(error(message, at: node))
    }

    public mutating func report(_ error: ConfigError) {
        errors.append(error)
    }

    public mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = node(key, required: required) else { return nil }
        guard let text = value.scalar, value.resolvedScalar != .null else {
            report("'\(key)' must be a string, found \(Self.describe(value))", at: value)
            return nil
        }
        return text
    }

    public mutating func bool(_ key: String) -> Bool? {
        guard let value = node(key, required: false) else { return nil }
        guard case .bool(let flag)? = value.resolvedScalar else {
            report("'\(key)' must be true or false, found \(Self.describe(value))", at: value)
            return nil
        }
        return flag
    }

    public mutating func int(_ key: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard let value = node(key, required: false) else { return nil }
        guard case .int(let number)? = value.resolvedScalar else {
            report("'\(key)' must be a whole number, found \(Self.describe(value))", at: value)
            return nil
        }
        if let range, !range.contains(number) {
            report("'\(key)' must be between \(range.lowerBound) and \(range.upperBound), found \(number)", at: value)
            return nil
        }
        return number
    }

    public mutating func double(_ key: String) -> Double? {
        guard let value = node(key, required: false) else { return nil }
        switch value.resolvedScalar {
        case .int(let number)?: return Double(number)
        case .float(let number)? where number.isFinite: return number
        default:
            report("'\(key)' must be a number, found \(Self.describe(value))", at: value)
            return nil
        }
    }

    /// A list of strings; a single string is accepted as a list of one.
    public mutating func strings(_ key: String, required: Bool = false) -> [(String, YAMLNode)]? {
        guard let value = node(key, required: required) else { return nil }
        if let text = value.scalar, value.resolvedScalar != .null { return [(text, value)] }
        guard let items = value.items else {
            report("'\(key)' must be a list of strings, found \(Self.describe(value))", at: value)
            return nil
        }
        var result: [(String, YAMLNode)] = []
        for item in items {
            guard let text = item.scalar else {
                report("'\(key)' must be a list of strings; this item is \(Self.describe(item))", at: item)
                continue
            }
            result.append((text, item))
        }
        return result
    }

    /// One of `choices`.
    public mutating func choice(_ key: String, _ choices: [String]) -> String? {
        guard let text = string(key) else { return nil }
        guard choices.contains(text) else {
            report("'\(key)' must be one of \(choices.map { "'\($0)'" }.joined(separator: ", ")), found '\(text)'", at: node[key]!)
            return nil
        }
        return text
    }

    /// Nested options under `key` (a mapping), read by a reader of their own; hand it back to
    /// `absorb` when done.
    public mutating func options(_ key: String) -> OptionReader? {
        guard let value = node(key, required: false) else { return nil }
        return reader(for: value)
    }

    /// `minKey` and `maxKey`, whole numbers in `range`, and the first no greater than the second:
    /// contradictory bounds are an error at the lower one, not a rule that can never pass.
    public mutating func bounds(_ minKey: String, _ maxKey: String, range: ClosedRange<Int>) -> (min: Int?, max: Int?) {
        let lower = int(minKey, range: range)
        let upper = int(maxKey, range: range)
        if let lower, let upper, lower > upper, let at = node[minKey] {
            report("'\(minKey)' (\(lower)) is more than '\(maxKey)' (\(upper)): no text could pass", at: at)
        }
        return (lower, upper)
    }

    /// The same for numbers that may have decimals (readability scores).
    public mutating func doubleBounds(_ minKey: String, _ maxKey: String) -> (min: Double?, max: Double?) {
        let lower = double(minKey)
        let upper = double(maxKey)
        if let lower, let upper, lower > upper, let at = node[minKey] {
            report("'\(minKey)' (\(EditorAssessments.format(lower))) is more than '\(maxKey)' (\(EditorAssessments.format(upper))): no text could pass", at: at)
        }
        return (lower, upper)
    }

    /// Takes the errors of a nested reader (after its own `finish`).
    public mutating func absorb(_ nested: OptionReader) {
        errors += nested.finish()
    }

    /// All problems found, with every key that was never read reported as unknown.
    public func finish(allowing extra: Set<String> = []) -> [ConfigError] {
        var result = errors
        for pair in node.pairs ?? [] {
            guard let key = pair.key.scalar else {
                result.append(error("keys must be strings", at: pair.key))
                continue
            }
            if !used.contains(key) && !extra.contains(key) {
                result.append(error("unknown key '\(key)'\(Self.suggestion(for: key, among: Array(used)))", at: pair.key))
            }
        }
        return result
    }

    private mutating func node(_ key: String, required: Bool) -> YAMLNode? {
        used.insert(key)
        guard let value = node[key] else {
            if required { errors.append(error("missing required key '\(key)'", at: node)) }
            return nil
        }
        return value
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, _):
            switch node.resolvedScalar {
            case .null?: return "nothing"
            case .bool?: return "a boolean (\(text))"
            case .int?, .float?: return "a number (\(text))"
            default: return "a string ('\(text)')"
            }
        }
    }

    static func suggestion(for key: String, among known: [String]) -> String {
        Spelling.suggestion(for: key, among: known)
    }
}
