/// What the words of a `class` or `id` say about an element, the way templates name their
/// parts: `entry-content` holds the article, `sharedaddy`, `comment-list` and `sidebar-left` do
/// not. Words are lower case and split at anything but letters and digits.
enum ElementHints {
    /// Words of containers that hold the article itself: they protect an element from being
    /// taken for boilerplate (`article-footer`, `entry-content`).
    private static let articleWords: Set<Substring> = ["article", "articlebody", "story", "prose", "instapaper_body", "markdown"]

    static func isArticleWord(_ word: Substring) -> Bool {
        articleWords.contains(word) || word.hasPrefix("article") || word.hasSuffix("content")
    }

    /// Words that make a container a likelier home for the article when scoring candidates.
    private static let likelyWords: Set<Substring> = [
        "entry", "main", "post", "body", "text", "blog", "hentry", "page", "docs", "documentation", "column",
    ]

    /// Whole words of boilerplate.
    private static let boilerplateWords: Set<Substring> = [
        "ad", "ads", "adsbygoogle", "advert", "advertisement", "banner", "breadcrumb", "breadcrumbs", "comment", "comments",
        "consent", "cookie", "cookies", "disqus", "footer", "gdpr", "masthead", "menu", "modal", "nav", "navbar", "newsletter",
        "outbrain", "pagination", "pager", "popup", "promo", "related", "share", "sharing", "shoutbox", "sidebar", "social",
        "sponsor", "sponsored", "subscribe", "subscription", "taboola", "toolbar", "signup", "paywall",
        "recommended", "trending", "popular", "skyscraper", "donate", "colophon",
    ]

    /// Stems found inside longer words (`relatedposts`, `sharedaddy`, `commentlist`, `sidebarleft`).
    private static let boilerplateStems = [
        "advert", "breadcrumb", "comment", "cookie", "disqus", "footer", "newsletter", "outbrain", "pagination",
        "related", "share", "sidebar", "social", "sponsor", "subscribe", "taboola",
    ]

    /// Whether a `class` or `id` value may hold a boilerplate word, by a scan of its bytes for
    /// the first two letters of one: most values (`entry-content`, `quick-take`) are settled
    /// without splitting them into words.
    static func mayName(_ value: String?) -> Bool {
        guard let value else { return false }
        var previous: UInt16 = 0
        for byte in value.utf8 {
            let lower = UInt16(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            if openings.contains(previous << 8 | lower) { return true }
            previous = lower
        }
        return false
    }

    /// The first two letters of every boilerplate word and stem.
    private static let openings: Set<UInt16> = {
        var result: Set<UInt16> = []
        for word in boilerplateWords.map(String.init) + boilerplateStems {
            let bytes = Array(word.utf8)
            if bytes.count >= 2 { result.insert(UInt16(bytes[0]) << 8 | UInt16(bytes[1])) }
        }
        return result
    }()

    /// The boilerplate word or stem `word` carries, or nil.
    static func boilerplateWord(in word: Substring) -> String? {
        if boilerplateWords.contains(word) { return String(word) }
        guard word.count > 5 else { return nil }
        return boilerplateStems.first { word.hasPrefix($0) || word.hasSuffix($0) }
    }

    /// Words that raise (content) or lower (boilerplate) an element's score as a content candidate.
    static func weight(_ words: [Substring]) -> Double {
        var weight = 0.0
        if words.contains(where: { isArticleWord($0) || likelyWords.contains($0) }) { weight += 25 }
        if words.contains(where: { boilerplateWord(in: $0) != nil || lowWords.contains($0) }) { weight -= 25 }
        return weight
    }

    /// Words that make a container an unlikely home for the article without marking it boilerplate.
    private static let lowWords: Set<Substring> = [
        "meta", "byline", "tags", "tag", "author", "caption", "media", "contact", "hidden", "foot", "scroll", "shopping", "extra",
        "widget", "widgets",
    ]
}
