/// `kind: headings`: the outline's shape: one H1, no skipped levels.
struct HeadingsRule: Rule, RuleKind {
    static let name = "headings"
    static let summary = "Checks the outline: an H1 is present, it is the only one, and levels never skip (H2 to H4)."
    static let options: [(key: String, description: String)] = [
        ("require-h1", "report an article without an H1 (at its first line)"),
        ("single-h1", "report every H1 after the first"),
        ("no-skipped-levels", "report a heading more than one level below the heading before it"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("A second H1 is reported", options: "single-h1: true",
                    article: "# Title\n\nText.\n\n# Another title\n", expected: ["5:1"]),
        RuleExample("One H1 passes", options: "single-h1: true",
                    article: "# Title\n\n## Section\n", expected: []),
        RuleExample("H2 followed by H4 skips a level", options: "no-skipped-levels: true",
                    article: "# Title\n\n## Section\n\n#### Detail\n", expected: ["5:1"]),
        RuleExample("Going back up any number of levels is fine", options: "no-skipped-levels: true",
                    article: "# Title\n\n## Section\n\n### Detail\n\n## Next\n", expected: []),
        RuleExample("A missing H1 is reported at the top", options: "require-h1: true",
                    article: "## Only a section\n", expected: ["1:1"]),
    ]

    let definition: RuleDefinition
    var requireH1 = false
    var singleH1 = false
    var noSkippedLevels = false

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = HeadingsRule(definition: definition)
        rule.requireH1 = options.bool("require-h1") ?? false
        rule.singleH1 = options.bool("single-h1") ?? false
        rule.noSkippedLevels = options.bool("no-skipped-levels") ?? false
        if !(rule.requireH1 || rule.singleH1 || rule.noSkippedLevels) {
            options.report("a headings rule needs at least one of: require-h1, single-h1, no-skipped-levels", at: options.node)
            return nil
        }
        return rule
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let headings = document.headings.map { document.blocks[$0] }
        let h1s = headings.filter { $0.level == 1 }
        if requireH1, h1s.isEmpty {
            findings.append(Finding(range: SourceRange(at: firstContentOffset(document)), message: "the article has no H1 heading"))
        }
        if singleH1 {
            for heading in h1s.dropFirst() {
                findings.append(Finding(range: heading.range, message: "more than one H1 heading ('\(heading.text.text)')",
                                        values: ["heading": heading.text.text], matchedText: heading.text.text))
            }
        }
        if noSkippedLevels {
            var previous = 0
            for heading in headings {
                if previous > 0, heading.level > previous + 1 {
                    findings.append(Finding(
                        range: heading.range,
                        message: "heading level \(heading.level) follows level \(previous); use level \(previous + 1)",
                        values: ["level": String(heading.level), "previous": String(previous), "expected": String(previous + 1)],
                        matchedText: heading.text.text))
                }
                previous = heading.level
            }
        }
        return findings
    }

    /// Where an article-level finding goes: the first heading or block, else the top of the file.
    private func firstContentOffset(_ document: Document) -> Int {
        document.blocks.first?.range.start ?? 0
    }
}
