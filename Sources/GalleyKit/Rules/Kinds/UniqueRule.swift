/// `kind: unique`: a metadata field, the H1 or the FAQ questions must not repeat across the
/// library. Search engines treat pages sharing a title or a description as duplicates; a
/// question answered in three places is answered three ways.
struct UniqueRule: LibraryRule, RuleKind {
    static let name = "unique"
    static let summary = "Library: a metadata field, the H1 or the FAQ questions are unique across the library; every article of a duplicate group is reported, naming the others."
    static let options: [(key: String, description: String)] = [
        ("field", "a metadata field that must be unique: title, description, or any key"),
        ("h1", "true: the first level-1 heading must be unique"),
        ("faq-questions", "true: no FAQ question may appear in two articles"),
        ("normalize", "what comparing ignores, any of: case, whitespace, punctuation (default: all three)"),
        ("allow", "values that may repeat (compared after normalizing), such as 'Overview'"),
        ("aliases", "other keys that stand for the field when it is absent (description: summary, excerpt by default)"),
    ]
    static let examples: [RuleExample] = [
        RuleExample("Two articles share a title", options: "field: title", articles: [
            ExampleArticle("guide/sleep.md", "---\ntitle: Better sleep\n---\n\n# Better sleep\n"),
            ExampleArticle("blog/sleep-tips.md", "---\ntitle: Better  Sleep!\n---\n\n# Sleep tips\n"),
            ExampleArticle("guide/food.md", "---\ntitle: Eating well\n---\n\n# Eating well\n"),
        ], expected: ["blog/sleep-tips.md:2:8", "guide/sleep.md:2:8"]),
        RuleExample("A question answered in two articles", options: "faq-questions: true", articles: [
            ExampleArticle("a.md", "# A\n\n## FAQ\n\n### Is it safe?\n\nYes.\n"),
            ExampleArticle("b.md", "# B\n\n## FAQ\n\n### Is it SAFE?\n\nMostly.\n\n### How long does it take?\n\nA week.\n"),
        ], expected: ["a.md:5:5", "b.md:5:5"]),
        RuleExample("Different titles, and a heading allowed to repeat", options: "h1: true\nallow: [Overview]", articles: [
            ExampleArticle("a.md", "# Overview\n\nText.\n"),
            ExampleArticle("b.md", "# Overview\n\nMore text.\n"),
            ExampleArticle("c.md", "# Getting started\n\nText.\n"),
        ], expected: []),
    ]

    enum Target: Sendable {
        case field(String, aliases: [String])
        case h1
        case faqQuestions
    }

    enum Normalization: String, CaseIterable, Sendable { case `case`, whitespace, punctuation }

    let definition: RuleDefinition
    var target: Target = .h1
    var normalization: Set<Normalization> = Set(Normalization.allCases)
    var allowed: Set<String> = []

    static func make(_ definition: RuleDefinition, options: inout OptionReader) -> (any Rule)? {
        var rule = UniqueRule(definition: definition)
        let field = options.string("field")
        let h1 = options.bool("h1") ?? false
        let questions = options.bool("faq-questions") ?? false
        let aliases = options.strings("aliases")?.map { $0.0.lowercased() }
        let chosen = [field != nil, h1, questions].filter { $0 }.count
        guard chosen == 1 else {
            options.report(chosen == 0 ? "a unique rule needs one of: field, h1: true, faq-questions: true"
                                       : "a unique rule compares one thing: give only one of field, h1 and faq-questions", at: options.node)
            return nil
        }
        if let field {
            let name = field.lowercased()
            rule.target = .field(name, aliases: aliases ?? (name == "title" ? [] : MetadataRule.defaultAliases[name] ?? []))
        } else {
            rule.target = h1 ? .h1 : .faqQuestions
        }
        if let names = options.strings("normalize") {
            var chosen: Set<Normalization> = []
            for (name, node) in names {
                guard let value = Normalization(rawValue: name) else {
                    options.report("'normalize' takes case, whitespace and punctuation, not '\(name)'\(Spelling.suggestion(for: name, among: Normalization.allCases.map(\.rawValue)))", at: node)
                    continue
                }
                chosen.insert(value)
            }
            rule.normalization = chosen
        }
        rule.allowed = Set((options.strings("allow") ?? []).map { rule.key($0.0) })
        return rule
    }

    var factFields: [String] {
        if case .field(let name, let aliases) = target { return [name] + aliases }
        return []
    }

    /// What the value is called in messages.
    private var what: String {
        switch target {
        case .field(let name, _): return name
        case .h1: return "H1"
        case .faqQuestions: return "FAQ question"
        }
    }

    /// The parts of an article's facts `values(of:)` reads.
    private var parts: FactsSummary.Parts {
        switch target {
        case .field(let name, _): return name == "title" ? .title : name == "description" ? [.description, .fields] : .fields
        case .h1: return .h1
        case .faqQuestions: return .faqQuestions
        }
    }

