import MarkupParser

/// How much visible text each element holds, and how much of it is link text: the measures
/// content extraction works with. Left-out elements and elements that show no text (scripts,
/// styles, embedded media) count for nothing.
struct TextStats {
    /// Bytes of text, white space around each text node aside, per node (its whole subtree).
    private(set) var characters: [Int32]
    /// Of those, characters inside links.
    private(set) var linkCharacters: [Int32]
    private let page: PageTree
    private let excluded: [Bool]

    static let invisible: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "select",
        "textarea", "head", "title", "button", "input", "audio", "video", "map",
    ]

    init(page: PageTree, excluded: [Bool]) {
        self.page = page
        self.excluded = excluded
        let tree = page.tree
        let count = page.count
        var characters = [Int32](repeating: 0, count: count)
        var linkCharacters = [Int32](repeating: 0, count: count)
        tree.textBytes.withUnsafeBufferPointer { text in
            var index = count - 1
            while index >= 0 {
                defer { index -= 1 }
                guard !excluded[index] else { continue }
                switch tree.nodes[index].kind {
                case .text, .cdata:
                    // The text's length without the white space around it (indentation between
                    // tags is none), in UTF-8 bytes: measuring needs no pass over every byte.
                    let range = tree.nodes[index].text
                    var start = Int(range.lowerBound)
                    var end = Int(range.upperBound)
                    while start < end, text[start] <= 0x20 { start += 1 }
                    while end > start, text[end - 1] <= 0x20 { end -= 1 }
                    characters[index] = Int32(end - start)
                case .element:
                    let code = page.codes[index]
                    if code == .a {
                        linkCharacters[index] = characters[index]
                    } else if characters[index] > 0, code == .invisible || code == .button {
                        characters[index] = 0
                        linkCharacters[index] = 0
                        continue
                    }
                default:
                    break
                }
                let parentIndex = tree.nodes[index].parent
                if parentIndex != MarkupTree.none {
                    let parent = Int(parentIndex)
                    characters[parent] += characters[index]
                    linkCharacters[parent] += linkCharacters[index]
                }
            }
        }
        self.characters = characters
        self.linkCharacters = linkCharacters
    }

    func characters(_ index: Int32) -> Int { Int(characters[Int(index)]) }

    /// Share of the element's text that is link text, 0 to 1.
    func linkDensity(_ index: Int32) -> Double {
        let total = characters[Int(index)]
        return total == 0 ? 0 : Double(linkCharacters[Int(index)]) / Double(total)
    }

    /// Characters outside links.
    func ownCharacters(_ index: Int32) -> Int { Int(characters[Int(index)] - linkCharacters[Int(index)]) }

    /// Commas (and their equivalents in other scripts) in the element's visible text; only the
    /// scorer asks, for the few elements it scores.
    func commas(_ index: Int32) -> Int {
        let tree = page.tree
        var count = 0
        var pending = [index]
        while let current = pending.popLast() {
            guard !excluded[Int(current)] else { continue }
            let node = tree.nodes[Int(current)]
            switch node.kind {
            case .text, .cdata:
                var previous: UInt8 = 0
                for byte in tree.text(of: node) {
                    if byte == UInt8(ascii: ",") { count += 1 }
                    // U+FF0C (，), U+060C (،), U+3001 (、): the comma of CJK and Arabic text.
                    if (previous == 0xEF && byte == 0xBC) || (previous == 0xD8 && byte == 0x8C) || (previous == 0xE3 && byte == 0x80) { count += 1 }
                    previous = byte
                }
            case .element where !Self.invisible.contains(node.name):
                pending.append(contentsOf: tree.children(of: current))
            default:
                break
            }
        }
        return count
    }
}
