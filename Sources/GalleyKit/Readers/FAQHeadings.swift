/// The headings that open an article's FAQ, in the languages Galley's users write in. Compared
/// after `normalize`: lowercase, single spaces, without a trailing "(FAQ)" or a trailing `?`,
/// `:` or `.` of any script. `.galley.yml` adds more with `faq: headings: [...]`.
enum FAQHeadings {
    static let names: Set<String> = [
        // English
        "faq", "faqs", "frequently asked questions", "frequently-asked questions", "questions and answers", "questions & answers",
        "q&a", "q & a", "common questions",
        // Spanish
        "preguntas frecuentes", "preguntas más frecuentes", "preguntas y respuestas", "preguntas comunes",
        // Portuguese
        "perguntas frequentes", "perguntas mais frequentes", "perguntas e respostas", "dúvidas frequentes", "perguntas comuns",
        // German
        "häufig gestellte fragen", "häufige fragen", "oft gestellte fragen", "fragen und antworten",
        // French
        "foire aux questions", "questions fréquentes", "questions fréquemment posées", "questions courantes",
        "questions et réponses", "questions-réponses",
        // Italian
        "domande frequenti", "domande e risposte", "domande comuni",
        // Dutch
        "veelgestelde vragen", "veel gestelde vragen", "vragen en antwoorden",
        // Russian, Ukrainian, Polish, Turkish
        "часто задаваемые вопросы", "частые вопросы", "вопросы и ответы", "поширені запитання", "часті запитання",
        "najczęściej zadawane pytania", "pytania i odpowiedzi", "sıkça sorulan sorular", "sık sorulan sorular",
        // Japanese
        "よくある質問", "よくあるご質問", "よくある質問と回答", "質問と回答",
        // Chinese (simplified and traditional)
        "常见问题", "常見問題", "常见问题解答", "常見問題解答", "常见问答", "常見問答", "问与答", "問與答",
        // Korean, Arabic, Persian, Hindi
        "자주 묻는 질문", "자주 하는 질문", "الأسئلة الشائعة", "أسئلة شائعة", "الأسئلة المتكررة", "أسئلة وأجوبة",
        "سوالات متداول", "پرسش‌های متداول", "अक्सर पूछे जाने वाले प्रश्न",
    ]

    /// English headings that only start with a name: "FAQ: billing", "Frequently asked questions about X".
    static let englishPrefixes = ["faq ", "faqs ", "faq:", "frequently asked questions "]

    /// The first three bytes of every name, ASCII letters lowercased and other bytes alike: a
    /// heading that starts with an ASCII letter and three other bytes is settled without
    /// normalizing it.
    static let openings: Set<UInt32> = Set(names.map { opening(Array($0.utf8.prefix(3))) })

    static func opening(_ bytes: [UInt8]) -> UInt32 {
        // Bytes of other letters all count alike: their case changes them (Ä is C3 84, ä C3 A4).
        func fold(_ byte: UInt8) -> UInt32 { byte >= 0x80 ? 0xFF : UInt32(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        var value: UInt32 = 0
        for index in 0..<3 { value = value << 8 | (index < bytes.count ? fold(bytes[index]) : 0) }
        return value
    }

    static func normalize(_ heading: String) -> String {
        if heading.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(heading) }
        var text = heading.lowercased()
        func trimEnd() {
            while let last = text.unicodeScalars.last, last.properties.isWhitespace || last == ":" || last == "." || last == "\u{FF1A}"
                || last == "\u{3002}" || QuestionMarks.isQuestionMark(last) {
                text.unicodeScalars.removeLast()
            }
        }
        trimEnd()
        for suffix in ["(faq)", "(faqs)"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text.removeLast(suffix.count)
            trimEnd()
        }
        while let first = text.unicodeScalars.first, first.properties.isWhitespace { text.unicodeScalars.removeFirst() }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The same on bytes, for the ASCII headings most articles have.
    private static func normalizeASCII(_ heading: String) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(heading.utf8.count)
        for byte in heading.utf8 {
            if isSpace(byte) {
                if let last = bytes.last, last != 0x20 { bytes.append(0x20) }
            } else {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
        }
        func trimEnd() {
            while let last = bytes.last, last == 0x20 || last == UInt8(ascii: ":") || last == UInt8(ascii: "?") || last == UInt8(ascii: ".") {
                bytes.removeLast()
            }
        }
        trimEnd()
        for suffix in ["(faq)", "(faqs)"] where bytes.count > suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) {
            bytes.removeLast(suffix.utf8.count)
            trimEnd()
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
