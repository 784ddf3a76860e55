extension RuleContext {
    /// UTF-8 ranges of the sentences in block `index` (a block always ends a sentence).
    func sentences(inBlock index: Int) -> [Range<Int>] {
        SentenceSplitter.sentences(in: document.blocks[index].text.text)
    }
}
