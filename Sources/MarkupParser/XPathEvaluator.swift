internal import CLibXML2

/// Evaluates configured XPath expressions on libxml2's tree before it is freed.
enum XPathEvaluator {
    static func evaluate(_ queries: [MarkupParser.XPathQuery], in document: xmlDocPtr, issues: inout [MarkupIssue]) -> [[Int32]] {
        guard let context = xmlXPathNewContext(document) else { return queries.map { _ in [] } }
        defer { xmlXPathFreeContext(context) }
        let collector = ErrorCollector()
        context.pointee.userData = Unmanaged.passUnretained(collector).toOpaque()
        context.pointee.error = ErrorCollector.callback
        return queries.map { query in
            collector.message = nil
            register(query.namespaces, in: context)
            guard let result = xmlXPathEvalExpression(query.expression, context) else {
                let reason = collector.message ?? "invalid expression"
                issues.append(MarkupIssue(level: .error, code: 0, message: "XPath '\(query.expression)': \(reason)", offset: -1, line: 0, column: 0))
                return []
            }
            defer { xmlXPathFreeObject(result) }
            return nodes(of: result)
        }
    }

    static func compileError(_ query: MarkupParser.XPathQuery) -> String? {
        guard let context = xmlXPathNewContext(nil) else { return "out of memory" }
        defer { xmlXPathFreeContext(context) }
        let collector = ErrorCollector()
        context.pointee.userData = Unmanaged.passUnretained(collector).toOpaque()
        context.pointee.error = ErrorCollector.callback
        register(query.namespaces, in: context)
        guard let compiled = xmlXPathCtxtCompile(context, query.expression) else {
            return collector.message ?? "invalid XPath expression"
        }
        xmlXPathFreeCompExpr(compiled)
        return nil
    }

    private static func register(_ namespaces: [String: String], in context: xmlXPathContextPtr) {
        xmlXPathRegisteredNsCleanup(context)
        for (prefix, uri) in namespaces { _ = xmlXPathRegisterNs(context, prefix, uri) }
    }

    /// Indexes of the selected nodes in the flattened tree; attributes stand for their element.
    private static func nodes(of result: xmlXPathObjectPtr) -> [Int32] {
        guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval else { return [] }
        var indexes: [Int32] = []
        for position in 0..<Int(set.pointee.nodeNr) {
            guard var node = set.pointee.nodeTab[position] else { continue }
            if node.pointee.type == XML_ATTRIBUTE_NODE, let parent = node.pointee.parent { node = parent }
            let marker = Int(bitPattern: node.pointee._private)
            if marker > 0 { indexes.append(Int32(marker - 1)) }
        }
        return indexes
    }

    private final class ErrorCollector {
        var message: String?
        static let callback: xmlStructuredErrorFunc = { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
            guard collector.message == nil else { return }
            // libxml2 2.9 leaves `message` empty for XPath errors; the code and position are set.
            let code = Int(error.pointee.code) - Int(XML_XPATH_EXPRESSION_OK.rawValue)
            var text = error.pointee.message.map { String(cString: $0).trimmingTrailingWhitespace() }
                ?? (messages.indices.contains(code) ? messages[code] : "invalid XPath expression")
            if error.pointee.int1 > 0 { text += " at character \(error.pointee.int1)" }
            collector.message = text
        }

        /// `xmlXPathErrorMessages`, indexed by `xmlXPathError`.
        static let messages = [
            "Ok", "Number encoding", "Unfinished literal", "Start of literal", "Expected $ for variable reference",
            "Undefined variable", "Invalid predicate", "Invalid expression", "Missing closing curly brace",
            "Unregistered function", "Invalid operand", "Invalid type", "Invalid number of arguments",
            "Invalid context size", "Invalid context position", "Memory allocation error", "Syntax error",
            "Resource error", "Sub resource error", "Undefined namespace prefix", "Encoding error",
            "Char out of XML range", "Invalid or incomplete context", "Stack usage error", "Forbidden variable",
        ]
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var copy = self
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return copy
    }
}
