/// Where a page's article is, as the HTML vocabulary reads it: which nodes are inside a content
/// root, which elements inside are left out, and which accordion buttons head a panel.
struct PageLayout {
    private var inside: [Bool]
    private let leftOut: [Int32: LeftOutReason]
    /// Accordion triggers inside the article: the heading level of one that stands alone, nil
    /// for one inside a heading or question (its text is part of that).
    let triggers: [Int32: Int?]
    /// FAQ markup inside the article (`HTMLFAQMarkup`).
    private(set) var faqRoles: [Int32: MarkupRole] = [:]

    /// Every node inside, nothing left out, no accordions: an HTML fragment in Markdown, whose
    /// page is the Markdown around it.
    static let whole = PageLayout()

    private init() {
        inside = []
        everythingInside = true
        leftOut = [:]
        triggers = [:]
    }

    private let everythingInside: Bool

    init(page: PageTree, roots: [Int32], chrome: PageChrome,
         configuredFAQ: (entries: [Int32], questions: Set<Int32>, answers: Set<Int32>)? = nil) {
        var inside = [Bool](repeating: false, count: page.count)
        for root in roots {
            for index in Int(root)..<Int(page.subtreeEnd[Int(root)]) { inside[index] = true }
        }
        self.inside = inside
        everythingInside = false
        leftOut = chrome.reasons
        var triggers: [Int32: Int?] = [:]
        var level = 1
        for position in 0..<(chrome.accordionTriggers.isEmpty ? 0 : page.count) where inside[position] {
            let index = Int32(position)
            guard page.isElement(index) else { continue }
            let name = page.name(index)
            if name.count == 2, name.first == "h", let digit = name.last?.wholeNumberValue, (1...6).contains(digit) {
                level = digit
            }
            guard chrome.accordionTriggers.contains(index) else { continue }
            let enclosed = page.ancestor(of: index, includingSelf: false) { Self.questionHolders.contains(page.name($0)) } != nil
            triggers[index] = enclosed ? Optional<Int>.none : min(level + 1, 6)
        }
        self.triggers = triggers
        guard configuredFAQ != nil || HTMLFAQMarkup.mayHold(page.tree) else { return }
        let marked = inside
        faqRoles = HTMLFAQMarkup(page: page, inside: { marked[Int($0)] && !chrome.excluded[Int($0)] || roots.contains($0) },
                                 triggerLevels: triggers, configured: configuredFAQ).roles
    }

    private static let questionHolders: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt", "button"]

    func isInside(_ index: Int32) -> Bool { everythingInside || inside[Int(index)] }

    func isLeftOut(_ index: Int32) -> Bool { !leftOut.isEmpty && leftOut[index] != nil }

    func faqRole(_ index: Int32) -> MarkupRole? { faqRoles.isEmpty ? nil : faqRoles[index] }

    /// For an accordion trigger: the heading level it stands for (nil inside a heading); nil otherwise.
    func trigger(_ index: Int32) -> Int?? { triggers.isEmpty ? nil : triggers[index] }
}
