import SystemIO

/// What library rules see: every article's facts, in path order, with the site options of the
/// configuration that governs each, and the means to follow a link from one article to the file,
/// page and anchor it leads to. Built once per library phase; rules run one after the other on it.
public final class Library {
    public let store: FactsStore
    /// Site options by linter number (`FactsStore.linter(_:)`).
    private let sites: [SiteOptions]
    /// The folder paths are relative to (absolute).
    public let workingDirectory: String
    /// Where files may be looked for on disk: nothing outside the repository is looked at.
    private let boundary: RepositoryBoundary

    private var indexByPath: [String: Int] = [:]
    /// Absolute paths without their extension (`/site/guide/setup` for `setup.md`): a link may
    /// name an article without its extension or with another one (`setup.html`).
    private var indexByStem: [String: Int] = [:]
    private var absolutePaths: [String] = []
    private var indexByURL: [String: Int] = [:]
    private var urlsBuilt = false
    private var anchorCache: [Int: Set<String>] = [:]
    private var diskCache: [String: FileSystem.Kind?] = [:]
    private var resolvedTargets: [Int: [LinkTarget]] = [:]
    /// Set while `prepare` resolves links on several threads: no cache is written then.
    private var isPreparing = false

    public init(store: FactsStore, sites: [SiteOptions], workingDirectory: String = FileSystem.currentDirectory) {
        self.store = store
        self.sites = sites
        self.workingDirectory = PathNames.normalize(workingDirectory)
        boundary = RepositoryBoundary.of(workingDirectory)
        absolutePaths.reserveCapacity(store.count)
        for index in 0..<store.count {
            let absolute = PathNames.absolute(store.path(index), from: self.workingDirectory)
            absolutePaths.append(absolute)
            if indexByPath[absolute] == nil { indexByPath[absolute] = index }
            let name = PathNames.fileName(absolute)
            if let dot = name.lastIndex(of: "."), dot != name.startIndex {
                let stem = String(absolute.dropLast(name.distance(from: dot, to: name.endIndex)))
                if indexByStem[stem] == nil { indexByStem[stem] = index }
            }
        }
    }

    public var count: Int { store.count }
    public var indices: Range<Int> { 0..<store.count }

    public subscript(index: Int) -> ArticleFacts { store[index] }

    /// Path, format and `sections` of an article's facts, the rest left empty (see `FactsStore.facts(_:sections:)`).
    public func facts(_ index: Int, sections: ArticleFacts.Sections) -> ArticleFacts { store.facts(index, sections: sections) }

    /// What following an article's links reads: the links, and the fields that may set its URL.
    public static let linkSections: ArticleFacts.Sections = [.fields, .links]

    /// Title, description, H1, fields and FAQ questions of an article (see `FactsStore.summary`).
    public func summary(_ index: Int) -> ArticleFacts { store.summary(index) }

    /// Only the `parts` of an article's summary (see `FactsStore.summary(_:parts:)`).
    public func summary(_ index: Int, parts: FactsSummary.Parts) -> FactsSummary { store.summary(index, parts: parts) }

    public func site(of article: Int) -> SiteOptions {
        let number = store.linter(article)
        return number < sites.count ? sites[number] : SiteOptions()
    }

    public func path(_ article: Int) -> String { store.path(article) }

    /// The article at `path` (as reports print it, or absolute).
    public func article(atPath path: String) -> Int? {
        indexByPath[PathNames.absolute(path, from: workingDirectory)]
    }

    /// How a path is shown: relative to the working folder when inside it.
    func display(_ absolute: String) -> String {
        PathNames.relative(absolute, to: workingDirectory) ?? absolute
    }

    // MARK: Links

    public enum LinkTarget: Sendable, Equatable {
        /// Another site or scheme (`https:`, `mailto:`), or nothing to check (`#`, `javascript:`).
        case notChecked
        /// An article of the library, with the fragment the link names (decoded), if any.
        case article(Int, fragment: String?)
        /// A file (or folder) that exists but is not an article of the library (an image, a
        /// PDF, an article outside the linted paths): its fragments are not checked.
        case file(String)
        /// Nothing there: the file path (or URL) Galley looked for, as reports show it.
        case missing(String)
    }

