import MarkupParser

/// Why an element of a page is not part of its article.
enum LeftOutReason: String, Sendable, CaseIterable {
    case navigation
    case pageHeader = "page header"
    case pageFooter = "page footer"
    case aside = "aside outside the article"
    case hidden
    case permalink = "permalink anchor"
    case form
    case control
    case dialog
    case configured = "html.ignore"
    case boilerplate = "class or id"
    case linkList = "list of links"
}

/// The page's chrome: every element that is never read as article text, whichever content
/// root is chosen. `excluded[i]` is true for every node inside a left-out element;
/// `reasons` names the outermost left-out elements only.
struct PageChrome {
    private(set) var excluded: [Bool]
    private(set) var reasons: [Int32: LeftOutReason] = [:]
    /// Hint words that left out each `.boilerplate` element, for the dump.
    private(set) var hints: [Int32: String] = [:]
    /// Buttons and links that open an accordion panel (`aria-controls`, `aria-expanded`): headings, not controls.
    private(set) var accordionTriggers: Set<Int32> = []

    /// Visible `<main>` and `[role=main]` elements, and `<article>` elements, in document order.
    private(set) var mains: [Int32] = []
    private(set) var articles: [Int32] = []
    /// What each subtree holds (the title, the content, a configured root).
    let keys: SubtreeKeys

    /// `protected`: elements (configured content roots) that are never left out, nor their ancestors.
    /// `trusted`: subtrees where class and id hints do not apply (configured content roots).
    init(page: PageTree, ignored: Set<Int32>, protected: Set<Int32>, trusted: [Int32]) {
        let tree = page.tree
        excluded = [Bool](repeating: false, count: page.count)
        let panels = Self.accordionPanels(tree)
        keys = SubtreeKeys(page: page, protected: protected)
        var scopes = [UInt8](repeating: 0, count: page.count)
        let anyIgnored = !ignored.isEmpty
        for position in 0..<page.count {
            let index = Int32(position)
            let parent = tree.nodes[position].parent
            if parent != MarkupTree.none {
                if excluded[Int(parent)] {
                    excluded[position] = true
                    continue
                }
                scopes[position] = scopes[Int(parent)]
            }
            guard tree.nodes[position].kind == .element else { continue }
            let code = page.codes[position]
            let attributes = ElementAttributes(tree.nodes[position], tree)
            scopes[position] |= Scope.of(code, role: attributes.role)
            if attributes.controlsPanel, code == .button || code == .a || attributes.role == "button" { accordionTriggers.insert(index) }
            var reason: LeftOutReason?
            if keys.holdsConfigured(index) {
                reason = nil
            } else if attributes.isHidden, !(attributes.id.map(panels.contains) ?? false) {
                reason = .hidden
            } else if keys.holdsContent(index) {
                // An <article> of comments or teasers is boilerplate by its name like any element.
                if code == .article, !keys.holdsContent(below: index, page),
                   let hint = boilerplateHint(index, code, attributes, page: page, trusted: trusted) {
                    reason = .boilerplate
                    hints[index] = hint
                }
            } else if anyIgnored, ignored.contains(index) {
                reason = .configured
            } else if let semantic = semanticReason(index, code, attributes, scope: parent == MarkupTree.none ? 0 : scopes[Int(parent)], page: page) {
                reason = semantic
            } else if let hint = boilerplateHint(index, code, attributes, page: page, trusted: trusted) {
                reason = .boilerplate
                hints[index] = hint
            }
            if let reason {
                reasons[index] = reason
                excluded[position] = true
                continue
            }
            if code == .main || attributes.role == "main" { mains.append(index) }
            if code == .article { articles.append(index) }
        }
    }

