import PCRE
import Synchronization

/// What every Vale kind has besides its own options: Vale's scope, its message (a Go format
/// string), link, limit, action and level, and the project's accepted words.
struct ValeRuleSettings: Sendable {
    var scope = ValeScope.text
    /// `%s` format; filled by each kind with its own arguments.
    var message: String
    var description = ""
    var link = ""
    /// At most this many findings per file (0: no limit).
    var limit = 0
    var action = ValeAction(name: "", params: [])
    /// Vale's level name: suggestion, warning or error.
    var level: String
    /// The configuration's ignore patterns (nil outside a Vale set-up).
    var ignores: ValeIgnores?
    /// Scope masks for the usual extensions, computed once.
    private var masks: [String: UInt32] = [:]

    init(message: String, level: String) {
        self.message = message
        self.level = level
    }

    static let commonOptions: [(key: String, description: String)] = [
        ("scope", "Vale scopes to read: text (default), heading, heading.h1…h6, paragraph, sentence, list, blockquote, table.cell, alt, summary, raw; ~ negates, & joins, a dotted extension (text.md) narrows"),
        ("message", "a Go format string: each %s takes the next value (what matched, then the kind's suggestion)"),
        ("link", "a page that explains the rule (shown by galley vale --output=JSON and in SARIF)"),
        ("limit", "report at most this many findings of the rule per file"),
        ("action", "{name, params}: Vale's fix (replace, remove, edit, convert, suggest); its result is the finding's suggestion"),
    ]

    static let knownExtensions = ["md", "markdown", "mdown", "mkd", "html", "htm", "xhtml", "xml", "dbk", "yml", "yaml", "txt"]

    /// Reads the common options; `definition.message` (already read) is the message format.
    static func read(_ options: inout OptionReader, definition: RuleDefinition, defaultMessage: String) -> ValeRuleSettings {
        var settings = ValeRuleSettings(message: definition.message ?? defaultMessage, level: ValeLevel.name(of: definition.severity))
        settings.description = definition.description
        settings.ignores = ValeBuildContext.current.ignores
        if let scopes = options.strings("scope") {
            let names = scopes.map(\.0)
            if let problem = ValeScope.problem(in: names), let node = options.node["scope"] {
                options.report(problem, at: node)
            }
            settings.scope = ValeScope(names)
        }
        settings.link = options.string("link") ?? ""
        settings.limit = options.int("limit", range: 0...1_000_000) ?? 0
        if var action = options.options("action") {
            let name = action.string("name") ?? ""
            let params = action.strings("params")?.map(\.0) ?? []
            if !name.isEmpty, !ValeAction.names.contains(name), let node = action.node["name"] {
                action.report("unknown action '\(name)'; actions: \(ValeAction.names.joined(separator: ", "))", at: node)
            }
            settings.action = ValeAction(name: name, params: params)
            options.absorb(action)
        }
        settings.computeMasks()
        return settings
    }

    /// Masks by scope: a rule set holds a handful of distinct scopes among its rules.
    private static let masksByScope = Mutex<[ValeScope: [String: UInt32]]>([:])

    mutating func computeMasks() {
        let scope = scope
        masks = Self.masksByScope.withLock { known in
            if let masks = known[scope] { return masks }
            let masks = Dictionary(uniqueKeysWithValues: Self.knownExtensions.map { ($0, scope.mask(ext: $0)) })
            known[scope] = masks
            return masks
        }
    }

    func mask(ext: String) -> UInt32 {
        masks[ext] ?? scope.mask(ext: ext)
    }

    /// Whether the rule reads headings and nothing else (in files of every usual extension).
    var readsOnlyHeadings: Bool {
        let headings = ValeUnitKind.allCases.filter { $0.sections.contains("heading") }.reduce(UInt32(0)) { $0 | 1 << UInt32($1.rawValue) }
        return Self.knownExtensions.allSatisfy { mask(ext: $0) & ~headings == 0 }
    }
}

/// Vale's levels and Galley's severities.
enum ValeLevel {
    static let names = ["suggestion", "warning", "error"]

    static func severity(_ level: String) -> Severity? {
        switch level {
        case "suggestion": return .note
        case "warning": return .warning
        case "error": return .error
        default: return nil
        }
    }

    static func name(of severity: Severity) -> String {
        switch severity {
        case .note: return "suggestion"
        case .warning: return "warning"
        case .error: return "error"
        }
    }
}

