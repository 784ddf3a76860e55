/// HTML/XML character references, for aligning decoded text with its source. Numeric references
/// decode exactly; named ones come from a table of those common in prose (the aligner treats any
/// other well-formed `&name;` as one character).
enum CharacterReference {
    /// The reference at `start`: bytes of source it spans and the UTF-8 it stands for.
    static func decode(at start: Int, in source: [UInt8], end: Int) -> (Int, [UInt8])? {
        guard start + 2 < end, source[start] == UInt8(ascii: "&") else { return nil }
        var index = start + 1
        if source[index] == UInt8(ascii: "#") {
            index += 1
            var radix: UInt32 = 10
            if index < end, source[index] == UInt8(ascii: "x") || source[index] == UInt8(ascii: "X") {
                radix = 16
                index += 1
            }
            var value: UInt32 = 0
            let digitsStart = index
            while index < end, index - digitsStart < 8, let digit = digitValue(source[index], radix: radix) {
                value = value * radix + digit
                index += 1
            }
            guard index > digitsStart, index < end, source[index] == UInt8(ascii: ";") else { return nil }
            let scalar = Unicode.Scalar(value == 0 ? 0xFFFD : value) ?? "\u{FFFD}"
            return (index + 1 - start, Array(String(Character(scalar)).utf8))
        }
        let nameStart = index
        while index < end, index - nameStart < 32, SourceAligner.isAlphanumeric(source[index]) { index += 1 }
        guard index > nameStart, index < end, source[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: source[nameStart..<index], as: UTF8.self)
        guard let value = named[name] else { return nil }
        return (index + 1 - start, Array(value.utf8))
    }

    /// Decodes every reference in `text` (used for JSON-LD answers, which may hold HTML).
    static func decodeAll(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), let (length, value) = decode(at: index, in: bytes, end: bytes.count) {
                output.append(contentsOf: value)
                index += length
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case 48...57: return UInt32(byte - 48)
        case 65...70 where radix == 16: return UInt32(byte - 55)
        case 97...102 where radix == 16: return UInt32(byte - 87)
        default: return nil
        }
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "sbquo": "\u{201A}", "bdquo": "\u{201E}", "laquo": "\u{AB}", "raquo": "\u{BB}",
        "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "deg": "\u{B0}", "plusmn": "\u{B1}", "times": "\u{D7}",
        "divide": "\u{F7}", "middot": "\u{B7}", "bull": "\u{2022}", "para": "\u{B6}", "sect": "\u{A7}", "shy": "\u{AD}",
        "euro": "\u{20AC}", "pound": "\u{A3}", "yen": "\u{A5}", "cent": "\u{A2}", "frac12": "\u{BD}", "frac14": "\u{BC}",
        "frac34": "\u{BE}", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "iexcl": "\u{A1}", "iquest": "\u{BF}", "prime": "\u{2032}", "Prime": "\u{2033}", "larr": "\u{2190}", "rarr": "\u{2192}",
        "aacute": "á", "eacute": "é", "iacute": "í", "oacute": "ó", "uacute": "ú", "Aacute": "Á", "Eacute": "É",
        "agrave": "à", "egrave": "è", "ograve": "ò", "Agrave": "À", "Egrave": "È", "acirc": "â", "ecirc": "ê",
        "icirc": "î", "ocirc": "ô", "ucirc": "û", "auml": "ä", "euml": "ë", "iuml": "ï", "ouml": "ö", "uuml": "ü",
        "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "ccedil": "ç", "Ccedil": "Ç", "ntilde": "ñ", "Ntilde": "Ñ",
        "aring": "å", "Aring": "Å", "aelig": "æ", "AElig": "Æ", "oslash": "ø", "Oslash": "Ø", "atilde": "ã", "otilde": "õ",
    ]
}
