/// Question marks of every script, for FAQ questions: `?`, fullwidth `？`, Arabic `؟`, Armenian
/// `՞`, Ethiopic `፧`, `‽`, `⁇`... and Greek's semicolon after a Greek word ("Τι είναι;").
enum QuestionMarks {
    static func isQuestionMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "?", "\u{FF1F}", "\u{061F}", "\u{037E}", "\u{055E}", "\u{1367}", "\u{2E2E}", "\u{203D}", "\u{2047}", "\u{2048}", "\u{2049}",
             "\u{FE16}", "\u{FE56}", "\u{A60F}", "\u{1945}", "\u{2CFA}", "\u{2CFB}":
            return true
        default:
            return false
        }
    }

    /// Whether `text` ends in a question mark, closing quotes and brackets after it aside:
    /// "Is it safe?", "¿Es seguro?", "它安全吗？", "هل هو آمن؟", "Είναι ασφαλές;", "(Is it?)".
    static func endsWithQuestion(_ text: String) -> Bool {
        if let last = text.utf8.last(where: { $0 != 0x20 && !($0 >= 0x09 && $0 <= 0x0D) }), last < 0x80 {
            // An ASCII end settles most questions without decoding: `?`, or a closer to look behind.
            if last == UInt8(ascii: "?") { return true }
            if !isASCIICloser(last), last != UInt8(ascii: ";") { return false }
        }
        return lastMark(of: text) != nil
    }

    private static func isASCIICloser(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
    }

    /// Where the final question mark starts (its index among the text's scalars), when there is one.
    static func lastMark(of text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        var index = scalars.count - 1
        while index >= 0, SentenceSplitter.isCloser(scalars[index]) || scalars[index].properties.isWhitespace { index -= 1 }
        guard index >= 0 else { return nil }
        if isQuestionMark(scalars[index]) { return index }
        // Greek writes its question mark as a semicolon.
        if scalars[index] == ";" {
            var before = index - 1
            while before >= 0, SentenceSplitter.isCloser(scalars[before]) { before -= 1 }
            if before >= 0, (0x0370...0x03FF).contains(scalars[before].value) || (0x1F00...0x1FFF).contains(scalars[before].value) { return index }
        }
        return nil
    }

    /// Whether `text` is one question and nothing else: it ends in a question mark and no
    /// sentence ends before it ("Is it safe? Yes." is not).
    static func isSingleQuestion(_ text: String) -> Bool {
        guard endsWithQuestion(text) else { return false }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: a question mark at the end (closers aside) and no `.`, `!` or `?` before it.
            var bytes = Array(text.utf8)
            while let last = bytes.last, last == 0x20 || (last >= 0x09 && last <= 0x0D) || isASCIICloser(last) { bytes.removeLast() }
            return !bytes.dropLast().contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") }
        }
        guard let mark = lastMark(of: text) else { return false }
        return !text.unicodeScalars.prefix(mark).contains { SentenceSplitter.isTerminator($0) || isQuestionMark($0) }
    }
}