    private func values(of facts: FactsSummary) -> [FactText] {
        switch target {
        case .field(let name, let aliases):
            if name == "title" { return facts.title.map { [$0] } ?? [] }
            if name == "description", let description = facts.description { return [description] }
            for key in [name] + aliases {
                if let field = facts.field(key), !field.values.isEmpty {
                    // A list (tags) is one value: its items in order.
                    guard field.values.count > 1 else { return field.values }
                    return [FactText(field.values.map(\.text).joined(separator: ", "), at: field.values[0].position)]
                }
            }
            return []
        case .h1:
            return facts.h1.map { [$0] } ?? []
        case .faqQuestions:
            return facts.faqQuestions
        }
    }

    /// The value as compared: case folded, runs of white space as one space, punctuation and
    /// symbols dropped, as the options say. Works on Unicode scalars (this runs for every value
    /// of the library, several times a run).
    func key(_ text: String) -> String {
        let folds = normalization.contains(.case), collapses = normalization.contains(.whitespace)
        let drops = normalization.contains(.punctuation)
        if let ascii = Self.asciiKey(text, folds: folds, collapses: collapses, drops: drops) { return ascii }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                if collapses, isSpace {
                    pendingSpace = !result.isEmpty
                    continue
                }
                let isLetterOrDigit = (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                if drops, !isLetterOrDigit, !isSpace { continue }
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(folds && byte >= 0x41 && byte <= 0x5A ? Unicode.Scalar(byte + 32) : scalar)
                continue
            }
            let properties = scalar.properties
            if collapses, properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if drops {
                switch properties.generalCategory {
                case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
                     .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
                    continue
                default:
                    break
                }
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            if folds { result.append(contentsOf: properties.lowercaseMapping.unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }

    /// `key` of an all-ASCII value (most titles and questions), on bytes into one buffer; nil
    /// when the value has a non-ASCII byte. The same steps as the scalar loop of `key`.
    private static func asciiKey(_ text: String, folds: Bool, collapses: Bool, drops: Bool) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                if collapses, isSpace {
                    pendingSpace = !output.isEmpty
                    continue
                }
                let isLetterOrDigit = (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                if drops, !isLetterOrDigit, !isSpace { continue }
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(folds && byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    func check(_ library: Library) -> [LibraryFinding] {
        struct Member {
            var article: Int
            var value: FactText
        }
        var groups: [String: [Member]] = [:]
        var order: [String] = []
        let parts = parts
        for article in library.indices {
            var seen: Set<String> = []
            for value in values(of: library.summary(article, parts: parts)) {
                let key = key(value.text)
                // One article repeating its own question is the faq rule's business, not the library's.
                guard !key.isEmpty, !allowed.contains(key), seen.insert(key).inserted else { continue }
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(Member(article: article, value: value))
            }
        }
        var findings: [LibraryFinding] = []
        for key in order {
            guard let members = groups[key], members.count > 1 else { continue }
            // One array of the group's paths and one of its members, shared by every finding of
            // the group: a title shared by thousands of articles must not cost a list per article.
            let paths = members.map { library.path($0.article) }
            let group = zip(paths, members).map { LibraryDetail.GroupMember(path: $0.0, line: Int($0.1.value.position.line)) }
            let subject = "unique:" + key
            let count = String(members.count)
            // Past the first few members, each names the same others; members that also write the
            // value alike then share one message (a group can have thousands of members).
            var previous: (text: String, named: String, message: String)?
            for (position, member) in members.enumerated() {
                var named = Self.list(others: paths, except: position)
                var text = member.value.text
                let message: String
                // Compared byte for byte: canonically equivalent spellings print differently.
                if let previous, previous.named.utf8.elementsEqual(named.utf8), previous.text.utf8.elementsEqual(text.utf8) {
                    (text, named, message) = previous
                } else {
                    message = "\(what) '\(Self.shortened(text))' is also the \(what) of \(named)"
                    previous = (text, named, message)
                }
                findings.append(LibraryFinding(
                    article: member.article, position: member.value.position, message: message,
                    values: ["value": text, "match": text, "others": named, "count": count],
                    subject: subject, related: paths,
                    detail: .duplicate(what: what, value: text, group: group)))
            }
        }
        return findings
    }

    /// The group's paths but the one at `except`: "b.md", "b.md and c.md", "b.md, c.md and d.md",
    /// "b.md, c.md, d.md and 9 other articles". Reads at most five paths, however large the group.
    static func list(others paths: [String], except: Int) -> String {
        let shown = 3
        let total = paths.count - 1
        var named: [String] = []
        for (index, path) in paths.enumerated() where index != except {
            named.append(path)
            if named.count == shown + 1 { break }
        }
        if total <= shown + 1 {
            return named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " and " + named.last!
        }
        return named.prefix(shown).joined(separator: ", ") + " and \(total - shown) other articles"
    }

    static func shortened(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}
