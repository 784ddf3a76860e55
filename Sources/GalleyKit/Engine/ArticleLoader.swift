import SystemIO

/// From a file (or bytes that stand for one) to a `Document`: the format from the file name, the
/// size limit, decoding, the skip policy and the reader. Lint, audit, metrics, dump, fix and the
/// language server all load articles here, so they read every file the same way.
public struct ArticleLoader: Sendable {
    public var options: ReaderOptions
    /// Files larger than this are skipped with a warning.
    public var maxFileBytes: Int

    public static let defaultMaxFileBytes = 10 << 20

    public init(options: ReaderOptions = ReaderOptions(), maxFileBytes: Int = ArticleLoader.defaultMaxFileBytes) {
        self.options = options
        self.maxFileBytes = maxFileBytes
    }

    /// Why a file gave no document, said as a diagnostic at its first line.
    public struct Problem: Sendable, Error {
        public var message: String
        public var severity: Severity
        /// The file exists but cannot be read: a usage problem (exit 2), not a finding.
        public var isFailure: Bool
        /// The file holds nothing but white space.
        public var isEmptyFile = false

        public func diagnostic(path: String) -> Diagnostic {
            Diagnostic(path: path, range: SourceRange(at: 0), span: SourceSpan(start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 1)),
                       severity: severity, message: message, ruleID: ReadIssue.Kind.skipped.rawValue)
        }
    }

    public static var unsupportedMessage: String {
        "unsupported file type; Galley reads \(ArticleFormats.extensionList) articles"
    }

    public func load(path: String) -> Result<Document, Problem> {
        read(path: path).flatMap { load(path: path, bytes: $0) }
    }

    /// The file's bytes, as `load` reads them (`galley fix` keeps them to write the fixed text).
    public func read(path: String) -> Result<[UInt8], Problem> {
        guard DocumentFormat(path: path) != nil else {
            return .failure(Problem(message: Self.unsupportedMessage, severity: .error, isFailure: false))
        }
        do {
            return .success(try FileSystem.read(path, maxBytes: maxFileBytes))
        } catch {
            return .failure(problem(reading: error))
        }
    }

    /// Bytes that stand for the file at `path` (standard input, an editor's buffer).
    public func load(path: String, bytes: [UInt8], format: DocumentFormat? = nil) -> Result<Document, Problem> {
        guard let format = format ?? DocumentFormat(path: path) else {
            return .failure(Problem(message: Self.unsupportedMessage, severity: .error, isFailure: false))
        }
        guard bytes.count <= maxFileBytes else { return .failure(tooLarge(bytes.count)) }
        let source = SourceText(decoding: bytes)
        if let reason = source.skipReason {
            return .failure(Problem(message: "skipped: \(reason)", severity: .note, isFailure: false))
        }
        if source.bytes.allSatisfy(TextRunBuilder.isSpace) {
            // Nothing to check: one true sentence rather than a dozen "missing" findings (or
            // libxml2's "out of memory creating the parser", its answer to no input).
            return .failure(Problem(message: "skipped: the file is empty", severity: .warning, isFailure: false, isEmptyFile: true))
        }
        return .success(ArticleFormats.read(path: path, source: source, format: format, options: options))
    }

    private func problem(reading error: FileSystem.Failure) -> Problem {
        if error.code == FileSystem.tooLarge { return tooLarge(error.size ?? 0) }
        // Found in a folder but not a file to read: say why it was skipped. (Named on the command
        // line, such paths never get here: discovery reports them as usage problems.)
        if error.isSpecialFile || error.isLoop || error.isMissing {
            return Problem(message: "skipped: \(FileSystem.explain(error))", severity: .warning, isFailure: false)
        }
        return Problem(message: "cannot read: \(error.reason)", severity: .error, isFailure: true)
    }

    private func tooLarge(_ bytes: Int) -> Problem {
        var size = ByteCount(bytes).description
        var limit = ByteCount(maxFileBytes).description
        if size == limit { (size, limit) = ("\(bytes) bytes", "\(maxFileBytes) bytes") }
        return Problem(message: "skipped: the file is \(size), over the limit of \(limit) (raise it with --max-file-size)", severity: .warning, isFailure: false)
    }
}
