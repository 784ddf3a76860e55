import SystemIO

/// One `galley vale` run: which files get which of the project's rules, and the findings in
/// Vale's terms. Linters are built before linting starts and shared read-only by the threads.
public struct ValeSession: Sendable {
    public let project: ValeProject
    /// `--ext`: the format every file (and standard input) is read as, e.g. ".md".
    public let forcedExtension: String?
    private var engines: [Engine] = []
    private var linterKeys: [String: Int] = [:]
    /// The linter of each set of matching `.vale.ini` sections, which decide a file's rules.
    private var linterBySections: [[Int]: Int] = [:]

    /// Files the run lints (`item(for:)`): the word books' scanners compile up front only for
    /// a run large enough to repay it (`ValeLazyScanner.expect`).
    private var itemCount = 0

    /// A linter, and its rules by id.
    private struct Engine: Sendable {
        let engine: RuleEngine
        let rules: StringTable<RuleFacts>
        /// The Hyperscan scanners of the rules' word books (one per rule set, shared by engines).
        let scanners: [ValeLazyScanner]

        init(rules: [any Rule]) {
            engine = RuleEngine(rules: rules)
            self.rules = StringTable(rules.map { ($0.id, RuleFacts($0)) })
            var scanners: [ValeLazyScanner] = []
            for rule in rules {
                guard let scanner = (rule as? any ValeWordListRule)?.program.book.scanner, !scanners.contains(where: { $0 === scanner }) else { continue }
                scanners.append(scanner)
            }
            self.scanners = scanners
        }
    }

    /// What an alert needs of its rule, read once per rule rather than once per finding (a
    /// class: handing it to each alert is one retain, not a copy of all it holds).
    final class RuleFacts: Sendable {
        let vale: (any ValeRule)?
        let link: String
        let action: ValeAction
        let hasDescription: Bool

        init(_ rule: any Rule) {
            vale = rule as? any ValeRule
            link = vale?.settings.link ?? ""
            action = vale?.settings.action ?? ValeAction(name: "", params: [])
            hasDescription = !(vale?.settings.description.isEmpty ?? true)
        }
    }

    public init(project: ValeProject, forcedExtension: String?) {
        self.project = project
        self.forcedExtension = forcedExtension
    }

    /// A file to lint, with the linter that holds its rules.
    public struct Item: Sendable {
        public let path: String
        let linter: Int
    }

    /// What became of a file.
    public struct FileResult: Sendable {
        public let path: String
        public var alerts: [ValeAlertRecord]
        /// Why the file was not read (a format Galley does not read), or nil.
        public var skipped: String?
        /// Reading problems (unreadable file), reported on standard error.
        public var problem: String?
    }

    /// Vale's source-code extensions: Vale lints their comments, Galley does not read them.
    static let sourceCode: Set<String> = ["py", "py3", "pyw", "rb", "go", "rs", "c", "cc", "cp", "cpp", "cxx", "h", "hpp", "js", "jsx", "ts", "tsx",
                                          "java", "bsh", "cs", "csx", "swift", "scala", "sbt", "lua", "hs", "r", "pl", "pm", "php", "clj", "cljs",
                                          "css", "sass", "less", "proto", "ps1", "psm1", "jl"]

    /// The engine for `path`'s rules (built on first use).
    public mutating func item(for path: String) -> Item {
        itemCount += 1
        let sections = project.configuration.sectionIndices(for: path)
        if let known = linterBySections[sections] { return Item(path: path, linter: known) }
        let rules = project.rules(for: path)
        let key = rules.map { $0.id + ":" + $0.severity.rawValue }.joined(separator: ",")
        let linter: Int
        if let known = linterKeys[key] {
            linter = known
        } else {
            engines.append(Engine(rules: rules))
            linter = engines.count - 1
            linterKeys[key] = linter
        }
        linterBySections[sections] = linter
        return Item(path: path, linter: linter)
    }

    /// `text.contains(character)`; an ASCII character in ASCII text is looked for in its bytes
    /// (each ASCII byte is a character there, but for a CR LF pair).
    static func contains(_ text: String, _ character: Character) -> Bool {
        if let byte = character.asciiValue, byte != 0x0D, byte != 0x0A,
           let ascii = text.utf8.withContiguousStorageIfAvailable({ LineLengths.isASCII($0) }), ascii {
            return text.utf8.contains(byte)
        }
        return text.contains(character)
    }

