/// A problem in a rule set or configuration file, pointing into the YAML.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var location: SourceLocation
    public var message: String

    public init(path: String, location: SourceLocation, message: String) {
        self.path = path
        self.location = location
        self.message = message
    }

    /// Compiler format, like every other Galley diagnostic.
    public var description: String { "\(path):\(location.line):\(location.column): error: \(message)" }
}

/// Several configuration problems, reported together so one run shows them all.
public struct ConfigErrors: Error, Sendable {
    public var errors: [ConfigError]
    public init(_ errors: [ConfigError]) { self.errors = errors }
}
