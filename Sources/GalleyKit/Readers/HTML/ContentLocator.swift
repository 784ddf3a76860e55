import MarkupParser

/// Chooses the content root of a page: what the configuration names, else `<main>` or
/// `[role=main]`, else the page's `<article>`, else the best-scoring container, else `<body>`.
struct ContentLocator {
    let page: PageTree
    let chrome: PageChrome
    let stats: TextStats

    init(page: PageTree, chrome: PageChrome) {
        self.page = page
        self.chrome = chrome
        stats = TextStats(page: page, excluded: chrome.excluded)
    }

    struct Choice {
        /// Subtrees read as the article, in document order; none inside another.
        var roots: [Int32]
        var reason: String
    }

    /// `configured`: the elements the first matching `html.content` selector selected, and that selector.
    func locate(configured: (nodes: [Int32], selector: String)?) -> Choice {
        if let configured {
            let roots = outermost(configured.nodes)
            return withTitle(Choice(roots: roots, reason: "html.content selector '\(configured.selector)'"))
        }
        let body = page.first("body")
        let total = body.map(stats.ownCharacters) ?? topLevelElements().reduce(0) { $0 + stats.ownCharacters($1) }
        // A marked root must hold the text: some pages have an empty <main> for ads, or an
        // <article> of metadata only, and the article elsewhere.
        func holdsText(_ roots: [Int32]) -> Bool {
            let characters = roots.reduce(0) { $0 + stats.ownCharacters($1) }
            return characters > 0 && (characters >= 1000 || characters * 100 >= total * 15)
        }
        if let main = mainElement(holdsText: holdsText) { return withTitle(narrowToArticle(in: main)) }
        let articles = topLevelArticles(in: nil)
        if articles.count == 1, holdsText(articles) { return withTitle(Choice(roots: articles, reason: "the page's only <article>")) }
        if articles.count > 1 {
            let choice = choose(among: articles)
            if holdsText(choice.roots) { return withTitle(choice) }
        }
        if chrome.reasons.isEmpty, let body {
            return Choice(roots: [body], reason: "<body>: the page has no <main> or <article>, and nothing to leave out")
        }
        if let best = ContentScorer(page: page, excluded: chrome.excluded, stats: stats).best(), !isTopLevel(best.candidate) {
            let siblings = best.roots.count - 1
            let extra = siblings == 0 ? "" : siblings == 1 ? ", with 1 sibling that reads like it" : ", with \(siblings) siblings that read like it"
            return withTitle(Choice(roots: best.roots, reason: "the container with the most paragraph text and fewest links (score \(Int(best.score.rounded())))\(extra)"))
        }
        if let body { return Choice(roots: [body], reason: "<body>: no container stands out as the article") }
        return Choice(roots: topLevelElements(), reason: "the whole document: it has no <body>")
    }

    private func isTopLevel(_ index: Int32) -> Bool { page.name(index) == "body" || page.name(index) == "html" }

    private func topLevelElements() -> [Int32] {
        (0..<Int32(page.count)).filter { page.parent($0) == MarkupTree.none && page.isElement($0) }
    }

    /// The first visible `<main>` or `[role=main]` that holds text enough (some pages have one
    /// for ads before the real one, others a second one of teasers after it); one nested inside
    /// it that holds nearly all of its text is more precise.
    private func mainElement(holdsText: ([Int32]) -> Bool) -> Int32? {
        let candidates = chrome.mains
        guard var best = candidates.first(where: { holdsText([$0]) }) else { return nil }
        while let inner = candidates.first(where: { $0 != best && page.contains(best, $0) && stats.ownCharacters($0) * 10 >= stats.ownCharacters(best) * 8 }) {
            best = inner
        }
        return best
    }

