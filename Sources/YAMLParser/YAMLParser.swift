internal import CYAML

/// Builds `YAMLNode` trees from libyaml's event stream, iteratively and within `YAMLLimits`.
public enum YAMLParser {
    /// `source` is stored in every node, so a value knows the file it was written in even after
    /// it has been merged into another file's (a configuration overriding a rule's options).
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits(), source: (any AnyObject & Sendable)? = nil) throws(YAMLError) -> YAMLStream {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            throw YAMLError(message: "out of memory creating the YAML parser", mark: YAMLMark(line: 0, column: 0, index: 0))
        }
        defer { yaml_parser_delete(&parser) }
        let result: Result<YAMLStream, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            let empty: StaticString = ""
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? empty.utf8Start, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var builder = TreeBuilder(limits: limits, source: source)
            do throws(YAMLError) {
                while true {
                    var event = yaml_event_t()
                    guard yaml_parser_parse(&parser, &event) != 0 else { throw Self.error(of: parser, input: buffer) }
                    defer { yaml_event_delete(&event) }
                    if event.type == YAML_STREAM_END_EVENT { break }
                    try builder.handle(event)
                }
                return .success(YAMLStream(documents: builder.documents, warnings: builder.warnings))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func error(of parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>) -> YAMLError {
        if parser.error == YAML_READER_ERROR {
            // libyaml's reader leaves the mark unset and gives the byte offset instead.
            var message = parser.problem.map { String(cString: $0) } ?? "invalid input"
            if parser.problem_value >= 0 { message += " (0x\(String(parser.problem_value, radix: 16, uppercase: true)))" }
            return YAMLError(message: message, mark: mark(ofByte: parser.problem_offset, in: input))
        }
        let message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let related = parser.context.map { YAMLError.Related(words: String(cString: $0) + " at", mark: mark(parser.context_mark)) }
        return YAMLError(message: message, mark: mark(parser.problem_mark), related: related)
    }

    /// The mark of a byte offset, counted as libyaml counts: lines, and code points in the line.
    private static func mark(ofByte offset: Int, in input: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 0, column = 0, index = 0
        for position in 0..<min(offset, input.count) {
            let byte = input[position]
            if byte & 0xC0 == 0x80 { continue }
            index += 1
            if byte == 0x0A {
                line += 1
                column = 0
            } else {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column, index: index)
    }

    static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line), column: Int(mark.column), index: Int(mark.index))
    }
}

private struct TreeBuilder {
    /// An open sequence or mapping. Frames are changed in place on the stack: copying one out to
    /// append an item would copy its array each time, quadratic in the container's length.
    private struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        /// A mapping's key waiting for its value.
        var key: YAMLNode?
        /// Index in `pairs` of each scalar key's latest pair.
        var keys: [String: Int] = [:]
        /// Pairs overridden by a later duplicate key, dropped when the mapping ends.
        var overridden: Set<Int> = []
        /// Nodes a reader visits when walking this container with aliases expanded.
        var weight = 1
        /// Levels a reader descends when walking it with aliases expanded (a scalar is 1).
        var height = 1
        var start: YAMLMark
        var tag: String?
        var anchor: String?
    }

    let limits: YAMLLimits
    var documents: [YAMLNode] = []
    var warnings: [YAMLError] = []
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, weight: Int, height: Int)] = [:]
    private var aliasCount = 0
    private var duplicateKeys = 0

    let source: (any AnyObject & Sendable)?

    init(limits: YAMLLimits, source: (any AnyObject & Sendable)?) {
        self.limits = limits
        self.source = source
    }

    mutating func handle(_ event: yaml_event_t) throws(YAMLError) {
        let start = YAMLParser.mark(event.start_mark)
        let end = YAMLParser.mark(event.end_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            guard scalar.length <= limits.maxScalarBytes else {
                throw YAMLError(message: "scalar of \(scalar.length) bytes exceeds the limit of \(limits.maxScalarBytes)", mark: start)
            }
            let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let node = YAMLNode(content: .scalar(value, Self.style(scalar.style)), tag: Self.string(scalar.tag), start: start, end: end, source: source)
            try add(node, weight: 1, height: 1, anchor: Self.string(scalar.anchor))
        case YAML_SEQUENCE_START_EVENT:
            try push(Frame(isMapping: false, start: start, tag: Self.string(event.data.sequence_start.tag),
                           anchor: Self.string(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            try push(Frame(isMapping: true, start: start, tag: Self.string(event.data.mapping_start.tag),
                           anchor: Self.string(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let content: YAMLNode.Content
            if frame.isMapping {
                let kept = frame.overridden.isEmpty ? frame.pairs : frame.pairs.indices.filter { !frame.overridden.contains($0) }.map { frame.pairs[$0] }
                content = .mapping(kept)
            } else {
                content = .sequence(frame.items)
            }
            try add(YAMLNode(content: content, tag: frame.tag, start: frame.start, end: end, source: source), weight: frame.weight, height: frame.height,
                    anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            aliasCount += 1
            guard aliasCount <= limits.maxAliases else {
                throw YAMLError(message: "more than \(limits.maxAliases) aliases", mark: start)
            }
            guard let target = anchors[name] else {
                throw YAMLError(message: "alias '*\(name)' refers to no anchor", mark: start)
            }
            try add(target.node, weight: target.weight, height: target.height, anchor: nil, at: start)
        case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
            if duplicateKeys > limits.maxReportedDuplicateKeys, let last = warnings.last {
                let more = duplicateKeys - limits.maxReportedDuplicateKeys
                warnings.append(YAMLError(message: "\(more) more duplicate \(more == 1 ? "key" : "keys") not listed", mark: last.mark))
            }
            duplicateKeys = 0
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(message: "nesting deeper than \(limits.maxDepth) levels", mark: frame.start)
        }
        stack.append(frame)
    }

    /// Adds a finished node to the open container; `mark` is where an alias stands for it.
    private mutating func add(_ node: YAMLNode, weight: Int, height: Int, anchor: String?, at mark: YAMLMark? = nil) throws(YAMLError) {
        guard weight <= limits.maxExpandedNodes else {
            throw YAMLError(message: "aliases expand to more than \(limits.maxExpandedNodes) nodes", mark: mark ?? node.start)
        }
        // Readers walk values recursively, aliases expanded: an alias nested in an alias nested
        // in an alias... must not go deeper than plain nesting may.
        guard stack.count + height <= limits.maxDepth + 1 else {
            throw YAMLError(message: "aliases nest deeper than \(limits.maxDepth) levels", mark: mark ?? node.start)
        }
        if let anchor { anchors[anchor] = (node, weight, height) }
        guard !stack.isEmpty else {
            documents.append(node)
            anchors.removeAll()
            return
        }
        let top = stack.count - 1
        let total = stack[top].weight.addingReportingOverflow(weight)
        stack[top].weight = total.overflow ? Int.max : total.partialValue
        stack[top].height = max(stack[top].height, height + 1)
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].key else {
            stack[top].key = node
            return
        }
        stack[top].key = nil
        if let name = key.scalar {
            if let earlier = stack[top].keys[name] {
                duplicateKeys += 1
                if duplicateKeys <= limits.maxReportedDuplicateKeys {
                    let first = YAMLError.Related(words: "first at", mark: stack[top].pairs[earlier].key.start)
                    warnings.append(YAMLError(message: "duplicate key '\(name)'", mark: key.start, related: first))
                }
                stack[top].overridden.insert(earlier)
            }
            stack[top].keys[name] = stack[top].pairs.count
        }
        stack[top].pairs.append(YAMLPair(key: key, value: node))
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
