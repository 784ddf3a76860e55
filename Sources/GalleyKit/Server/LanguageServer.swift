import Synchronization

/// Galley's language server: LSP 3.17 text synchronisation (incremental), diagnostics pushed
/// on open, change and save, code actions and hover, configuration found per document as the
/// CLI finds it and reloaded when it changes.
///
/// Messages are handled one at a time, in order, by `handle`; lints run on a worker
/// (`LintWorker`) that always takes the newest version of each changed document, so changes
/// that arrive while a lint runs are linted together as soon as it ends, with no fixed delay,
/// and a result is published only if its version is still the document's.
final class LanguageServer: Sendable {
    /// What the handling thread and the lint worker share.
    struct Shared {
        var documents: [String: ServerDocument] = [:]
        var choices: [String: ServerWorkspace.Choice] = [:]
        var results: [String: LintResult] = [:]
        /// Documents changed since their last lint, oldest first.
        var dirty: [String] = []
        var encoding = PositionEncoding.utf16
    }

    /// What only the handling thread touches.
    struct Session {
        enum Phase { case waiting, running, shutDown }
        var phase = Phase.waiting
        var workspace: ServerWorkspace
        var documentChanges = false
        var canCreateFiles = false
        var dynamicWatchers = false
        var nextRequest = 1
    }

    let shared = Mutex(Shared())
    private let session: Mutex<Session>
    private let cancelled = Mutex(Set<RPCID>())
    let writer: MessageWriter

    /// Where lints run: on the worker thread, on the handling thread after each message
    /// (fuzzing), or only when `lintPending` is called (tests of coalescing).
    enum LintMode { case worker, inline, manual }
    private let mode: LintMode
    private let worker: LintWorker?

    init(configPath: String?, writer: MessageWriter, mode: LintMode) {
        session = Mutex(Session(workspace: ServerWorkspace(configPath: configPath)))
        self.writer = writer
        self.mode = mode
        worker = mode == .worker ? LintWorker() : nil
        worker?.start(self)
    }

    /// Handles one event from the client; returns the exit status once the server is to stop.
    func handle(_ event: MessageReader.Event) -> Int32? {
        switch event {
        case .end:
            worker?.stop()
            return session.withLock { $0.phase == .shutDown } ? 0 : 1
        case .framingError(let message):
            writer.send(RPCOutput.error(nil, .parse(message)))
        case .message(let body):
            switch RPCMessage.parse(body) {
            case .failure(let failure):
                writer.send(RPCOutput.error(failure.id, failure.error))
            case .success(.response):
                break
            case .success(.request(let id, let method, let params)):
                respond(id, method, params)
            case .success(.notification(let method, let params)):
                if method == "exit" {
                    worker?.stop()
                    return session.withLock { $0.phase == .shutDown } ? 0 : 1
                }
                notify(method, params)
            }
        }
        if mode == .inline { lintPending() }
        return nil
    }

    /// `$/cancelRequest`: a request not yet handled is answered with RequestCancelled.
    func cancel(_ id: RPCID) {
        cancelled.withLock { ids in
            if ids.count > 10_000 { ids.removeAll() }
            ids.insert(id)
        }
    }

    private func respond(_ id: RPCID, _ method: String, _ params: JSONValue?) {
        let phase = session.withLock { $0.phase }
        if cancelled.withLock({ $0.remove(id) }) != nil {
            writer.send(RPCOutput.error(id, .requestCancelled))
            return
        }
        if phase == .waiting, method != "initialize" {
            writer.send(RPCOutput.error(id, .serverNotInitialized))
            return
        }
        if phase == .shutDown {
            writer.send(RPCOutput.error(id, .invalidRequest("the server is shut down; only 'exit' is left")))
            return
        }
        do throws(RPCError) {
            let result: JSONOutput
            switch method {
            case "initialize": result = try initialize(params)
            case "shutdown":
                session.withLock { $0.phase = .shutDown }
                result = .null
            case "textDocument/codeAction": result = try codeActions(params)
            case "textDocument/hover": result = try hover(params)
            default: throw RPCError.methodNotFound(method)
            }
            writer.send(RPCOutput.response(id, result: result))
        } catch {
            writer.send(RPCOutput.error(id, error))
        }
    }

