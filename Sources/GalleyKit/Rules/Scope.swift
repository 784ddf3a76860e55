/// Which parts of an article a rule looks at: kinds of blocks, FAQ roles, metadata fields.
///
/// Written in a rule as `scope: [paragraphs, list-items, metadata.title]`. Without a scope a
/// text rule reads all prose (every block) and the `title` and `description` metadata.
public struct Scope: Sendable, Hashable {
    public var blockKinds: Set<Block.Kind>
    /// When non-empty, only blocks with one of these roles.
    public var roles: Set<Block.Role>
    /// Metadata fields whose string values are read (lower-cased keys); `*` for all.
    public var metadataKeys: Set<String>

    public static let names: [(name: String, description: String)] = [
        ("all", "every block and the title and description metadata (the default)"),
        ("body", "all blocks except headings"),
        ("headings", "headings"),
        ("paragraphs", "paragraphs"),
        ("list-items", "list items"),
        ("quotes", "block quotes"),
        ("table-cells", "table cells"),
        ("definitions", "definition terms and definitions"),
        ("captions", "figure and table captions"),
        ("alt-text", "image alt text"),
        ("faq-questions", "FAQ questions"),
        ("faq-answers", "FAQ answers"),
        ("metadata", "every metadata string"),
        ("metadata.KEY", "one metadata field, e.g. metadata.title"),
    ]

    public static let all = Scope(
        blockKinds: Set(Block.Kind.allCases), roles: [], metadataKeys: ["title", "description"])

    /// Every block except headings, no metadata.
    public static let body = Scope(
        blockKinds: Set(Block.Kind.allCases.filter { $0 != .heading }), roles: [], metadataKeys: [])

    public init(blockKinds: Set<Block.Kind>, roles: Set<Block.Role>, metadataKeys: Set<String>) {
        self.blockKinds = blockKinds
        self.roles = roles
        self.metadataKeys = metadataKeys
    }

    /// Parses scope names; returns the unknown name on failure.
    public static func parse(_ names: [String]) -> Result<Scope, ScopeError> {
        var scope = Scope(blockKinds: [], roles: [], metadataKeys: [])
        for name in names {
            switch name {
            case "all":
                scope.blockKinds.formUnion(Block.Kind.allCases)
                scope.metadataKeys.formUnion(["title", "description"])
            case "body": scope.blockKinds.formUnion(Scope.body.blockKinds)
            case "headings": scope.blockKinds.insert(.heading)
            case "paragraphs": scope.blockKinds.insert(.paragraph)
            case "list-items": scope.blockKinds.insert(.listItem)
            case "quotes": scope.blockKinds.insert(.quote)
            case "table-cells": scope.blockKinds.insert(.tableCell)
            case "definitions": scope.blockKinds.formUnion([.term, .definition])
            case "captions": scope.blockKinds.insert(.caption)
            case "alt-text": scope.blockKinds.insert(.altText)
            case "faq-questions":
                scope.blockKinds.formUnion(Block.Kind.allCases)
                scope.roles.insert(.faqQuestion)
            case "faq-answers":
                scope.blockKinds.formUnion(Block.Kind.allCases)
                scope.roles.insert(.faqAnswer)
            case "metadata": scope.metadataKeys.insert("*")
            default:
                guard name.hasPrefix("metadata."), name.count > "metadata.".count else { return .failure(ScopeError(name: name)) }
                scope.metadataKeys.insert(String(name.dropFirst("metadata.".count)).lowercased())
            }
        }
        return .success(scope)
    }

    public struct ScopeError: Error, Sendable {
        public var name: String
    }

    public func includes(_ block: Block) -> Bool {
        includes(kind: block.kind, role: block.role)
    }

    /// Asked for every block by every scoped rule: a scope of every kind (the default) skips
    /// hashing the kind.
    public func includes(kind: Block.Kind, role: Block.Role) -> Bool {
        (blockKinds.count == Self.kindCount || blockKinds.contains(kind)) && (roles.isEmpty || roles.contains(role))
    }

    private static let kindCount = Block.Kind.allCases.count

    public func includes(metadataKey key: String) -> Bool {
        metadataKeys.contains("*") || metadataKeys.contains(key.lowercased())
    }
}

extension OptionReader {
    /// The `scope` option, defaulting to `Scope.all`.
    public mutating func scope(default fallback: Scope = .all) -> Scope {
        guard let names = strings("scope") else { return fallback }
        switch Scope.parse(names.map(\.0)) {
        case .success(let scope): return scope
        case .failure(let error):
            let node = names.first { $0.0 == error.name }?.1 ?? self.node
            let known = Scope.names.map(\.name).filter { $0 != "metadata.KEY" }
            report("unknown scope '\(error.name)'\(Spelling.suggestion(for: error.name, among: known)); scopes: \(Scope.names.map(\.name).joined(separator: ", "))", at: node)
            return fallback
        }
    }
}
