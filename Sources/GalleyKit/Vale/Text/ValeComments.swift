/// Vale's in-text controls: `<!-- vale off -->`, `<!-- vale on -->` and
/// `<!-- vale Style.Rule = NO -->` (or `= YES`), in Markdown, HTML and XML comments alike.
///
/// As in Vale, a control applies from where it stands to the end of the file (or the next
/// control), and to the whole block it sits in, since Vale reads a block's comments before
/// linting the block. They govern Vale's rules only; Galley's own rules have their own
/// `galley-disable` comments.
struct ValeComments: Sendable {
    struct Directive: Sendable, Equatable {
        enum Change: Sendable, Equatable {
            case allOff, allOn
            case rule(String, enabled: Bool)
        }

        var offset: Int
        var change: Change
    }

    let directives: [Directive]

    init(_ document: Document) {
        directives = document.comments.compactMap { comment in
            Self.parse(comment.text).map { Directive(offset: comment.range.start, change: $0) }
        }
    }

    init(directives: [Directive]) {
        self.directives = directives
    }

    /// The control a comment's text holds, if it is one.
    static func parse(_ text: String) -> Directive.Change? {
        let trimmed = text.trimmingCharacters()
        if trimmed == "vale off" { return .allOff }
        if trimmed == "vale on" { return .allOn }
        guard trimmed.hasPrefix("vale ") else { return nil }
        let body = trimmed.dropFirst("vale ".count)
        for (suffix, enabled) in [(" = NO", false), (" = YES", true)] where body.hasSuffix(suffix) {
            let name = String(body.dropLast(suffix.count))
            guard let dot = name.firstIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else { return nil }
            return .rule(name, enabled: enabled)
        }
        return nil
    }

    var isEmpty: Bool { directives.isEmpty }

    /// Whether rule `id` is switched off for a unit read once the comments before `horizon`
    /// (a source offset) have been seen. For the sized scopes (`horizon` past the end), the
    /// rule-specific controls are reset first, as Vale does.
    func disables(_ id: String, horizon: Int) -> Bool {
        guard !directives.isEmpty else { return false }
        var off = false
        var ruleState: Bool?
        for directive in directives where directive.offset < horizon {
            switch directive.change {
            case .allOff: off = true
            case .allOn: off = false
            case .rule(let name, let enabled) where name == id || Self.styleRule(of: id) == name:
                ruleState = !enabled
            case .rule: break
            }
        }
        if off { return true }
        if horizon == Int.max { return false }
        return ruleState ?? false
    }

    /// `Style.Rule` of a longer id (consistency rules add a suffix in Vale).
    private static func styleRule(of id: String) -> String {
        let parts = id.split(separator: ".", maxSplits: 2)
        return parts.count > 2 ? parts[0] + "." + parts[1] : id
    }
}
