/// Derives the outline from heading blocks: each heading opens a section that runs to the next
/// heading of the same or a higher level, or to the end of the element that holds it (an HTML
/// `<section>`, a DocBook section), whichever comes first.
enum SectionBuilder {
    /// `explicitEnds`: heading block → first block after the element that bounds its section.
    static func assignSections(_ document: inout Document, explicitEnds: [Int: Int] = [:]) {
        var sections: [Section] = []
        var open: [Int] = []
        var headings: [Int] = []
        for index in document.blocks.indices {
            let block = document.blocks[index]
            while let top = open.last, let end = explicitEnds[sections[top].heading], end <= index {
                sections[top].blocks = sections[top].blocks.lowerBound..<end
                open.removeLast()
            }
            if block.kind == .heading {
                headings.append(index)
                while let top = open.last, sections[top].level >= block.level {
                    sections[top].blocks = sections[top].blocks.lowerBound..<index
                    open.removeLast()
                }
                let section = Section(heading: index, level: block.level, blocks: index..<document.blocks.count, parent: open.last)
                sections.append(section)
                if let parent = open.last { sections[parent].children.append(sections.count - 1) }
                open.append(sections.count - 1)
            }
            document.blocks[index].section = open.last
        }
        document.sections = sections
        document.headings = headings
        for list in document.lists.indices {
            let first = document.lists[list].items.lazy.compactMap { $0.blocks.first }.first
            document.lists[list].section = first.flatMap { document.blocks[$0].section }
        }
    }
}
