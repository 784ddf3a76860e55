/// Makes a replacement safe for the place it goes in the source, so that the text a reader gets
/// back is exactly the replacement: entities in HTML and XML, backslashes in Markdown. Where no
/// escape would be safe (YAML scalars, whose quoting an edit cannot see), only plain text is
/// allowed and anything else is no fix at all.
enum ReplacementEscaping {
    enum Place: Equatable {
        /// Markdown prose; `atLineStart` when only indentation or quote markers precede it.
        case markdown(atLineStart: Bool)
        /// HTML or XML text, or an attribute value quoted with `quote`.
        case markup(quote: UInt8?)
        /// Inside `<![CDATA[ ... ]]>`, where entities are not read.
        case characterData
        /// A YAML scalar (front matter, a YAML article), whatever its style.
        case yaml
    }

    /// The replacement as it must be written, or nil when it cannot be written there safely.
    static func escape(_ text: String, for place: Place) -> String? {
        switch place {
        case .markdown(let atLineStart): return markdown(text, atLineStart: atLineStart)
        case .markup(let quote): return markup(text, quote: quote)
        case .characterData: return text.contains("]]>") ? nil : text
        case .yaml: return isPlainYAML(text) ? text : nil
        }
    }

    /// A backslash before each character CommonMark could read as syntax where it stands (each
    /// is an allowed escape, so the rendered text is unchanged): emphasis, code, links, a brace, a `<` that
    /// could open a tag, a `&` that could start an entity, and a list, quote or heading mark at
    /// a line's start. "R&D" stays "R&D".
    private static func markdown(_ text: String, atLineStart: Bool) -> String? {
        guard !text.contains(where: \.isNewline) else { return nil }
        let characters = Array(text)
        var output = ""
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let needs: Bool
            switch character {
            // Braces open MDX expressions and Liquid, Jinja and Hugo tags.
            case "\\", "`", "*", "_", "[", "]", "|", "~", "{", "}": needs = true
            case "<": needs = next.map { $0.isLetter || $0 == "/" || $0 == "!" || $0 == "?" } ?? false
            case "&": needs = startsEntity(characters[(index + 1)...])
            case "!": needs = next == "["
            case "#", ">", "-", "+", "=": needs = index == 0 && atLineStart
            default: needs = false
            }
            if needs { output.append("\\") }
            output.append(character)
        }
        // "1." at a line's start would open an ordered list.
        if atLineStart, let dot = output.firstIndex(where: { $0 == "." || $0 == ")" }),
           !output[..<dot].isEmpty, output[..<dot].allSatisfy(\.isASCII), output[..<dot].allSatisfy(\.isNumber) {
            output.insert("\\", at: dot)
        }
        return output
    }

    /// `name;`, `#123;` or `#x1F;` after a `&`: an entity reference Markdown would decode.
    private static func startsEntity(_ rest: ArraySlice<Character>) -> Bool {
        guard let end = rest.firstIndex(of: ";"), end > rest.startIndex else { return false }
        return rest[..<end].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") }
    }

    private static func markup(_ text: String, quote: UInt8?) -> String? {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quote == UInt8(ascii: "\""): output += "&quot;"
            case "'" where quote == UInt8(ascii: "'"): output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Words, digits, spaces, inner hyphens and full stops: text that reads the same in a plain,
    /// single-quoted, double-quoted or block scalar, in block or flow context.
    static func isPlainYAML(_ text: String) -> Bool {
        guard let first = text.first else { return true }
        if first == "-" || first == " " || text.last == " " { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "." }
    }
}
