/// The findings a library already had when it adopted Galley, so only new ones are reported.
///
/// Findings are matched by path, rule and fingerprint (see `Fingerprint`), never by line, so
/// edits elsewhere in a file keep its known findings hidden. The file is JSON, one finding per
/// line, sorted, so it diffs well in review; `line` and `message` are there for people only.
public struct Baseline: Sendable {
    public static let formatVersion = 1

    public struct Entry: Sendable, Hashable {
        public var path: String
        public var ruleID: String
        public var fingerprint: String
        public var line: Int
        public var message: String

        public init(path: String, ruleID: String, fingerprint: String, line: Int, message: String) {
            self.path = path
            self.ruleID = ruleID
            self.fingerprint = fingerprint
            self.line = line
            self.message = message
        }

        public init(_ diagnostic: Diagnostic) {
            self.init(path: diagnostic.path, ruleID: diagnostic.ruleID, fingerprint: diagnostic.stableFingerprint,
                      line: diagnostic.span.start.line, message: diagnostic.message)
        }

        var key: Key { Key(path: path, ruleID: ruleID, fingerprint: fingerprint) }
    }

    struct Key: Hashable {
        var path: String
        var ruleID: String
        var fingerprint: String
    }

    public private(set) var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries.sorted { a, b in
            if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
            if a.line != b.line { return a.line < b.line }
            if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
            return a.fingerprint < b.fingerprint
        }
    }

    public init(diagnostics: [Diagnostic]) {
        self.init(entries: diagnostics.map(Entry.init))
    }

    public func render() -> String {
        var output = "{\n  \"version\": \(Self.formatVersion),\n  \"tool\": \"galley\",\n  \"findings\": ["
        for (index, entry) in entries.enumerated() {
            output += index == 0 ? "\n    " : ",\n    "
            output += JSONOutput.object([
                ("path", .string(entry.path)), ("rule", .string(entry.ruleID)), ("fingerprint", .string(entry.fingerprint)),
                ("line", .int(entry.line)), ("message", .string(entry.message)),
            ]).compact
        }
        output += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return output
    }

    public struct ReadError: Error, Sendable, Equatable {
        public var message: String
    }

    /// Reads a baseline file's text; `name` is used in error messages.
    public static func parse(_ text: String, name: String) throws(ReadError) -> Baseline {
        let source = SourceText(utf8: text)
        let root: JSONValue
        do {
            root = try JSONValue.parse(text)
        } catch {
            throw ReadError(message: "\(name):\(source.location(of: error.offset)): \(error.message)")
        }
        guard case .object = root else { throw ReadError(message: "\(name): a baseline is a JSON object with 'version' and 'findings'") }
        guard case .number(let version)? = root["version"], version == Double(formatVersion) else {
            throw ReadError(message: "\(name): unsupported baseline version; this Galley reads version \(formatVersion) (write a new one with --write-baseline)")
        }
        guard case .array(let items)? = root["findings"] else { throw ReadError(message: "\(name): 'findings' must be a list") }
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        for item in items {
            guard let path = item["path"]?.string, let rule = item["rule"]?.string, let fingerprint = item["fingerprint"]?.string else {
                let position = item.firstOffset.map { ":\(source.location(of: $0))" } ?? ""
                throw ReadError(message: "\(name)\(position): each finding needs 'path', 'rule' and 'fingerprint' strings")
            }
            var line = 0
            if case .number(let number)? = item["line"], let whole = Int(exactly: number) { line = whole }
            entries.append(Entry(path: path, ruleID: rule, fingerprint: fingerprint, line: line, message: item["message"]?.string ?? ""))
        }
        return Baseline(entries: entries)
    }
}

/// Hides the findings a baseline knows, counting what it hid and which entries no longer match.
public struct BaselineFilter: Sendable {
    /// Which findings the run reports, for counting entries that no longer match: a shard
    /// reports its files' own findings but not the library rules' (the final step does), and
    /// the final step only those.
    public enum Scope: Sendable {
        case all, fileRules, libraryRules
    }

    private var known: Set<Baseline.Key>
    /// Entries per path: of the files' own rules, and of library rules.
    private var countByPath: [String: (file: Int, library: Int)] = [:]
    private let scope: Scope
    /// Findings hidden so far.
    public private(set) var hidden = 0
    /// Entries for files that were linted but no longer have that finding (fixed, or the text
    /// changed); entries of files not linted in this run are not counted.
    public private(set) var stale = 0

    public init(_ baseline: Baseline, libraryIDs: Set<String> = [], scope: Scope = .all) {
        known = Set(baseline.entries.map(\.key))
        self.scope = scope
        for entry in baseline.entries {
            if libraryIDs.contains(entry.ruleID) {
                countByPath[entry.path, default: (0, 0)].library += 1
            } else {
                countByPath[entry.path, default: (0, 0)].file += 1
            }
        }
    }

    public mutating func apply(_ report: FileReport) -> FileReport {
        guard let counts = countByPath[report.path] else { return report }
        let expected: Int
        switch scope {
        case .all: expected = report.holdsOnlyLibraryFindings ? counts.library : counts.file + counts.library
        case .fileRules: expected = counts.file
        case .libraryRules: expected = counts.library
        }
        var kept = report
        kept.diagnostics = report.diagnostics.filter { diagnostic in
            !known.contains(Baseline.Key(path: diagnostic.path, ruleID: diagnostic.ruleID, fingerprint: diagnostic.stableFingerprint))
        }
        let matched = report.diagnostics.count - kept.diagnostics.count
        hidden += matched
        stale += max(0, expected - matched)
        return kept
    }
}

extension JSONValue {
    /// Offset of the first string in the value, to point an error at it.
    var firstOffset: Int? {
        switch self {
        case .string(_, let offset): return offset
        case .object(let members): return members.lazy.compactMap { $0.value.firstOffset }.first
        case .array(let items): return items.lazy.compactMap(\.firstOffset).first
        default: return nil
        }
    }
}
