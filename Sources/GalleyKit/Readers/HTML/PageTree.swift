import MarkupParser

/// A parsed page with what every step of finding its article asks about it: where each
/// element's subtree ends, and its class and id words. Nodes are in document order (preorder),
/// so node `i`'s subtree is `i..<subtreeEnd[i]` and a parent always comes before its children.
struct PageTree {
    let tree: MarkupTree
    /// One past the last node of each node's subtree.
    let subtreeEnd: [Int32]
    /// What each element is, for the names that matter (`.other` for text and the rest).
    let codes: [ElementCode]

    init(_ tree: MarkupTree) {
        self.tree = tree
        var ends = [Int32](repeating: 0, count: tree.nodes.count)
        var codes = [ElementCode](repeating: .other, count: tree.nodes.count)
        var index = tree.nodes.count - 1
        while index >= 0 {
            if tree.nodes[index].kind == .element { codes[index] = ElementCode(tree.nodes[index].name) }
            var end = Int32(index + 1)
            var child = tree.nodes[index].firstChild
            while child != MarkupTree.none {
                end = ends[Int(child)]
                child = tree.nodes[Int(child)].nextSibling
            }
            ends[index] = end
            index -= 1
        }
        subtreeEnd = ends
        self.codes = codes
    }

    func code(_ index: Int32) -> ElementCode { codes[Int(index)] }

    var count: Int { tree.nodes.count }

    subscript(index: Int32) -> MarkupNode { tree.nodes[Int(index)] }

    func isElement(_ index: Int32) -> Bool { tree.nodes[Int(index)].kind == .element }

    func name(_ index: Int32) -> String { tree.nodes[Int(index)].name }

    func attribute(_ name: String, of index: Int32) -> String? { tree.attribute(name, of: tree.nodes[Int(index)]) }

    /// Whether `node` is `ancestor` or inside it.
    func contains(_ ancestor: Int32, _ node: Int32) -> Bool {
        node >= ancestor && node < subtreeEnd[Int(ancestor)]
    }

    func parent(_ index: Int32) -> Int32 { tree.nodes[Int(index)].parent }

    /// The nearest ancestor (or the node itself) satisfying `predicate`.
    func ancestor(of index: Int32, includingSelf: Bool = true, where predicate: (Int32) -> Bool) -> Int32? {
        var current = includingSelf ? index : parent(index)
        while current != MarkupTree.none {
            if predicate(current) { return current }
            current = parent(current)
        }
        return nil
    }

    /// The first element called `name`, in document order.
    func first(_ name: String) -> Int32? {
        for index in tree.nodes.indices where tree.nodes[index].kind == .element && tree.nodes[index].name == name {
            return Int32(index)
        }
        return nil
    }

    /// Every element of the subtree of `root`, the root included.
    func elements(in root: Int32) -> some Sequence<Int32> {
        (root..<subtreeEnd[Int(root)]).lazy.filter { tree.nodes[Int($0)].kind == .element }
    }

    /// Lower-case words of the element's `class` and `id` (split at anything but letters and
    /// digits). An id of four words or more is a heading's text made into an anchor
    /// (`sharing-with-a-single-developer`), which says nothing about the element's purpose.
    func hintWords(_ index: Int32) -> [Substring] {
        var words: [Substring] = []
        for attribute in tree.attributes(of: tree.nodes[Int(index)]) where attribute.name == "class" || attribute.name == "id" {
            let lowered = attribute.value.lowercased()
            let split = lowered.split { !($0.isLetter || $0.isNumber) }
            if attribute.name == "id", split.filter({ $0.first?.isLetter == true }).count >= 4 { continue }
            words += split
        }
        return words
    }

