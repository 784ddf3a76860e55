/// `kind: metric`: Vale's metric check. A formula over the document's counts.
struct MetricRule: ValeRule, RuleKind {
    static let name = "metric"
    static let summary = "Reports a document whose formula over Galley's counts (words, sentences, syllables, headings…) meets a condition (Vale's metric check)."
    static let options: [(key: String, description: String)] = [
        ("formula", "an arithmetic expression (+ - * / %, parentheses, math.sqrt/pow/abs/floor/ceil/log/log10/log2/exp/round/min/max) over the variables: "
            + MetricRule.variables.joined(separator: ", ")),
        ("condition", "a comparison the result is reported on, e.g. '> 8'"),
    ] + ValeRuleSettings.commonOptions.filter { $0.key != "scope" }
    static let examples: [RuleExample] = [
        RuleExample("Flesch-Kincaid grade over 8", options: "formula: (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59\ncondition: '> 8'\nmessage: \"Try to keep the grade level (%s) below 8.\"",
                    article: "# Title\n\nNotwithstanding considerable organizational complexity, institutional stakeholders consistently prioritize comprehensive documentation.\n", expected: ["1:1"]),
        RuleExample("Plain words pass", options: "formula: (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59\ncondition: '> 8'",
                    article: "# Title\n\nThe cat sat on the mat. It was warm.\n", expected: []),
        RuleExample("Headings per paragraph", options: "formula: (heading_h2 + heading_h3) / paragraphs\ncondition: '> 1'",
                    article: "# Title\n\n## One\n\n## Two\n\nOnly one paragraph.\n", expected: ["1:1"]),
    ]

    /// The variables a formula may use. Vale also has `pre` (code blocks), which Galley does
    /// not keep in the document model; a formula that uses it is refused.
    static let variables = ["words", "sentences", "syllables", "characters", "complex_words", "long_words", "polysyllabic_words", "paragraphs",
                            "list", "blockquote", "heading_h1", "heading_h2", "heading_h3", "heading_h4", "heading_h5", "heading_h6"]

    let definition: RuleDefinition
    let settings: ValeRuleSettings
    let formula: MetricExpression
    let condition: MetricExpression

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var settings = ValeRuleSettings.read(&options, definition: definition, defaultMessage: "The document scores %s.")
        settings.scope = ValeScope(["summary"])
        settings.computeMasks()
        guard let formulaText = options.string("formula", required: true), let conditionText = options.string("condition", required: true) else { return nil }
        // Vale writes heading.h2 as heading_h2 too.
        let source = formulaText.replacingAll("heading.h", with: "heading_h")
        let formula: MetricExpression
        let condition: MetricExpression
        do {
            formula = try MetricExpression.parse(source, variables: Set(variables))
        } catch {
            options.report(error.message, at: options.node["formula"] ?? options.node)
            return nil
        }
        do {
            // The condition follows the result, as Vale evaluates "RESULT CONDITION".
            condition = try MetricExpression.parse("result " + conditionText, variables: ["result"])
        } catch {
            options.report(error.message, at: options.node["condition"] ?? options.node)
            return nil
        }
        var built = definition
        built.message = nil
        return MetricRule(definition: built, settings: settings, formula: formula, condition: condition)
    }

    func descriptionArguments(match: String, suggestion: String?) -> [String] { [suggestion ?? ""] }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        let run = ValeRun.of(context)
        if run.document.comments.disables(id, horizon: Int.max) { return [] }
        let counts = context.prose.documentCounts
        guard counts.words > 0 else { return [] }
        var values: [String: Double] = [
            "words": Double(counts.words), "sentences": Double(counts.sentences), "syllables": Double(counts.syllables),
            "characters": Double(counts.characters), "complex_words": Double(counts.complexWords), "long_words": Double(counts.longWords),
            "polysyllabic_words": Double(counts.polysyllables),
        ]
        var paragraphs = 0, lists = 0, quotes = 0
        var headings = [Int](repeating: 0, count: 7)
        for block in document.blocks {
            switch block.kind {
            case .heading: headings[min(max(block.level, 1), 6)] += 1
            case .listItem: lists += 1; paragraphs += 1
            case .quote: quotes += 1; paragraphs += 1
            case .paragraph, .definition, .term: if block.isQuoted { quotes += 1 }; paragraphs += 1
            default: break
            }
        }
        values["paragraphs"] = Double(paragraphs)
        values["list"] = Double(lists)
        values["blockquote"] = Double(quotes)
        for level in 1...6 { values["heading_h\(level)"] = Double(headings[level]) }
        let result = formula.evaluate(values)
        // Vale formats the result with %f before comparing it.
        let rounded = (result * 1_000_000).rounded() / 1_000_000
        guard condition.evaluate(["result": rounded]) != 0 else { return [] }
        let shown = MetricExpression.format(result, decimals: 2)
        let message = ValeMessage.collapsingWhitespace(ValeMessage.format(settings.message, [shown]))
        var finding = Finding.aboutDocument(document, subject: id, message: message)
        finding.suggestion = shown
        return [finding]
    }
}

