/// `kind: faq`: a well-formed "Frequently Asked Questions" block, and JSON-LD that matches it.
struct FAQRule: Rule, RuleKind {
    static let name = "faq"
    static let summary = "Checks the FAQ: present when required, entry count, real questions, answers, duplicates, and matching JSON-LD."
    static let options: [(key: String, description: String)] = [
        ("required", "the article must have an FAQ"),
        ("min-entries", "the fewest questions"),
        ("max-entries", "the most questions"),
        ("question-mark", "every question ends with a question mark: '?' or another script's (？ ؟ ՞, Greek ';')"),
        ("answers", "every question has a non-empty answer"),
        ("min-answer-words", "the fewest words in an answer"),
        ("max-answer-words", "the most words in an answer"),
        ("unique-questions", "no question repeats (compared ignoring case, spacing and punctuation)"),
        ("structured-data", "a JSON-LD FAQPage, when present, lists the same questions as the page"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("No FAQ at all", options: "required: true",
                    article: "# Title\n\nText.\n", expected: ["1:1"]),
        RuleExample("A question without a question mark", options: "question-mark: true",
                    article: "# Title\n\n## FAQ\n\n### Is it safe\n\nYes.\n", expected: ["5:1"]),
        RuleExample("A question without an answer", options: "answers: true",
                    article: "# Title\n\n## FAQ\n\n### Is it safe?\n\n### Is it fast?\n\nYes.\n", expected: ["5:1"]),
        RuleExample("Too few entries", options: "min-entries: 3",
                    article: "# Title\n\n## Frequently Asked Questions\n\n### Is it safe?\n\nYes.\n", expected: ["3:1"]),
        RuleExample("The same question twice", options: "unique-questions: true",
                    article: "# Title\n\n## FAQ\n\n### Is it safe?\n\nYes.\n\n### Is it  safe?\n\nStill yes.\n", expected: ["9:1"]),
        RuleExample("Localized FAQ headings, and question marks of other scripts", options: "required: true\nmin-entries: 2\nquestion-mark: true\nanswers: true",
                    article: "# 标题\n\n## 常见问题\n\n### 它安全吗？\n\n安全。\n\n### هل هو سريع؟\n\nنعم.\n\n### Είναι δωρεάν;\n\nΝαι.\n", expected: []),
        RuleExample("A well-formed FAQ", options: "required: true\nmin-entries: 1\nquestion-mark: true\nanswers: true",
                    article: "# Title\n\n## FAQ\n\n### Is it safe?\n\nYes, it is.\n", expected: []),
    ]

    let definition: RuleDefinition
    var required = false
    var minEntries: Int?
    var maxEntries: Int?
    var questionMark = false
    var answers = false
    var minAnswerWords: Int?
    var maxAnswerWords: Int?
    var uniqueQuestions = false
    var structuredData = false

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = FAQRule(definition: definition)
        rule.required = options.bool("required") ?? false
        (rule.minEntries, rule.maxEntries) = options.bounds("min-entries", "max-entries", range: 0...1000)
        rule.questionMark = options.bool("question-mark") ?? false
        rule.answers = options.bool("answers") ?? false
        (rule.minAnswerWords, rule.maxAnswerWords) = options.bounds("min-answer-words", "max-answer-words", range: 0...100_000)
        rule.uniqueQuestions = options.bool("unique-questions") ?? false
        rule.structuredData = options.bool("structured-data") ?? false
        return rule
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        guard let faq = document.faq else {
            guard required else { return structuredOnly(document) }
            return [.aboutDocument(document, subject: "no-faq", message: "the article has no FAQ block")]
        }
        var findings: [Finding] = []
        let faqRange = faq.heading.map { document.blocks[$0].range } ?? SourceRange(at: faq.offset)
        let count = faq.entries.count
        if let minEntries, count < minEntries {
            findings.append(Finding(range: faqRange, message: "the FAQ has \(Plural.count(count, "question")); at least \(minEntries)", values: ["count": String(count)]))
        }
        if let maxEntries, count > maxEntries {
            findings.append(Finding(range: faqRange, message: "the FAQ has \(Plural.count(count, "question")); at most \(maxEntries)", values: ["count": String(count)]))
        }
        var seen: [String: Int] = [:]
        for entry in faq.entries {
            let question = document.blocks[entry.question]
            let text = question.text.text
            if questionMark, !QuestionMarks.endsWithQuestion(text) {
                findings.append(Finding(range: question.range, message: "FAQ question '\(text)' does not end with '?'", values: ["question": text], matchedText: text))
            }
            let answerWords = entry.answers.reduce(0) { $0 + context.unitWords[$1].count }
            if answers, answerWords == 0 {
                findings.append(Finding(range: question.range, message: "FAQ question '\(text)' has no answer", values: ["question": text], matchedText: text))
            }
            if answerWords > 0, let minAnswerWords, answerWords < minAnswerWords {
                findings.append(Finding(range: document.blocks[entry.answers[0]].range, message: "the answer to '\(text)' has \(Plural.count(answerWords, "word")); at least \(minAnswerWords)"))
            }
            if let maxAnswerWords, answerWords > maxAnswerWords {
                findings.append(Finding(range: document.blocks[entry.answers[0]].range, message: "the answer to '\(text)' has \(Plural.count(answerWords, "word")); at most \(maxAnswerWords)"))
            }
            if uniqueQuestions {
                let key = Self.normalize(text)
                if let first = seen[key] {
                    let line = document.location(of: document.blocks[first].range.start).line
                    findings.append(Finding(range: question.range, message: "FAQ question '\(text)' repeats the one on line \(line)", values: ["question": text], matchedText: text))
                } else {
                    seen[key] = entry.question
                }
            }
        }
        if structuredData { findings += compareStructuredData(faq, document) }
        return findings
    }

