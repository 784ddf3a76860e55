import MarkupParser

/// Reads a web page as an article: the page's metadata wherever it is, the text of its content
/// root only, without the chrome inside it. HTML and XHTML alike.
enum HTMLPage {
    static func read(_ tree: MarkupTree, options: HTMLOptions, results: ArraySlice<[Int32]>, into builder: inout DocumentBuilder) {
        let page = PageTree(tree)
        let selections = HTMLOptions.Selections(options, results: results)
        let configured = selections.configuredContent
        let protected = Set(configured?.nodes ?? [])
        var chrome = PageChrome(page: page, ignored: selections.ignored, protected: protected, trusted: configured?.nodes ?? [])
        let locator = ContentLocator(page: page, chrome: chrome)
        let choice = locator.locate(configured: configured)
        chrome.leaveOutLinkLists(in: choice.roots, page: page, stats: locator.stats, trusted: configured?.nodes ?? [])
        let layout = PageLayout(page: page, roots: choice.roots, chrome: chrome)
        MarkupWalker(tree: tree, vocabulary: HTMLVocabulary(layout: layout), metadataOrigin: .htmlMeta).walk(into: &builder)
        builder.setExtraction(extraction(page, choice: choice, chrome: chrome, layout: layout))
        PageMetadata.complete(&builder, options: options)
    }

    /// What the dump shows: the roots, why, and what was left out inside them.
    private static func extraction(_ page: PageTree, choice: ContentLocator.Choice, chrome: PageChrome, layout: PageLayout) -> ContentExtraction {
        func element(_ index: Int32) -> ContentExtraction.Element {
            var description = page.describe(index)
            if let hint = chrome.hints[index] { description += " ('\(hint)')" }
            return ContentExtraction.Element(description: description, offset: offset(of: index, page))
        }
        var groups: [LeftOutReason: [Int32]] = [:]
        for (index, reason) in chrome.reasons where layout.isInside(index) && !choice.roots.contains(index) {
            groups[reason, default: []].append(index)
        }
        let leftOut = LeftOutReason.allCases.compactMap { reason -> ContentExtraction.LeftOut? in
            guard let elements = groups[reason] else { return nil }
            return ContentExtraction.LeftOut(reason: reason.rawValue, elements: elements.sorted().map(element))
        }
        return ContentExtraction(roots: choice.roots.map(element), reason: choice.reason, leftOut: leftOut)
    }

    /// Where an element starts in the source; one the parser implied starts at its first child's.
    static func offset(of index: Int32, _ page: PageTree) -> Int {
        for node in index..<page.subtreeEnd[Int(index)] where page[node].offset >= 0 { return Int(page[node].offset) }
        return 0
    }
}
