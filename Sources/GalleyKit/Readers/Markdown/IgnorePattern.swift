import PCRE

/// A configuration's pattern for text that is not prose (`ignore: tokens:` or `blocks:`), compiled
/// once. Two are the same when their expressions are.
public struct IgnorePattern: Sendable, Hashable {
    public let pattern: PCREPattern

    public init(_ pattern: PCREPattern) {
        self.pattern = pattern
    }

    public static func == (lhs: IgnorePattern, rhs: IgnorePattern) -> Bool { lhs.pattern.pattern == rhs.pattern.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern.pattern) }
}
