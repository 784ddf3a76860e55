/// Puts edits made on normalized text into a file's own bytes.
public enum FileEdits {
    /// The fixes that can be applied together: taken in source order, each kept only when none
    /// of its edits overlaps an edit already kept (two insertions at one point overlap too).
    public static func nonOverlapping(_ fixes: [Fix]) -> [Fix] {
        let ordered = fixes.filter { !$0.edits.isEmpty }.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.edits.map(\.range.start).min()!, rhs.element.edits.map(\.range.start).min()!)
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
        var kept: [Fix] = []
        var taken: [SourceRange] = []
        for fix in ordered {
            let clashes = fix.edits.contains { edit in taken.contains { overlaps($0, edit.range) } }
                || fix.edits.indices.contains { i in fix.edits.indices.contains { j in i < j && overlaps(fix.edits[i].range, fix.edits[j].range) } }
            guard !clashes else { continue }
            kept.append(fix)
            taken += fix.edits.map(\.range)
        }
        return kept
    }

    static func overlaps(_ a: SourceRange, _ b: SourceRange) -> Bool {
        if a.start == a.end && b.start == b.end { return a.start == b.start }
        return a.start < b.end && b.start < a.end
    }

    /// `raw` (the file's bytes, which `source` was decoded from) with the edits applied, each
    /// placed through the source's origin map and written in the file's encoding and line
    /// endings. The edits must not overlap.
    public static func apply(_ edits: [TextEdit], to raw: [UInt8], source: SourceText) -> [UInt8] {
        let placed = edits.map { edit in
            (start: source.originalOffset(of: edit.range.start), end: source.originalOffset(of: edit.range.end),
             bytes: source.origin.encode(edit.replacement))
        }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var output: [UInt8] = []
        output.reserveCapacity(raw.count + placed.reduce(0) { $0 + $1.bytes.count })
        var cursor = 0
        for edit in placed where edit.start >= cursor && edit.end <= raw.count {
            output.append(contentsOf: raw[cursor..<edit.start])
            output.append(contentsOf: edit.bytes)
            cursor = edit.end
        }
        output.append(contentsOf: raw[cursor...])
        return output
    }
}