    /// A library shared with worker threads while `prepare` runs. Safe because, until it
    /// returns, workers only read what `init` and `buildURLs` set, and only the calling thread
    /// writes (the results it is handed, into `resolvedTargets`).
    private struct Shared: @unchecked Sendable {
        let library: Library
    }

    /// Resolves every article's links (and the site's page URLs) on `jobs` threads before the
    /// rules run: following links is most of what the library rules cost.
    public func prepare(jobs: Int) {
        buildURLs(jobs: jobs)
        let shared = Shared(library: self)
        isPreparing = true
        ParallelRun.run(batches, jobs: jobs, work: { batch in
            let library = shared.library
            return batch.map { article in
                let facts = library.store.facts(article, sections: Library.linkSections)
                return (article, facts.links.map { library.resolve($0.url, from: article, facts: facts) })
            }
        }) { results in
            for result in results { resolvedTargets[result.0] = result.1 }
        }
        isPreparing = false
    }

    /// The articles in runs of 32, as `prepare` hands them to threads: one article each made a
    /// thread hand-over per article, which cost more than many an article's work.
    private var batches: [Range<Int>] {
        stride(from: 0, to: count, by: 32).map { $0..<min($0 + 32, count) }
    }

    /// Where each link of `article` leads, in the order of its facts' links.
    public func targets(of article: Int, facts: ArticleFacts? = nil) -> [LinkTarget] {
        if let known = resolvedTargets[article] { return known }
        let facts = facts ?? store.facts(article, sections: Self.linkSections)
        let targets = facts.links.map { resolve($0.url, from: article, facts: facts) }
        resolvedTargets[article] = targets
        return targets
    }

