/// Escaping for the text formats reporters write. Each works on UTF-8 bytes and copies runs that
/// need no escaping in one piece, since reports can hold thousands of messages.
enum JSONEscaping {
    /// `text` as a JSON string literal, quotes included.
    static func quoted(_ text: String) -> String {
        var output = "\""
        append(text, to: &output)
        output += "\""
        return output
    }

    static func append(_ text: String, to output: inout String) {
        var pending = text.utf8.startIndex
        let utf8 = text.utf8
        for index in utf8.indices {
            let byte = utf8[index]
            let replacement: String
            switch byte {
            case UInt8(ascii: "\""): replacement = "\\\""
            case UInt8(ascii: "\\"): replacement = "\\\\"
            case 0x0A: replacement = "\\n"
            case 0x0D: replacement = "\\r"
            case 0x09: replacement = "\\t"
            case 0x00..<0x20, 0x7F: replacement = "\\u00" + hexByte(byte)
            default: continue
            }
            output += Substring(text.utf8[pending..<index])
            output += replacement
            pending = utf8.index(after: index)
        }
        output += Substring(text.utf8[pending...])
    }
}

enum XMLEscaping {
    /// Character data: `&`, `<`, `>` escaped; characters XML 1.0 forbids become U+FFFD.
    static func text(_ text: String) -> String { escape(text, attribute: false) }

    /// An attribute value for double quotes; line breaks and tabs become character references
    /// so attribute normalisation keeps them.
    static func attribute(_ text: String) -> String { escape(text, attribute: true) }

    private static func escape(_ text: String, attribute: Bool) -> String {
        guard text.utf8.contains(where: { needsWork($0, attribute: attribute) }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where attribute: output += "&quot;"
            case "\n" where attribute: output += "&#10;"
            case "\r": output += "&#13;"
            case "\t" where attribute: output += "&#9;"
            case "\n", "\t": output.unicodeScalars.append(scalar)
            default:
                if isForbidden(scalar) {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    private static func needsWork(_ byte: UInt8, attribute: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): return true
        case UInt8(ascii: "\""), 0x0A, 0x09: return attribute
        case 0x00..<0x20: return true
        // U+FFFE and U+FFFF start with EF BF; checking the scalar is cheaper than missing them.
        case 0xEF: return true
        default: return false
        }
    }

    /// Control characters other than tab, line feed and carriage return, and the two
    /// non-characters U+FFFE and U+FFFF, may not appear in XML 1.0 at all.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}

func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
}
