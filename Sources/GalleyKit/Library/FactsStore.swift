/// Every article's facts in one buffer, in their binary form: a run over 100,000 articles holds
/// all of them until the library rules have run, and as separate Swift values each would cost a
/// heap block per string. Each record also keeps the number of the linter (configuration) that
/// governs its article. Records are decoded when a rule reads them.
public struct FactsStore: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var linterNumbers: [Int32] = []
    /// Records whose article has inline suppressions a library finding could meet.
    private var withSuppressions: [Int] = []

    public init() {}

    public var count: Int { ends.count }
    /// Bytes of all records, for the figures in Benchmarks/README.md.
    public var byteCount: Int { bytes.count }

    public mutating func append(_ facts: ArticleFacts, linter: Int) {
        var writer = FactsWriter()
        writer.facts(facts)
        appendEncoded(writer.bytes, linter: linter, hasSuppressions: !facts.suppressions.isEmpty)
    }

    /// A record already in binary form (read from a facts file or the cache).
    mutating func appendEncoded(_ record: some Collection<UInt8>, linter: Int, hasSuppressions: Bool) {
        if hasSuppressions { withSuppressions.append(ends.count) }
        bytes.append(contentsOf: record)
        ends.append(bytes.count)
        linterNumbers.append(Int32(clamping: linter))
    }

    public func linter(_ index: Int) -> Int { Int(linterNumbers[index]) }

    /// Articles with inline suppressions a library finding could meet.
    public var articlesWithSuppressions: [Int] { withSuppressions }

    func record(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// The facts of article `index`. Records are written by this process, so they decode.
    public subscript(index: Int) -> ArticleFacts {
        var reader = FactsReader(bytes, from: index == 0 ? 0 : ends[index - 1], to: ends[index])
        guard let facts = try? reader.facts() else { preconditionFailure("a facts record written by this run does not decode") }
        return facts
    }

    /// Path, format, title, description, H1, metadata fields and FAQ questions of article
    /// `index`, without the headings, anchors, links and suppressions.
    public func summary(_ index: Int) -> ArticleFacts {
        var reader = FactsReader(bytes, from: index == 0 ? 0 : ends[index - 1], to: ends[index])
        guard let facts = try? reader.facts(summary: true) else { preconditionFailure("a facts record written by this run does not decode") }
        return facts
    }

    /// The path, format and `sections` of article `index`, the rest left empty.
    public func facts(_ index: Int, sections: ArticleFacts.Sections) -> ArticleFacts {
        var reader = FactsReader(bytes, from: index == 0 ? 0 : ends[index - 1], to: ends[index])
        guard let facts = try? reader.facts(sections: sections) else { preconditionFailure("a facts record written by this run does not decode") }
        return facts
    }

    /// Only the `parts` of article `index`'s summary, without decoding anything else.
    public func summary(_ index: Int, parts: FactsSummary.Parts) -> FactsSummary {
        var reader = FactsReader(bytes, from: index == 0 ? 0 : ends[index - 1], to: ends[index])
        guard let summary = try? reader.summary(parts) else { preconditionFailure("a facts record written by this run does not decode") }
        return summary
    }

    /// Only the path of article `index`, without decoding the rest.
    public func path(_ index: Int) -> String {
        var reader = FactsReader(bytes, from: index == 0 ? 0 : ends[index - 1], to: ends[index])
        return (try? reader.string()) ?? ""
    }

    /// Keeps the capacity it grew to small: the buffer doubles as it fills, which would leave up
    /// to half of it unused for the rest of the run.
    public mutating func trim() {
        func exact<Element>(_ array: [Element]) -> [Element] {
            var copy: [Element] = []
            copy.reserveCapacity(array.count)
            copy.append(contentsOf: array)
            return copy
        }
        bytes = exact(bytes)
        ends = exact(ends)
        linterNumbers = exact(linterNumbers)
        withSuppressions = exact(withSuppressions)
    }
}
