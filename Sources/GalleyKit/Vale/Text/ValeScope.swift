/// The kinds of text Vale gives its rules, named by Vale's scope selectors.
///
/// Galley's blocks map onto them: a paragraph (or a definition) is prose, read three ways (the
/// whole `text`, its `paragraph`s, its `sentence`s); a heading is `text.heading.h2`, a list
/// item `text.list`, a quote `text.blockquote`, a table cell `text.table.cell`, a caption
/// `text.figure.caption`, image alt text `text.attr.alt`. `summary` is all the prose together
/// and `raw` the file as written. Each selector also carries the file's extension (`text.md`).
enum ValeUnitKind: Int, CaseIterable, Sendable {
    case text, paragraph, sentence
    case heading1, heading2, heading3, heading4, heading5, heading6
    case list, blockquote, tableCell, caption, alt
    case summary, raw

    var sections: [String] { Self.sectionTable[rawValue] }

    /// `sections` of every kind, by raw value: read for every kind of every rule's scope as
    /// rules are loaded, so made once.
    private static let sectionTable: [[String]] = allCases.map(\.computedSections)

    private var computedSections: [String] {
        switch self {
        case .text: return ["text"]
        case .paragraph: return ["paragraph"]
        case .sentence: return ["sentence"]
        case .heading1, .heading2, .heading3, .heading4, .heading5, .heading6:
            return ["text", "heading", "h\(rawValue - ValeUnitKind.heading1.rawValue + 1)"]
        case .list: return ["text", "list"]
        case .blockquote: return ["text", "blockquote"]
        case .tableCell: return ["text", "table", "cell"]
        case .caption: return ["text", "figure", "caption"]
        case .alt: return ["text", "attr", "alt"]
        case .summary: return ["summary"]
        case .raw: return ["raw"]
        }
    }

    static func heading(_ level: Int) -> ValeUnitKind {
        ValeUnitKind(rawValue: heading1.rawValue + min(max(level, 1), 6) - 1)!
    }
}

/// A rule's `scope`: a list of selectors (any may match), each selector a conjunction (`&`) of
/// parts, each part dotted names that must all be in the text's selector, or (with `~`) not.
struct ValeScope: Sendable, Hashable {
    private struct Part: Sendable, Hashable {
        var names: [String]
        var negated: Bool
    }

    private let selectors: [[Part]]
    let written: [String]

    /// Vale's scopes, for validation (`heading.h1`…`h6` and `table.header` are accepted too).
    static let allowed: Set<String> = [
        "text", "heading", "table", "figure", "list", "paragraph", "sentence", "alt", "title", "blockquote", "summary", "raw",
    ]

    static let text = ValeScope(["text"])

    init(_ written: [String]) {
        self.written = written
        selectors = written.map { selector in
            selector.split(separator: "&", omittingEmptySubsequences: false).map { part in
                var text = String(part).trimmingCharacters()
                var negated = false
                if text.hasPrefix("~") {
                    negated = true
                    text.removeFirst()
                }
                return Part(names: text.split(separator: ".", omittingEmptySubsequences: false).map { String($0).trimmingCharacters() }, negated: negated)
            }
        }
    }

    /// The first selector Vale would refuse, with why.
    static func problem(in written: [String]) -> String? {
        for selector in written {
            for part in selector.split(separator: "&") {
                var name = String(part).trimmingCharacters()
                if name.hasPrefix("~") { name.removeFirst() }
                let base = name.split(separator: ".").first.map(String.init) ?? ""
                if ["code", "link", "strong", "emphasis"].contains(base) {
                    return "scope '\(base)' is no longer supported by Vale; use 'raw' instead"
                }
                if !allowed.contains(base) {
                    return "'\(base)' is not a valid scope; must be one of \(allowed.sorted().joined(separator: ", "))"
                }
            }
        }
        return nil
    }

    /// Whether text of `kind` in a file with extension `ext` (no dot) is in the scope.
    func matches(_ kind: ValeUnitKind, ext: String) -> Bool {
        let sections = kind.sections
        return selectors.contains { parts in
            parts.allSatisfy { part in
                let contained = part.names.allSatisfy { $0 == ext || sections.contains($0) }
                if part.negated {
                    // A negation cannot apply to the sized scopes.
                    return !contained && kind != .summary && kind != .raw
                }
                return contained
            }
        }
    }

    /// The kinds in scope, as a bit set over `ValeUnitKind.rawValue`.
    func mask(ext: String) -> UInt32 {
        var mask: UInt32 = 0
        for kind in ValeUnitKind.allCases where matches(kind, ext: ext) { mask |= 1 << UInt32(kind.rawValue) }
        return mask
    }
}
