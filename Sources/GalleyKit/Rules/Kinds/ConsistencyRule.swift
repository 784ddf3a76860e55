/// `kind: consistency`: Vale's consistency check. One spelling of a pair per file.
struct ConsistencyRule: ValeRule, RuleKind {
    static let name = "consistency"
    static let summary = "Reports the second spelling of a pair once a file has used both, such as 'color' and 'colour' (Vale's consistency check)."
    static let options: [(key: String, description: String)] = [
        ("either", "a mapping of one form to the other: a file may use either, not both"),
        ("ignorecase", "match without regard to case"),
        ("nonword", "do not wrap the forms in \\b word boundaries"),
    ] + ValeRuleSettings.commonOptions
    static let examples: [RuleExample] = [
        RuleExample("Both spellings in one file", options: "either: {colour: color}\nignorecase: true\nmessage: \"Inconsistent spelling of '%s'.\"",
                    article: "# Title\n\nThe colour is red.\n\nThat color is blue.\n", expected: ["5:6"]),
        RuleExample("One spelling throughout", options: "either: {colour: color}",
                    article: "# Title\n\nThe colour is red.\n\nThat colour is blue.\n", expected: []),
    ]

    struct Pair: Sendable {
        let pattern: ValePattern
        let first: Int
        let second: Int
    }

    let definition: RuleDefinition
    let settings: ValeRuleSettings
    let pairs: [Pair]
    /// One prefilter for every pair (its needles hold each pair's): a text that holds none is
    /// passed over without asking each pair's pattern (most texts hold no form of any pair).
    var anyPair: ValeRegexPrefilter?

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        let settings = ValeRuleSettings.read(&options, definition: definition, defaultMessage: "Inconsistent spelling of '%s'.")
        let ignoreCase = options.bool("ignorecase") ?? false
        let nonword = options.bool("nonword") ?? false
        guard let eitherNode = options.node("either") else {
            options.report("a consistency rule needs 'either': a mapping of one form to the other", at: options.node)
            return nil
        }
        guard let entries = eitherNode.pairs else {
            options.report("'either' must be a mapping, found \(OptionReader.describe(eitherNode))", at: eitherNode)
            return nil
        }
        let template = nonword ? "(?m)(?:%s)" : (ValeBuildContext.current.wordTemplate ?? #"(?m)\b(?:%s)\b"#)
        var pairs: [Pair] = []
        for entry in entries {
            guard let first = entry.key.scalar, let second = entry.value.scalar else {
                options.report("each entry of 'either' must map a form to another", at: entry.key)
                continue
            }
            let body = "(?P<first>\(first))|(?P<second>\(second))"
            do {
                let pattern = try ValePattern((ignoreCase ? "(?i)" : "") + template.replacingFirst("%s", with: body))
                guard let one = pattern.groupNumber(named: "first"), let two = pattern.groupNumber(named: "second") else { continue }
                pairs.append(Pair(pattern: pattern, first: one, second: two))
            } catch {
                options.report(error.message, at: entry.key)
            }
        }
        var built = definition
        built.message = nil
        var rule = ConsistencyRule(definition: built, settings: settings, pairs: pairs)
        rule.anyPair = commonPrefilter(pairs)
        return rule
    }

    /// A prefilter that lets through every text some pair's own prefilter lets through; nil
    /// when a pair has none (it may match in any text).
    static func commonPrefilter(_ pairs: [Pair]) -> ValeRegexPrefilter? {
        var needles: Set<[UInt8]> = []
        for pair in pairs {
            guard let own = pair.pattern.prefilter else { return nil }
            needles.formUnion(own.needles)
        }
        // The alternation's needles are its branches' (and it is caseless when one of them is).
        guard !pairs.isEmpty, let common = ValeRegexPrefilter(.alternation(pairs.map(\.pattern.root))),
              needles.isSubset(of: Set(common.needles)) else { return nil }
        return common
    }

    func check(_ document: Document, context: RuleContext) -> [Finding] {
        // Which forms the file has used so far: Vale keeps this for the whole file.
        var seen: [Set<Int>] = Array(repeating: [], count: pairs.count)
        let anyPair = anyPair
        return valeCheck(context) { run, unit in
            if let anyPair, !anyPair.mayMatch(run.document.texts[unit.text].grams) { return ([], false) }
            let valeText = run.document.text(unit.text)
            var text = valeText.run.text
            var alerts: [ValeAlert] = []
            var gaveUp = false
            text.withUTF8 { whole in
                let bytes = UnsafeBufferPointer(rebasing: whole[unit.range])
                for (index, pair) in pairs.enumerated() {
                    let (matches, stopped) = pair.pattern.matches(bytes, in: valeText, groups: true, scratch: run.scratch)
                    gaveUp = gaveUp || stopped
                    var last: Range<Int>?
                    for match in matches {
                        for group in [pair.first, pair.second] where group < match.groups.count {
                            if let range = match.groups[group] {
                                seen[index].insert(group)
                                last = range
                            }
                        }
                    }
                    guard !matches.isEmpty, seen[index].count == 2, let last else { continue }
                    let range = (last.lowerBound + unit.range.lowerBound)..<(last.upperBound + unit.range.lowerBound)
                    let found = run.substring(unit.text, range)
                    alerts.append(ValeAlert(text: unit.text, range: range, match: found, message: ValeMessage.format(settings.message, [found]), suggestion: nil))
                }
            }
            return (alerts, gaveUp)
        }
    }
}
