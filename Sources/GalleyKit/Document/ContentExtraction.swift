/// How the article was found inside a web page: which elements were read as the article, why
/// those, and what was left out around and inside them. Shown by `galley dump`.
public struct ContentExtraction: Sendable {
    /// An element of the page, as `<div class="body" role="main">`, and where its tag starts.
    public struct Element: Sendable {
        public var description: String
        public var offset: Int
    }

    /// Elements left out for one reason.
    public struct LeftOut: Sendable {
        public var reason: String
        public var elements: [Element]
    }

    /// The subtrees read as the article, in document order.
    public var roots: [Element]
    public var reason: String
    public var leftOut: [LeftOut]
}