    /// `text.split(separator: separator).last`, found from the end without splitting all of it.
    static func lastPiece(of text: Substring, separator: Character) -> Substring? {
        if let byte = separator.asciiValue, byte != 0x0D, byte != 0x0A,
           let ascii = text.utf8.withContiguousStorageIfAvailable({ LineLengths.isASCII($0) }), ascii {
            // In ASCII text each byte is a character but for CR LF, which holds no separator.
            let utf8 = text.utf8
            var end = utf8.endIndex
            while end > utf8.startIndex, utf8[utf8.index(before: end)] == byte { end = utf8.index(before: end) }
            guard end > utf8.startIndex else { return nil }
            var start = end
            while start > utf8.startIndex, utf8[utf8.index(before: start)] != byte { start = utf8.index(before: start) }
            return text[start..<end]
        }
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == separator { end = text.index(before: end) }
        guard end > text.startIndex else { return nil }
        let piece = text[..<end]
        return piece.lastIndex(of: separator).map { piece[piece.index(after: $0)...] } ?? piece
    }

    /// Whether Vale would lint `path`: `--glob` and, without global rules, a matching section.
    public func selects(_ path: String, glob: ValeGlob) -> Bool {
        let normed = project.configuration.normalizedPath(path)
        guard glob.matches(path) || glob.matches(normed) else { return false }
        return project.configuration.covers(path)
    }

    /// Reads and lints one file.
    public func lint(_ item: Item, maxBytes: Int = Linter.defaultMaxFileBytes) -> FileResult {
        do {
            let bytes = try FileSystem.read(item.path, maxBytes: maxBytes)
            return lint(item, bytes: bytes)
        } catch {
            return FileResult(path: item.path, alerts: [], skipped: nil, problem: "\(item.path): \(FileSystem.explain(error))")
        }
    }

    /// Lints `bytes` as the file `item.path` (or standard input, named `stdin.EXT`).
    public func lint(_ item: Item, bytes: [UInt8]) -> FileResult {
        let engine = engines[item.linter].engine
        let byID = engines[item.linter].rules
        for scanner in engines[item.linter].scanners { scanner.expect(documents: itemCount) }
        let name = forcedExtension.map { "x" + $0 } ?? item.path
        let ext = project.configuration.normalizedExtension(of: name)
        let realExt = Self.lastPiece(of: Self.lastPiece(of: Substring(name), separator: "/") ?? Substring(name), separator: ".").map { String($0).lowercased() } ?? ""
        if Self.contains(name, "."), Self.sourceCode.contains(realExt) {
            return FileResult(path: item.path, alerts: [], skipped: "source code (Vale lints its comments; Galley does not read source code)", problem: nil)
        }
        let source = SourceText(decoding: bytes)
        if let reason = source.skipReason { return FileResult(path: item.path, alerts: [], skipped: reason, problem: nil) }
        let document: Document
        switch ext.lowercased() {
        case "txt", "text":
            document = ValePlainText.read(path: item.path, source: source)
        default:
            guard let format = DocumentFormat(path: "x." + ext) else {
                return FileResult(path: item.path, alerts: [], skipped: "Galley does not read '.\(ext)' files (it reads Markdown, HTML, XML, YAML articles and plain text)", problem: nil)
            }
            document = ArticleFormats.read(path: item.path, source: source, format: format)
            if format == .yaml, !document.isArticle { return FileResult(path: item.path, alerts: [], skipped: "a YAML file that is not an article", problem: nil) }
        }
        var lines = LineLengths(source: source)
        let diagnostics = engine.checkUnannotated(document)
        var alerts: [ValeAlertRecord] = []
        alerts.reserveCapacity(diagnostics.count)
        // Diagnostics read in place and alerts made where they are stored (a copy of either
        // retains everything it holds). Neighbouring diagnostics are seldom of one rule: the
        // rule's facts are looked up for each (a cheap look-up, `StringTable`).
        diagnostics.withUnsafeBufferPointer { found in
            for index in found.indices {
                guard let rule = byID[found[index].ruleID] else { continue }
                alerts.append(ValeAlertRecord.make(ruleID: found[index].ruleID, message: found[index].message, severity: found[index].severity,
                                                   matchedText: found[index].matchedText, suggestion: found[index].suggestion,
                                                   start: found[index].span.start, rule: rule, lines: &lines))
            }
        }
        // The engine's order (line, column, rule) nearly always is this one already.
        let inOrder: (ValeAlertRecord, ValeAlertRecord) -> Bool = { ($0.line, $0.span[0], $0.check) < ($1.line, $1.span[0], $1.check) }
        if alerts.indices.dropFirst().contains(where: { inOrder(alerts[$0], alerts[$0 - 1]) }) { alerts.sort(by: inOrder) }
        return FileResult(path: item.path, alerts: alerts, skipped: nil, problem: nil)
    }
}

/// One finding as Vale reports it (the fields of Vale's JSON output, in its order).
public struct ValeAlertRecord: Sendable, Equatable {
    public var actionName: String
    public var actionParams: [String]?
    /// First and last column (1-based, in characters) on `line`.
    public var span: ValeSpan
    public var check: String
    public var description: String
    public var link: String
    public var message: String
    /// suggestion, warning or error.
    public var severity: String
    public var match: String
    public var line: Int

