/// A YAML node with the marks libyaml reported for it. Aliases share the anchored node.
public final class YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public enum ScalarStyle: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public let content: Content
    /// The tag as written (after handle expansion, e.g. `tag:yaml.org,2002:str`), if any.
    public let tag: String?
    public let start: YAMLMark
    public let end: YAMLMark
    /// What the parser was told the text came from (a file), for positions in messages.
    public let source: (any AnyObject & Sendable)?

    public init(content: Content, tag: String?, start: YAMLMark, end: YAMLMark, source: (any AnyObject & Sendable)? = nil) {
        self.content = content
        self.tag = tag
        self.start = start
        self.end = end
        self.source = source
    }

    public var scalar: String? {
        if case .scalar(let value, _) = content { return value }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value of the last pair whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        pairs?.last { $0.key.scalar == key }?.value
    }
}

public struct YAMLPair: Sendable {
    public let key: YAMLNode
    public let value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A position as libyaml counts it: 0-based line, 0-based column in Unicode scalars,
/// and `index` in Unicode scalars from the start of the input.
public struct YAMLMark: Sendable, Equatable {
    public let line: Int
    public let column: Int
    public let index: Int

    public init(line: Int, column: Int, index: Int) {
        self.line = line
        self.column = column
        self.index = index
    }
}

public struct YAMLError: Error, Sendable, Equatable {
    /// A second place a message refers to: "(first at line 3)", "(while parsing a flow sequence at line 5)".
    public struct Related: Sendable, Equatable {
        public let words: String
        public let mark: YAMLMark
    }

    /// What went wrong, without the line of the related place.
    public let problem: String
    public let mark: YAMLMark
    public let related: Related?

    public init(message: String, mark: YAMLMark, related: Related? = nil) {
        problem = message
        self.mark = mark
        self.related = related
    }

    /// The message for YAML that starts on the first line of its file.
    public var message: String { message(firstLine: 1) }

    /// The message with the related place's line counted in the file, for YAML that starts on
    /// line `firstLine` of it (front matter starts on line 2).
    public func message(firstLine: Int) -> String {
        guard let related else { return problem }
        return "\(problem) (\(related.words) line \(related.mark.line + firstLine))"
    }
}

public struct YAMLLimits: Sendable {
    /// Deepest nesting of sequences and mappings.
    public var maxDepth = 128
    /// Alias references in one stream.
    public var maxAliases = 1_000
    /// Nodes a reader would visit if every alias were expanded.
    public var maxExpandedNodes = 1_000_000
    /// Longest scalar in bytes.
    public var maxScalarBytes = 16 << 20
    /// Duplicate keys listed one by one per document; the rest are counted in one last warning.
    public var maxReportedDuplicateKeys = 20

    public init() {}
}

/// What `YAMLParser.parse` returns: the documents, and problems that did not stop parsing.
public struct YAMLStream: Sendable {
    public var documents: [YAMLNode]
    /// Duplicate keys: the later pair wins, as in most YAML loaders.
    public var warnings: [YAMLError]
}
