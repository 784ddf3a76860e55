/// What a spelling check leaves alone, decided on a word's bytes and the bytes around it.
///
/// The tokenizer already drops whole chunks that are URLs, e-mail addresses, file and host names
/// and code (`snake_case`, `f()`, `a=b`, `/usr/bin`, `index.html`, `os.path`), and readers drop
/// code blocks and inline code. This adds what is not prose inside or around a word: template
/// syntax (`{{ page.title }}`, `{% endif %}`, `<% end %>`, `${name}`, `{props.x}`), command-line
/// flags (`--verbose`), dotfiles (`.gitignore`), variables and handles (`$HOME`, `@octocat`,
/// `#general`, `jaybe@jekyll`), calls (`print(x)`), emoji shortcodes (`:tada:`), numbers with units, hex strings
/// and hashes, identifiers (`camelCase`, `PascalCase`, `SQLite`), acronyms (`NASA`, `APIs`),
/// dotted abbreviations (`e.g.`) and words in a script the dictionary does not use.
enum NonProse {
    /// Byte ranges of template syntax in `bytes`: balanced `{…}` (which covers `{{…}}`, `{%…%}`,
    /// `{#…#}`, `${…}`, Hugo's `{{< … >}}`, MDX expressions) and `<%…%>`. An opener that is never
    /// closed in the text marks nothing, so a stray brace cannot hide the rest of a paragraph.
    static func templateSpans(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var openBraces: [Int] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                // A deeply nested run of braces is not a template anyone wrote; bound the stack.
                if openBraces.count < 64 { openBraces.append(index) }
            case UInt8(ascii: "}"):
                if let open = openBraces.popLast(), openBraces.isEmpty { spans.append(open..<index + 1) }
            case UInt8(ascii: "<") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "%") && openBraces.isEmpty:
                var close = index + 2
                while close + 1 < bytes.count, !(bytes[close] == UInt8(ascii: "%") && bytes[close + 1] == UInt8(ascii: ">")) { close += 1 }
                if close + 1 < bytes.count {
                    spans.append(index..<close + 2)
                    index = close + 1
                }
            default:
                break
            }
            index += 1
        }
        return spans
    }

    /// Whether the word at `range` is part of something other than prose, judged by the bytes
    /// next to it in the same whitespace-separated chunk.
    static func isMarkedUp(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let before = range.lowerBound > 0 ? bytes[range.lowerBound - 1] : 0x20
        let after = range.upperBound < bytes.count ? bytes[range.upperBound] : 0x20
        switch before {
        case UInt8(ascii: "$"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "\\"), UInt8(ascii: "~"):
            return true
        case UInt8(ascii: "-"):
            // `--flag`, `-flag` at the start of a chunk; a dash between words is prose.
            return range.lowerBound < 2 || isBlank(bytes[range.lowerBound - 2]) || bytes[range.lowerBound - 2] == UInt8(ascii: "-")
        case UInt8(ascii: "."):
            // `.gitignore`, `.env`: a dot that starts the chunk.
            return range.lowerBound < 2 || isBlank(bytes[range.lowerBound - 2])
        case UInt8(ascii: ":"):
            // `:tada:`
            if after == UInt8(ascii: ":") { return true }
        case UInt8(ascii: "("):
            // The argument of a call: `print(value)` (a space before the parenthesis is prose).
            if range.lowerBound >= 2, !isBlank(bytes[range.lowerBound - 2]), bytes[range.lowerBound - 2] < 0x80,
               WordTokenizer.isWordCharacter(Unicode.Scalar(bytes[range.lowerBound - 2])) { return true }
        default:
            break
        }
        // `print(x)`, `name@host` (a handle the tokenizer did not take for an address).
        return after == UInt8(ascii: "(") || after == UInt8(ascii: "@") || after == UInt8(ascii: "$") || after == UInt8(ascii: "%")
    }

    /// Whether a word (no hyphen) needs a dictionary at all, judged by its letters alone.
    static func isIdentifierOrAcronym(_ word: UnsafeBufferPointer<UInt8>, acronymLength: Int) -> Bool {
        var uppercase = 0, lowercase = 0, letters = 0
        var lowerThenUpper = false
        var leadingCapitals = 0
        var previousLower = false
        var index = 0
        while index < word.count {
            let byte = word[index]
            let isUpper: Bool, isLower: Bool
            if byte < 0x80 {
                index += 1
                isUpper = byte >= 0x41 && byte <= 0x5A
                isLower = byte >= 0x61 && byte <= 0x7A
            } else {
                let (scalar, length) = WordTokenizer.decode(word, at: index)
                index += length
                isUpper = scalar.properties.isUppercase
                isLower = scalar.properties.isLowercase
            }
            if isUpper {
                uppercase += 1
                if previousLower { lowerThenUpper = true }
                if lowercase == 0 { leadingCapitals += 1 }
                previousLower = false
                letters += 1
            } else if isLower {
                lowercase += 1
                previousLower = true
                letters += 1
            } else {
                previousLower = false
            }
        }
        if letters <= 1 { return true }
        // camelCase, PascalCase with a capital after a small letter: identifiers and names.
        if lowerThenUpper { return true }
        // NASA, HTTPS: acronyms up to the configured length.
        if lowercase == 0 { return uppercase <= acronymLength }
        // APIs, URLs: an acronym and a plural s.
        if lowercase == 1, leadingCapitals >= 2, word.last == UInt8(ascii: "s") { return leadingCapitals <= acronymLength }
        // SQLite, HTTPie: an acronym that starts a name (two capitals may be a typo: "THe").
        return leadingCapitals >= 3
    }

    /// Only the letters a-f, eight or more of them: a hex string or hash, not a misspelling.
    static func isHex(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        word.count >= 8 && word.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "f") }
    }

    /// A digit anywhere: numbers with units (`10px`, `3rd`), versions, model names, hashes.
    static func hasDigit(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        word.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A letter beyond ASCII that the dictionary does not list among its own: the word is in
    /// another script, or a borrowed name ("Dvořák"), and the dictionary has no say. A word that
    /// mixes ASCII letters with letters of a script other than Latin ("сontain" with a Cyrillic
    /// "с") is not foreign but a typo or a homoglyph, and is checked.
    static func hasForeignLetter(_ word: UnsafeBufferPointer<UInt8>, letters: Set<Unicode.Scalar>) -> Bool {
        var foreign = false
        var nonLatin = false
        var asciiLetter = false
        var index = 0
        while index < word.count {
            if word[index] < 0x80 {
                asciiLetter = asciiLetter || (word[index] | 0x20 >= 0x61 && word[index] | 0x20 <= 0x7A)
                index += 1
                continue
            }
            let (scalar, length) = WordTokenizer.decode(word, at: index)
            index += length
            guard scalar.properties.isAlphabetic else { continue }
            if !isLatin(scalar) { nonLatin = true }
            if !letters.contains(scalar) { foreign = true }
        }
        return foreign && !(asciiLetter && nonLatin)
    }

    /// Latin letters beyond ASCII: Latin-1 Supplement, Extended-A and -B, Extended Additional.
    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        (0xC0...0x24F).contains(scalar.value) || (0x1E00...0x1EFF).contains(scalar.value)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "\"")
    }
}