    /// The element as a reader would recognise it in the source: `<div class="body" role="main">`.
    func describe(_ index: Int32) -> String {
        var text = "<" + name(index)
        for key in ["id", "class", "role"] {
            guard let value = attribute(key, of: index) else { continue }
            let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            var shown = words.joined(separator: " ")
            if shown.count > 40 { shown = String(shown.prefix(39)) + "…" }
            text += " \(key)=\"\(shown)\""
        }
        return text + ">"
    }

    /// Decoded text of the subtree, for short elements (links, buttons).
    func text(of index: Int32, limit: Int = 200) -> String {
        var bytes: [UInt8] = []
        for node in index..<subtreeEnd[Int(index)] where tree.nodes[Int(node)].kind == .text || tree.nodes[Int(node)].kind == .cdata {
            bytes += tree.text(of: tree.nodes[Int(node)])
            if bytes.count > limit { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The element names finding the article asks about, recognised once per element by length
/// and first letter: comparing a name with a dozen strings per question cost more than the
/// questions.
enum ElementCode: UInt8 {
    case other, a, article, aside, body, button, dialog, footer, form, header, html, main, nav, invisible
    case h1, h2, h3, h4, h5, h6

    init(_ name: String) {
        let bytes = name.utf8
        guard let first = bytes.first else {
            self = .other
            return
        }
        switch (bytes.count, first) {
        case (1, UInt8(ascii: "a")): self = .a
        case (2, UInt8(ascii: "h")):
            let level = bytes[bytes.index(after: bytes.startIndex)]
            self = level >= UInt8(ascii: "1") && level <= UInt8(ascii: "6") ? ElementCode(rawValue: ElementCode.h1.rawValue + level - UInt8(ascii: "1"))! : .other
        case (3, UInt8(ascii: "n")): self = name == "nav" ? .nav : .other
        case (3, UInt8(ascii: "s")), (3, UInt8(ascii: "m")): self = name == "svg" || name == "map" ? .invisible : .other
        case (4, UInt8(ascii: "m")): self = name == "main" ? .main : name == "math" ? .invisible : .other
        case (4, UInt8(ascii: "b")): self = name == "body" ? .body : .other
        case (4, UInt8(ascii: "h")): self = name == "html" ? .html : name == "head" ? .invisible : .other
        case (4, UInt8(ascii: "f")): self = name == "form" ? .form : .other
        case (5, UInt8(ascii: "a")): self = name == "aside" ? .aside : name == "audio" ? .invisible : .other
        case (5, UInt8(ascii: "i")): self = name == "input" ? .invisible : .other
        case (5, UInt8(ascii: "s")): self = name == "style" ? .invisible : .other
        case (5, UInt8(ascii: "t")): self = name == "title" ? .invisible : .other
        case (5, UInt8(ascii: "e")): self = name == "embed" ? .invisible : .other
        case (5, UInt8(ascii: "v")): self = name == "video" ? .invisible : .other
        case (6, UInt8(ascii: "b")): self = name == "button" ? .button : .other
        case (6, UInt8(ascii: "d")): self = name == "dialog" ? .dialog : .other
        case (6, UInt8(ascii: "f")): self = name == "footer" ? .footer : .other
        case (6, UInt8(ascii: "h")): self = name == "header" ? .header : .other
        case (6, UInt8(ascii: "s")): self = name == "script" || name == "select" ? .invisible : .other
        case (6, UInt8(ascii: "i")): self = name == "iframe" ? .invisible : .other
        case (6, UInt8(ascii: "o")): self = name == "object" ? .invisible : .other
        case (6, UInt8(ascii: "c")): self = name == "canvas" ? .invisible : .other
        case (7, UInt8(ascii: "a")): self = name == "article" ? .article : .other
        case (8, UInt8(ascii: "n")): self = name == "noscript" ? .invisible : .other
        case (8, UInt8(ascii: "t")): self = name == "template" || name == "textarea" ? .invisible : .other
        default: self = .other
        }
    }

    var isHeading: Bool { rawValue >= ElementCode.h1.rawValue && rawValue <= ElementCode.h6.rawValue }
}