    /// Leaves out the lists of links inside the content roots (most popular, more from the
    /// site, tag clouds): mostly link text, with at least three links and little text besides.
    /// Configured content roots are trusted as they are.
    mutating func leaveOutLinkLists(in roots: [Int32], page: PageTree, stats: TextStats, trusted: [Int32]) {
        for root in roots where !trusted.contains(where: { page.contains($0, root) }) {
            var index = root + 1
            while index < page.subtreeEnd[Int(root)] {
                let position = Int(index)
                guard !excluded[position], stats.linkDensity(index) >= 0.5, stats.ownCharacters(index) < 200, page.isElement(index),
                      Self.linkListHolders.contains(page.name(index)), !keys.holdsTitle(index), !keys.holdsContent(index),
                      page.elements(in: index).filter({ page.name($0) == "a" }).count >= 3 else {
                    index += 1
                    continue
                }
                reasons[index] = .linkList
                for inner in position..<Int(page.subtreeEnd[position]) { excluded[inner] = true }
                index = page.subtreeEnd[position]
            }
        }
    }

    private static let linkListHolders: Set<String> = ["ul", "ol", "div", "section", "table", "dl", "p"]

    // MARK: Always left out

    /// Sectioning ancestors, which decide whose a `<header>` or `<footer>` is.
    private enum Scope {
        static let sectioning: UInt8 = 1
        static let article: UInt8 = 2
        static let table: UInt8 = 4

        static func of(_ code: ElementCode, role: String?) -> UInt8 {
            switch code {
            case .article: return sectioning | article
            case .aside, .nav, .main: return sectioning
            default: return role == "main" || role == "article" ? sectioning : 0
            }
        }
    }

    private func semanticReason(_ index: Int32, _ code: ElementCode, _ attributes: ElementAttributes, scope: UInt8, page: PageTree) -> LeftOutReason? {
        switch code {
        case .nav: return .navigation
        case .header: return scope & Scope.sectioning == 0 ? .pageHeader : nil
        case .footer: return scope & Scope.sectioning == 0 ? .pageFooter : nil
        case .aside: return scope & Scope.article == 0 ? .aside : nil
        case .form: return .form
        case .dialog: return .dialog
        case .button: return accordionTriggers.contains(index) ? nil : .control
        case .a: return attributes.href != nil && isPermalink(index, attributes, page: page) ? .permalink : nil
        default: break
        }
        guard attributes.role != nil || attributes.isModal else { return nil }
        switch attributes.role {
        case "navigation"?, "menu"?, "menubar"?: return .navigation
        case "banner"?: return .pageHeader
        case "contentinfo"?: return .pageFooter
        case "complementary"?: return scope & Scope.article == 0 ? .aside : nil
        case "search"?: return .form
        case "dialog"?, "alertdialog"?: return .dialog
        case "button"?: return accordionTriggers.contains(index) ? nil : .control
        default: break
        }
        return attributes.isModal ? .dialog : nil
    }

    /// Ids named by `aria-controls`: accordion panels, read even while collapsed (hidden).
    private static func accordionPanels(_ tree: MarkupTree) -> Set<String> {
        var ids: Set<String> = []
        for attribute in tree.attributes where attribute.name == "aria-controls" {
            for id in attribute.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) { ids.insert(String(id)) }
        }
        return ids
    }

    /// A link to an anchor on the page whose text is only a symbol (`¶`, `#`, `§`, `🔗`) or
    /// nothing, or whose class says it is one: the permalink after a heading, a back-to-top arrow.
    private func isPermalink(_ index: Int32, _ attributes: ElementAttributes, page: PageTree) -> Bool {
        if let classes = attributes.classes?.lowercased().split(separator: " "),
           classes.contains(where: { Self.permalinkClasses.contains(String($0)) }) {
            return true
        }
        guard let href = attributes.href, href.hasPrefix("#"), !attributes.controlsPanel else { return false }
        let text = page.text(of: index, limit: 16)
        return text.count <= 3 && !text.contains { $0.isLetter || $0.isNumber }
    }

    private static let permalinkClasses: Set<String> = [
        "headerlink", "anchor", "anchorjs-link", "permalink", "header-anchor", "heading-anchor", "hash-link",
        "anchor-link", "direct-link", "heading-link", "autolink-anchor", "zola-anchor",
    ]

    // MARK: Boilerplate by name

    /// The hint that marks `node` as boilerplate (sharing bars, comments, related links, ads,
    /// cookie banners), or nil. Containers of the title or of the main content never are.
    private func boilerplateHint(_ index: Int32, _ code: ElementCode, _ attributes: ElementAttributes, page: PageTree, trusted: [Int32]) -> String? {
        guard attributes.classes != nil || attributes.id != nil, !Self.neverBoilerplate.contains(page.name(index)),
              ElementHints.mayName(attributes.classes) || ElementHints.mayName(attributes.id) else { return nil }
        let words = page.hintWords(index)
        guard !words.isEmpty, !keys.holdsTitle(index) else { return nil }
        if words.contains(where: { ElementHints.isArticleWord($0) }) { return nil }
        guard let hint = words.lazy.compactMap({ ElementHints.boilerplateWord(in: $0) }).first else { return nil }
        if trusted.contains(where: { page.contains($0, index) }) { return nil }
        return hint
    }

    private static let neverBoilerplate: Set<String> = [
        "html", "body", "main", "a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "td", "th",
        "summary", "details", "dt", "dd", "dl", "blockquote", "figure", "figcaption", "img", "code", "pre",
    ]
}