    /// With no visible FAQ, JSON-LD questions are all missing from the page.
    private func structuredOnly(_ document: Document) -> [Finding] {
        guard structuredData else { return [] }
        return document.structuredFAQ.map {
            Finding(range: SourceRange(at: $0.offset), message: "JSON-LD FAQ question '\($0.question)' is not on the page", values: ["question": $0.question])
        }
    }

    private func compareStructuredData(_ faq: FAQ, _ document: Document) -> [Finding] {
        let structured = document.structuredFAQ
        guard !structured.isEmpty else { return [] }
        var findings: [Finding] = []
        var unmatched = Array(structured.indices)
        var missing: [Int] = []
        for (position, entry) in faq.entries.enumerated() {
            let key = Self.normalize(document.blocks[entry.question].text.text)
            if let found = unmatched.firstIndex(where: { Self.normalize(structured[$0].question) == key }) {
                unmatched.remove(at: found)
            } else {
                missing.append(position)
            }
        }
        // A page question and a JSON-LD question left over at the same position are one question, reworded.
        for position in missing {
            let entry = faq.entries[position]
            let question = document.blocks[entry.question]
            if unmatched.contains(position) {
                unmatched.removeAll { $0 == position }
                findings.append(Finding(range: question.range,
                                        message: "FAQ question '\(question.text.text)' reads '\(structured[position].question)' in the JSON-LD",
                                        values: ["question": question.text.text], matchedText: question.text.text))
            } else {
                findings.append(Finding(range: question.range, message: "FAQ question '\(question.text.text)' is missing from the JSON-LD",
                                        values: ["question": question.text.text], matchedText: question.text.text))
            }
        }
        for index in unmatched {
            findings.append(Finding(range: SourceRange(at: structured[index].offset),
                                    message: "JSON-LD FAQ question '\(structured[index].question)' is not on the page",
                                    values: ["question": structured[index].question]))
        }
        return findings
    }

    /// Lower case, letters and digits only, single spaces.
    static func normalize(_ text: String) -> String {
        var copy = text
        let ascii = copy.withUTF8 { bytes -> String? in
            // ASCII: the same on bytes, without Unicode's tables (never longer than the text).
            var isASCII = true
            let normalized = String(unsafeUninitializedCapacity: bytes.count) { output in
                var length = 0
                var pendingSpace = false
                for byte in bytes {
                    guard byte < 0x80 else {
                        isASCII = false
                        return 0
                    }
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    guard (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) else {
                        pendingSpace = length > 0
                        continue
                    }
                    if pendingSpace {
                        output[length] = 0x20
                        length += 1
                    }
                    pendingSpace = false
                    output[length] = lower
                    length += 1
                }
                return length
            }
            return isASCII ? normalized : nil
        }
        if let ascii { return ascii }
        return text.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }
}
