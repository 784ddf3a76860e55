/// A list of CSS selectors in the subset configuration accepts, parsed from untrusted text and
/// compiled to one XPath 1.0 expression that libxml2 evaluates on the page.
///
/// The subset: type selectors (`main`, `*`), `.class`, `#id`, attribute tests (`[data-x]`,
/// `[role=main]`, and `~=`, `^=`, `$=`, `*=`, `|=`), the descendant (space) and child (`>`)
/// combinators, and comma-separated lists. CSS escapes (`\:`, `\31 `) are understood. Anything
/// else (pseudo-classes, `+` and `~`, namespaces) is an error at its position.
public struct CSSSelectorList: Sendable, Hashable, CustomStringConvertible {
    /// The text as written.
    public let text: String
    let selectors: [CSSComplexSelector]

    /// Bounds that keep a hostile configuration from building an expression libxml2 would take
    /// minutes over: a chain of descendant steps costs a pass over the tree per step.
    public static let maxLength = 2_000
    public static let maxSelectors = 64
    public static let maxCompounds = 16
    public static let maxTests = 16

    public init(parsing text: String) throws(CSSSelectorError) {
        self.text = text
        var parser = CSSSelectorParser(text)
        selectors = try parser.parseList()
    }

    public var description: String { text }

    /// One XPath expression selecting every element any selector of the list matches.
    public var xpath: String { selectors.map(\.xpath).joined(separator: " | ") }
}

/// Why a selector was refused; `offset` counts Unicode scalars from the start of the text.
public struct CSSSelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public var description: String { "\(message) (at character \(offset + 1))" }
}

struct CSSComplexSelector: Sendable, Hashable {
    enum Combinator: Sendable, Hashable { case descendant, child }

    var compounds: [CSSCompoundSelector]
    /// `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`.
    var combinators: [Combinator]

    var xpath: String {
        var result = "//" + compounds[0].xpath
        for (index, combinator) in combinators.enumerated() {
            result += (combinator == .child ? "/" : "//") + compounds[index + 1].xpath
        }
        return result
    }
}

struct CSSCompoundSelector: Sendable, Hashable {
    struct AttributeTest: Sendable, Hashable {
        enum Operator: String, Sendable, Hashable {
            case equals = "=", includes = "~=", prefix = "^=", suffix = "$=", substring = "*=", dashMatch = "|="
        }
        var name: String
        var test: (Operator, String)?

        static func == (lhs: AttributeTest, rhs: AttributeTest) -> Bool {
            lhs.name == rhs.name && lhs.test?.0 == rhs.test?.0 && lhs.test?.1 == rhs.test?.1
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(test?.0)
            hasher.combine(test?.1)
        }
    }

    /// Lower-cased element name; nil for `*` or none.
    var element: String?
    var ids: [String] = []
    var classes: [String] = []
    var attributes: [AttributeTest] = []

    var isEmpty: Bool { element == nil && ids.isEmpty && classes.isEmpty && attributes.isEmpty }

    /// Names are tested with `local-name()` so the same expression works on HTML and on XHTML,
    /// whose elements are in a namespace.
    var xpath: String {
        var result = "*"
        if let element { result += "[local-name()=\(XPathLiteral.quote(element))]" }
        for id in ids { result += "[@id=\(XPathLiteral.quote(id))]" }
        for name in classes { result += "[\(Self.wordTest("@class", name))]" }
        for attribute in attributes {
            let node = XPathLiteral.attribute(attribute.name)
            guard let (op, value) = attribute.test else {
                result += "[\(node)]"
                continue
            }
            let literal = XPathLiteral.quote(value)
            switch op {
            case .equals: result += "[\(node)=\(literal)]"
            case .includes: result += value.isEmpty || value.contains(where: \.isCSSWhitespace) ? "[false()]" : "[\(Self.wordTest(node, value))]"
            case .prefix: result += value.isEmpty ? "[false()]" : "[starts-with(\(node),\(literal))]"
            case .suffix:
                result += value.isEmpty ? "[false()]"
                    : "[substring(\(node),string-length(\(node))-string-length(\(literal))+1)=\(literal)]"
            case .substring: result += value.isEmpty ? "[false()]" : "[contains(\(node),\(literal))]"
            case .dashMatch: result += "[\(node)=\(literal) or starts-with(\(node),\(XPathLiteral.quote(value + "-")))]"
            }
        }
        return result
    }

    /// `word` is one of the whitespace-separated words of `node` (how `.class` and `~=` match).
    private static func wordTest(_ node: String, _ word: String) -> String {
        "contains(concat(' ',normalize-space(\(node)),' '),\(XPathLiteral.quote(" " + word + " ")))"
    }
}

enum XPathLiteral {
    /// A string literal for XPath 1.0, which has no escapes: `concat()` joins the pieces when
    /// the text holds both kinds of quote.
    static func quote(_ raw: String) -> String {
        // Characters XML does not allow (most controls, U+FFFE) cannot be in a page libxml2
        // parsed, and libxml2 refuses them in an expression: they become U+FFFD, which matches
        // nothing they could have matched.
        let text = raw.unicodeScalars.allSatisfy(isXMLCharacter) ? raw
            : String(String.UnicodeScalarView(raw.unicodeScalars.map { isXMLCharacter($0) ? $0 : "\u{FFFD}" }))
        if !text.contains("'") { return "'\(text)'" }
        if !text.contains("\"") { return "\"\(text)\"" }
        let pieces = text.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }
        return "concat(" + pieces.joined(separator: ",\"'\",") + ")"
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// `@name` when the name is a plain XML name, else a test on the attribute's local name.
    static func attribute(_ name: String) -> String {
        let plain = name.unicodeScalars.enumerated().allSatisfy { index, scalar in
            scalar.isASCIILetter || scalar == "_" || (index > 0 && (scalar.isASCIIDigit || scalar == "-" || scalar == "."))
        }
        return plain ? "@" + name : "@*[local-name()=\(quote(name))]"
    }
}

extension Character {
    var isCSSWhitespace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\u{0C}" }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
    var isASCIIDigit: Bool { (0x30...0x39).contains(value) }
}