    private func notify(_ method: String, _ params: JSONValue?) {
        if method == "$/cancelRequest" {
            if let id = params?["id"].flatMap(RPCID.init) { cancel(id) }
            return
        }
        guard session.withLock({ $0.phase }) == .running else { return }
        do throws(RPCError) {
            switch method {
            case "initialized": registerWatchers()
            case "textDocument/didOpen": try open(params)
            case "textDocument/didChange": try change(params)
            case "textDocument/didSave": try saved(params)
            case "textDocument/didClose": try close(params)
            case "workspace/didChangeWatchedFiles": watchedFilesChanged(params)
            case "workspace/didChangeConfiguration": reloadConfiguration()
            case "workspace/didChangeWorkspaceFolders": foldersChanged(params)
            default: break
            }
        } catch {
            // A notification has no answer: say what was wrong in the client's log.
            log("galley: \(method): \(error.message)", type: 1)
        }
    }

    func log(_ message: String, type: Int) {
        writer.send(RPCOutput.notification("window/logMessage", .object([("type", .int(type)), ("message", .string(message))])))
    }

    // MARK: lifecycle

    private func initialize(_ params: JSONValue?) throws(RPCError) -> JSONOutput {
        guard session.withLock({ $0.phase }) == .waiting else { throw .invalidRequest("'initialize' was already received") }
        guard let params, case .object = params else { throw .invalidParams("'initialize' needs its parameters") }
        let capabilities = params["capabilities"]
        let offered = capabilities?["general", "positionEncodings"]?.array?.compactMap(\.string) ?? []
        let encoding: PositionEncoding = offered.contains("utf-8") ? .utf8 : .utf16
        shared.withLock { $0.encoding = encoding }
        var folders = (params["workspaceFolders"]?.array ?? []).compactMap { $0["uri"]?.string.flatMap(DocumentURI.path) }
        if folders.isEmpty, let root = params["rootUri"]?.string.flatMap(DocumentURI.path) ?? params["rootPath"]?.string { folders = [root] }
        session.withLock { session in
            session.phase = .running
            session.workspace.folders = folders
            session.documentChanges = capabilities?["workspace", "workspaceEdit", "documentChanges"]?.bool ?? false
            session.canCreateFiles = capabilities?["workspace", "workspaceEdit", "resourceOperations"]?.array?.contains { $0.string == "create" } ?? false
            session.dynamicWatchers = capabilities?["workspace", "didChangeWatchedFiles", "dynamicRegistration"]?.bool ?? false
        }
        return .object([
            ("capabilities", .object([
                ("positionEncoding", .string(encoding.rawValue)),
                ("textDocumentSync", .object([("openClose", .bool(true)), ("change", .int(2)), ("save", .object([("includeText", .bool(false))]))])),
                ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix"), .string("source.fixAll.galley")]))])),
                ("hoverProvider", .bool(true)),
                ("workspace", .object([("workspaceFolders", .object([("supported", .bool(true)), ("changeNotifications", .bool(true))]))])),
            ])),
            ("serverInfo", .object([("name", .string("galley")), ("version", .string(Galley.version))])),
        ])
    }

    /// Asks the client to report changes to configuration files, rule sets and word lists.
    private func registerWatchers() {
        let (wanted, id) = session.withLock { session -> (Bool, Int) in
            session.nextRequest += 1
            return (session.dynamicWatchers, session.nextRequest)
        }
        guard wanted else { return }
        let watchers = ["**/.galley.{yml,yaml}", "**/*.{yml,yaml}", "**/*.{txt,dic,aff}"].map { JSONOutput.object([("globPattern", .string($0))]) }
        writer.send(RPCOutput.request(.string("galley-\(id)"), "client/registerCapability", .object([
            ("registrations", .array([.object([
                ("id", .string("galley-watched-files")), ("method", .string("workspace/didChangeWatchedFiles")),
                ("registerOptions", .object([("watchers", .array(watchers))])),
            ])])),
        ])))
    }

    // MARK: documents

    private func uri(_ params: JSONValue?) throws(RPCError) -> String {
        guard let uri = params?["textDocument", "uri"]?.string else { throw .invalidParams("'textDocument.uri' is missing") }
        return uri
    }

    private func open(_ params: JSONValue?) throws(RPCError) {
        let item = params?["textDocument"]
        guard let uri = item?["uri"]?.string, let text = item?["text"]?.string else { throw .invalidParams("'textDocument' needs 'uri' and 'text'") }
        let version = item?["version"]?.int ?? 0
        let (document, choice) = session.withLock { session in
            let document = ServerDocument(uri: uri, version: version, languageId: item?["languageId"]?.string ?? "", text: Array(text.utf8),
                                          fallbackFolder: session.workspace.fallbackFolder)
            return (document, session.workspace.choice(for: document))
        }
        shared.withLock { shared in
            shared.documents[uri] = document
            shared.choices[uri] = choice
            shared.results[uri] = nil
        }
        try markDirty([uri])
    }

