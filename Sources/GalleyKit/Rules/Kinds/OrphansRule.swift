/// `kind: orphans`: an article no other article links to. Readers reach it only through search
/// or navigation, if at all; it is often one that was forgotten when its neighbours moved.
struct OrphansRule: LibraryRule, RuleKind {
    static let name = "orphans"
    static let summary = "Library: an article that no other article links to (links are followed as internal-links follows them)."
    static let options: [(key: String, description: String)] = [
        ("exclude", "globs of articles that need no links to them (default: index.*, README.*, _index.*: pages readers arrive at)"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("Nothing links to an article", options: "", articles: [
            ExampleArticle("index.md", "# Home\n\n[Setup](setup.md)\n"),
            ExampleArticle("setup.md", "# Setup\n\nBack [home](index.md), or [down](#setup).\n"),
            ExampleArticle("old-news.md", "# Old news\n\nSee [setup](setup.md).\n"),
        ], expected: ["old-news.md:1:1"]),
        RuleExample("Every article is linked from another", options: "exclude: [start.md]", articles: [
            ExampleArticle("start.md", "# Start\n\n[A](guide/a.md)\n"),
            ExampleArticle("guide/a.md", "# A\n\n[B](b.md)\n"),
            ExampleArticle("guide/b.md", "# B\n\n[A](a.md#a)\n"),
        ], expected: []),
    ]

    static let defaultExcludes = ["index.*", "README.*", "_index.*"]

    let definition: RuleDefinition
    var excludes: [Glob] = defaultExcludes.map(Glob.init)

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = OrphansRule(definition: definition)
        if let globs = options.strings("exclude") { rule.excludes = globs.map { Glob($0.0) } }
        return rule
    }

    func check(_ library: Library) -> [LibraryFinding] {
        var linked = [Bool](repeating: false, count: library.count)
        for article in library.indices {
            for target in library.targets(of: article) {
                if case .article(let index, _) = target, index != article { linked[index] = true }
            }
        }
        var findings: [LibraryFinding] = []
        for article in library.indices where !linked[article] {
            let path = library.path(article)
            guard !excludes.contains(where: { $0.matches(path) }) else { continue }
            let facts = library.facts(article, sections: .start)
            findings.append(LibraryFinding(
                article: article, position: facts.start, message: "no other article links to this one",
                values: ["path": path], subject: "orphan", detail: .orphan))
        }
        return findings
    }
}
