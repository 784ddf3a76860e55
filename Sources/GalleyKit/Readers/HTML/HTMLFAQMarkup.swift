import MarkupParser

/// FAQ markup as sites publish it, as roles for the HTML vocabulary: the configuration's
/// `html: faq:` selectors first, then WordPress's Yoast SEO and Rank Math FAQ blocks, schema.org
/// microdata (`Question` with an `acceptedAnswer`), and accordions (a button or heading that
/// opens a panel through `aria-controls`). Each is an FAQ like a "Frequently Asked Questions"
/// section, and is compared with the page's JSON-LD `FAQPage` the same way.
struct HTMLFAQMarkup {
    let page: PageTree
    let inside: (Int32) -> Bool
    /// Heading levels of the accordion triggers that stand alone (`PageLayout`).
    let triggerLevels: [Int32: Int?]
    private(set) var roles: [Int32: MarkupRole] = [:]

    init(page: PageTree, inside: @escaping (Int32) -> Bool, triggerLevels: [Int32: Int?],
         configured: (entries: [Int32], questions: Set<Int32>, answers: Set<Int32>)?) {
        self.page = page
        self.inside = inside
        self.triggerLevels = triggerLevels
        if let configured { assignConfigured(configured) }
        assignWordPressBlocks()
        assignMicrodata()
        assignAccordions()
    }

    /// Whether the page has any of the markup this looks for (most pages have none): microdata
    /// types, panels a button controls, or a WordPress FAQ block's class.
    static func mayHold(_ tree: MarkupTree) -> Bool {
        for attribute in tree.attributes {
            switch attribute.name {
            case "itemtype", "aria-controls": return true
            case "class", "id": if contains(attribute.value, "schema-faq") || contains(attribute.value, "rank-math") { return true }
            default: break
            }
        }
        return false
    }

    /// Byte search: `String.contains` compares characters, which costs more than a page's worth of parsing here.
    private static func contains(_ text: String, _ needle: StaticString) -> Bool {
        let bytes = text.utf8
        let count = needle.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return needle.withUTF8Buffer { wanted in
            var window = bytes.startIndex
            while bytes.distance(from: window, to: bytes.endIndex) >= count {
                if bytes[window] == wanted[0], bytes[window...].starts(with: wanted) { return true }
                window = bytes.index(after: window)
            }
            return false
        }
    }

    // MARK: Configured

    private mutating func assignConfigured(_ selected: (entries: [Int32], questions: Set<Int32>, answers: Set<Int32>)) {
        for entry in selected.entries where inside(entry) && roles[entry] == nil {
            roles[entry] = .faqEntry(defaultRole: .body, origin: .configured)
            for node in page.elements(in: entry) where node != entry {
                if selected.questions.contains(node) { setQuestion(node, startsEntry: false) }
                else if selected.answers.contains(node) { assign(node, .faqAnswer(kind: .paragraph)) }
            }
        }
    }

    // MARK: WordPress blocks

    private static let yoastSets: Set<Substring> = ["schema-faq", "wp-block-yoast-faq-block"]
    private static let rankMathSets: Set<Substring> = ["rank-math-block", "wp-block-rank-math-faq-block", "rank-math-faq"]

    /// Yoast: `.schema-faq > .schema-faq-section > (.schema-faq-question, .schema-faq-answer)`.
    /// Rank Math: `.rank-math-block > .rank-math-list > .rank-math-list-item > (.rank-math-question, .rank-math-answer)`
    /// (older and newer blocks name the item `.rank-math-faq-item`).
    private mutating func assignWordPressBlocks() {
        for index in 0..<Int32(page.count) where page.isElement(index) && inside(index) && roles[index] == nil {
            let classes = classWords(index)
            guard !classes.isEmpty else { continue }
            let origin: FAQ.Origin
            let entryClasses: Set<Substring>
            let question: Substring
            let answer: Substring
            if !classes.isDisjoint(with: Self.yoastSets) {
                (origin, entryClasses, question, answer) = (.yoast, ["schema-faq-section"], "schema-faq-question", "schema-faq-answer")
            } else if !classes.isDisjoint(with: Self.rankMathSets) || page.attribute("id", of: index) == "rank-math-faq" {
                (origin, entryClasses, question, answer) = (.rankMath, ["rank-math-list-item", "rank-math-faq-item"], "rank-math-question", "rank-math-answer")
            } else {
                continue
            }
            let entries = page.elements(in: index).filter { !classWords($0).isDisjoint(with: entryClasses) }
            guard !entries.isEmpty else { continue }
            roles[index] = .faqSet(origin, always: true)
            for entry in entries where roles[entry] == nil {
                roles[entry] = .faqEntry(defaultRole: .body, origin: origin)
                for node in page.elements(in: entry) where node != entry && roles[node] == nil {
                    let words = classWords(node)
                    if words.contains(question) { setQuestion(node, startsEntry: false) }
                    else if words.contains(answer) { assign(node, .faqAnswer(kind: .paragraph)) }
                }
            }
        }
    }

    // MARK: Microdata

    private func itemType(_ index: Int32) -> Substring? {
        guard let type = page.attribute("itemtype", of: index) else { return nil }
        // "https://schema.org/Question" (sometimes several types, space-separated).
        return type.split(separator: " ").lazy.compactMap { $0.split(separator: "/").last }.first
    }

