/// `BlockIgnores` and `TokenIgnores`: patterns whose matches in a file's source are not prose.
///
/// Vale turns each match into code (a fenced block, an inline code span) before it parses the
/// file. Galley reads the file as written and drops the findings that start inside a match,
/// which leaves every other position exact. Sections apply by extension, as in Vale (`*.md`
/// against `.md`, also against the extension `[formats]` maps the file's to).
final class ValeIgnores: Sendable {
    struct Section: Sendable {
        let glob: ValeGlob
        let patterns: [ValePattern]
    }

    let sections: [Section]
    let formats: [String: String]

    init(sections: [Section], formats: [String: String]) {
        self.sections = sections
        self.formats = formats
    }

    /// The ignored source ranges of `document`, in order.
    func ranges(in document: Document) -> [Range<Int>] {
        let name = document.path.split(separator: "/").last.map(String.init) ?? document.path
        let real = name.contains(".") ? String(name.split(separator: ".").last ?? "") : ""
        let normed = formats[real] ?? real
        var ranges: [Range<Int>] = []
        let scratch = ValeScratch.make()
        let bytes = document.source.bytes
        bytes.withUnsafeBufferPointer { buffer in
            for section in sections where section.glob.matches("." + normed) || section.glob.matches("." + real) {
                for pattern in section.patterns {
                    for match in pattern.matches(buffer, exact: true, scratch: scratch).matches where !match.range.isEmpty {
                        ranges.append(match.range)
                    }
                }
            }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The ranges, computed once per document for every rule.
    final class Ranges {
        let ranges: [Range<Int>]
        init(_ ranges: [Range<Int>]) { self.ranges = ranges }

        func contains(_ offset: Int) -> Bool {
            // Few ranges per file: a binary search for the last one starting at or before it.
            var low = 0, high = ranges.count
            while low < high {
                let middle = (low + high) / 2
                if ranges[middle].lowerBound <= offset { low = middle + 1 } else { high = middle }
            }
            return ranges[..<low].contains { $0.contains(offset) }
        }
    }
}
