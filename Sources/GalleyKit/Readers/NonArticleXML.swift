import MarkupParser

/// Names what an XML file is when it is not an article, for the note that skips it: build
/// folders and content trees hold feeds, sitemaps, search descriptions and images beside the
/// articles, and checking those for a title and an FAQ would only bury the real findings.
enum NonArticleXML {
    static func reason(root: MarkupNode) -> String {
        let what = kinds[root.name].map { namespace, name in namespace == nil || namespace == root.namespace ? name : nil } ?? nil
        let element = "<\(root.name)>"
        let subject = what.map { "\(element) is \($0)" } ?? "the root element \(element) is no article vocabulary"
        return "\(subject), not an article (Galley reads DocBook, XHTML and the vocabularies mapped under xml: vocabularies)"
    }

    /// Root element → (namespace it must have, or nil for any) and what the document is.
    private static let kinds: [String: (String?, String)] = [
        "rss": (nil, "an RSS feed"),
        "RDF": ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "an RDF (RSS 1.0) feed"),
        "feed": ("http://www.w3.org/2005/Atom", "an Atom feed"),
        "urlset": (nil, "a sitemap"),
        "sitemapindex": (nil, "a sitemap index"),
        "OpenSearchDescription": (nil, "an OpenSearch description"),
        "svg": (nil, "an SVG image"),
        "plist": (nil, "a property list"),
        "project": (nil, "a build file"),
        "package": (nil, "a package manifest"),
        "opml": (nil, "an OPML outline"),
        "stylesheet": ("http://www.w3.org/1999/XSL/Transform", "an XSLT stylesheet"),
        "schema": ("http://www.w3.org/2001/XMLSchema", "an XML schema"),
        "browserconfig": (nil, "a browser configuration"),
        "manifest": (nil, "a manifest"),
    ]
}
