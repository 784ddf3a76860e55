/// JSON-RPC 2.0 as LSP uses it: requests, notifications and responses, read from untrusted
/// bytes. Anything that is not a well-formed message becomes an `RPCError` to answer with,
/// never a crash.
enum RPCID: Hashable, Sendable {
    case number(Int)
    case string(String)

    var json: JSONOutput {
        switch self {
        case .number(let number): return .int(number)
        case .string(let text): return .string(text)
        }
    }

    init?(_ value: JSONValue) {
        switch value {
        case .string(let text, _): self = .string(text)
        case .number: guard let number = value.int else { return nil }; self = .number(number)
        default: return nil
        }
    }
}

struct RPCError: Error, Equatable {
    var code: Int
    var message: String

    static func parse(_ message: String) -> RPCError { RPCError(code: -32700, message: message) }
    static func invalidRequest(_ message: String) -> RPCError { RPCError(code: -32600, message: message) }
    static func methodNotFound(_ method: String) -> RPCError { RPCError(code: -32601, message: "no method '\(method)'") }
    static func invalidParams(_ message: String) -> RPCError { RPCError(code: -32602, message: message) }
    static func internalError(_ message: String) -> RPCError { RPCError(code: -32603, message: message) }
    static let serverNotInitialized = RPCError(code: -32002, message: "the server is not initialized yet; send 'initialize' first")
    static let requestCancelled = RPCError(code: -32800, message: "the request was cancelled")
}

enum RPCMessage {
    case request(id: RPCID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    case response(id: RPCID?)

    /// The message in `body`, or the error to answer with and the id to answer to (nil when the
    /// message has none, or it cannot be read).
    static func parse(_ body: [UInt8]) -> Result<RPCMessage, RPCFailure> {
        let value: JSONValue
        do {
            value = try JSONValue.parse(String(decoding: body, as: UTF8.self))
        } catch {
            return .failure(RPCFailure(id: nil, error: .parse("the message is not JSON: \(error.message) at byte \(error.offset)")))
        }
        guard case .object = value else {
            if case .array = value { return .failure(RPCFailure(id: nil, error: .invalidRequest("batches are not supported"))) }
            return .failure(RPCFailure(id: nil, error: .invalidRequest("a message must be a JSON object")))
        }
        let id = value["id"].flatMap(RPCID.init)
        if let version = value["jsonrpc"], version.string != "2.0" {
            return .failure(RPCFailure(id: id, error: .invalidRequest("'jsonrpc' must be \"2.0\"")))
        }
        guard let methodValue = value["method"] else {
            if value["result"] != nil || value["error"] != nil { return .success(.response(id: id)) }
            return .failure(RPCFailure(id: id, error: .invalidRequest("a message needs 'method' (or 'result' or 'error' for a response)")))
        }
        guard let method = methodValue.string else {
            return .failure(RPCFailure(id: id, error: .invalidRequest("'method' must be a string")))
        }
        let params = value["params"]
        if let params, !params.isStructured {
            return .failure(RPCFailure(id: id, error: .invalidParams("'params' must be an object or an array")))
        }
        guard let idValue = value["id"] else { return .success(.notification(method: method, params: params)) }
        guard let id = RPCID(idValue) else {
            return .failure(RPCFailure(id: nil, error: .invalidRequest("'id' must be a whole number or a string")))
        }
        return .success(.request(id: id, method: method, params: params))
    }
}

struct RPCFailure: Error {
    var id: RPCID?
    var error: RPCError
}

enum RPCOutput {
    static func response(_ id: RPCID, result: JSONOutput) -> JSONOutput {
        .object([("jsonrpc", .string("2.0")), ("id", id.json), ("result", result)])
    }

    static func error(_ id: RPCID?, _ error: RPCError) -> JSONOutput {
        .object([("jsonrpc", .string("2.0")), ("id", id?.json ?? .null),
                 ("error", .object([("code", .int(error.code)), ("message", .string(error.message))]))])
    }

    static func notification(_ method: String, _ params: JSONOutput) -> JSONOutput {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }

    static func request(_ id: RPCID, _ method: String, _ params: JSONOutput) -> JSONOutput {
        .object([("jsonrpc", .string("2.0")), ("id", id.json), ("method", .string(method)), ("params", params)])
    }
}

/// Reading params: typed values, or nil for anything else (including numbers that are not
/// whole or that no `Int` holds).
extension JSONValue {
    var isStructured: Bool {
        switch self {
        case .object, .array: return true
        default: return false
        }
    }

    var int: Int? {
        guard case .number(let number) = self, number.isFinite, number == number.rounded(), abs(number) <= 9_007_199_254_740_992 else { return nil }
        return Int(number)
    }

    var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// `self[a][b]...`.
    subscript(path: String...) -> JSONValue? {
        var value: JSONValue? = self
        for key in path { value = value?[key] }
        return value
    }
}