    private mutating func assignMicrodata() {
        for index in 0..<Int32(page.count) where page.isElement(index) && inside(index) && roles[index] == nil {
            switch itemType(index) {
            case "FAQPage"?:
                let hasQuestions = page.elements(in: index).contains { itemType($0) == "Question" }
                if hasQuestions { roles[index] = .faqSet(.microdata, always: true) }
            case "Question"?:
                assignMicrodataQuestion(index)
            default:
                break
            }
        }
    }

    /// A `Question` item: its `name` (outside the answer) is the question, its `acceptedAnswer` the answer.
    private mutating func assignMicrodataQuestion(_ entry: Int32) {
        let answers = page.elements(in: entry).filter { $0 != entry && (itemType($0) == "Answer" || itemProperty($0, is: "acceptedAnswer")) }
        let name = page.elements(in: entry).first { node in
            node != entry && itemProperty(node, is: "name") && !answers.contains { page.contains($0, node) }
        }
        guard let name, !answers.isEmpty else { return }
        roles[entry] = .faqEntry(defaultRole: .body, origin: .microdata)
        setQuestion(name, startsEntry: false)
        for answer in answers where !answers.contains(where: { $0 != answer && page.contains($0, answer) }) {
            assign(answer, .faqAnswer(kind: .paragraph))
        }
    }

    private func itemProperty(_ index: Int32, is name: Substring) -> Bool {
        page.attribute("itemprop", of: index)?.split(separator: " ").contains(name) ?? false
    }

    // MARK: Accordions

    /// Each trigger with a panel it controls: the question is the trigger (or the heading around
    /// it), the answer the panel. Pairs that share nothing but their container are entries of it
    /// (`<button>`, panel, `<button>`, panel…); a pair with a wrapper of its own makes that
    /// wrapper the entry, and the wrappers' parent the FAQ.
    private mutating func assignAccordions() {
        var ids: [String: Int32] = [:]
        for index in 0..<Int32(page.count) where page.isElement(index) && inside(index) {
            if let id = page.attribute("id", of: index), ids[id] == nil { ids[id] = index }
        }
        var pairs: [(question: Int32, panel: Int32, common: Int32)] = []
        for trigger in triggerLevels.keys.sorted() where !isTaken(trigger) {
            guard let target = page.attribute("aria-controls", of: trigger)?.split(separator: " ").first,
                  let panel = ids[String(target)], !page.contains(panel, trigger), !page.contains(trigger, panel), !isTaken(panel) else { continue }
            let question = page.ancestor(of: trigger) { Self.headingNames.contains(page.name($0)) } ?? trigger
            guard let common = page.ancestor(of: question, includingSelf: false, where: { page.contains($0, panel) }) else { continue }
            pairs.append((question, panel, common))
        }
        guard !pairs.isEmpty else { return }
        var byCommon: [Int32: Int] = [:]
        for pair in pairs { byCommon[pair.common, default: 0] += 1 }
        let questionLike = pairs.filter { page.text(of: $0.question, limit: 400).trimmingTrailingSpace().hasSuffix("?") }.count * 2 >= pairs.count
        var sets: Set<Int32> = []
        for pair in pairs {
            let shared = byCommon[pair.common, default: 0] > 1
            let set = shared ? pair.common : page.parent(pair.common)
            if set != MarkupTree.none, roles[set] == nil, !sets.contains(set) {
                sets.insert(set)
                let faqNamed = page.ancestor(of: set) { node in page.hintWords(node).contains { $0.hasPrefix("faq") } } != nil
                roles[set] = .faqSet(.accordion, always: faqNamed || questionLike)
            }
            if !shared, roles[pair.common] == nil { roles[pair.common] = .faqEntry(defaultRole: .body, origin: .accordion) }
            setQuestion(pair.question, startsEntry: shared)
            assign(pair.panel, .faqAnswer(kind: .paragraph))
        }
    }

    private static let headingNames: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    // MARK: Roles

    private func isTaken(_ index: Int32) -> Bool {
        page.ancestor(of: index) { roles[$0] != nil } != nil
    }

    private mutating func assign(_ index: Int32, _ role: MarkupRole) {
        if roles[index] == nil { roles[index] = role }
    }

    /// A heading stays a heading (an accordion button that stands alone becomes one); the
    /// triggers around or inside a question read as its text.
    private mutating func setQuestion(_ index: Int32, startsEntry: Bool) {
        let name = page.name(index)
        if Self.headingNames.contains(name), let level = name.last?.wholeNumberValue {
            assign(index, .faqQuestionHeading(level: level, startsEntry: startsEntry))
        } else if let level = triggerLevels[index] ?? nil {
            assign(index, .faqQuestionHeading(level: level, startsEntry: startsEntry))
        } else {
            assign(index, .faqQuestion(startsEntry: startsEntry, kind: .paragraph))
        }
        for trigger in triggerLevels.keys where trigger != index && (page.contains(trigger, index) || page.contains(index, trigger)) {
            assign(trigger, .transparent)
        }
    }

    private func classWords(_ index: Int32) -> Set<Substring> {
        guard let value = page.attribute("class", of: index) else { return [] }
        return Set(value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
    }
}

private extension String {
    func trimmingTrailingSpace() -> Substring {
        var view = Substring(self)
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return view
    }
}