    /// A `<main>` that holds one article, and no title outside it, is that article.
    private func narrowToArticle(in main: Int32) -> Choice {
        let what = page.name(main) == "main" ? "<main>" : "[role=main]"
        let articles = topLevelArticles(in: main)
        if articles.count == 1, let article = articles.first,
           !chrome.keys.holdsTitle(main)
            || !page.elements(in: main).contains(where: { page.name($0) == "h1" && !page.contains(article, $0) && !chrome.excluded[Int($0)] }) {
            return Choice(roots: [article], reason: "the only <article> in the page's \(what)")
        }
        return Choice(roots: [main], reason: "the page's \(what)")
    }

    /// Visible articles not inside another article (within `scope`, or the whole page).
    private func topLevelArticles(in scope: Int32?) -> [Int32] {
        var result: [Int32] = []
        for index in chrome.articles where scope.map({ page.contains($0, index) }) ?? true {
            if let last = result.last, page.contains(last, index) { continue }
            result.append(index)
        }
        return result
    }

    /// Several articles: the one with the page's title, else the longest when the others are
    /// teasers, else all of similar length.
    private func choose(among articles: [Int32]) -> Choice {
        let title = page.first("title").map { page.text(of: $0, limit: 1000) }
        let titled = articles.filter { article in
            page.elements(in: article).contains { heading in
                guard ["h1", "h2"].contains(page.name(heading)), !chrome.excluded[Int(heading)] else { return false }
                return page.name(heading) == "h1" || title.map { Self.isTitle(page.text(of: heading, limit: 1000), of: $0) } == true
            }
        }
        if titled.count == 1 {
            return Choice(roots: titled, reason: "the <article> with the page's title, of \(articles.count) <article> elements")
        }
        let lengths = articles.map { stats.ownCharacters($0) }
        let sorted = lengths.sorted(by: >)
        let longest = sorted[0]
        if sorted[1] * 3 <= longest, let index = lengths.firstIndex(of: longest) {
            return Choice(roots: [articles[index]], reason: "the longest of \(articles.count) <article> elements; the others are under a third of its length")
        }
        let kept = zip(articles, lengths).filter { $0.1 * 3 > longest }.map(\.0)
        return Choice(roots: kept, reason: "\(kept.count) <article> elements of similar length, read as one article (html.content can choose one)")
    }

    /// Roots as given, minus any inside another.
    private func outermost(_ nodes: [Int32]) -> [Int32] {
        var result: [Int32] = []
        for node in nodes.sorted() where page.isElement(node) {
            if let last = result.last, page.contains(last, node) { continue }
            result.append(node)
        }
        return result
    }

    /// Content that does not hold the title often follows it: the `<h1>` just before the first
    /// root is read too, when it is the page's title rather than the site's name.
    private func withTitle(_ choice: Choice) -> Choice {
        guard let first = choice.roots.first, !choice.roots.contains(where: chrome.keys.holdsTitle) else { return choice }
        var heading: Int32?
        var index = first - 1
        while index >= 0 {
            if page.isElement(index), page.name(index) == "h1", !page.contains(index, first) { heading = index; break }
            index -= 1
        }
        guard let heading else { return choice }
        let title = page.first("title").map { page.text(of: $0, limit: 1000) }
        if chrome.excluded[Int(heading)] {
            // A page header's <h1> is the site's name unless it reads as the page's title.
            guard let title, Self.isTitle(page.text(of: heading, limit: 1000), of: title) else { return choice }
        } else if let title, !Self.isTitle(page.text(of: heading, limit: 1000), of: title) {
            return choice
        }
        var result = choice
        result.roots.insert(heading, at: 0)
        result.reason += ", after the title <h1>"
        return result
    }

    /// Whether a heading's text is the page title (give or take the site name around it).
    static func isTitle(_ heading: String, of title: String) -> Bool {
        let heading = normalize(heading)
        let title = normalize(title)
        guard !heading.isEmpty else { return false }
        if title.isEmpty { return true }
        guard title.contains(heading) || heading.contains(title) else { return false }
        return heading.count * 10 >= title.count * 4
    }

    private static func normalize(_ text: String) -> String {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }
}
