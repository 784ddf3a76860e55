/// An explicit question-and-answer structure a reader met (DocBook `qandaset`, a `<dl>` or
/// `<details>` group, entries a vocabulary maps), before the outline is known.
struct FAQCandidate {
    var faq: FAQ
    /// Counts only inside an FAQ section (a `<dl>` or `<details>` anywhere else is not an FAQ).
    var isConditional: Bool
    /// The first heading inside the structure (a qandaset's title).
    var ownHeading: Int?
    /// Blocks that took a question or answer role inside it.
    var members: [Int] = []

    init(faq: FAQ, isConditional: Bool) {
        self.faq = faq
        self.isConditional = isConditional
    }
}

/// Finds the visible FAQ once the document is built and its sections known: an explicit
/// structure (DocBook `qandaset`, `<dl>`, `<details>`, mapped entries), or an "FAQ" / "Frequently
/// Asked Questions" section whose sub-headings (or `?` paragraphs) are the questions. A pass of its
/// own, beside `SectionBuilder`, so readers only report what they see.
enum FAQAssembler {
    static func assemble(_ document: inout Document, candidates: [FAQCandidate], extraHeadings: [String] = []) {
        var kept: [FAQ] = []
        // The FAQ section each kept structure sits in (nil: none): siblings in the same one
        // (several <details>, entries of a mapped vocabulary) form one FAQ.
        var keptSections: [Int?] = []
        for candidate in candidates {
            let anchor = candidate.members.first ?? document.blocks.firstIndex { $0.range.start >= candidate.faq.offset }
            let sectionHeading = anchor.flatMap { faqSectionHeading(containing: $0, in: document, extraHeadings: extraHeadings) }
            if candidate.isConditional, sectionHeading == nil {
                // Not an FAQ after all: its questions and answers are plain text.
                for block in candidate.members { document.blocks[block].role = .body }
                continue
            }
            var faq = candidate.faq
            faq.heading = sectionHeading ?? candidate.ownHeading
            if faq.origin != .qandaset, let same = kept.indices.last(where: { kept[$0].origin == faq.origin && keptSections[$0] == sectionHeading }) {
                kept[same].entries += faq.entries
            } else {
                kept.append(faq)
                keptSections.append(sectionHeading)
            }
        }
        document.faq = faq(explicit: kept, in: &document, extraHeadings: extraHeadings)
    }

    /// The heading of the innermost FAQ section holding block `index`, if any.
    private static func faqSectionHeading(containing index: Int, in document: Document, extraHeadings: [String]) -> Int? {
        var section = document.blocks[index].section
        while let current = section {
            let heading = document.sections[current].heading
            if isFAQHeading(document.blocks[heading].text.text, extra: extraHeadings) { return heading }
            section = document.sections[current].parent
        }
        return nil
    }

    /// Whether a heading opens the FAQ: one of the names in `FAQHeadings` (many languages) or
    /// `extra` (the configuration's), in any case, with or without a trailing `?`, `:` or `.`
    /// of any script and a trailing "(FAQ)".
    static func isFAQHeading(_ text: String, extra: [String] = []) -> Bool {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        // Most headings start with three bytes no built-in name starts with: settled at once.
        guard let start = text.utf8.firstIndex(where: { !isSpace($0) }) else { return false }
        if text.utf8[start] < 0x80, extra.isEmpty, !FAQHeadings.openings.contains(FAQHeadings.opening(Array(text.utf8[start...].prefix(3)))) {
            return false
        }
        let normalized = FAQHeadings.normalize(text)
        if FAQHeadings.names.contains(normalized) || extra.contains(where: { FAQHeadings.normalize($0) == normalized }) { return true }
        return FAQHeadings.englishPrefixes.contains { normalized.hasPrefix($0) }
    }

    private static func faq(explicit sets: [FAQ], in document: inout Document, extraHeadings: [String]) -> FAQ? {
        let usable = sets.map { set -> FAQ in
            var copy = set
            copy.entries.removeAll { $0.question < 0 }
            return copy
        }.filter { !$0.entries.isEmpty }
        if let chosen = usable.first(where: { $0.heading != nil }) ?? usable.first {
            return chosen
        }
        guard let heading = document.headings.first(where: { isFAQHeading(document.blocks[$0].text.text, extra: extraHeadings) }),
              let sectionIndex = document.blocks[heading].section else { return nil }
        let section = document.sections[sectionIndex]
        var entries: [FAQEntry] = []
        if !section.children.isEmpty {
            for child in section.children.map({ document.sections[$0] }) {
                let answers = child.blocks.dropFirst().filter { document.blocks[$0].kind != .heading }
                entries.append(FAQEntry(question: child.heading, answers: Array(answers), offset: document.blocks[child.heading].range.start))
            }
        } else {
            for index in section.blocks.dropFirst() {
                let block = document.blocks[index]
                if isQuestion(block) {
                    entries.append(FAQEntry(question: index, answers: [], offset: block.range.start))
                } else if !entries.isEmpty {
                    entries[entries.count - 1].answers.append(index)
                }
            }
        }
        for entry in entries {
            document.blocks[entry.question].role = .faqQuestion
            for answer in entry.answers { document.blocks[answer].role = .faqAnswer }
        }
        return FAQ(origin: .section, heading: heading, offset: document.blocks[heading].range.start, entries: entries)
    }

    /// A paragraph that is only a question: `**Can it be rebuilt?**` or one sentence ending in a
    /// question mark of any script ("?", "？", "؟", Greek ";"): the sentence splitter knows that
    /// "Is it legal in the U.S.?" is one.
    static func isQuestion(_ block: Block) -> Bool {
        let text = block.text.text
        guard QuestionMarks.endsWithQuestion(text) else { return false }
        if block.isEmphasized { return true }
        return QuestionMarks.isSingleQuestion(text) || SentenceSplitter.sentences(in: text).count == 1
    }
}