    private func change(_ params: JSONValue?) throws(RPCError) {
        let uri = try uri(params)
        guard let changes = params?["contentChanges"]?.array else { throw .invalidParams("'contentChanges' must be an array") }
        let version = params?["textDocument", "version"]?.int
        let known = try shared.withLock { shared throws(RPCError) -> Bool in
            guard var document = shared.documents[uri] else { return false }
            for change in changes { try document.apply(change, encoding: shared.encoding) }
            document.version = version ?? document.version + 1
            shared.documents[uri] = document
            return true
        }
        guard known else { throw .invalidParams("\(uri) is not open") }
        try markDirty([uri])
    }

    private func close(_ params: JSONValue?) throws(RPCError) {
        let uri = try uri(params)
        shared.withLock { shared in
            shared.documents[uri] = nil
            shared.choices[uri] = nil
            shared.results[uri] = nil
            shared.dirty.removeAll { $0 == uri }
            writer.send(LSPDiagnostics.clear(uri))
        }
    }

    /// A saved configuration file, rule set or word list reloads the configuration, for
    /// clients that do not watch files for the server; any other save re-lints the document.
    private func saved(_ params: JSONValue?) throws(RPCError) {
        let uri = try uri(params)
        if let path = DocumentURI.path(of: uri), ServerWorkspace.affectsConfiguration(path) {
            reloadConfiguration()
        } else {
            try markDirty([uri])
        }
    }

    func markDirty(_ uris: [String]) throws(RPCError) {
        shared.withLock { shared in
            for uri in uris where shared.documents[uri] != nil && !shared.dirty.contains(uri) { shared.dirty.append(uri) }
        }
        worker?.wake()
    }

    private func watchedFilesChanged(_ params: JSONValue?) {
        let paths = (params?["changes"]?.array ?? []).compactMap { $0["uri"]?.string.flatMap(DocumentURI.path) }
        if paths.contains(where: ServerWorkspace.affectsConfiguration) { reloadConfiguration() }
    }

    private func foldersChanged(_ params: JSONValue?) {
        let added = (params?["event", "added"]?.array ?? []).compactMap { $0["uri"]?.string.flatMap(DocumentURI.path) }
        let removed = Set((params?["event", "removed"]?.array ?? []).compactMap { $0["uri"]?.string.flatMap(DocumentURI.path) })
        session.withLock { $0.workspace.folders = $0.workspace.folders.filter { !removed.contains($0) } + added }
    }

    /// Configuration, rule sets or word lists changed: every open document is given its linter
    /// again and linted again.
    func reloadConfiguration() {
        let documents = shared.withLock { Array($0.documents.values) }
        let choices = session.withLock { session in
            session.workspace.reset()
            return documents.map { ($0.uri, session.workspace.choice(for: $0)) }
        }
        shared.withLock { shared in
            for (uri, choice) in choices where shared.documents[uri] != nil { shared.choices[uri] = choice }
            shared.results = [:]
        }
        try? markDirty(documents.map(\.uri))
    }

    // MARK: linting

    /// Lints every changed document, newest version each, publishing what is still current.
    func lintPending() {
        while let (document, choice) = nextJob() {
            publishIfCurrent(LintResult.run(document, choice))
        }
    }

    /// Publishes a result only while its version is the document's: under the lock a change
    /// takes, so no newer version can slip in between the check and the message.
    func publishIfCurrent(_ result: LintResult) {
        shared.withLock { shared in
            guard shared.documents[result.document.uri]?.version == result.version else { return }
            shared.results[result.document.uri] = result
            writer.send(LSPDiagnostics.publish(result, shared.encoding))
        }
    }

    func nextJob() -> (ServerDocument, ServerWorkspace.Choice)? {
        shared.withLock { shared in
            while !shared.dirty.isEmpty {
                let uri = shared.dirty.removeFirst()
                if let document = shared.documents[uri], let choice = shared.choices[uri] { return (document, choice) }
            }
            return nil
        }
    }

    /// The lint of the document's current version: the one published, or a fresh one.
    func currentResult(_ uri: String) -> LintResult? {
        let (document, choice, cached) = shared.withLock { ($0.documents[uri], $0.choices[uri], $0.results[uri]) }
        guard let document, let choice else { return nil }
        if let cached, cached.version == document.version { return cached }
        let result = LintResult.run(document, choice)
        shared.withLock { shared in
            if shared.documents[uri]?.version == document.version { shared.results[uri] = result }
        }
        return result
    }

    var clientEdits: (documentChanges: Bool, canCreateFiles: Bool) {
        session.withLock { ($0.documentChanges, $0.canCreateFiles) }
    }
}
