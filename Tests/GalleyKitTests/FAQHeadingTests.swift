import Testing
@testable import GalleyKit

/// FAQ headings in many languages, and question marks of every script.
@Suite struct FAQHeadingTests {
    @Test(arguments: ["FAQ", "FAQs:", "Frequently Asked Questions", "frequently  asked questions?", "Common questions", "Q&A",
                      "Preguntas frecuentes", "PREGUNTAS FRECUENTES", "Perguntas frequentes", "Häufig gestellte Fragen", "HÄUFIGE FRAGEN",
                      "Foire aux questions", "Questions fréquentes (FAQ)", "Domande frequenti", "Veelgestelde vragen",
                      "Часто задаваемые вопросы", "よくある質問", "よくある質問？", "常见问题", "常見問題：", "자주 묻는 질문",
                      "الأسئلة الشائعة", "अक्सर पूछे जाने वाले प्रश्न", "FAQ: billing"])
    func recognized(heading: String) {
        #expect(FAQAssembler.isFAQHeading(heading), "\(heading)")
    }

    @Test(arguments: ["Questions", "Frequent flyers", "Quick take", "Domestic questions", "Preguntas", "質問", "Do I need it?"])
    func notFAQHeadings(heading: String) {
        #expect(!FAQAssembler.isFAQHeading(heading), "\(heading)")
    }

    @Test func configuredHeadings() {
        #expect(!FAQAssembler.isFAQHeading("Dúvidas comuns"))
        #expect(FAQAssembler.isFAQHeading("dúvidas  comuns:", extra: ["Dúvidas comuns"]))
    }

    @Test(arguments: [("Is it safe?", true), ("Is it safe", false), ("(Is it safe?)", true), ("¿Es seguro?", true), ("它安全吗？", true),
                      ("هل هو آمن؟", true), ("Είναι ασφαλές;", true), ("Is it; safe;", false), ("Ինչպե՞ս ես", false), ("Really?!", false),
                      ("\"Is it?\"", true), ("Is it?  ", true)])
    func questionMarks(text: String, isQuestion: Bool) {
        #expect(QuestionMarks.endsWithQuestion(text) == isQuestion, "\(text)")
    }

    @Test(arguments: [("Is it safe?", true), ("It is. Is it safe?", false), ("它安全吗？", true), ("是的。它安全吗？", false),
                      ("Is v1.2 safe?", false)])
    func singleQuestions(text: String, single: Bool) {
        #expect(QuestionMarks.isSingleQuestion(text) == single, "\(text)")
    }
}
