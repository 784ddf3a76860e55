/// Parses the selector subset of `CSSSelectorList`, following the tokenization of CSS Syntax 3
/// for identifiers, strings and escapes. Every error names what was expected and where.
struct CSSSelectorParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    /// As CSS reads its input, U+0000 stands for U+FFFD (it could not pass through XPath's C strings).
    init(_ text: String) {
        scalars = text.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }
    }

    private static let supported = "type, .class, #id, [attr], [attr=value], descendant and '>' combinators, ',' lists"

    mutating func parseList() throws(CSSSelectorError) -> [CSSComplexSelector] {
        guard scalars.count <= CSSSelectorList.maxLength else {
            throw fail("the selector is longer than \(CSSSelectorList.maxLength) characters", at: CSSSelectorList.maxLength)
        }
        var result: [CSSComplexSelector] = []
        while true {
            skipWhitespace()
            guard position < scalars.count else {
                throw fail(result.isEmpty ? "empty selector" : "the selector list ends with ','", at: position)
            }
            guard result.count < CSSSelectorList.maxSelectors else {
                throw fail("more than \(CSSSelectorList.maxSelectors) selectors in one list", at: position)
            }
            result.append(try parseComplex())
            guard position < scalars.count else { return result }
            // parseComplex stops only at the end or at a comma.
            position += 1
        }
    }

    private mutating func parseComplex() throws(CSSSelectorError) -> CSSComplexSelector {
        var compounds = [try parseCompound()]
        var combinators: [CSSComplexSelector.Combinator] = []
        while true {
            let hadSpace = skipWhitespace()
            guard let next = peek(), next != "," else { break }
            var combinator = CSSComplexSelector.Combinator.descendant
            switch next {
            case ">":
                combinator = .child
                position += 1
                skipWhitespace()
            case "+", "~":
                throw fail("the '\(next)' combinator is not supported; supported: \(Self.supported)", at: position)
            default:
                guard hadSpace else { throw unexpected() }
            }
            guard compounds.count < CSSSelectorList.maxCompounds else {
                throw fail("more than \(CSSSelectorList.maxCompounds) steps in one selector", at: position)
            }
            guard position < scalars.count, peek() != "," else {
                throw fail("expected a selector after '>'", at: position)
            }
            combinators.append(combinator)
            compounds.append(try parseCompound())
        }
        return CSSComplexSelector(compounds: compounds, combinators: combinators)
    }

    private mutating func parseCompound() throws(CSSSelectorError) -> CSSCompoundSelector {
        var compound = CSSCompoundSelector()
        let start = position
        if peek() == "*" {
            position += 1
            if peek() == "|" { throw fail("namespace prefixes are not supported", at: position) }
        } else if startsIdentifier(at: position) {
            let name = try name()
            if peek() == "|" { throw fail("namespace prefixes are not supported", at: position) }
            compound.element = String(String.UnicodeScalarView(name.unicodeScalars.map { $0.isASCIILetter ? Unicode.Scalar($0.value | 0x20)! : $0 }))
        }
        var tests = 0
        loop: while let next = peek() {
            switch next {
            case ".":
                position += 1
                guard startsIdentifier(at: position) else { throw fail("expected a class name after '.'", at: position) }
                compound.classes.append(try name())
            case "#":
                position += 1
                guard startsNameCharacter(at: position) else { throw fail("expected an id after '#'", at: position) }
                compound.ids.append(try name())
            case "[":
                compound.attributes.append(try attributeTest())
            case ":":
                let colon = position
                position += 1
                if peek() == ":" { position += 1 }
                if startsIdentifier(at: position) { _ = try name() }
                let written = String(String.UnicodeScalarView(scalars[colon..<position]))
                throw fail("'\(written)': pseudo-classes and pseudo-elements are not supported; supported: \(Self.supported)", at: colon)
            case "|":
                throw fail("namespace prefixes are not supported", at: position)
            default:
                break loop
            }
            tests += 1
            guard tests <= CSSSelectorList.maxTests else {
                throw fail("more than \(CSSSelectorList.maxTests) tests in one compound selector", at: position)
            }
        }
        if position == start { throw unexpected() }
        return compound
    }

    private mutating func attributeTest() throws(CSSSelectorError) -> CSSCompoundSelector.AttributeTest {
        let open = position
        position += 1
        skipWhitespace()
        guard startsIdentifier(at: position) else {
            if position >= scalars.count { throw fail("'[' is not closed", at: open) }
            throw fail("expected an attribute name after '['", at: position)
        }
        let attributeName = try name()
        if peek() == "|", peek(1) != "=" { throw fail("namespace prefixes are not supported", at: position) }
        let lowered = String(String.UnicodeScalarView(attributeName.unicodeScalars.map { $0.isASCIILetter ? Unicode.Scalar($0.value | 0x20)! : $0 }))
        skipWhitespace()
        if peek() == "]" {
            position += 1
            return .init(name: lowered, test: nil)
        }
        guard let first = peek() else { throw fail("'[' is not closed", at: open) }
        let op: CSSCompoundSelector.AttributeTest.Operator
        if first == "=" {
            op = .equals
            position += 1
        } else if let found = CSSCompoundSelector.AttributeTest.Operator(rawValue: String(first) + (peek(1).map(String.init) ?? "")), found != .equals {
            op = found
            position += 2
        } else {
            throw fail("expected ']' or an operator (=, ~=, ^=, $=, *=, |=) after the attribute name", at: position)
        }
        skipWhitespace()
        let value: String
        if let quote = peek(), quote == "\"" || quote == "'" {
            value = try string()
        } else if startsIdentifier(at: position) {
            value = try name()
        } else if position >= scalars.count {
            throw fail("'[' is not closed", at: open)
        } else {
            throw fail("expected a value (a name or a quoted string) after '\(op.rawValue)'", at: position)
        }
        skipWhitespace()
        if let flag = peek(), flag == "i" || flag == "I" || flag == "s" || flag == "S" {
            throw fail("attribute case flags ('\(flag)') are not supported", at: position)
        }
        guard peek() == "]" else {
            if position >= scalars.count { throw fail("'[' is not closed", at: open) }
            throw fail("expected ']' after the attribute value", at: position)
        }
        position += 1
        return .init(name: lowered, test: (op, value))
    }

    // MARK: Tokens

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while let scalar = peek(), Character(scalar).isCSSWhitespace { position += 1 }
        return position > start
    }

    private func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIILetter || scalar == "_" || scalar.value >= 0x80
    }

    private func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || scalar.isASCIIDigit || scalar == "-"
    }

    private func startsEscape(at index: Int) -> Bool {
        index + 1 < scalars.count && scalars[index] == "\\" && scalars[index + 1] != "\n"
    }

    private func startsIdentifier(at index: Int) -> Bool {
        guard index < scalars.count else { return false }
        let first = scalars[index]
        if first == "-" {
            guard index + 1 < scalars.count else { return false }
            let second = scalars[index + 1]
            return isNameStart(second) || second == "-" || startsEscape(at: index + 1)
        }
        return isNameStart(first) || startsEscape(at: index)
    }

    private func startsNameCharacter(at index: Int) -> Bool {
        index < scalars.count && (isNameCharacter(scalars[index]) || startsEscape(at: index))
    }

    /// A run of name characters and escapes.
    private mutating func name() throws(CSSSelectorError) -> String {
        var result = String.UnicodeScalarView()
        while position < scalars.count {
            if startsEscape(at: position) {
                position += 1
                result.append(escaped())
            } else if isNameCharacter(scalars[position]) {
                result.append(scalars[position])
                position += 1
            } else {
                break
            }
        }
        return String(result)
    }

    /// The character after a backslash: up to six hex digits (and one following space), or itself.
    private mutating func escaped() -> Unicode.Scalar {
        var value: UInt32 = 0
        var digits = 0
        while digits < 6, let scalar = peek(), let digit = Self.hexValue(scalar) {
            value = value * 16 + digit
            digits += 1
            position += 1
        }
        guard digits > 0 else {
            defer { position += 1 }
            return scalars[position]
        }
        if let scalar = peek(), Character(scalar).isCSSWhitespace { position += 1 }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: return scalar.value - 0x30
        case 0x41...0x46: return scalar.value - 0x41 + 10
        case 0x61...0x66: return scalar.value - 0x61 + 10
        default: return nil
        }
    }

    private mutating func string() throws(CSSSelectorError) -> String {
        let open = position
        let quote = scalars[position]
        position += 1
        var result = String.UnicodeScalarView()
        while let scalar = peek() {
            if scalar == quote {
                position += 1
                return String(result)
            }
            if scalar == "\n" { break }
            if scalar == "\\" {
                position += 1
                guard let next = peek() else { break }
                if next == "\n" { position += 1; continue }
                result.append(escaped())
                continue
            }
            result.append(scalar)
            position += 1
        }
        throw fail("the string is not closed", at: open)
    }

    private func unexpected() -> CSSSelectorError {
        guard let scalar = peek() else { return fail("unexpected end of the selector", at: position) }
        return fail("unexpected '\(scalar.escaped(asASCII: false))'; supported: \(Self.supported)", at: position)
    }

    private func fail(_ message: String, at offset: Int) -> CSSSelectorError {
        CSSSelectorError(message: message, offset: offset)
    }
}
