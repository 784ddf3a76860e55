extension RuleContext {
    /// UTF-8 ranges of the sentences in block `index` (a block always ends a sentence).
    func sentences(inBlock index: Int) -> [Range<Int>] {
        InterimSentences.split(document.blocks[index].text.text)
    }
}

/// Ends sentences at `.`, `!` or `?` followed by a space and a capital, a digit or a quote.
/// Interim: the readability work brings the full splitter (abbreviations, initials, decimals).
enum InterimSentences {
    static func split(_ text: String) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        var sentences: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                var end = index + 1
                while end < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: ")")].contains(bytes[end]) { end += 1 }
                if end + 1 < bytes.count, bytes[end] == 0x20, bytes[end + 1] >= 0x41 && bytes[end + 1] <= 0x5A || (end + 1 < bytes.count && bytes[end] == 0x20 && bytes[end + 1] >= 0x80) {
                    sentences.append(start..<end)
                    start = end + 1
                }
                index = end
                continue
            }
            index += 1
        }
        if start < bytes.count { sentences.append(start..<bytes.count) }
        return sentences
    }
}