/// A Vale `action`: how a finding could be fixed. Galley reports its result as the suggestion.
struct ValeAction: Sendable, Equatable {
    var name: String
    var params: [String]

    static let names = ["suggest", "replace", "remove", "convert", "edit"]

    /// The fixes Vale's `FixAlert` gives for `match` (nil when it would fail).
    func fixes(for match: String) -> [String]? {
        switch name {
        case "replace": return params
        case "remove": return [""]
        case "convert":
            guard let first = params.first else { return nil }
            return [first == "simple" ? ValeCase.simple(match) : match]
        case "edit":
            guard let operation = params.first else { return nil }
            var result = match
            switch operation {
            case "regex":
                guard params.count == 3, let pattern = try? PCREPattern(params[1]) else { return nil }
                result = ValeAction.replacing(pattern, in: match, with: params[2])
            case "trim_right":
                guard params.count == 2 else { return nil }
                result = String(Self.droppingLast(Substring(match), in: params[1]))
            case "trim_left":
                guard params.count == 2 else { return nil }
                result = String(match.drop { params[1].contains($0) })
            case "trim":
                guard params.count == 2 else { return nil }
                result = String(Self.droppingLast(match.drop { params[1].contains($0) }, in: params[1]))
            case "truncate":
                guard params.count == 2, !params[1].isEmpty else { return nil }
                result = match.splitting(by: params[1]).first ?? match
            case "split":
                guard params.count == 3, let index = Int(params[2]) else { return nil }
                let parts = params[1].isEmpty ? match.map(String.init) : match.splitting(by: params[1])
                guard index >= 0, index < parts.count else { return nil }
                result = parts[index]
            default:
                break
            }
            return [result.trimmingCharacters()]
        default:
            // `suggest` needs a spelling dictionary or a script, which Galley does not run.
            return nil
        }
    }

    /// `text` without the characters at its end that `set` holds: the characters of
    /// `text.reversed().drop { set.contains($0) }.reversed()`, without reversing it twice.
    static func droppingLast(_ text: Substring, in set: String) -> Substring {
        var end = text.endIndex
        while end > text.startIndex {
            let last = text.index(before: end)
            guard set.contains(text[last]) else { break }
            end = last
        }
        return text[..<end]
    }

    /// Go's `Regexp.ReplaceAllString`: `$1`, `${1}`, `$name` in the template.
    static func replacing(_ pattern: PCREPattern, in text: String, with template: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            let scratch = PCREPattern.Scratch(for: pattern)
            var out: [UInt8] = []
            var position = 0
            var last = 0
            while position <= bytes.count, case .found(let match) = pattern.search(bytes, from: position, wantGroups: true, scratch: scratch) {
                let range = match.range
                out.append(contentsOf: bytes[last..<range.lowerBound])
                out.append(contentsOf: expand(template, groups: match.groups, in: bytes, pattern: pattern).utf8)
                last = range.upperBound
                position = range.isEmpty ? range.upperBound + 1 : range.upperBound
            }
            if last < bytes.count { out.append(contentsOf: bytes[last...]) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func expand(_ template: String, groups: [Range<Int>?], in bytes: UnsafeBufferPointer<UInt8>, pattern: PCREPattern) -> String {
        var out = ""
        let scalars = Array(template.unicodeScalars)
        var index = 0
        func group(_ name: String) -> String {
            let number = Int(name) ?? pattern.groupNumber(named: name)
            guard let number, number < groups.count, let range = groups[number] else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "$", index + 1 < scalars.count else {
                out.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            if scalars[index + 1] == "$" {
                out += "$"
                index += 2
                continue
            }
            var name = ""
            var cursor = index + 1
            if scalars[cursor] == "{" {
                cursor += 1
                while cursor < scalars.count, scalars[cursor] != "}" {
                    name.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
                guard cursor < scalars.count else {
                    out.unicodeScalars.append(scalar)
                    index += 1
                    continue
                }
                cursor += 1
            } else {
                while cursor < scalars.count, scalars[cursor] == "_" || scalars[cursor].properties.isAlphabetic
                    || (scalars[cursor].isASCII && scalars[cursor].properties.numericType == .decimal) {
                    name.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
            }
            guard !name.isEmpty else {
                out.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            out += group(name)
            index = cursor
        }
        return out
    }
}
