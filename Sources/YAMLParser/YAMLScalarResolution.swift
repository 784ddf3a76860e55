/// YAML 1.2 core-schema resolution of plain scalars, so `true`, `42` and `~` read as typed values.
public enum YAMLScalarType: Sendable, Equatable {
    case null, bool(Bool), int(Int), float(Double), string(String)
}

extension YAMLNode {
    public var resolvedScalar: YAMLScalarType? {
        guard case .scalar(let value, let style) = content else { return nil }
        let explicitString = tag == "tag:yaml.org,2002:str"
        guard style == .plain, !explicitString else { return .string(value) }
        switch value {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let integer = Self.integer(value) { return .int(integer) }
        if Self.looksNumeric(value), let number = Double(value) { return .float(number) }
        switch value {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: return .string(value)
        }
    }

    private static func integer(_ text: String) -> Int? {
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    /// Swift's `Double(_:)` also accepts "nan", "inf" and hex floats, which YAML spells differently.
    private static func looksNumeric(_ text: String) -> Bool {
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case 48...57: sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): break
            default: return false
            }
        }
        return sawDigit
    }
}
