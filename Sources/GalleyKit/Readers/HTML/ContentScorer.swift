import MarkupParser

/// Finds the article of a page that does not mark it (no `<main>`, no `<article>`), in the way
/// of Mozilla's Readability: every paragraph of real text scores points for its parent and, less
/// and less, for the ancestors above; link-heavy containers lose points; class and id words
/// (`content`, `post` against `sidebar`, `comment`) tip the balance. The best-scoring container
/// is the article, with those of its siblings that score nearly as well or read like paragraphs.
struct ContentScorer {
    let page: PageTree
    let excluded: [Bool]
    let stats: TextStats

    struct Result {
        var roots: [Int32]
        var candidate: Int32
        var score: Double
    }

    /// Shortest paragraph worth scoring, in bytes of text (`TextStats`).
    static let minimumParagraph = 25

    func best() -> Result? {
        var scores: [Int32: Double] = [:]
        let tree = page.tree
        for position in 0..<page.count {
            let index = Int32(position)
            guard !excluded[position], tree.nodes[position].kind == .element, !TextStats.invisible.contains(page.name(index)) else { continue }
            // A paragraph scores for its parent; text written straight into a container among
            // its blocks (`<div>Text<br>more text<div>…</div></div>`) scores for the container.
            let length: Int
            let textNodes: [Int32]
            var ancestor: Int32
            if isScorable(index) {
                (length, textNodes, ancestor) = (stats.characters(index), [index], page.parent(index))
            } else if Self.containers.contains(page.name(index)) {
                var blockLength = 0
                var inline: [Int32] = []
                for child in tree.children(of: index) {
                    if page.isElement(child) && Self.blocks.contains(page.name(child)) { blockLength += stats.characters(child) } else { inline.append(child) }
                }
                (length, textNodes, ancestor) = (stats.characters(index) - blockLength, inline, index)
            } else {
                continue
            }
            guard length >= Self.minimumParagraph else { continue }
            let commas = textNodes.reduce(0) { $0 + stats.commas($1) }
            let points = 1 + Double(commas) + Double(min(length / 100, 3))
            var level = 0
            while ancestor != MarkupTree.none, level < 5 {
                if page.isElement(ancestor) {
                    if scores[ancestor] == nil { scores[ancestor] = initialScore(ancestor) }
                    let divider = level == 0 ? 1 : (level == 1 ? 2 : Double(level * 3))
                    scores[ancestor]! += points / divider
                }
                ancestor = page.parent(ancestor)
                level += 1
            }
        }
        guard !scores.isEmpty else { return nil }
        var final: [Int32: Double] = [:]
        for (index, score) in scores { final[index] = score * (1 - stats.linkDensity(index)) }
        let ranked = final.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var top = ranked[0].key
        var topScore = ranked[0].value
        top = sharedAncestor(of: top, score: topScore, ranked: ranked) ?? top
        (top, topScore) = climb(from: top, score: final[top] ?? topScore, scores: final)
        // A lone child says nothing its parent does not: climb to the element that has siblings.
        while page.parent(top) != MarkupTree.none, !isTopLevel(page.parent(top)),
              page.tree.children(of: page.parent(top)).filter({ page.isElement($0) && !excluded[Int($0)] }).count == 1 {
            top = page.parent(top)
            topScore = final[top] ?? topScore
        }
        return Result(roots: withSiblings(top, score: topScore, scores: final), candidate: top, score: topScore)
    }

    private func isTopLevel(_ index: Int32) -> Bool {
        let name = page.name(index)
        return name == "body" || name == "html"
    }

    /// Paragraph-like elements: text blocks, and containers whose children are all inline.
    private func isScorable(_ index: Int32) -> Bool {
        switch page.name(index) {
        case "p", "pre", "td": return true
        case "div", "section", "article", "span", "font", "center", "main":
            return !hasBlockChildren(index)
        default: return false
        }
    }

    /// Elements whose own text, between their blocks, counts as a paragraph of theirs.
    private static let containers: Set<String> = ["div", "section", "article", "main", "td", "center", "font"]

    private static let blocks: Set<String> = [
        "p", "div", "section", "article", "ul", "ol", "dl", "table", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
        "figure", "form", "header", "footer", "aside", "nav", "main", "hr", "select", "address", "details",
    ]

    private func hasBlockChildren(_ index: Int32) -> Bool {
        page.tree.children(of: index).contains { page.isElement($0) && Self.blocks.contains(page.name($0)) }
    }

    private func initialScore(_ index: Int32) -> Double {
        var score: Double
        switch page.name(index) {
        case "div", "article", "main": score = 5
        case "pre", "td", "blockquote", "section": score = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
        default: score = 0
        }
        return score + ElementHints.weight(page.hintWords(index))
    }

    /// When the best few candidates sit under one ancestor, the article is split across them.
    private func sharedAncestor(of top: Int32, score: Double, ranked: [(key: Int32, value: Double)]) -> Int32? {
        let close = ranked.dropFirst().prefix(4).filter { $0.value >= score * 0.75 }.map(\.key)
        guard close.count >= 2 else { return nil }
        var ancestor = page.parent(top)
        while ancestor != MarkupTree.none, !isTopLevel(ancestor) {
            if close.filter({ page.contains(ancestor, $0) }).count >= 2 { return ancestor }
            ancestor = page.parent(ancestor)
        }
        return nil
    }

    /// Moves up while a parent scores better, as when the text is spread over several blocks.
    private func climb(from top: Int32, score: Double, scores: [Int32: Double]) -> (Int32, Double) {
        var last = score
        let threshold = score / 3
        var parent = page.parent(top)
        while parent != MarkupTree.none, !isTopLevel(parent) {
            guard let parentScore = scores[parent] else {
                parent = page.parent(parent)
                continue
            }
            if parentScore < threshold { break }
            if parentScore > last { return (parent, parentScore) }
            last = parentScore
            parent = page.parent(parent)
        }
        return (top, score)
    }

    /// The candidate and the siblings that belong with it, in document order.
    private func withSiblings(_ top: Int32, score: Double, scores: [Int32: Double]) -> [Int32] {
        let parent = page.parent(top)
        guard parent != MarkupTree.none else { return [top] }
        let threshold = max(10, score * 0.2)
        let topClass = page.attribute("class", of: top)
        var roots: [Int32] = []
        for sibling in page.tree.children(of: parent) where page.isElement(sibling) && !excluded[Int(sibling)] {
            if sibling == top {
                roots.append(sibling)
                continue
            }
            var siblingScore = scores[sibling] ?? 0
            if let topClass, !topClass.isEmpty, page.attribute("class", of: sibling) == topClass { siblingScore += score * 0.2 }
            if siblingScore >= threshold || readsLikeParagraph(sibling) { roots.append(sibling) }
        }
        return roots
    }

    private func readsLikeParagraph(_ index: Int32) -> Bool {
        guard ["p", "blockquote", "ul", "ol", "h2", "h3", "h4", "h5", "h6"].contains(page.name(index)) else { return false }
        let length = stats.characters(index)
        let density = stats.linkDensity(index)
        if length > 80 { return density < 0.25 }
        guard length > 0, density == 0 else { return false }
        if page.name(index).hasPrefix("h") { return true }
        return page.text(of: index, limit: 400).last { !$0.isWhitespace } == "."
    }
}
