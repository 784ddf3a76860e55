import MarkupParser

/// Reads a web page as an article: the page's metadata wherever it is, the text of its content
/// root only, without the chrome inside it. HTML and XHTML alike.
enum HTMLPage {
    /// `parsed`: the bytes libxml2 read when template syntax was blanked out of the source.
    static func read(_ tree: MarkupTree, parsed: [UInt8]?, options: HTMLOptions, results: ArraySlice<[Int32]>, into builder: inout DocumentBuilder) {
        let page = PageTree(tree)
        let selections = HTMLOptions.Selections(options, results: results)
        let configured = selections.configuredContent
        let protected = Set(configured?.nodes ?? [])
        var chrome = PageChrome(page: page, ignored: selections.ignored, protected: protected, trusted: configured?.nodes ?? [])
        let locator = ContentLocator(page: page, chrome: chrome)
        let choice = locator.locate(configured: configured)
        chrome.leaveOutLinkLists(in: choice.roots, page: page, stats: locator.stats, trusted: configured?.nodes ?? [])
        let layout = PageLayout(page: page, roots: choice.roots, chrome: chrome, configuredFAQ: selections.faq)
        var walker = MarkupWalker(tree: tree, vocabulary: HTMLVocabulary(layout: layout), metadataOrigin: .htmlMeta)
        walker.parsed = parsed
        walker.walk(into: &builder)
        builder.setExtraction(extraction(page, choice: choice, chrome: chrome, layout: layout))
        PageMetadata.complete(&builder, options: options)
    }

    /// Why the page is not an article, when it is none: a redirect, or a page whose content
    /// holds no text of its own (an empty listing, a page of links). Linting such pages as
    /// articles would report a dozen things "missing" that were never meant to be there.
    static func notArticleReason(_ document: Document, _ tree: MarkupTree) -> String? {
        let headings = document.headings.map { document.blocks[$0].range }
        func inHeading(_ offset: Int) -> Bool { headings.contains { $0.start <= offset && offset < max($0.end, $0.start + 1) } }
        var linkLetters = 0
        for link in document.links where !inHeading(link.range.start) { linkLetters += letterCount(link.text.text, upTo: .max) }
        // Counting stops once the page has clearly more than its links and a redirect's few words.
        let enough = linkLetters + redirectLetters
        var letters = 0
        for block in document.blocks where block.kind != .heading && block.kind != .altText && letters < enough {
            letters += letterCount(block.text.text, upTo: enough - letters)
        }
        letters -= linkLetters
        if letters < redirectLetters, let target = redirectTarget(tree) {
            return "the page redirects to '\(target)' (<meta http-equiv=\"refresh\">); it is not an article"
        }
        guard letters <= 0 else { return nil }
        let root = document.extraction?.roots.last?.description ?? "<body>"
        return document.blocks.isEmpty
            ? "the page has no text in its content (\(root)); it is not an article"
            : "the page's content (\(root)) has no text of its own besides headings and links; it is not an article"
    }

    /// A redirect page says little more than where it goes.
    private static let redirectLetters = 200

    /// Letters and digits in `text`, counted up to `limit` (ASCII without Unicode's tables).
    private static func letterCount(_ text: String, upTo limit: Int) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                if scalar.isASCIILetter || scalar.isASCIIDigit { count += 1 }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                count += 1
            }
            if count >= limit { break }
        }
        return count
    }

    /// The URL of `<meta http-equiv="refresh" content="0; url=…">`.
    private static func redirectTarget(_ tree: MarkupTree) -> String? {
        for node in tree.nodes where node.kind == .element && node.name == "meta" {
            guard tree.attribute("http-equiv", of: node)?.lowercased() == "refresh", let content = tree.attribute("content", of: node) else { continue }
            let scalars = Array(content.unicodeScalars)
            let lowered = content.lowercased().unicodeScalars.map { $0 }
            guard lowered.count == scalars.count,
                  let at = (0..<max(0, scalars.count - 3)).first(where: { String(String.UnicodeScalarView(lowered[$0..<($0 + 4)])) == "url=" }) else { continue }
            let quotes: Set<Unicode.Scalar> = ["'", "\"", " ", "\t"]
            let target = String(String.UnicodeScalarView(scalars[(at + 4)...].drop { quotes.contains($0) }.reversed().drop { quotes.contains($0) }.reversed()))
            return target.isEmpty ? nil : target
        }
        return nil
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
