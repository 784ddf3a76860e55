import MarkupParser

/// How much visible text each element holds, and how much of it is link text: the measures
/// content extraction works with. Left-out elements and elements that show no text (scripts,
/// styles, embedded media) count for nothing.
struct TextStats {
    /// Characters of text other than whitespace, per node (its whole subtree).
    private(set) var characters: [Int32]
    /// Of those, characters inside links.
    private(set) var linkCharacters: [Int32]
    /// Commas (and their equivalents in other scripts) in the subtree's text.
    private(set) var commas: [Int32]

    static let invisible: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "select",
        "textarea", "head", "title", "button", "input", "audio", "video", "map",
    ]

    init(page: PageTree, excluded: [Bool]) {
        let tree = page.tree
        let count = page.count
        characters = [Int32](repeating: 0, count: count)
        linkCharacters = [Int32](repeating: 0, count: count)
        commas = [Int32](repeating: 0, count: count)
        var index = count - 1
        while index >= 0 {
            defer { index -= 1 }
            let node = tree.nodes[index]
            if excluded[index] {
                continue
            }
            switch node.kind {
            case .text, .cdata:
                var visible: Int32 = 0
                var commaCount: Int32 = 0
                var previous: UInt8 = 0
                for byte in tree.text(of: node) {
                    // Count characters, not bytes: continuation bytes of UTF-8 are skipped.
                    if byte > 0x20, byte & 0xC0 != 0x80 { visible += 1 }
                    if byte == UInt8(ascii: ",") { commaCount += 1 }
                    // U+FF0C (，), U+060C (،), U+3001 (、): the comma of CJK and Arabic text.
                    if (previous == 0xEF && byte == 0xBC) || (previous == 0xD8 && byte == 0x8C) || (previous == 0xE3 && byte == 0x80) {
                        commaCount += 1
                    }
                    previous = byte
                }
                characters[index] = visible
                commas[index] = commaCount
            case .element:
                if Self.invisible.contains(node.name) {
                    characters[index] = 0
                    linkCharacters[index] = 0
                    commas[index] = 0
                    continue
                }
                if node.name == "a" { linkCharacters[index] = characters[index] }
            default:
                break
            }
            let parent = Int(node.parent)
            if node.parent != MarkupTree.none {
                characters[parent] += characters[index]
                linkCharacters[parent] += linkCharacters[index]
                commas[parent] += commas[index]
            }
        }
    }

    func characters(_ index: Int32) -> Int { Int(characters[Int(index)]) }

    /// Share of the element's text that is link text, 0 to 1.
    func linkDensity(_ index: Int32) -> Double {
        let total = characters[Int(index)]
        return total == 0 ? 0 : Double(linkCharacters[Int(index)]) / Double(total)
    }

    func commas(_ index: Int32) -> Int { Int(commas[Int(index)]) }

    /// Characters outside links.
    func ownCharacters(_ index: Int32) -> Int { Int(characters[Int(index)] - linkCharacters[Int(index)]) }
}
