/// One document as Vale's rules read it, built once per document and shared by every Vale rule.
final class ValeDocument {
    /// A piece of text a rule runs on: a block's text (or a sentence of it), the summary, or
    /// the raw file.
    struct Unit {
        let kind: ValeUnitKind
        /// Index into `texts`.
        let text: Int
        /// UTF-8 range of the unit in its text.
        let range: Range<Int>
        /// Source offset after which inline comments no longer change how the unit is linted
        /// (Vale reads a block's comments before it lints the block).
        let commentHorizon: Int
    }

    static let key = Key()
    /// The summary and raw kinds, whose texts are not block texts.
    static let sizedKinds: UInt32 = 1 << UInt32(ValeUnitKind.summary.rawValue) | 1 << UInt32(ValeUnitKind.raw.rawValue)
    final class Key: Sendable {}

    let document: Document
    /// The file's extension, without the dot, as scopes such as `text.md` name it.
    let ext: String
    /// The Vale text of every block, then (when asked for) the summary and the raw file.
    private(set) var texts: [ValeText] = []
    /// Unit kind of each block text (`texts[i]` for `i < blockCount`).
    private var blockKinds: [ValeUnitKind?] = []
    /// Where each block ends in the source: its units' comment horizon.
    private var blockEnds: [Int] = []
    private let blockCount: Int
    let comments: ValeComments

    init(_ document: Document) {
        self.document = document
        ext = Self.fileExtension(of: document.path)
        let bytes = document.source.bytes
        // Built in locals and stored once: appending to the properties checks exclusive access
        // at every append.
        var texts: [ValeText] = []
        var blockKinds: [ValeUnitKind?] = []
        var blockEnds: [Int] = []
        texts.reserveCapacity(document.blocks.count + 2)
        blockKinds.reserveCapacity(document.blocks.count)
        blockEnds.reserveCapacity(document.blocks.count)
        var scratch = ValeTextScratch()
        let format = document.format
        document.blocks.withUnsafeBufferPointer { blocks in
            // Read in place: a copy of each block retains all it holds.
            for index in blocks.indices {
                texts.append(ValeText(blocks[index].text, source: bytes, format: format, blockStart: blocks[index].range.start,
                                      scratch: &scratch))
                blockKinds.append(Self.kind(of: blocks[index]))
                blockEnds.append(blocks[index].range.end)
            }
        }
        self.texts = texts
        self.blockKinds = blockKinds
        self.blockEnds = blockEnds
        sentenceCache = Array(repeating: nil, count: document.blocks.count)
        blockCount = document.blocks.count
        comments = ValeComments(document)
    }

    /// The last dotted part of the path's last component ("" without a dot), each found from
    /// the end (`ValeSession.lastPiece`, as a split would find it).
    static func fileExtension(of path: String) -> String {
        let name = ValeSession.lastPiece(of: Substring(path), separator: "/") ?? Substring(path)
        guard ValeSession.contains(String(name), ".") else { return "" }
        return String(ValeSession.lastPiece(of: name, separator: ".") ?? "")
    }

    /// Vale's name for a Galley block; nil for blocks Vale does not read.
    private static func kind(of block: Block) -> ValeUnitKind? {
        if block.text.isEmpty { return nil }
        switch block.kind {
        case .heading: return .heading(block.level)
        case .paragraph, .term, .definition: return block.isQuoted ? .blockquote : .text
        case .listItem: return .list
        case .quote: return .blockquote
        case .tableCell: return .tableCell
        case .caption: return .caption
        case .altText: return .alt
        }
    }

    func text(_ index: Int) -> ValeText { texts[index] }

    /// Units by scope mask: a document meets a handful of masks, asked for by every rule, so a
    /// short list read in order costs less than hashing.
    private var unitCache: [(mask: UInt32, units: [Unit])] = []
    /// Sentences of each block text, split when first asked for.
    private var sentenceCache: [[Range<Int>]?] = []
    private var summaryIndex: Int?
    private var rawIndex: Int?

    /// The units of the kinds in `mask`, in document order (summary and raw last, as Vale runs them).
    func units(mask: UInt32) -> [Unit] {
        for entry in unitCache where entry.mask == mask { return entry.units }
        func wants(_ kind: ValeUnitKind) -> Bool { mask & (1 << UInt32(kind.rawValue)) != 0 }
        var result: [Unit] = []
        result.reserveCapacity(blockCount + 2)
        for index in 0..<blockCount {
            guard let kind = blockKinds[index] else { continue }
            let horizon = blockEnds[index]
            let whole = 0..<texts[index].run.utf8Count
            if kind == .text {
                if wants(.paragraph) { result.append(Unit(kind: .paragraph, text: index, range: whole, commentHorizon: horizon)) }
                if wants(.sentence) {
                    for sentence in sentences(index) { result.append(Unit(kind: .sentence, text: index, range: sentence, commentHorizon: horizon)) }
                }
            }
            if wants(kind) { result.append(Unit(kind: kind, text: index, range: whole, commentHorizon: horizon)) }
        }
        if wants(.summary) {
            let index = summaryText()
            result.append(Unit(kind: .summary, text: index, range: 0..<texts[index].run.utf8Count, commentHorizon: Int.max))
        }
        if wants(.raw) {
            let index = rawText()
            result.append(Unit(kind: .raw, text: index, range: 0..<texts[index].run.utf8Count, commentHorizon: Int.max))
        }
        unitCache.append((mask, result))
        return result
    }

    /// Sentences of a prose block's text (trimmed, as Vale trims them).
    private func sentences(_ index: Int) -> [Range<Int>] {
        if let cached = sentenceCache[index] { return cached }
        var text = texts[index].run.text
        let ranges = text.withUTF8 { SentenceSplitter.sentences(in: $0) }
        sentenceCache[index] = ranges
        return ranges
    }

    /// Vale's summary: the prose, list items and quotes, one after another, "\n\n" between them.
    private func summaryText() -> Int {
        if let summaryIndex { return summaryIndex }
        var text = ""
        var pieces: [(text: Range<Int>, source: Range<Int>)] = []
        for index in 0..<blockCount {
            guard let kind = blockKinds[index], kind == .text || kind == .list || kind == .blockquote else { continue }
            let run = texts[index].run
            let base = text.utf8.count
            text += run.text
            pieces += run.pieces.map { ((base + $0.text.lowerBound)..<(base + $0.text.upperBound), $0.source) }
            let end = run.sourceRange.end
            let separator = text.utf8.count
            text += "\n\n"
            pieces.append((separator..<separator + 2, end..<end))
        }
        let exact = texts[..<blockCount].contains { $0.needsExactWords }
        texts.append(ValeText(run: TextRun(text: text, pieces: pieces), needsExactWords: exact))
        summaryIndex = texts.count - 1
        return texts.count - 1
    }

    private func rawText() -> Int {
        if let rawIndex { return rawIndex }
        texts.append(ValeText(raw: document.source))
        rawIndex = texts.count - 1
        return texts.count - 1
    }

    /// Whether the block holding `unit` is a paragraph's prose (for `text` kinds).
    var blockTextCount: Int { blockCount }
}
