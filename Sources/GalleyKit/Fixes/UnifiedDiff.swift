/// A unified diff of two versions of a file, line by line (line endings kept, so a CRLF file
/// gives a CRLF diff), in the shape `patch -p1` and `git apply` read.
///
/// Fixes change a few words here and there, so the lines are matched greedily: equal lines are
/// passed over, and at a difference the nearest point where both sides agree again (fewest
/// lines skipped, within a window) ends the change. This costs time and memory linear in the
/// file for such diffs, where a full Myers diff of a large file could not be held.
public enum UnifiedDiff {
    static let window = 400

    enum Operation: Equatable {
        case equal, delete, insert
    }

    public static func make(old: [UInt8], new: [UInt8], oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let script = operations(a, b)
        var output = "--- \(oldName)\n+++ \(newName)\n"
        // Hunks: runs of changes with up to `context` equal lines around them, merged when close.
        var changes: [Int] = []
        for (index, operation) in script.enumerated() where operation != .equal { changes.append(index) }
        var start = 0
        while start < changes.count {
            var end = start
            while end + 1 < changes.count, changes[end + 1] - changes[end] <= 2 * context { end += 1 }
            let from = max(0, changes[start] - context)
            let to = min(script.count, changes[end] + context + 1)
            output += hunk(script, from: from, to: to, a: a, b: b)
            start = end + 1
        }
        return output
    }

    private static func hunk(_ script: [Operation], from: Int, to: Int, a: [ArraySlice<UInt8>], b: [ArraySlice<UInt8>]) -> String {
        // Line numbers where the hunk starts on each side.
        var oldLine = 0, newLine = 0
        for operation in script[..<from] {
            if operation != .insert { oldLine += 1 }
            if operation != .delete { newLine += 1 }
        }
        var body = ""
        var oldCount = 0, newCount = 0
        for operation in script[from..<to] {
            switch operation {
            case .equal:
                body += line(" ", a[oldLine + oldCount])
                oldCount += 1
                newCount += 1
            case .delete:
                body += line("-", a[oldLine + oldCount])
                oldCount += 1
            case .insert:
                body += line("+", b[newLine + newCount])
                newCount += 1
            }
        }
        func range(_ start: Int, _ count: Int) -> String {
            count == 1 ? "\(start + 1)" : "\(count == 0 ? start : start + 1),\(count)"
        }
        return "@@ -\(range(oldLine, oldCount)) +\(range(newLine, newCount)) @@\n" + body
    }

    private static func line(_ mark: String, _ bytes: ArraySlice<UInt8>) -> String {
        var text = mark + String(decoding: bytes, as: UTF8.self)
        if bytes.last != 0x0A { text += "\n\\ No newline at end of file\n" }
        return text
    }

    /// Lines with their line feed (a lone CR does not end a line here, as in diff and patch).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            result.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    static func operations(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Operation] {
        let hashA = a.map { FNV1a.hash($0) }, hashB = b.map { FNV1a.hash($0) }
        func same(_ i: Int, _ j: Int) -> Bool { hashA[i] == hashB[j] && a[i] == b[j] }
        var script: [Operation] = []
        script.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, same(i, j) {
                script.append(.equal)
                i += 1
                j += 1
                continue
            }
            // The nearest resynchronisation: fewest lines skipped on both sides together.
            var skip: (Int, Int)?
            search: for total in 1...(2 * window) {
                for skipA in max(0, total - window)...min(total, window) {
                    let skipB = total - skipA
                    let (x, y) = (i + skipA, j + skipB)
                    if x == a.count && y == b.count { skip = (skipA, skipB); break search }
                    if x < a.count, y < b.count, same(x, y) { skip = (skipA, skipB); break search }
                }
            }
            let (skipA, skipB) = skip ?? (min(window, a.count - i), min(window, b.count - j))
            script += Array(repeating: .delete, count: skipA) + Array(repeating: .insert, count: skipB)
            i += skipA
            j += skipB
        }
        return script
    }
}
