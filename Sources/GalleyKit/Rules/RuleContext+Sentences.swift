extension RuleContext {
    /// UTF-8 ranges of the sentences in block `index` (a block always ends a sentence), split
    /// where the tokenizer noted possible ends while reading the block's words.
    func sentences(inBlock index: Int) -> [Range<Int>] {
        _ = unitWords
        var text = document.blocks[index].text.text
        return text.withUTF8 { SentenceSplitter.sentences(in: $0, candidates: unitStops[index]) }
    }
}