/// What each element's subtree holds that must not be left out with it.
struct SubtreeKeys {
    static let h1: UInt8 = 1
    static let content: UInt8 = 2
    static let configured: UInt8 = 4
    private var flags: [UInt8]

    init(page: PageTree, protected: Set<Int32>) {
        let tree = page.tree
        flags = [UInt8](repeating: 0, count: page.count)
        var index = page.count - 1
        let anyProtected = !protected.isEmpty
        while index >= 0 {
            if tree.nodes[index].kind == .element {
                let code = page.codes[index]
                if code == .h1 { flags[index] |= Self.h1 }
                if anyProtected, protected.contains(Int32(index)) { flags[index] |= Self.configured | Self.content }
                if code == .main || code == .article
                    || (!tree.nodes[index].attributes.isEmpty && tree.attribute("role", of: tree.nodes[index])?.lowercased() == "main") {
                    flags[index] |= Self.content
                }
            }
            let parent = tree.nodes[index].parent
            if parent != MarkupTree.none { flags[Int(parent)] |= flags[index] }
            index -= 1
        }
    }

    /// Holds `<main>`, an `<article>`, `[role=main]` or a configured content root.
    func holdsContent(_ index: Int32) -> Bool { flags[Int(index)] & Self.content != 0 }

    /// Whether an element inside `index` (not itself) holds content.
    func holdsContent(below index: Int32, _ page: PageTree) -> Bool {
        page.tree.children(of: index).contains { flags[Int($0)] & Self.content != 0 }
    }

    /// Is or holds a configured content root.
    func holdsConfigured(_ index: Int32) -> Bool { flags[Int(index)] & Self.configured != 0 }

    func holdsTitle(_ index: Int32) -> Bool { flags[Int(index)] & Self.h1 != 0 }
}

/// The attributes the chrome is judged by, found in one pass over an element's attributes.
struct ElementAttributes {
    /// Lower case.
    var role: String?
    var id: String?
    var classes: String?
    var href: String?
    /// `hidden` (not `until-found`), `aria-hidden="true"`, or an inline `display: none` or `visibility: hidden`.
    var isHidden = false
    /// `aria-controls` or `aria-expanded`: the element opens and closes a panel.
    var controlsPanel = false
    var isModal = false

    init(_ node: MarkupNode, _ tree: MarkupTree) {
        guard !node.attributes.isEmpty else { return }
        for attribute in tree.attributes(of: node) {
            switch attribute.name {
            case "role": role = attribute.value.lowercased()
            case "id": id = attribute.value
            case "class": classes = attribute.value
            case "href": href = attribute.value
            case "hidden": if attribute.value.lowercased() != "until-found" { isHidden = true }
            case "aria-hidden": if attribute.value.lowercased() == "true" { isHidden = true }
            case "style":
                let style = attribute.value.lowercased().filter { !$0.isWhitespace }
                if style.contains("display:none") || style.contains("visibility:hidden") { isHidden = true }
            case "aria-controls", "aria-expanded": controlsPanel = true
            case "aria-modal": if attribute.value.lowercased() == "true" { isModal = true }
            default: break
            }
        }
    }
}