    /// The alert of a diagnostic of `rule` (its fields passed one by one: a whole diagnostic
    /// handed over would be copied, retaining all it holds). Built with the implicit memberwise
    /// initializer: one written by hand left a copy and a destroy of every alert.
    static func make(ruleID: String, message: String, severity: Severity, matchedText: String?, suggestion: String?, start: SourceLocation,
                     rule: ValeSession.RuleFacts, lines: inout LineLengths) -> ValeAlertRecord {
        let match = matchedText ?? ""
        let line = start.line
        // Vale's end: the start plus the match's length, kept within the line.
        var end = start.column + max(scalarCount(match), 1) - 1
        if end > lines.leastLimit(line) {
            let limit = lines.limit(line)
            if end > limit { end = limit }
        }
        let action = rule.action
        let actionParams: [String]?
        if action.name == "replace", action.params.isEmpty, let suggestion {
            actionParams = suggestion.utf8.contains(UInt8(ascii: "|")) ? suggestion.splitting(by: "|") : [suggestion]
        } else {
            actionParams = action.params.isEmpty ? nil : action.params
        }
        return ValeAlertRecord(actionName: action.name, actionParams: actionParams, span: ValeSpan(start.column, max(end, 1)), check: ruleID,
                               description: rule.hasDescription ? rule.vale?.description(match: match, suggestion: suggestion) ?? "" : "",
                               link: rule.link, message: message, severity: ValeLevel.name(of: severity), match: match, line: line)
    }

    /// `text.unicodeScalars.count`: its UTF-8 bytes that start a scalar.
    static func scalarCount(_ text: String) -> Int {
        text.utf8.withContiguousStorageIfAvailable { ByteScan.scalarCount(in: $0) } ?? text.unicodeScalars.count
    }
}

/// A Vale alert's first and last column: read as `span[0]` and `span[1]`, as Vale's JSON
/// writes them, without an array for every alert.
public struct ValeSpan: Sendable, Equatable {
    public var first: Int
    public var last: Int

    public init(_ first: Int, _ last: Int) {
        self.first = first
        self.last = last
    }

    public subscript(index: Int) -> Int {
        precondition(index == 0 || index == 1, "a span has two columns")
        return index == 0 ? first : last
    }
}

/// Characters on a line, plus one (the most a Vale span's end may be), for one file's alerts.
struct LineLengths {
    let source: SourceText
    private var line = Int.min
    private var cached = 0

    init(source: SourceText) {
        self.source = source
    }

    /// At most `limit(line)`, without reading the line: a character takes at most four bytes.
    func leastLimit(_ line: Int) -> Int {
        guard line >= 1, line <= source.lineStarts.count else { return 1 }
        return (source.lineEnd(line) - source.lineStarts[line - 1] + 3) / 4 + 1
    }

    /// Characters on `line` plus one; an ASCII line is counted without decoding it. Alerts come
    /// line by line, so the last line's count is kept.
    mutating func limit(_ line: Int) -> Int {
        if line == self.line { return cached }
        self.line = line
        cached = Self.length(line, in: source)
        return cached
    }

    /// Whether every byte is below 0x80, read eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        var bits: UInt64 = 0
        while index + 8 <= bytes.count {
            bits |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            bits |= UInt64(base[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    private static func length(_ line: Int, in source: SourceText) -> Int {
        guard line >= 1, line <= source.lineStarts.count else { return 1 }
        let start = source.lineStarts[line - 1]
        let end = source.lineEnd(line)
        if source.bytes.withUnsafeBufferPointer({ Self.isASCII(UnsafeBufferPointer(rebasing: $0[start..<max(start, end)])) }) { return max(0, end - start) + 1 }
        return source.lineText(line).unicodeScalars.count + 1
    }
}

/// A plain text file as Vale reads it: paragraphs separated by blank lines.
enum ValePlainText {
    static func read(path: String, source: SourceText) -> Document {
        var document = Document(path: path, format: .markdown, source: source)
        let bytes = source.bytes
        var start = 0
        var index = 0
        func flush(_ end: Int) {
            guard end > start else { return }
            var builder = TextRunBuilder()
            bytes.withUnsafeBufferPointer { builder.appendVerbatim(UnsafeBufferPointer(rebasing: $0[start..<end]), sourceStart: start) }
            let run = builder.finish()
            if !run.isEmpty {
                document.blocks.append(Block(kind: .paragraph, text: run, range: SourceRange(start: start, end: end)))
            }
        }
        while index < bytes.count {
            // A blank line (only spaces) ends a paragraph.
            if bytes[index] == 0x0A {
                var next = index + 1
                while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0D { next += 1 }
                if next < bytes.count, bytes[next] == 0x0A {
                    flush(index)
                    start = next + 1
                    index = next + 1
                    continue
                }
            }
            index += 1
        }
        flush(bytes.count)
        return document
    }
}