/// Tengo's arithmetic, as far as Vale's formulas use it: numbers, variables, + - * / %,
/// comparisons, && || !, parentheses and the functions of tengo's math module.
indirect enum MetricExpression: Sendable {
    case number(Double)
    case variable(String)
    case unary(String, MetricExpression)
    case binary(String, MetricExpression, MetricExpression)
    case call(String, [MetricExpression])

    struct ParseError: Error {
        var message: String
    }

    static let functions: [String: Int] = [
        "abs": 1, "ceil": 1, "floor": 1, "sqrt": 1, "cbrt": 1, "log": 1, "log10": 1, "log2": 1, "exp": 1, "round": 1, "trunc": 1,
        "pow": 2, "min": 2, "max": 2, "hypot": 2, "mod": 2,
    ]

    static func parse(_ text: String, variables: Set<String>) throws(ParseError) -> MetricExpression {
        var parser = Parser(tokens: try tokenize(text), variables: variables)
        let expression = try parser.expression(0)
        guard parser.index == parser.tokens.count else { throw ParseError(message: "unexpected '\(parser.tokens[parser.index])' in '\(text)'") }
        return expression
    }

    private static func tokenize(_ text: String) throws(ParseError) -> [String] {
        var tokens: [String] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace { index += 1; continue }
            if scalar.properties.numericType == .decimal || scalar == "." {
                var number = ""
                while index < scalars.count, scalars[index].properties.numericType == .decimal || scalars[index] == "." || scalars[index] == "e" {
                    number.unicodeScalars.append(scalars[index]); index += 1
                }
                tokens.append(number)
                continue
            }
            if scalar == "_" || scalar.properties.isAlphabetic {
                var name = ""
                while index < scalars.count, scalars[index] == "_" || scalars[index] == "." || scalars[index].properties.isAlphabetic
                        || scalars[index].properties.numericType == .decimal {
                    name.unicodeScalars.append(scalars[index]); index += 1
                }
                tokens.append(name)
                continue
            }
            let two = index + 1 < scalars.count ? String(scalar) + String(scalars[index + 1]) : ""
            if ["<=", ">=", "==", "!=", "&&", "||"].contains(two) {
                tokens.append(two)
                index += 2
                continue
            }
            guard "+-*/%()<>!,".unicodeScalars.contains(scalar) else { throw ParseError(message: "unexpected character '\(String(scalar))' in '\(text)'") }
            tokens.append(String(scalar))
            index += 1
        }
        return tokens
    }

    private struct Parser {
        let tokens: [String]
        let variables: Set<String>
        var index = 0

        static let precedence: [String: Int] = ["||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6]

        mutating func expression(_ minimum: Int) throws(ParseError) -> MetricExpression {
            var left = try unary()
            while index < tokens.count, let level = Self.precedence[tokens[index]], level > minimum {
                let operation = tokens[index]
                index += 1
                let right = try expression(level)
                left = .binary(operation, left, right)
            }
            return left
        }

        mutating func unary() throws(ParseError) -> MetricExpression {
            guard index < tokens.count else { throw ParseError(message: "the expression ends too early") }
            let token = tokens[index]
            index += 1
            switch token {
            case "-", "!", "+": return .unary(token, try unary())
            case "(":
                let inner = try expression(0)
                guard index < tokens.count, tokens[index] == ")" else { throw ParseError(message: "a '(' is not closed") }
                index += 1
                return inner
            default:
                if let number = Double(token) { return .number(number) }
                if token.hasPrefix("math.") {
                    let name = String(token.dropFirst(5))
                    guard let arity = MetricExpression.functions[name] else { throw ParseError(message: "unknown function '\(token)'") }
                    guard index < tokens.count, tokens[index] == "(" else { throw ParseError(message: "'\(token)' needs arguments") }
                    index += 1
                    var arguments: [MetricExpression] = []
                    while index < tokens.count, tokens[index] != ")" {
                        arguments.append(try expression(0))
                        if index < tokens.count, tokens[index] == "," { index += 1 }
                    }
                    guard index < tokens.count, arguments.count == arity else { throw ParseError(message: "'\(token)' takes \(arity) argument\(arity == 1 ? "" : "s")") }
                    index += 1
                    return .call(name, arguments)
                }
                guard variables.contains(token) else {
                    let hint = token == "pre" ? " (Vale counts code blocks as 'pre'; Galley's document model leaves code out)" : ""
                    throw ParseError(message: "unknown variable '\(token)'\(hint); variables: \(variables.sorted().joined(separator: ", "))")
                }
                return .variable(token)
            }
        }
    }

    func evaluate(_ values: [String: Double]) -> Double {
        switch self {
        case .number(let value): return value
        case .variable(let name): return values[name] ?? 0
        case .unary(let operation, let operand):
            let value = operand.evaluate(values)
            switch operation {
            case "-": return -value
            case "!": return value == 0 ? 1 : 0
            default: return value
            }
        case .binary(let operation, let left, let right):
            let a = left.evaluate(values), b = right.evaluate(values)
            switch operation {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            case "/": return a / b
            case "%": return a.truncatingRemainder(dividingBy: b)
            case "<": return a < b ? 1 : 0
            case "<=": return a <= b ? 1 : 0
            case ">": return a > b ? 1 : 0
            case ">=": return a >= b ? 1 : 0
            case "==": return a == b ? 1 : 0
            case "!=": return a != b ? 1 : 0
            case "&&": return a != 0 && b != 0 ? 1 : 0
            default: return a != 0 || b != 0 ? 1 : 0
            }
        case .call(let name, let arguments):
            let a = arguments[0].evaluate(values)
            let b = arguments.count > 1 ? arguments[1].evaluate(values) : 0
            switch name {
            case "abs": return Swift.abs(a)
            case "ceil": return a.rounded(.up)
            case "floor": return a.rounded(.down)
            case "round": return a.rounded(.toNearestOrAwayFromZero)
            case "trunc": return a.rounded(.towardZero)
            case "sqrt": return a.squareRoot()
            case "cbrt": return MetricExpression.power(a, 1.0 / 3)
            case "log": return MetricExpression.logarithm(a)
            case "log10": return MetricExpression.logarithm(a) / MetricExpression.logarithm(10)
            case "log2": return MetricExpression.logarithm(a) / MetricExpression.logarithm(2)
            case "exp": return MetricExpression.power(2.718281828459045, a)
            case "pow": return MetricExpression.power(a, b)
            case "min": return Swift.min(a, b)
            case "max": return Swift.max(a, b)
            case "hypot": return (a * a + b * b).squareRoot()
            default: return a.truncatingRemainder(dividingBy: b)
            }
        }
    }

    /// ln(x) by argument reduction and the atanh series (no Foundation in the library).
    static func logarithm(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        let exponent = Double(x.exponent)
        let mantissa = x.significand  // in [1, 2)
        let y = (mantissa - 1) / (mantissa + 1)
        var term = y
        var sum = 0.0
        var k = 1.0
        while Swift.abs(term) > 1e-17 {
            sum += term / k
            term *= y * y
            k += 2
        }
        return 2 * sum + exponent * 0.6931471805599453
    }

    static func power(_ base: Double, _ exponent: Double) -> Double {
        if exponent == exponent.rounded(), Swift.abs(exponent) < 64 {
            var result = 1.0
            for _ in 0..<Int(Swift.abs(exponent)) { result *= base }
            return exponent < 0 ? 1 / result : result
        }
        guard base > 0 else { return .nan }
        let x = exponent * logarithm(base)
        // e^x by halving and the Taylor series.
        var halvings = 0
        var reduced = x
        while Swift.abs(reduced) > 0.5 { reduced /= 2; halvings += 1 }
        var term = 1.0, sum = 1.0
        for n in 1..<30 {
            term *= reduced / Double(n)
            sum += term
        }
        for _ in 0..<halvings { sum *= sum }
        return sum
    }

    /// Go's `%.Nf`.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (Swift.abs(value) * scale).rounded(.toNearestOrEven)
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + String(whole) + (decimals > 0 ? "." + String(fraction).leftPadded(to: decimals) : "")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        splitting(by: target).joined(separator: replacement)
    }
}
