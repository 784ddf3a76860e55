/// Article metadata in source order: front matter keys, `<title>` and `<meta>`, DocBook `info`.
public struct Metadata: Sendable {
    public private(set) var fields: [MetadataField] = []

    public init() {}

    public var isEmpty: Bool { fields.isEmpty }

    /// The field called `key` (case-insensitive); the last one wins when a key repeats.
    public subscript(key: String) -> MetadataField? {
        let wanted = key.lowercased()
        return fields.last { $0.key.lowercased() == wanted }
    }

    public mutating func set(_ field: MetadataField) {
        fields.append(field)
    }

    /// Puts `field` in place of the field that `self[field.key]` returns (or adds it).
    public mutating func replace(_ field: MetadataField) {
        let wanted = field.key.lowercased()
        if let index = fields.lastIndex(where: { $0.key.lowercased() == wanted }) { fields[index] = field } else { fields.append(field) }
    }

    /// Adds `field` unless a field with its key already exists.
    public mutating func setIfAbsent(_ field: MetadataField) {
        if self[field.key] == nil { fields.append(field) }
    }
}

public struct MetadataField: Sendable {
    public enum Origin: String, Sendable {
        case frontMatter = "front-matter"
        case htmlTitle = "html-title"
        case htmlMeta = "html-meta"
        /// schema.org data in a page's `application/ld+json` script.
        case jsonLD = "json-ld"
        case docbookInfo = "docbook-info"
        case xpath
        case yamlArticle = "yaml"
        /// Taken from the article's first H1 because no title was declared.
        case heading
    }

    public var key: String
    public var value: MetadataValue
    /// Where the key is written (for front matter) or the element that carries the value.
    public var offset: Int
    public var origin: Origin

    public init(key: String, value: MetadataValue, offset: Int, origin: Origin) {
        self.key = key
        self.value = value
        self.offset = offset
        self.origin = origin
    }
}

public indirect enum MetadataValue: Sendable {
    case string(TextRun)
    case list([MetadataValue])
    case map([MetadataField])
    case number(Double, at: Int)
    case bool(Bool, at: Int)
    case null(at: Int)

    /// The value as text, when it is a single string or a scalar.
    public var text: String? {
        switch self {
        case .string(let run): return run.text
        case .number(let value, _): return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .bool(let value, _): return String(value)
        case .null, .list, .map: return nil
        }
    }

    public var items: [MetadataValue] {
        switch self {
        case .list(let items): return items
        case .null: return []
        default: return [self]
        }
    }

    public var offset: Int {
        switch self {
        case .string(let run): return run.sourceRange.start
        case .list(let items): return items.first?.offset ?? 0
        case .map(let fields): return fields.first?.offset ?? 0
        case .number(_, let at), .bool(_, let at), .null(let at): return at
        }
    }

    public var typeName: String {
        switch self {
        case .string: return "string"
        case .list: return "list"
        case .map: return "map"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }
}

extension Metadata {
    /// Turns several fields with one key (one per selected node) into one list field.
    mutating func mergeRepeatedKeys() {
        var merged: [MetadataField] = []
        var positions: [String: Int] = [:]
        for field in fields {
            guard let position = positions[field.key] else {
                positions[field.key] = merged.count
                merged.append(field)
                continue
            }
            merged[position].value = .list(merged[position].value.items + field.value.items)
        }
        fields = merged
    }
}
