import YAMLParser

/// How the site built from the articles turns files into pages: where root-relative links
/// start, which URL each article gets, and how its generator makes heading ids. Written under
/// `site:` in `.galley.yml`; library rules resolve each article's links with the options of
/// the configuration that governs it.
public struct SiteOptions: Sendable, Hashable {
    /// The folder (absolute) a root-relative link such as `/guide/install.md` starts from: by
    /// default the folder of the `.galley.yml`; nil (no configuration file): the folder Galley runs in.
    public var root: String?
    /// The URL of an article without a permalink, from its path under `root`: `/:path/` gives
    /// `docs/guide/install.md` the URL `/docs/guide/install/` (`index`, `README` and `_index`
    /// files stand for their folder). nil: articles are reached by file path only.
    public var urlPattern: String?
    /// Front matter fields that set an article's own URL (Jekyll and Hugo `permalink`, Hugo
    /// `url`, Docusaurus `slug`); a value without a leading `/` is relative to the article's folder.
    public var permalinkFields: [String] = ["permalink"]
    /// File names (without extension) that stand for their folder.
    public var indexFiles: [String] = ["index", "README", "_index"]
    /// How the generator makes ids from headings.
    public var slugs: HeadingSlugs.Style = .github
    /// The site's own address (`https://example.com/docs`): absolute links under it are checked
    /// like root-relative ones.
    public var url: String?
    /// Folders (absolute) whose files the site serves from its root, as Hugo's and
    /// Docusaurus' `static/`: a root-relative link may name a file there.
    public var staticFolders: [String] = []

    public init() {}

    public static let keys: [(key: String, description: String)] = [
        ("root", "the folder root-relative links (/guide/install.md) start from, relative to this file (default: this file's folder)"),
        ("url-pattern", "the URL of an article from its path under root, with :path, e.g. /:path/ or /docs/:path.html"),
        ("permalink-fields", "front matter fields that set an article's URL (default: [permalink])"),
        ("index-files", "file names that stand for their folder (default: [index, README, _index])"),
        ("slugs", "how headings become ids: " + HeadingSlugs.Style.allCases.map(\.rawValue).joined(separator: ", ") + " (default: github)"),
        ("url", "the site's own address; absolute links under it are checked as internal"),
        ("static", "folders the site serves from its root (Hugo's and Docusaurus' static/)"),
    ]

    /// Reads `site:` from a configuration in `directory` (absolute) into `self`.
    mutating func read(_ reader: inout OptionReader, directory: String) {
        if let root = reader.string("root") { self.root = PathNames.absolute(root, from: directory) }
        if let pattern = reader.string("url-pattern"), let node = reader.node["url-pattern"] {
            if !pattern.hasPrefix("/") {
                reader.report("'url-pattern' must start with '/', as the site's URLs do: '/:path/'", at: node)
            } else if !pattern.contains(":path") {
                reader.report("'url-pattern' needs ':path' (the article's path under root, without extension): '/:path/'", at: node)
            } else {
                urlPattern = pattern
            }
        }
        if let fields = reader.strings("permalink-fields") { permalinkFields = fields.map { $0.0.lowercased() } }
        if let names = reader.strings("index-files") { indexFiles = names.map(\.0) }
        if let style = reader.choice("slugs", HeadingSlugs.Style.allCases.map(\.rawValue)) {
            slugs = HeadingSlugs.Style(rawValue: style) ?? .github
        }
        if let url = reader.string("url"), let node = reader.node["url"] {
            if url.hasPrefix("http://") || url.hasPrefix("https://") {
                self.url = url
            } else {
                reader.report("'url' must be an http or https address, such as https://example.com/docs", at: node)
            }
        }
        if let folders = reader.strings("static") { staticFolders = folders.map { PathNames.absolute($0.0, from: directory) } }
    }

    /// The URL `pattern` gives the article at `relativePath` (under the root, with its
    /// extension): `/:path/` and `guide/index.md` give `/guide/`.
    public func url(forRelativePath relativePath: String) -> String? {
        guard let pattern = urlPattern else { return nil }
        if let url = Self.asciiURL(pattern: pattern, relativePath: relativePath, indexFiles: indexFiles) { return url }
        var path = relativePath
        if let dot = path.lastIndex(of: "."), !path[dot...].contains("/") { path = String(path[..<dot]) }
        let name = PathNames.fileName(path)
        if indexFiles.contains(name) {
            path = path.count == name.count ? "" : String(path.dropLast(name.count + 1))
        }
        var url = pattern.replacing(":path", with: path)
        while url.contains("//") { url = url.replacing("//", with: "/") }
        return url
    }

    /// `url(forRelativePath:)` on bytes when the pattern and the path are ASCII (as nearly
    /// every path is): the same steps, without searching and replacing Characters, since the
    /// library phase makes the URL of every article. nil otherwise.
    private static func asciiURL(pattern: String, relativePath: String, indexFiles: [String]) -> String? {
        let path = Array(relativePath.utf8), template = Array(pattern.utf8)
        guard !path.contains(where: { $0 >= 0x80 }), !template.contains(where: { $0 >= 0x80 }),
              indexFiles.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
        let slash = UInt8(ascii: "/")
        var end = path.count
        if let dot = path.lastIndex(of: UInt8(ascii: ".")), !path[dot...].contains(slash) { end = dot }
        let nameStart = path[..<end].lastIndex(of: slash).map { $0 + 1 } ?? 0
        if indexFiles.contains(where: { $0.utf8.elementsEqual(path[nameStart..<end]) }) { end = max(0, nameStart - 1) }
        let stem = path[..<end]
        let placeholder = Array(":path".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(template.count + stem.count)
        // Each `:path` replaced, then every run of slashes made one (as replacing `//` until none is left).
        func emit(_ byte: UInt8) {
            if byte == slash, output.last == slash { return }
            output.append(byte)
        }
        var index = 0
        while index < template.count {
            if template[index] == placeholder[0], template[index...].starts(with: placeholder) {
                for byte in stem { emit(byte) }
                index += placeholder.count
            } else {
                emit(template[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A stable description for the facts cache and facts files: any change to the site
    /// options that shapes facts (the permalink fields) makes new facts.
    var factsSignature: String { permalinkFields.joined(separator: ",") }
}
