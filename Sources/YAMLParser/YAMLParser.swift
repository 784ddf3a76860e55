internal import CYAML

/// Builds `YAMLNode` trees from libyaml's event stream, iteratively and within `YAMLLimits`.
public enum YAMLParser {
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLStream {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            throw YAMLError(message: "out of memory creating the YAML parser", mark: YAMLMark(line: 0, column: 0, index: 0))
        }
        defer { yaml_parser_delete(&parser) }
        let result: Result<YAMLStream, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            let empty: StaticString = ""
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? empty.utf8Start, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var builder = TreeBuilder(limits: limits)
            do throws(YAMLError) {
                while true {
                    var event = yaml_event_t()
                    guard yaml_parser_parse(&parser, &event) != 0 else { throw Self.error(of: parser) }
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

    private static func error(of parser: yaml_parser_t) -> YAMLError {
        var message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if let context = parser.context.map({ String(cString: $0) }) {
            let line = Int(parser.context_mark.line) + 1
            message += " (\(context) at line \(line))"
        }
        return YAMLError(message: message, mark: mark(parser.problem_mark))
    }

    static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line), column: Int(mark.column), index: Int(mark.index))
    }
}

private struct TreeBuilder {
    private enum Frame {
        case sequence(items: [YAMLNode], weight: Int, start: YAMLMark, tag: String?, anchor: String?)
        case mapping(pairs: [YAMLPair], key: YAMLNode?, keys: [String: Int], weight: Int, start: YAMLMark, tag: String?, anchor: String?)

        /// Nodes a reader visits when walking this container with aliases expanded.
        var weight: Int {
            switch self {
            case .sequence(_, let weight, _, _, _), .mapping(_, _, _, let weight, _, _, _): return weight
            }
        }
    }

    let limits: YAMLLimits
    var documents: [YAMLNode] = []
    var warnings: [YAMLError] = []
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    private var aliasCount = 0

    init(limits: YAMLLimits) { self.limits = limits }

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
            let node = YAMLNode(content: .scalar(value, Self.style(scalar.style)), tag: Self.string(scalar.tag), start: start, end: end)
            try add(node, weight: 1, anchor: Self.string(scalar.anchor))
        case YAML_SEQUENCE_START_EVENT:
            try push(.sequence(items: [], weight: 1, start: start, tag: Self.string(event.data.sequence_start.tag),
                               anchor: Self.string(event.data.sequence_start.anchor)), at: start)
        case YAML_MAPPING_START_EVENT:
            try push(.mapping(pairs: [], key: nil, keys: [:], weight: 1, start: start, tag: Self.string(event.data.mapping_start.tag),
                              anchor: Self.string(event.data.mapping_start.anchor)), at: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            switch frame {
            case .sequence(let items, let weight, let start, let tag, let anchor):
                try add(YAMLNode(content: .sequence(items), tag: tag, start: start, end: end), weight: weight, anchor: anchor)
            case .mapping(let pairs, _, _, let weight, let start, let tag, let anchor):
                try add(YAMLNode(content: .mapping(pairs), tag: tag, start: start, end: end), weight: weight, anchor: anchor)
            }
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            aliasCount += 1
            guard aliasCount <= limits.maxAliases else {
                throw YAMLError(message: "more than \(limits.maxAliases) aliases", mark: start)
            }
            guard let target = anchors[name] else {
                throw YAMLError(message: "alias '*\(name)' refers to no anchor", mark: start)
            }
            try add(target.node, weight: target.weight, anchor: nil)
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame, at mark: YAMLMark) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(message: "nesting deeper than \(limits.maxDepth) levels", mark: mark)
        }
        stack.append(frame)
    }

    private mutating func add(_ node: YAMLNode, weight: Int, anchor: String?) throws(YAMLError) {
        guard weight <= limits.maxExpandedNodes else {
            throw YAMLError(message: "aliases expand to more than \(limits.maxExpandedNodes) nodes", mark: node.start)
        }
        if let anchor { anchors[anchor] = (node, weight) }
        guard let frame = stack.popLast() else {
            documents.append(node)
            anchors.removeAll()
            return
        }
        let total = frame.weight.addingReportingOverflow(weight)
        let combined = total.overflow ? Int.max : total.partialValue
        switch frame {
        case .sequence(var items, _, let start, let tag, let anchor):
            items.append(node)
            stack.append(.sequence(items: items, weight: combined, start: start, tag: tag, anchor: anchor))
        case .mapping(var pairs, let key, var keys, _, let start, let tag, let anchor):
            if let key {
                if let name = key.scalar {
                    if let earlier = keys[name] {
                        warnings.append(YAMLError(message: "duplicate key '\(name)' (first at line \(pairs[earlier].key.start.line + 1))", mark: key.start))
                        pairs.remove(at: earlier)
                        keys = keys.mapValues { $0 > earlier ? $0 - 1 : $0 }
                    }
                    keys[name] = pairs.count
                }
                pairs.append(YAMLPair(key: key, value: node))
                stack.append(.mapping(pairs: pairs, key: nil, keys: keys, weight: combined, start: start, tag: tag, anchor: anchor))
            } else {
                stack.append(.mapping(pairs: pairs, key: node, keys: keys, weight: combined, start: start, tag: tag, anchor: anchor))
            }
        }
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