    public func resolve(_ rawURL: String, from article: Int, facts: ArticleFacts? = nil) -> LinkTarget {
        let site = site(of: article)
        var url = Substring(rawURL)
        // An ASCII end byte settles whether that end is white space without forming a Character.
        func endIsWhitespace(_ byte: UInt8?, _ character: () -> Character?) -> Bool {
            guard let byte else { return false }
            if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            return character()?.isWhitespace == true
        }
        if endIsWhitespace(url.utf8.first, { url.first }) || endIsWhitespace(url.utf8.last, { url.last }) { url = Substring(rawURL.trimmingWhitespace) }
        // Brackets are not allowed in a URL's path: such a "URL" is Markdown that a reader took
        // for one (a footnote definition read as a link reference by plain CommonMark).
        guard !url.isEmpty, !url.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else { return .notChecked }
        if url.utf8.starts(with: "//".utf8) { return .notChecked }
        if Self.hasScheme(url) {
            guard let own = site.url.map(Self.withoutTrailingSlash), url.hasPrefix(own) else { return .notChecked }
            let rest = url.dropFirst(own.count)
            guard rest.isEmpty || rest.first == "/" || rest.first == "#" || rest.first == "?" else { return .notChecked }
            url = "/" + rest.drop { $0 == "/" }
        }
        var fragment: String?
        if let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = Self.percentDecoded(url[url.utf8.index(after: hash)...])
            url = url[..<hash]
        }
        if let question = url.utf8.firstIndex(of: UInt8(ascii: "?")) { url = url[..<question] }
        let path = Self.percentDecoded(url)
        if path.isEmpty {
            guard let fragment, !fragment.isEmpty else { return .notChecked }
            return .article(article, fragment: fragment)
        }
        let isRootRelative = path.hasPrefix("/")
        let base = isRootRelative ? (site.root ?? workingDirectory) : PathNames.directory(of: absolutePaths[article])
        let filePath = Self.join(base, path)
        if let found = lookUpFile(filePath, site: site, fragment: fragment) { return found }
        if let found = lookUpURL(path, from: article, site: site, facts: facts, fragment: fragment) { return found }
        if isRootRelative {
            for folder in site.staticFolders {
                let candidate = PathNames.absolute(String(path.dropFirst()), from: folder)
                if diskKind(candidate) != nil { return .file(display(candidate)) }
            }
        }
        // A missing file outside the repository, or outside the site's root (`../std/` beside a
        // book), belongs to another site or checkout: it is not the library's to judge.
        if boundary.root.map({ !filePath.hasPrefix($0 + "/") && filePath != $0 }) == true { return .notChecked }
        if let root = site.root, !filePath.hasPrefix(root + "/"), filePath != root { return .notChecked }
        return .missing(display(filePath))
    }

    /// A file path: an article, an index article of a folder, an article under another
    /// extension (`guide` or `guide.html` for `guide.md`), or any file on disk.
    private func lookUpFile(_ path: String, site: SiteOptions, fragment: String?) -> LinkTarget? {
        if let index = indexByPath[path] { return .article(index, fragment: fragment) }
        let name = PathNames.fileName(path)
        let dot = name.lastIndex(of: ".")
        if dot == nil {
            // A folder's index article, or the article without its extension.
            for index in site.indexFiles { if let found = indexByStem[path + "/" + index] { return .article(found, fragment: fragment) } }
            if let found = indexByStem[path] { return .article(found, fragment: fragment) }
        }
        if diskKind(path) != nil { return .file(display(path)) }
        if let dot {
            let ext = name[name.index(after: dot)...].lowercased()
            if ext == "html" || ext == "htm", let found = indexByStem[String(path.dropLast(name.distance(from: dot, to: name.endIndex)))] {
                return .article(found, fragment: fragment)
            }
        }
        return nil
    }

    /// A page URL, through the permalinks and URL patterns of the articles.
    private func lookUpURL(_ path: String, from article: Int, site: SiteOptions, facts: ArticleFacts?, fragment: String?) -> LinkTarget? {
        if !urlsBuilt { buildURLs(jobs: 1) }
        guard !indexByURL.isEmpty else { return nil }
        var absoluteURL = path
        if !path.hasPrefix("/") {
            guard let page = pageURL(of: article, fields: facts?.fields) else { return nil }
            let folder = page.hasSuffix("/") ? page : PathNames.directory(of: page)
            absoluteURL = Self.join(folder, path) + (path.hasSuffix("/") ? "/" : "")
        }
        guard let index = indexByURL[Self.normalizedURL(absoluteURL)] else { return nil }
        return .article(index, fragment: fragment)
    }

    private func buildURLs(jobs: Int) {
        guard !urlsBuilt else { return }
        urlsBuilt = true
        guard sites.contains(where: { $0.urlPattern != nil || !$0.permalinkFields.isEmpty }) else { return }
        let shared = Shared(library: self)
        isPreparing = true
        ParallelRun.run(batches, jobs: jobs, work: { batch in batch.map { index in (index, shared.library.pageURL(of: index).map(Self.normalizedURL)) } }) { results in
            for result in results { if let key = result.1, indexByURL[key] == nil { indexByURL[key] = result.0 } }
        }
        isPreparing = false
    }

    /// The URL the site serves an article at: its permalink, else the URL pattern's.
    /// `fields`: the article's metadata fields, when the caller has them decoded.
    public func pageURL(of article: Int, fields given: [FieldFact]? = nil) -> String? {
        let site = site(of: article)
        let fields = given ?? (site.permalinkFields.isEmpty ? [] : store.summary(article, parts: .fields).fields)
        let relative = PathNames.relative(absolutePaths[article], to: site.root ?? workingDirectory)
        let patternURL = relative.flatMap { site.url(forRelativePath: $0) }
        for field in site.permalinkFields {
            let wanted = field.lowercased()
            guard let value = fields.first(where: { $0.name == wanted })?.values.first?.text.trimmingWhitespace, !value.isEmpty else { continue }
            // A Jekyll permalink template (`/:categories/:title/`) names no one page.
            if value.contains(":") { continue }
            if value.hasPrefix("/") { return value }
            let folder = patternURL.map { $0.hasSuffix("/") ? PathNames.directory(of: String($0.dropLast())) : PathNames.directory(of: $0) }
                ?? relative.map { "/" + PathNames.directory(of: $0) } ?? "/"
            return PathNames.normalize((folder == "." ? "/" : folder) + "/" + value) + (value.hasSuffix("/") ? "/" : "")
        }
        return patternURL
    }

    /// `/guide/`, `/guide`, `/guide/index.html` and `/guide.html` are one page.
    static func normalizedURL(_ url: String) -> String {
        var path = Substring(url)
        if let cut = path.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) { path = path[..<cut] }
        var text = join("/", percentDecoded(path))
        for suffix in ["/index.html", "/index.htm", ".html", ".htm"] where text.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count))
            break
        }
        return text.isEmpty ? "/" : text
    }

    // MARK: Anchors

    /// Every id a `#fragment` can land on in `article`: explicit ids, and its headings' ids as
    /// its site's generator makes them.
    public func anchors(of article: Int) -> Set<String> {
        if let known = anchorCache[article] { return known }
        let facts = store.facts(article, sections: .anchors)
        // Sized once for every id the page can have: growing rehashes them all.
        var anchors = Set<String>(minimumCapacity: facts.anchors.count + facts.headings.count + 2 * facts.footnotes.count)
        anchors.formUnion(facts.anchors)
        if facts.headingsGetGeneratedIDs {
            let style = site(of: article).slugs
            let headings = facts.headings.map { HeadingSlugs.Heading(markdown: $0.text, markupID: $0.anchor) }
            anchors.formUnion(HeadingSlugs.ids(of: headings, style: style, otherIDs: facts.anchors))
            anchors.formUnion(HeadingSlugs.footnoteIDs(facts.footnotes, style: style))
        } else {
            anchors.formUnion(facts.headings.compactMap(\.anchor))
        }
        anchorCache[article] = anchors
        return anchors
    }

    /// Whether `fragment` lands somewhere in `article`. `top` always does (browsers scroll to the
    /// top for it), as do text fragments (`#:~:text=`).
    public func hasAnchor(_ fragment: String, in article: Int) -> Bool {
        if fragment.isEmpty || (fragment.utf8.count == 3 && fragment.lowercased() == "top") || fragment.hasPrefix(":~:") { return true }
        return anchors(of: article).contains(fragment)
    }

    // MARK: Helpers

    private func diskKind(_ path: String) -> FileSystem.Kind? {
        if !isPreparing, let known = diskCache[path] { return known }
        var kind: FileSystem.Kind?
        if boundary.root.map({ path == $0 || path.hasPrefix($0 + "/") }) ?? true {
            kind = try? FileSystem.kind(of: path)
        }
        if !isPreparing { diskCache[path] = kind }
        return kind
    }

    /// `scheme:` as RFC 3986 spells it (`https:`, `mailto:`, `javascript:`).
    static func hasScheme(_ url: Substring) -> Bool {
        var first = true
        for byte in url.utf8 {
            if byte == UInt8(ascii: ":") { return !first }
            let isLetter = byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A
            let isOther = (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isLetter || (!first && isOther) else { return false }
            first = false
        }
        return false
    }

    /// `relative` (a path, or one starting with `/` that stays under `base`) resolved against
    /// the absolute folder `base`, `.` and `..` removed, on bytes: a library resolves every
    /// link of every article, and `PathNames.normalize` splits into strings.
    static func join(_ base: String, _ relative: String) -> String {
        var output = Array(base.utf8)
        if output.count > 1, output.last == UInt8(ascii: "/") { output.removeLast() }
        let rootLength = 1
        for segment in relative.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if segment.count == 1, segment.first == UInt8(ascii: ".") { continue }
            if segment.count == 2, segment.first == UInt8(ascii: "."), segment.last == UInt8(ascii: ".") {
                if let slash = output.lastIndex(of: UInt8(ascii: "/")) { output.removeSubrange(max(slash, slash == 0 ? rootLength : slash)...) }
                continue
            }
            if output.last != UInt8(ascii: "/") { output.append(UInt8(ascii: "/")) }
            output.append(contentsOf: segment)
        }
        if output.isEmpty { output = [UInt8(ascii: "/")] }
        return String(decoding: output, as: UTF8.self)
    }

    static func withoutTrailingSlash(_ text: String) -> String {
        text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// `%20` → space; malformed escapes stay as written.
    static func percentDecoded(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
