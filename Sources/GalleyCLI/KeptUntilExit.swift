/// What a command has finished with just before the process exits. Freeing a large run's
/// results one by one (every finding's strings, every compiled rule) takes time and changes
/// nothing, since the process's memory goes back whole when it exits: compilers skip those
/// frees for the same reason (clang's -disable-free). Only for the command line: the language
/// server and the tests keep running and free as they go.
enum KeptUntilExit {
    private final class Box<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Keeps `value` (and all it holds) alive until the process ends.
    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
